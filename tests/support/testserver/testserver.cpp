// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "tests/support/testserver/testserver.h"

#include "tests/support/testserver/servercore.h"

namespace psm::testsupport {

nlohmann::ordered_json RecordedRequest::json() const
{
    return nlohmann::ordered_json::parse(body.begin(), body.end(), nullptr, false);
}

QString expectedReply(const QString &lastUserText)
{
    return QStringLiteral("You said: ") + lastUserText.simplified();
}

qint64 wordCount(const QString &text)
{
    return text.split(QLatin1Char(' '), Qt::SkipEmptyParts).size();
}

TestServer::TestServer()
    : m_core(std::make_unique<ServerCore>())
{
}

TestServer::~TestServer() = default;

bool TestServer::start()
{
    return m_core->start();
}

void TestServer::stop()
{
    m_core->stop();
}

quint16 TestServer::port() const
{
    return m_core->m_port;
}

QString TestServer::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(port());
}

void TestServer::setOptions(const ServerOptions &options)
{
    QMutexLocker lock(&m_core->m_mutex);
    m_core->m_options = options;
    m_core->m_gateOpen = false;
    ++m_core->m_gateGeneration;
}

void TestServer::pushFault(const QString &directive)
{
    QString error;
    FaultDirective::parse(directive, &error);
    if (!error.isEmpty())
        qFatal("TestServer::pushFault: %s", qPrintable(error)); // a typo must not test nothing
    QMutexLocker lock(&m_core->m_mutex);
    m_core->m_faults.push_back(directive);
}

void TestServer::clearFaults()
{
    QMutexLocker lock(&m_core->m_mutex);
    m_core->m_faults.clear();
}

QList<RecordedRequest> TestServer::requests() const
{
    QMutexLocker lock(&m_core->m_mutex);
    return m_core->m_requests;
}

int TestServer::requestCount() const
{
    QMutexLocker lock(&m_core->m_mutex);
    return int(m_core->m_requests.size());
}

int TestServer::maxConcurrent() const
{
    QMutexLocker lock(&m_core->m_mutex);
    return m_core->m_maxConcurrent;
}

void TestServer::resetStats()
{
    QMutexLocker lock(&m_core->m_mutex);
    m_core->m_requests.clear();
    m_core->m_maxConcurrent = m_core->m_inFlight;
    m_core->m_gateOpen = false;
    ++m_core->m_gateGeneration;
    m_core->m_faults.clear();
}

} // namespace psm::testsupport
