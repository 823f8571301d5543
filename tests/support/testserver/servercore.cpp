// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "tests/support/testserver/servercore.h"

#include "tests/support/testserver/fakeapis.h"

#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

namespace psm::testsupport {
namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

// One client connection on the server thread: parses requests (one at a time, keep-alive) and
// plays the planned answer, faults included.
class Connection final : public QObject {
public:
    Connection(QTcpSocket *socket, ServerCore *core)
        : QObject(socket)
        , m_socket(socket)
        , m_core(core)
    {
        connect(socket, &QTcpSocket::readyRead, this, [this] { parse(); });
        connect(socket, &QTcpSocket::disconnected, this, [this] {
            if (m_busy) {
                m_busy = false;
                m_core->release();
            }
            m_socket->deleteLater();
        });
    }

private:
    enum class End { Normal, Cut, Stall };

    void parse()
    {
        m_buffer += m_socket->readAll();
        if (m_busy)
            return;
        const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        const QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
        RecordedRequest request;
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        request.method = first.value(0);
        request.target = first.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                request.headers.insert(
                    lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
        }
        const qsizetype length = request.header("content-length").toLongLong();
        if (m_buffer.size() < headEnd + 4 + length)
            return;
        request.body = m_buffer.mid(headEnd + 4, length);
        m_buffer.remove(0, headEnd + 4 + length);
        m_busy = true;

        FaultDirective fault;
        ServerOptions options;
        QString scripted;
        m_core->admit(request, fault, options, scripted);
        FakeReply reply = fakeReply(request, options, fault, scripted);
        const int latency = fault.latencyMs >= 0 ? fault.latencyMs : options.latencyMs;
        if (fault.stall)
            return; // hold the request until the client gives up
        m_core->whenGateOpens(this, [this, reply = std::move(reply), fault, latency] {
            if (latency > 0)
                QTimer::singleShot(latency, Qt::PreciseTimer, this,
                    [this, reply, fault] { answer(reply, fault); });
            else
                answer(reply, fault);
        });
    }

    void answer(const FakeReply &reply, const FaultDirective &fault)
    {
        QByteArray head = "HTTP/1.1 " + QByteArray::number(reply.status) + ' '
            + reasonPhrase(reply.status) + "\r\nContent-Type: " + reply.contentType + "\r\n";
        for (const auto &[name, value] : reply.headers)
            head += name + ": " + value + "\r\n";
        m_close = fault.close;
        if (m_close)
            head += "Connection: close\r\n";
        if (!reply.stream) {
            head += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n\r\n";
            m_socket->write(head + reply.body);
            done();
            return;
        }
        head += "Transfer-Encoding: chunked\r\nCache-Control: no-cache\r\n\r\n";
        m_socket->write(head);

        m_chunks = reply.chunks;
        if (fault.streamError) {
            m_chunks.resize(std::min<size_t>(1, m_chunks.size()));
            m_chunks.push_back(reply.streamErrorChunk);
        }
        if (fault.malformedAt >= 0) {
            const size_t at = std::min<size_t>(size_t(fault.malformedAt), m_chunks.size());
            m_chunks.insert(m_chunks.begin() + qsizetype(at), reply.malformedChunk);
        }
        m_end = End::Normal;
        if (fault.cutAfter >= 0) {
            m_chunks.resize(std::min<size_t>(size_t(fault.cutAfter), m_chunks.size()));
            m_end = End::Cut;
        } else if (fault.stallAfter >= 0) {
            m_chunks.resize(std::min<size_t>(size_t(fault.stallAfter), m_chunks.size()));
            m_end = End::Stall;
        }
        m_next = 0;
        m_chunkDelay = fault.chunkDelayMs;
        writeChunks();
    }

    void writeChunks()
    {
        while (m_next < m_chunks.size()) {
            const QByteArray &chunk = m_chunks[m_next++];
            m_socket->write(QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n");
            if (m_chunkDelay > 0 && m_next < m_chunks.size()) {
                m_socket->flush();
                QTimer::singleShot(m_chunkDelay, this, [this] { writeChunks(); });
                return;
            }
        }
        switch (m_end) {
        case End::Normal:
            m_socket->write("0\r\n\r\n");
            done();
            break;
        case End::Cut:
            // A graceful close before the last chunk: the client sees a truncated answer.
            m_socket->flush();
            m_close = true;
            done();
            break;
        case End::Stall:
            m_socket->flush();
            break;
        }
    }

    void done()
    {
        m_busy = false;
        m_core->release();
        if (m_close) {
            m_socket->disconnectFromHost();
            return;
        }
        if (!m_buffer.isEmpty())
            QTimer::singleShot(0, this, [this] { parse(); });
    }

    QTcpSocket *m_socket;
    ServerCore *m_core;
    QByteArray m_buffer;
    bool m_busy = false;
    bool m_close = false;
    std::vector<QByteArray> m_chunks;
    size_t m_next = 0;
    int m_chunkDelay = 0;
    End m_end = End::Normal;
};

} // namespace

// The QTcpServer, created, used and destroyed on the server thread.
class Listener final : public QObject {
public:
    explicit Listener(ServerCore *core)
        : m_core(core)
    {
    }

    bool listen()
    {
        m_server = new QTcpServer(this);
        m_server->setMaxPendingConnections(1024);
        connect(m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server->nextPendingConnection()) {
                socket->setParent(this);
                // As real API front ends do: no Nagle delay between a head and its chunks.
                socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
                new Connection(socket, m_core);
            }
        });
        if (!m_server->listen(QHostAddress::LocalHost, 0))
            return false;
        m_core->m_port = m_server->serverPort();
        return true;
    }

private:
    ServerCore *m_core;
    QTcpServer *m_server = nullptr;
};

ServerCore::~ServerCore()
{
    stop();
}

bool ServerCore::start()
{
    m_thread.setObjectName(QStringLiteral("psm-testserver"));
    m_thread.start();
    m_listener = new Listener(this);
    m_listener->moveToThread(&m_thread);
    bool ok = false;
    QMetaObject::invokeMethod(
        m_listener, [this, &ok] { ok = m_listener->listen(); }, Qt::BlockingQueuedConnection);
    return ok;
}

void ServerCore::stop()
{
    if (!m_listener)
        return;
    // Deleted on its own thread; QThread runs deferred deletes as it finishes.
    QMetaObject::invokeMethod(m_listener, [listener = m_listener] { listener->deleteLater(); });
    m_listener = nullptr;
    m_thread.quit();
    m_thread.wait();
}

void ServerCore::admit(const RecordedRequest &request, FaultDirective &fault,
    ServerOptions &options, QString &scripted)
{
    QMutexLocker lock(&m_mutex);
    m_requests.append(request);
    options = m_options;
    scripted.clear();
    for (ReplyRule &rule : m_options.replyRules) {
        const bool matches = std::all_of(rule.bodyContains.cbegin(), rule.bodyContains.cend(),
            [&](const QByteArray &needle) { return request.body.contains(needle); });
        if (!matches || rule.texts.isEmpty())
            continue;
        scripted = rule.texts.at(rule.next % rule.texts.size());
        ++rule.next;
        break;
    }
    QString directive = QString::fromUtf8(request.header("x-test-fault"));
    for (FaultRule &rule : m_options.faultRules) {
        if (!directive.isEmpty())
            break;
        if (rule.times == 0)
            continue;
        const bool matches = std::all_of(rule.bodyContains.cbegin(), rule.bodyContains.cend(),
            [&](const QByteArray &needle) { return request.body.contains(needle); });
        if (!matches)
            continue;
        directive = rule.directive;
        if (rule.times > 0)
            --rule.times;
    }
    if (directive.isEmpty() && !m_faults.empty()) {
        directive = m_faults.front();
        m_faults.pop_front();
    }
    fault = FaultDirective::parse(directive);
    ++m_inFlight;
    m_maxConcurrent = std::max(m_maxConcurrent, m_inFlight);
}

void ServerCore::release()
{
    QMutexLocker lock(&m_mutex);
    --m_inFlight;
}

void ServerCore::whenGateOpens(QObject *context, std::function<void()> answer)
{
    bool open = false;
    int timeoutMs = 0;
    int generation = 0;
    {
        QMutexLocker lock(&m_mutex);
        const int hold = m_options.holdUntilConcurrent;
        if (hold > 0 && m_inFlight >= hold)
            m_gateOpen = true;
        open = hold <= 0 || m_gateOpen;
        timeoutMs = m_options.holdTimeoutMs;
        generation = m_gateGeneration;
    }
    if (open) {
        releaseHeld();
        answer();
        return;
    }
    if (m_held.empty()) {
        QTimer::singleShot(timeoutMs, m_listener, [this, generation] {
            {
                QMutexLocker lock(&m_mutex);
                if (generation != m_gateGeneration)
                    return; // a later test's gate is not this timer's business
                m_gateOpen = true;
            }
            releaseHeld();
        });
    }
    m_held.emplace_back(context, std::move(answer));
}

void ServerCore::releaseHeld()
{
    auto held = std::move(m_held);
    m_held.clear();
    for (auto &[context, answer] : held) {
        if (context)
            answer();
    }
}

} // namespace psm::testsupport
