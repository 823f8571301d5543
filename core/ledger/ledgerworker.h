// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"
#include "core/ledger/ledger.h"

#include <QMutex>
#include <QObject>
#include <QThread>

#include <functional>
#include <vector>

namespace psm::core {

// Keeps SQLite off the caller's thread: owns one thread on which the Ledger is opened (lazily,
// on first use, and again by each task until an open succeeds) and used, and runs posted tasks
// there in the order they were posted. Tasks get the ledger, or nullptr with the open error.
// The destructor runs every pending task first.
//
// Commit::Batched (the run engine's, whose grid writes two rows per call): the tasks waiting
// when the thread comes round run in one transaction (Ledger::batch), since a commit costs far
// more than a row. A task tells other threads about its writes through afterCommit(), so that
// nobody hears of a row before it is in the file. A crash loses the batch being written, which
// holds only tasks that were still queued in memory, as before; nothing already reported.
class LedgerWorker final {
public:
    using Task = std::function<void(core::Ledger *ledger, const core::Error *openError)>;
    enum class Commit { EachTask, Batched };

    explicit LedgerWorker(QString path, Commit commit = Commit::EachTask);
    ~LedgerWorker();
    LedgerWorker(const LedgerWorker &) = delete;
    LedgerWorker &operator=(const LedgerWorker &) = delete;

    void post(Task task);
    QString path() const { return m_path; }

    // Called on the ledger thread when a batch could not be committed (its writes are lost).
    void setCommitFailed(std::function<void(const core::Error &)> handler);

    // From a task: runs `reply` once the task's writes are committed; at once outside a batch.
    static void afterCommit(std::function<void()> reply);

private:
    struct State;
    void drain(); // the ledger thread

    QString m_path;
    Commit m_commit;
    QThread m_thread;
    QObject *m_context = nullptr; // lives on m_thread; drains are queued to it
    State *m_state = nullptr; // touched only on m_thread
    QMutex m_mutex; // guards m_pending and m_drainQueued
    std::vector<Task> m_pending;
    bool m_drainQueued = false;
};

} // namespace psm::core
