// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/ledger/ledgerworker.h"

#include <QMetaObject>

#include <algorithm>
#include <cerrno>
#include <optional>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace psm::core {
namespace {

// The replies of the batch being written on this thread, or nullptr outside a batch.
thread_local std::vector<std::function<void()>> *t_replies = nullptr;

// Recording is bookkeeping that may lag a little: the threads that stream answers and paint
// them should win the CPU when both want it. Linux keeps a nice value per thread; a higher one
// gives this thread a smaller share only while others are busy, never none.
void yieldToStreaming()
{
#ifdef Q_OS_LINUX
    constexpr int kLowerBy = 10;
    const id_t self = id_t(gettid());
    errno = 0;
    const int current = getpriority(PRIO_PROCESS, self);
    if (errno == 0)
        setpriority(PRIO_PROCESS, self, std::min(current + kLowerBy, 19));
#endif
}

} // namespace

struct LedgerWorker::State {
    std::optional<core::Ledger> ledger;
    core::Error error;
    std::function<void(const core::Error &)> commitFailed;
};

LedgerWorker::LedgerWorker(QString path, Commit commit)
    : m_path(std::move(path))
    , m_commit(commit)
    , m_context(new QObject)
    , m_state(new State)
{
    m_thread.setObjectName(QStringLiteral("psm-ledger"));
    m_context->moveToThread(&m_thread);
    m_thread.start();
    QMetaObject::invokeMethod(m_context, &yieldToStreaming, Qt::QueuedConnection);
}

LedgerWorker::~LedgerWorker()
{
    // Queued after the drain of every pending task, so nothing posted is lost; the ledger
    // closes on its own thread.
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

void LedgerWorker::setCommitFailed(std::function<void(const core::Error &)> handler)
{
    State *state = m_state;
    QMetaObject::invokeMethod(
        m_context, [state, handler = std::move(handler)] { state->commitFailed = handler; },
        Qt::QueuedConnection);
}

void LedgerWorker::post(Task task)
{
    QMutexLocker lock(&m_mutex);
    m_pending.push_back(std::move(task));
    if (m_drainQueued)
        return;
    m_drainQueued = true;
    QMetaObject::invokeMethod(
        m_context, [this] { drain(); }, Qt::QueuedConnection);
}

void LedgerWorker::afterCommit(std::function<void()> reply)
{
    if (t_replies)
        t_replies->push_back(std::move(reply));
    else
        reply();
}

void LedgerWorker::drain()
{
    std::vector<Task> tasks;
    {
        QMutexLocker lock(&m_mutex);
        tasks.swap(m_pending);
        m_drainQueued = false;
    }
    State *state = m_state;
    // A failed open is not remembered: the next drain tries again, so one moment of trouble
    // (a lock held past the open's retries, a folder not there yet) does not leave a whole
    // session unrecorded.
    if (!state->ledger) {
        auto opened = core::Ledger::open(m_path);
        if (opened)
            state->ledger.emplace(std::move(*opened));
        else
            state->error = opened.error();
    }
    if (!state->ledger) {
        for (const Task &task : tasks)
            task(nullptr, &state->error);
        return;
    }
    core::Ledger *ledger = &*state->ledger;
    if (m_commit == Commit::EachTask || tasks.size() == 1) {
        for (const Task &task : tasks)
            task(ledger, nullptr);
        return;
    }
    std::vector<std::function<void()>> replies;
    t_replies = &replies;
    const Status committed = ledger->batch([&] {
        for (const Task &task : tasks)
            task(ledger, nullptr);
    });
    t_replies = nullptr;
    if (!committed && state->commitFailed)
        state->commitFailed(committed.error());
    for (const auto &reply : replies)
        reply();
}

} // namespace psm::core
