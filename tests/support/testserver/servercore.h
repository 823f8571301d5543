// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "tests/support/testserver/faultdirective.h"
#include "tests/support/testserver/testserver.h"

#include <QMutex>
#include <QThread>

#include <deque>

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

    // Server thread: records a complete request and returns its fault and options.
    void admit(const RecordedRequest &request, FaultDirective &fault, ServerOptions &options);
    void release();

    mutable QMutex m_mutex;
    ServerOptions m_options;
    std::deque<QString> m_faults;
    QList<RecordedRequest> m_requests;
    int m_inFlight = 0;
    int m_maxConcurrent = 0;
    quint16 m_port = 0;

private:
    QThread m_thread;
    Listener *m_listener = nullptr;
};

} // namespace psm::testsupport
