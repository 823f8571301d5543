// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// The transport's reliability rules — retries, Retry-After, timeouts, cancel, concurrency, cut
// and malformed streams — over real HTTP to the local test server (OpenAI wire format).
#include "callrecorder.h"
#include "providers/transport.h"
#include "tests/support/testserver/testserver.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QScopeGuard>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace psm;
using core::ChatRequest;
using core::Failure;
using core::Message;
using core::Role;

class TstTransport final : public QObject {
    Q_OBJECT

private:
    testsupport::TestServer m_server;

    providers::ProviderSettings settings() const
    {
        auto s = providers::ProviderSettings::builtin(QStringLiteral("openai"));
        s.name = QStringLiteral("local");
        s.baseUrl = m_server.baseUrl() + QStringLiteral("/v1");
        s.maxConcurrency = 16;
        s.policy.connectTimeoutMs = 2000;
        s.policy.firstByteTimeoutMs = 5000;
        s.policy.idleTimeoutMs = 5000;
        s.policy.totalTimeoutMs = 15000;
        s.policy.maxRetries = 3;
        s.policy.backoffBaseMs = 20;
        s.policy.backoffMaxMs = 1000;
        return s;
    }

    static ChatRequest request(
        const QString &text = QStringLiteral("hello there"), bool stream = true)
    {
        ChatRequest r;
        r.model = QStringLiteral("test-model");
        r.messages.push_back(Message::fromText(Role::User, text));
        r.stream = stream;
        return r;
    }

    static QString describe(const core::ChatResult &r)
    {
        return r.error ? r.error->toString() : QStringLiteral("ok");
    }

private slots:
    void initTestCase() { QVERIFY(m_server.start()); }
    void init()
    {
        m_server.resetStats();
        m_server.setOptions({});
    }
    void cleanupTestCase() { m_server.stop(); }

    void retriesServerErrors_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("500") << 500;
        QTest::newRow("502") << 502;
        QTest::newRow("503") << 503;
        QTest::newRow("429") << 429;
    }
    void retriesServerErrors()
    {
        QFETCH(int, status);
        m_server.pushFault(QStringLiteral("status=%1").arg(status));
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        const auto id = transport.start(settings(), request(), {});
        const core::ChatResult result = recorder.result(id);
        QVERIFY2(result.ok(), qPrintable(describe(result)));
        QCOMPARE(result.attempts, 2);
        QCOMPARE(result.text, testsupport::expectedReply(QStringLiteral("hello there")));
        const auto &attempts = recorder.call(id).attempts;
        QCOMPARE(attempts.size(), size_t(2));
        QCOMPARE(attempts[0].httpStatus, status);
        QVERIFY(attempts[0].willRetry);
        QVERIFY(attempts[0].error.has_value());
        QCOMPARE(attempts[1].httpStatus, 200);
        QVERIFY(!attempts[1].willRetry);
        QCOMPARE(m_server.requestCount(), 2);
        QCOMPARE(recorder.duplicateFinishes(), 0);
    }

    void givesUpAfterMaxRetries()
    {
        for (int i = 0; i < 4; ++i)
            m_server.pushFault(QStringLiteral("status=503"));
        auto s = settings();
        s.policy.maxRetries = 2;
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        const core::ChatResult result = recorder.result(transport.start(s, request(), {}));
        QCOMPARE(result.failure, Failure::Server);
        QCOMPARE(result.httpStatus, 503);
        QCOMPARE(result.attempts, 3);
        QCOMPARE(m_server.requestCount(), 3);
        QVERIFY(result.error->message.contains(QLatin1String("503")));
    }

    void backoffGrowsExponentially()
    {
        for (int i = 0; i < 3; ++i)
            m_server.pushFault(QStringLiteral("status=500"));
        auto s = settings();
        s.policy.backoffBaseMs = 40;
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        const auto id = transport.start(s, request(), {});
        QVERIFY(recorder.result(id).ok());
        const auto &attempts = recorder.call(id).attempts;
        QCOMPARE(attempts.size(), size_t(4));
        // Equal jitter: retry n waits between half and all of base * 2^(n-1).
        for (int n = 0; n < 3; ++n) {
            const qint64 ceiling = 40 << n;
            QVERIFY2(attempts[n].retryDelayMs >= ceiling / 2 && attempts[n].retryDelayMs <= ceiling,
                qPrintable(QString::number(attempts[n].retryDelayMs)));
        }
        // The waits really happened between the attempts.
        for (int n = 1; n < 4; ++n)
            QVERIFY(attempts[n].startedAtMs - attempts[n - 1].startedAtMs
                >= attempts[n - 1].retryDelayMs);
    }

    void honoursRetryAfterSeconds()
    {
        m_server.pushFault(QStringLiteral("status=429;retry-after=1"));
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        QElapsedTimer clock;
        clock.start();
        const auto id = transport.start(settings(), request(), {});
        const core::ChatResult result = recorder.result(id);
        QVERIFY2(result.ok(), qPrintable(describe(result)));
        const auto &attempts = recorder.call(id).attempts;
        QCOMPARE(attempts.size(), size_t(2));
        QCOMPARE(attempts[0].retryDelayMs, qint64(1000));
        QVERIFY(clock.elapsed() >= 1000);
        QVERIFY(result.latencyMs >= 1000);
    }

    // The server says "not before <date>", 2 s ahead of its clock in whole seconds. Whatever the
    // machine's load, the retry must not start before that date, and the wait the client chose
    // cannot exceed 2 s; no assumption about how fast the first answer travels.
    void honoursRetryAfterDate()
    {
        m_server.pushFault(QStringLiteral("status=503;retry-after-date=2"));
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        const qint64 sentAtMs = QDateTime::currentMSecsSinceEpoch();
        // The server reads its clock after this, and its date drops the milliseconds.
        const qint64 earliestDateMs = (sentAtMs + 2000) / 1000 * 1000;
        const auto id = transport.start(settings(), request(), {});
        const core::ChatResult result = recorder.result(id);
        QVERIFY2(result.ok(), qPrintable(describe(result)));
        const auto &attempts = recorder.call(id).attempts;
        QCOMPARE(attempts.size(), size_t(2));
        QVERIFY2(attempts[0].retryDelayMs > 0 && attempts[0].retryDelayMs <= 2000,
            qPrintable(QString::number(attempts[0].retryDelayMs)));
        QVERIFY2(attempts[1].startedAtMs >= earliestDateMs,
            qPrintable(QStringLiteral("retried %1 ms before the date")
                           .arg(earliestDateMs - attempts[1].startedAtMs)));
        QVERIFY(result.latencyMs >= 1000); // the date is at least 1 s ahead
    }

    void retryAfterBeyondLimitEndsTheCall()
    {
        m_server.pushFault(QStringLiteral("status=429;retry-after=30"));
        auto s = settings();
        s.policy.maxRetryAfterMs = 2000;
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        QElapsedTimer clock;
        clock.start();
        const core::ChatResult result = recorder.result(transport.start(s, request(), {}));
        QCOMPARE(result.failure, Failure::RateLimited);
        QCOMPARE(result.attempts, 1);
        QVERIFY(clock.elapsed() < 2000);
        QVERIFY2(result.error->message.contains(QLatin1String("retry after 30 s")),
            qPrintable(result.error->message));
    }

    void noRetryOnClientErrors()
    {
        m_server.pushFault(QStringLiteral("status=400"));
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        const core::ChatResult result = recorder.result(transport.start(settings(), request(), {}));
        QCOMPARE(result.failure, Failure::BadRequest);
        QCOMPARE(result.attempts, 1);
        QCOMPARE(m_server.requestCount(), 1);
    }

    void cancelMidStreamKeepsPartialText()
    {
        m_server.pushFault(QStringLiteral("chunk-delay=40"));
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        const QString prompt = QStringLiteral("a b c d e f g h i j k l m n o p q r s t u v w x");
        const auto id = transport.start(settings(), request(prompt), {});
        QVERIFY(QTest::qWaitFor(
            [&] { return recorder.countEvents(id, core::StreamEvent::Kind::TextDelta) >= 3; },
            5000));
        transport.cancel(id);
        const core::ChatResult result = recorder.result(id);
        QCOMPARE(result.failure, Failure::Cancelled);
        QCOMPARE(result.error->code, core::ErrorCode::Cancelled);
        QVERIFY(!result.text.isEmpty());
        QVERIFY(testsupport::expectedReply(prompt).startsWith(result.text));
        QVERIFY(result.text.size() < testsupport::expectedReply(prompt).size());
        QCOMPARE(recorder.call(id).attempts.back().failure, Failure::Cancelled);
        QTest::qWait(100); // a late finished() would be a bug
        QCOMPARE(recorder.duplicateFinishes(), 0);
    }

    void deltasOfOneReadArriveTogether()
    {
        // The server writes the whole stream at once, so it reaches the client in one read or
        // two: its 24 word deltas leave the transport as that many signals, not 24, and they
        // still add up to the answer, in order.
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        const QString prompt = QStringLiteral("a b c d e f g h i j k l m n o p q r s t u v w x");
        const auto id = transport.start(settings(), request(prompt), {});
        const core::ChatResult result = recorder.result(id);
        QVERIFY(result.ok());
        QCOMPARE(result.text, testsupport::expectedReply(prompt));
        QCOMPARE(recorder.rebuilt(id).text, result.text);
        const int deltas = recorder.countEvents(id, core::StreamEvent::Kind::TextDelta);
        QVERIFY2(deltas >= 1 && deltas <= 3, qPrintable(QString::number(deltas)));
    }

    void cancelQueuedCall()
    {
        auto s = settings();
        s.maxConcurrency = 1;
        m_server.pushFault(QStringLiteral("latency=300"));
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        const auto first = transport.start(s, request(), {});
        const auto second = transport.start(s, request(), {});
        transport.cancel(second);
        const core::ChatResult cancelled = recorder.result(second);
        QCOMPARE(cancelled.failure, Failure::Cancelled);
        QCOMPARE(cancelled.attempts, 0);
        QVERIFY(recorder.result(first).ok());
        QCOMPARE(m_server.requestCount(), 1);
    }

    void concurrencyLimitHonoured_data()
    {
        QTest::addColumn<int>("limit");
        QTest::newRow("1") << 1;
        QTest::newRow("3") << 3;
        QTest::newRow("8") << 8;
    }
    void concurrencyLimitHonoured()
    {
        QFETCH(int, limit);
        testsupport::ServerOptions options;
        options.latencyMs = 60;
        // No answer until `limit` requests are in: the limit is reached however slowly this
        // machine gets them out, and a transport that ignored it would send all 12 at once.
        options.holdUntilConcurrent = limit;
        m_server.setOptions(options);
        auto s = settings();
        s.maxConcurrency = limit;
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        std::vector<quint64> ids;
        for (int i = 0; i < 12; ++i)
            ids.push_back(transport.start(s, request(QStringLiteral("call %1").arg(i)), {}));
        for (quint64 id : ids)
            QVERIFY(recorder.result(id).ok());
        // Exactly the limit: never more, and the calls really did run side by side.
        QCOMPARE(m_server.maxConcurrent(), limit);
        QCOMPARE(m_server.requestCount(), 12);
    }

    void idleStreamTimesOut()
    {
        m_server.pushFault(QStringLiteral("stall-after=3"));
        auto s = settings();
        s.policy.idleTimeoutMs = 300;
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        QElapsedTimer clock;
        clock.start();
        const auto id = transport.start(s, request(QStringLiteral("one two three four five")), {});
        const core::ChatResult result = recorder.result(id);
        QCOMPARE(result.failure, Failure::Timeout);
        QVERIFY(result.error->message.contains(QLatin1String("stalled")));
        QCOMPARE(result.text, QStringLiteral("You said:")); // what came before the stall
        QCOMPARE(result.attempts, 1); // text was delivered: a retry would repeat it
        QVERIFY(clock.elapsed() >= 300 && clock.elapsed() < 3000);
    }

    void firstByteTimeoutRetriesThenFails()
    {
        m_server.pushFault(QStringLiteral("stall"));
        m_server.pushFault(QStringLiteral("stall"));
        auto s = settings();
        s.policy.firstByteTimeoutMs = 250;
        s.policy.maxRetries = 1;
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        const auto id = transport.start(s, request(), {});
        const core::ChatResult result = recorder.result(id);
        QCOMPARE(result.failure, Failure::Timeout);
        QCOMPARE(result.attempts, 2);
        QCOMPARE(m_server.requestCount(), 2);
        for (const auto &attempt : recorder.call(id).attempts) {
            QCOMPARE(attempt.failure, Failure::Timeout);
            QVERIFY(attempt.durationMs >= 250);
        }
    }

    void totalTimeoutIsNotRetried()
    {
        m_server.pushFault(QStringLiteral("latency=3000"));
        auto s = settings();
        s.policy.totalTimeoutMs = 400;
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        QElapsedTimer clock;
        clock.start();
        const core::ChatResult result = recorder.result(transport.start(s, request(), {}));
        QCOMPARE(result.failure, Failure::Timeout);
        QCOMPARE(result.attempts, 1);
        QVERIFY(clock.elapsed() < 2000);
    }

    void cutStreamKeepsPartialText()
    {
        m_server.pushFault(QStringLiteral("cut-after=4"));
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        const QString prompt = QStringLiteral("alpha beta gamma delta epsilon");
        const core::ChatResult result
            = recorder.result(transport.start(settings(), request(prompt), {}));
        QCOMPARE(result.failure, Failure::StreamCut);
        // Chunks: role, "You", " said:", " alpha" — then the connection closed.
        QCOMPARE(result.text, QStringLiteral("You said: alpha"));
        QCOMPARE(result.attempts, 1);
        QVERIFY(!result.rawResponse.isEmpty());
    }

    void cutBeforeAnyTextIsRetried()
    {
        m_server.pushFault(QStringLiteral("cut-after=1"));
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        const auto id = transport.start(settings(), request(), {});
        const core::ChatResult result = recorder.result(id);
        QVERIFY2(result.ok(), qPrintable(describe(result)));
        QCOMPARE(result.attempts, 2);
        QCOMPARE(recorder.call(id).attempts[0].failure, Failure::StreamCut);
        QCOMPARE(result.text, testsupport::expectedReply(QStringLiteral("hello there")));
    }

    void malformedChunkIsReportedNotFatal()
    {
        m_server.pushFault(QStringLiteral("malformed-at=2"));
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        const auto id = transport.start(settings(), request(), {});
        const core::ChatResult result = recorder.result(id);
        QVERIFY2(result.ok(), qPrintable(describe(result)));
        QCOMPARE(result.text, testsupport::expectedReply(QStringLiteral("hello there")));
        QCOMPARE(result.malformedChunks.size(), size_t(1));
        QVERIFY(result.malformedChunks[0].detail.contains(QLatin1String("\"cont")));
        QCOMPARE(recorder.countEvents(id, core::StreamEvent::Kind::Malformed), 1);
        for (const auto &e : recorder.call(id).events) {
            if (e.kind == core::StreamEvent::Kind::Malformed)
                QVERIFY(e.raw.startsWith("{\"id\":\"chatcmpl-test\""));
        }
    }

    void streamErrorEventFailsTheCall()
    {
        m_server.pushFault(QStringLiteral("stream-error"));
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        const core::ChatResult result = recorder.result(transport.start(settings(), request(), {}));
        QCOMPARE(result.failure, Failure::Protocol);
        QVERIFY(result.error->message.contains(QLatin1String("error while streaming")));
    }

    void largeBody_data()
    {
        QTest::addColumn<bool>("stream");
        QTest::newRow("streamed") << true;
        QTest::newRow("whole") << false;
    }
    void largeBody()
    {
        QFETCH(bool, stream);
        m_server.pushFault(QStringLiteral("large=3000000"));
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        const core::ChatResult result = recorder.result(
            transport.start(settings(), request(QStringLiteral("x"), stream), {}));
        QVERIFY2(result.ok(), qPrintable(describe(result)));
        QVERIFY(result.text.size() >= 3'000'000);
        QVERIFY(result.text.startsWith(QLatin1String("lorem ipsum dolor")));
        QCOMPARE(result.usage.outputTokens.value_or(-1), testsupport::wordCount(result.text));
    }

    // A body over policy.maxResponseBytes ends the call as an error naming the limit and the
    // setting, keeps what streamed in before it, and is not retried.
    void responseOverTheLimit_data() { largeBody_data(); }
    void responseOverTheLimit()
    {
        QFETCH(bool, stream);
        m_server.pushFault(QStringLiteral("large=3000000"));
        m_server.pushFault(QStringLiteral("large=3000000")); // a retry would get the same
        auto s = settings();
        s.policy.maxResponseBytes = providers::TransportPolicy::kMegabyte;
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        const auto id = transport.start(s, request(QStringLiteral("x"), stream), {});
        const core::ChatResult result = recorder.result(id);
        QCOMPARE(result.failure, Failure::Protocol);
        QVERIFY2(result.error->message.contains(QLatin1String("larger than the 1 MB limit"))
                && result.error->message.contains(QLatin1String("max_response_mb")),
            qPrintable(result.error->message));
        QCOMPARE(result.attempts, 1);
        QCOMPARE(m_server.requestCount(), 1);
        QCOMPARE(result.httpStatus, 200);
        QVERIFY(result.rawResponse.size() <= s.policy.maxResponseBytes);
        QVERIFY(recorder.call(id).attempts.back().bytesReceived <= s.policy.maxResponseBytes);
        if (stream) {
            // The partial answer: the pieces that arrived whole before the limit.
            QVERIFY(result.text.startsWith(QLatin1String("lorem ipsum dolor")));
            QVERIFY(result.text.size() > 100'000);
            QVERIFY(result.text.size() < s.policy.maxResponseBytes);
            QVERIFY(result.rawResponse.size() > 500'000);
        } else {
            QVERIFY(result.text.isEmpty()); // half a JSON document is no answer
        }
    }

    void answerUnderTheLimitArrivesWhole()
    {
        // The default limit (64 MB) leaves ordinary large answers alone.
        QVERIFY(providers::TransportPolicy {}.maxResponseBytes >= 32 * 1024 * 1024);
        m_server.pushFault(QStringLiteral("large=3000000"));
        auto s = settings();
        s.policy.maxResponseBytes = 4 * providers::TransportPolicy::kMegabyte;
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        const core::ChatResult result
            = recorder.result(transport.start(s, request(QStringLiteral("x"), true), {}));
        QVERIFY2(result.ok(), qPrintable(describe(result)));
        QVERIFY(result.text.size() >= 3'000'000);
    }

    void connectionRefusedIsANetworkFailure()
    {
        // A socket bound but not listening holds a port nobody else can take (other test
        // servers run in parallel) and refuses every connection to it.
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        QVERIFY(fd >= 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QCOMPARE(::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
        socklen_t length = sizeof address;
        QCOMPARE(::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length), 0);
        const quint16 port = ntohs(address.sin_port);
        const auto closeSocket = qScopeGuard([fd] { ::close(fd); });
        auto s = settings();
        s.baseUrl = QStringLiteral("http://127.0.0.1:%1/v1").arg(port);
        s.policy.maxRetries = 2;
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        const auto id = transport.start(s, request(), {});
        const core::ChatResult result = recorder.result(id);
        QCOMPARE(result.failure, Failure::Network);
        QCOMPARE(result.attempts, 3);
        QCOMPARE(result.httpStatus, 0);
        QVERIFY(!result.error->detail.isEmpty()); // curl's own words
    }

    void unknownTypeIsAConfigError()
    {
        auto s = settings();
        s.type = QStringLiteral("nonsense");
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        const core::ChatResult result = recorder.result(transport.start(s, request(), {}));
        QCOMPARE(result.failure, Failure::Config);
        QVERIFY(result.error->message.contains(QLatin1String("nonsense")));
        QCOMPARE(m_server.requestCount(), 0);
    }

    void manyCallsInFlight()
    {
        testsupport::ServerOptions options;
        options.latencyMs = 20;
        options.holdUntilConcurrent = 2; // "in flight together" must not depend on the load
        m_server.setOptions(options);
        auto s = settings();
        s.maxConcurrency = 32;
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        std::vector<quint64> ids;
        for (int i = 0; i < 200; ++i)
            ids.push_back(transport.start(s, request(QStringLiteral("n %1").arg(i), i % 2), {}));
        for (int i = 0; i < 200; ++i) {
            const core::ChatResult r = recorder.result(ids[i]);
            QVERIFY2(r.ok(), qPrintable(describe(r)));
            QCOMPARE(r.text, testsupport::expectedReply(QStringLiteral("n %1").arg(i)));
        }
        QVERIFY(m_server.maxConcurrent() > 1);
        QVERIFY(m_server.maxConcurrent() <= 32);
    }
};

QTEST_GUILESS_MAIN(TstTransport)
#include "tst_transport.moc"
