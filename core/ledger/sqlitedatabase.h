// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"
#include "core/ledger/sqlitestatement.h"

#include <QString>
#include <QtGlobal>

#include <functional>
#include <memory>
#include <unordered_map>
#include <utility>

struct sqlite3;

namespace psm::core {

// Owns one sqlite3 connection. Move-only; it must be used only on the thread that opened it
// (background tasks open their own). Every failure carries sqlite3_errmsg captured at once.
class SqliteDatabase final {
public:
    enum class Mode { ReadWrite, ReadWriteCreate, ReadOnly };

    // Opens the connection only: no pragma, no write. The caller decides what is safe to do
    // with an existing file before touching it.
    static Result<SqliteDatabase> open(const QString &path, Mode mode);

    SqliteDatabase(SqliteDatabase &&) noexcept = default;
    SqliteDatabase &operator=(SqliteDatabase &&) noexcept = default;
    ~SqliteDatabase();

    QString path() const { return m_path; }

    // Runs one or more statements that return no rows of interest.
    Status exec(const char *sql);
    Result<SqliteStatement> prepare(const char *sql);
    // A statement prepared once per connection and kept for the next call with the same
    // `sql`, which must be a string literal (it is keyed by address). Preparing the calls
    // table's writes compiles the cost-summary triggers, which costs far more than running
    // them; the hot per-call writes reuse theirs. The handle resets and unbinds it when done,
    // so it holds no lock between uses.
    class Reused final {
    public:
        explicit Reused(SqliteStatement *stmt)
            : m_stmt(stmt)
        {
        }
        Reused(Reused &&other) noexcept
            : m_stmt(std::exchange(other.m_stmt, nullptr))
        {
        }
        Reused &operator=(Reused &&) = delete;
        ~Reused()
        {
            if (m_stmt)
                m_stmt->reset();
        }
        SqliteStatement &statement() const { return *m_stmt; }

    private:
        SqliteStatement *m_stmt;
    };
    Result<Reused> reuse(const char *sql);
    // The first column of the first row ("PRAGMA user_version", "SELECT count(*) ...").
    Result<qint64> scalarInt(const char *sql);
    Result<QString> scalarText(const char *sql);

    // BEGIN IMMEDIATE, run `body`, COMMIT; ROLLBACK when body or COMMIT fails. Inside an open
    // transaction, a savepoint instead: released when body succeeds, rolled back when it fails.
    Status transaction(const std::function<Status()> &body);

    qint64 lastInsertRowId() const;
    int changes() const;

    // An ErrorCode::Database error for `what`, with the connection's current error text.
    Error error(const QString &what) const;

    // True when `error` came from SQLITE_BUSY or SQLITE_LOCKED: another connection held a lock
    // and the same step may succeed when retried.
    static bool isBusy(const Error &error);

    // Called with the text of every statement run on connections opened after it is set
    // (sqlite3_trace_v2), from whichever thread runs it; nullptr to stop. For tests and
    // diagnostics: it makes work such as an integrity check observable from outside.
    using StatementObserver = void (*)(const char *sql);
    static void setStatementObserver(StatementObserver observer);

private:
    struct Closer {
        void operator()(sqlite3 *db) const;
    };
    SqliteDatabase(std::unique_ptr<sqlite3, Closer> db, QString path);

    void assertOwnerThread() const;

    std::unique_ptr<sqlite3, Closer> m_db;
    QString m_path;
    Qt::HANDLE m_ownerThread = nullptr; // checked in debug builds: no handle crosses threads
    // After m_db, so the statements are finalized before the connection closes.
    std::unordered_map<const char *, std::unique_ptr<SqliteStatement>> m_reused;
};

} // namespace psm::core
