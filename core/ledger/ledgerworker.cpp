// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/ledger/ledgerworker.h"

#include <QMetaObject>

#include <optional>

namespace psm::core {

struct LedgerWorker::State {
    std::optional<core::Ledger> ledger;
    core::Error error;
};

LedgerWorker::LedgerWorker(QString path)
    : m_path(std::move(path))
    , m_context(new QObject)
    , m_state(new State)
{
    m_thread.setObjectName(QStringLiteral("psm-ledger"));
    m_context->moveToThread(&m_thread);
    m_thread.start();
}

LedgerWorker::~LedgerWorker()
{
    // Queued after every pending task, so nothing posted is lost; the ledger closes on its
    // own thread.
    State *state = m_state;
    QObject *context = m_context;
    QMetaObject::invokeMethod(
        m_context,
        [state, context] {
            delete state;
            delete context;
            QThread::currentThread()->quit();
        },
        Qt::QueuedConnection);
    m_thread.wait();
}

void LedgerWorker::post(Task task)
{
    State *state = m_state;
    const QString path = m_path;
    QMetaObject::invokeMethod(
        m_context,
        [state, path, task = std::move(task)] {
            // A failed open is not remembered: the next task tries again, so one moment of
            // trouble (a lock held past the open's retries, a folder not there yet) does not
            // leave a whole session unrecorded.
            if (!state->ledger) {
                auto opened = core::Ledger::open(path);
                if (opened)
                    state->ledger.emplace(std::move(*opened));
                else
                    state->error = opened.error();
            }
            if (state->ledger)
                task(&*state->ledger, nullptr);
            else
                task(nullptr, &state->error);
        },
        Qt::QueuedConnection);
}

} // namespace psm::core
