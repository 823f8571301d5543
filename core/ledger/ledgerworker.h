// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"
#include "core/ledger/ledger.h"

#include <QObject>
#include <QThread>

#include <functional>

namespace psm::core {

// Keeps SQLite off the caller's thread: owns one thread on which the Ledger is opened (lazily,
// on first use, and again by each task until an open succeeds) and used, and runs posted tasks
// there in the order they were posted. Tasks get the ledger, or nullptr with the open error.
// The destructor runs every pending task first.
class LedgerWorker final {
public:
    using Task = std::function<void(core::Ledger *ledger, const core::Error *openError)>;

    explicit LedgerWorker(QString path);
    ~LedgerWorker();
    LedgerWorker(const LedgerWorker &) = delete;
    LedgerWorker &operator=(const LedgerWorker &) = delete;

    void post(Task task);
    QString path() const { return m_path; }

private:
    struct State;
    QString m_path;
    QThread m_thread;
    QObject *m_context = nullptr; // lives on m_thread; tasks are queued to it
    State *m_state = nullptr; // touched only on m_thread
};

} // namespace psm::core
