// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"
#include "core/ledger/callrecord.h"

#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace psm::core {

class SqliteDatabase;

// The per-user call ledger: one SQLite file (WAL) holding every provider call with its attempts,
// tokens, cost and output; it also serves the response cache. A Ledger owns one connection, is
// move-only and stays on the thread that opened it: background tasks open their own instance.
// Parameters and error texts (where a key can appear: request settings, a server quoting the
// key it was sent) pass SecretRedactor on the way in, so no API key reaches the file. The
// model's output is stored verbatim: it is what the model said, and the response cache serves
// it back; a key-shaped string in it came from the model, not from the user's keys.
class Ledger final {
public:
    // $PROMPTSMITH_LEDGER when set, else <AppDataLocation>/ledger.sqlite3.
    static QString defaultPath();

    // Opens (creating if missing) and migrates the ledger at `path`, then marks calls left
    // running by processes that have ended as interrupted (interruptedcalls.h). A file that is
    // not a SQLite database, fails quick_check, belongs to another program or was written by a
    // newer Promptsmith gives ErrorCode::Database and is left byte-for-byte untouched.
    // quick_check runs on this process's first open of a file, not again while another
    // connection of this process holds it open. Another connection's lock is waited for: each
    // statement waits up to 5 s, and an open that still meets SQLITE_BUSY is retried whole for
    // up to 15 s, so a transient lock never fails it.
    static Result<Ledger> open(const QString &path);

    // A reader's connection that never writes: no migration, no housekeeping, no file created.
    // For views that only read, such as the cost dashboard, so that a look at the spend never
    // changes the ledger. A missing file is NotFound; a file below `minimumVersion` (written
    // before the tables the reader needs) is Conflict, and Ledger::open would migrate it; a
    // file that is foreign or newer is Database, as for open(). No quick_check (it reads the
    // whole file): damage found later is the query's error.
    static Result<Ledger> openReadOnly(const QString &path, int minimumVersion);

    // This thread's connection to `path`, opened on first use and kept until the thread ends
    // (a failed open is not kept: the next call tries again). For work that runs repeatedly on
    // pool threads, such as the run panel's history refresh; the pointer must not leave the
    // thread.
    static Result<Ledger *> forThisThread(const QString &path);

    Ledger(Ledger &&) noexcept;
    Ledger &operator=(Ledger &&) noexcept;
    ~Ledger();

    QString path() const;

    // Inserts the logical call with status Running and returns its id.
    Result<qint64> beginCall(const CallStart &start);
    // Adds (or, for the same attempt number, replaces) one attempt of call `callId`.
    Status recordAttempt(qint64 callId, const CallAttempt &attempt);
    // Completes call `callId` once; a second finish is a Conflict and changes nothing.
    Status finishCall(qint64 callId, const CallOutcome &outcome);

    // Runs `body` (this connection's writes, on this thread) as one write transaction, so that
    // many small writes reach the file in one commit instead of one each. A write in `body` that
    // fails is undone alone and the others stand; a method that needs its own transaction runs
    // as a savepoint. Fails, with every write of `body` undone, when the commit fails or an
    // error (disk full, I/O) rolled the transaction back; when the write lock cannot be had,
    // `body` runs with each write committed on its own, as without a batch.
    Status batch(const std::function<void()> &body);

    Result<std::optional<CallRecord>> call(qint64 callId) const;
    // Newest first, attempts included.
    Result<QList<CallRecord>> calls(const CallQuery &query) const;
    // Sorted by key (days ascending; prompts by workspace, then path); calls still running count
    // as unknown cost. `filter.limit` is ignored.
    Result<QList<CostRow>> costBy(CostGrouping grouping, const CallQuery &filter = {}) const;
    // The latest successful call with this request hash that was itself a provider call
    // (not a cache hit), or nullopt.
    Result<std::optional<CallRecord>> cachedResponse(const QString &requestHash) const;

private:
    friend class CostQuery; // the dashboard's read-only queries, on this connection
    friend class Grades; // human grades and pairwise judgements (grades.h)

    Ledger(std::unique_ptr<SqliteDatabase> db, std::shared_ptr<const void> integrityChecked);
    Status attachAttempts(CallRecord &record) const;

    std::unique_ptr<SqliteDatabase> m_db;
    std::shared_ptr<const void> m_integrityChecked; // keeps the file "checked" while open
};

} // namespace psm::core
