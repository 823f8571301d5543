// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/draftwriter.h"

namespace psm::ui {

DraftWriter::DraftWriter(const QString &storeDir, ErrorHandler onError)
    : m_store(storeDir)
    , m_onError(std::move(onError))
{
    m_pool.setMaxThreadCount(1);
    m_pool.setObjectName(QStringLiteral("draftWriter"));
}

DraftWriter::~DraftWriter()
{
    m_pool.waitForDone();
}

void DraftWriter::save(core::Draft draft)
{
    std::lock_guard lock(m_queueMutex);
    const auto key = std::make_pair(draft.workspaceRoot, draft.path);
    m_pending.insert_or_assign(key, std::move(draft));
    if (!m_draining) {
        m_draining = true;
        m_pool.start([this] { drain(); });
    }
}

void DraftWriter::drain()
{
    for (;;) {
        std::lock_guard write(m_writeMutex);
        core::Draft draft;
        {
            std::lock_guard lock(m_queueMutex);
            if (m_pending.empty()) {
                m_draining = false;
                return;
            }
            auto first = m_pending.begin();
            draft = std::move(first->second);
            m_pending.erase(first);
        }
        if (const auto saved = m_store.save(draft); !saved && m_onError)
            m_onError(draft.path, saved.error());
    }
}

core::Status DraftWriter::discard(const QString &workspaceRoot, const QString &path)
{
    // Holding the write lock: no draft is being written now, and the queued one for this file
    // (if any) is dropped before it can be.
    std::lock_guard write(m_writeMutex);
    {
        std::lock_guard lock(m_queueMutex);
        m_pending.erase(std::make_pair(workspaceRoot, path));
    }
    return m_store.discard(workspaceRoot, path);
}

} // namespace psm::ui
