// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "tests/support/testserver/faultdirective.h"
#include "tests/support/testserver/testserver.h"

#include <QMutex>
#include <QPointer>
#include <QThread>

#include <deque>
#include <functional>
#include <vector>

namespace psm::testsupport {

class Listener;

// The state tests and the server thread share (under m_mutex), and the server thread itself.
// The Listener (QTcpServer and its connections) lives only on m_thread.
class ServerCore final {
public:
    ServerCore() = default;
    ~ServerCore();
    ServerCore(const ServerCore &) = delete;
    ServerCore &operator=(const ServerCore &) = delete;

    bool start();
    void stop();

    // Server thread: records a complete request and returns its fault, options and scripted
    // answer text (null when no ReplyRule matches).
    void admit(const RecordedRequest &request, FaultDirective &fault, ServerOptions &options,
        QString &scripted);
    void release();
    // Server thread: runs `answer` now, or once ServerOptions::holdUntilConcurrent requests are
    // in progress (or the hold times out); not at all if `context` is gone by then.
    void whenGateOpens(QObject *context, std::function<void()> answer);

    mutable QMutex m_mutex;
    ServerOptions m_options;
    std::deque<QString> m_faults;
    QList<RecordedRequest> m_requests;
    int m_inFlight = 0;
    int m_maxConcurrent = 0;
    bool m_gateOpen = false; // reset by TestServer::resetStats() and setOptions()
    int m_gateGeneration = 0; // bumped with each reset, so a stale hold timer does nothing
    quint16 m_port = 0;

private:
    void releaseHeld(); // server thread

    std::vector<std::pair<QPointer<QObject>, std::function<void()>>> m_held; // server thread
    QThread m_thread;
    Listener *m_listener = nullptr;
};

} // namespace psm::testsupport
