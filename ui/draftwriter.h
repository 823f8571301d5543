// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/workspace/draftstore.h"

#include <QThreadPool>

#include <functional>
#include <map>
#include <mutex>

namespace psm::ui {

// Writes drafts off the GUI thread, in order, newest text only: save() queues a draft (a newer
// one for the same file replaces one not yet written) and returns at once; a single worker
// thread writes them atomically through its own DraftStore. discard() is synchronous and
// ordered after every save queued before it, so a discarded draft never comes back. Created
// and called on the GUI thread; `onError` runs on the worker thread.
class DraftWriter final {
    Q_DISABLE_COPY_MOVE(DraftWriter)
public:
    using ErrorHandler = std::function<void(const QString &path, const core::Error &error)>;

    DraftWriter(const QString &storeDir, ErrorHandler onError);
    ~DraftWriter(); // writes what is queued (small files), then returns

    void save(core::Draft draft);
    core::Status discard(const QString &workspaceRoot, const QString &path);

private:
    void drain();

    core::DraftStore m_store; // used by the worker, and by discard() under m_writeMutex
    ErrorHandler m_onError;
    QThreadPool m_pool; // one thread, so writes keep their order
    std::mutex m_writeMutex; // held while a draft is written or removed
    std::mutex m_queueMutex; // guards m_pending and m_draining
    std::map<std::pair<QString, QString>, core::Draft> m_pending;
    bool m_draining = false;
};

} // namespace psm::ui
