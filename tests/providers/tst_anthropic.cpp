// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Anthropic Messages over real HTTP to the local test server.
#include "providerfixture.h"
#include "tests/providers/jsoncheck.h"

#include <QTest>

using namespace psm;
using Json = nlohmann::ordered_json;

class TstAnthropic final : public QObject {
    Q_OBJECT

private:
    testsupport::TestServer m_server;
    const QString kKey = QStringLiteral("sk-ant-test-0001");

    providers::ProviderSettings settings() const
    {
        return tests::localSettings(QStringLiteral("anthropic"), m_server);
    }

private slots:
    void initTestCase() { QVERIFY(m_server.start()); }
    void init()
    {
        m_server.resetStats();
        testsupport::ServerOptions options;
        options.requiredKey = kKey.toUtf8();
        options.cacheReadTokens = 3;
        options.cacheWriteTokens = 1;
        m_server.setOptions(options);
    }
    void cleanupTestCase() { m_server.stop(); }

    void answers_data()
    {
        QTest::addColumn<bool>("stream");
        QTest::newRow("streamed") << true;
        QTest::newRow("whole") << false;
    }
    void answers()
    {
        QFETCH(bool, stream);
        // Chunks a few ms apart reach the client in separate reads, so each is its own delta
        // (one read's deltas are delivered together).
        if (stream)
            m_server.pushFault(QStringLiteral("chunk-delay=3"));
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        const QString prompt = QStringLiteral("summarise the quarterly report for me please");
        const auto id = transport.start(settings(),
            tests::chatRequest(QStringLiteral("claude-sonnet-4-5"),
                QStringLiteral("You are a careful analyst."), prompt, stream),
            kKey);
        const core::ChatResult result = recorder.result(id);
        QVERIFY2(result.ok(), qPrintable(tests::describe(result)));
        QCOMPARE(result.text, testsupport::expectedReply(prompt));
        QCOMPARE(result.finishReason, core::FinishReason::Stop);
        QCOMPARE(result.rawFinishReason, QStringLiteral("end_turn"));
        // input = uncached + cache reads + cache writes = every word of system and user.
        QCOMPARE(result.usage.inputTokens.value_or(-1), qint64(5 + 7));
        QCOMPARE(result.usage.cacheReadTokens.value_or(-1), qint64(3));
        QCOMPARE(result.usage.cacheWriteTokens.value_or(-1), qint64(1));
        QCOMPARE(result.usage.outputTokens.value_or(-1), testsupport::wordCount(result.text));
        QVERIFY(!result.usage.reasoningTokens);
        QCOMPARE(recorder.countEvents(id, core::StreamEvent::Kind::TextDelta) > 1, stream);
        QCOMPARE(recorder.rebuilt(id).text, result.text);

        const auto sent = m_server.requests()[0];
        QCOMPARE(sent.target, QByteArray("/v1/messages"));
        QCOMPARE(sent.header("x-api-key"), kKey.toUtf8());
        QCOMPARE(sent.header("anthropic-version"), QByteArray("2023-06-01"));
        const Json body = sent.json();
        PSM_JSON_COMPARE(body["system"], "You are a careful analyst.");
        PSM_JSON_COMPARE(body["max_tokens"], 4096); // required: always sent
        PSM_JSON_COMPARE(body["messages"].size(), 1);
        PSM_JSON_COMPARE(body["messages"][0]["role"], "user");
        QCOMPARE(body.contains("stream"), stream);
    }

    void maxTokensEndsWithLength()
    {
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        auto r = tests::chatRequest(QStringLiteral("m"), {}, QStringLiteral("a b c d e"), true);
        r.params.maxOutputTokens = 4;
        const core::ChatResult result = recorder.result(transport.start(settings(), r, kKey));
        QVERIFY(result.ok());
        QCOMPARE(result.finishReason, core::FinishReason::Length);
        QCOMPARE(result.rawFinishReason, QStringLiteral("max_tokens"));
        QCOMPARE(result.text, QStringLiteral("You said: a b"));
        PSM_JSON_COMPARE(m_server.requests()[0].json()["max_tokens"], 4);
    }

    void requestMapping()
    {
        auto r = tests::chatRequest(QStringLiteral("claude-haiku-4-5"), QStringLiteral("sys"),
            QStringLiteral("look"), true);
        r.messages[0].parts.push_back(core::Part::fromMedia(
            QStringLiteral("data:image/png;base64,iVBOR"), QStringLiteral("image/png")));
        r.messages.push_back(core::Message { core::Role::Model,
            { core::Part::toolRequest(
                QStringLiteral("toolu_1"), QStringLiteral("lookup"), Json { { "q", "x" } }) } });
        r.messages.push_back(core::Message { core::Role::Tool,
            { core::Part::toolResponse(
                QStringLiteral("toolu_1"), QStringLiteral("lookup"), "found") } });
        r.messages.push_back(core::Message::fromText(core::Role::User, QStringLiteral("and?")));
        r.params.temperature = 0.3;
        r.params.topP = 0.8;
        r.params.topK = 5;
        r.params.seed = 11;
        r.params.stopSequences = { QStringLiteral("\n\nHuman:") };
        r.outputSchema = { { "type", "object" } };
        r.tools = Json::array(
            { { { "name", "lookup" }, { "inputSchema", { { "type", "object" } } } } });
        auto prepared = providers::Transport::prepare(settings(), r, kKey);
        QVERIFY(prepared);
        const Json body = Json::parse(prepared->http.body.toStdString());
        PSM_JSON_COMPARE(body["temperature"], 0.3);
        PSM_JSON_COMPARE(body["top_p"], 0.8);
        PSM_JSON_COMPARE(body["top_k"], 5);
        QVERIFY(!body.contains("seed")); // the Messages API has none
        PSM_JSON_COMPARE(body["stop_sequences"][0], "\n\nHuman:");
        PSM_JSON_COMPARE(body["tools"][0]["input_schema"]["type"], "object");
        PSM_JSON_COMPARE(body["output_format"]["type"], "json_schema");
        const Json &messages = body["messages"];
        PSM_JSON_COMPARE(messages[0]["content"][1]["type"], "image");
        PSM_JSON_COMPARE(messages[0]["content"][1]["source"]["media_type"], "image/png");
        PSM_JSON_COMPARE(messages[1]["role"], "assistant");
        PSM_JSON_COMPARE(messages[1]["content"][0]["type"], "tool_use");
        // The tool result and the next user text share one user turn: roles must alternate.
        PSM_JSON_COMPARE(messages.size(), 3);
        PSM_JSON_COMPARE(messages[2]["content"][0]["type"], "tool_result");
        PSM_JSON_COMPARE(messages[2]["content"][0]["tool_use_id"], "toolu_1");
        PSM_JSON_COMPARE(messages[2]["content"][1]["text"], "and?");
        bool beta = false;
        for (const auto &[name, value] : prepared->http.headers)
            beta = beta || (name == "anthropic-beta" && value.startsWith("structured-outputs"));
        QVERIFY(beta);
    }

    void errors_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("failure");
        QTest::addColumn<QString>("message");
        QTest::newRow("400") << QStringLiteral("status=400") << 400
                             << int(core::Failure::BadRequest)
                             << QStringLiteral("Bad request injected by the test. "
                                               "(invalid_request_error)");
        QTest::newRow("429") << QStringLiteral("status=429") << 429
                             << int(core::Failure::RateLimited)
                             << QStringLiteral("(rate_limit_error)");
        QTest::newRow("529") << QStringLiteral("status=529") << 529 << int(core::Failure::Server)
                             << QStringLiteral("(overloaded_error)");
    }
    void errors()
    {
        QFETCH(QString, fault);
        QFETCH(int, status);
        QFETCH(int, failure);
        QFETCH(QString, message);
        for (int i = 0; i < 3; ++i)
            m_server.pushFault(fault);
        auto s = settings();
        s.policy.maxRetries = 2;
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        const core::ChatResult result = recorder.result(transport.start(
            s, tests::chatRequest(QStringLiteral("m"), {}, QStringLiteral("hi"), true), kKey));
        QCOMPARE(int(result.failure), failure);
        QCOMPARE(result.httpStatus, status);
        QVERIFY2(result.error->message.contains(message), qPrintable(result.error->message));
        QCOMPARE(result.attempts, status == 400 ? 1 : 3);
    }

    void wrongKeyIsScrubbed()
    {
        const QString canary = QStringLiteral("sk-ant-canary-55aa77");
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        const core::ChatResult result = recorder.result(transport.start(settings(),
            tests::chatRequest(QStringLiteral("m"), {}, QStringLiteral("hi"), true), canary));
        QCOMPARE(result.failure, core::Failure::Auth);
        QVERIFY(result.error->message.contains(QLatin1String("authentication_error")));
        QCOMPARE(m_server.requests()[0].header("x-api-key"), canary.toUtf8());
        QVERIFY(!result.error->toString().contains(canary));
        QVERIFY(!result.rawResponse.contains(canary.toUtf8()));
    }

    void overloadedInStreamFails()
    {
        m_server.pushFault(QStringLiteral("stream-error"));
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        const core::ChatResult result = recorder.result(transport.start(settings(),
            tests::chatRequest(QStringLiteral("m"), {}, QStringLiteral("hi there"), true), kKey));
        QCOMPARE(result.failure, core::Failure::Protocol);
        QCOMPARE(result.error->message, QStringLiteral("Anthropic: Overloaded (overloaded_error)"));
    }

    void cutAndMalformedStreams()
    {
        m_server.pushFault(QStringLiteral("cut-after=5"));
        m_server.pushFault(QStringLiteral("malformed-at=4"));
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        const auto request
            = tests::chatRequest(QStringLiteral("m"), {}, QStringLiteral("one two three"), true);
        // message_start, content_block_start, ping, "You", " said:" — then the cut.
        const core::ChatResult cut = recorder.result(transport.start(settings(), request, kKey));
        QCOMPARE(cut.failure, core::Failure::StreamCut);
        QCOMPARE(cut.text, QStringLiteral("You said:"));
        const core::ChatResult malformed
            = recorder.result(transport.start(settings(), request, kKey));
        QVERIFY2(malformed.ok(), qPrintable(tests::describe(malformed)));
        QCOMPARE(malformed.text, testsupport::expectedReply(QStringLiteral("one two three")));
        QCOMPARE(malformed.malformedChunks.size(), size_t(1));
        QVERIFY(malformed.malformedChunks[0].detail.contains(QLatin1String("content_block_del")));
    }
};

QTEST_GUILESS_MAIN(TstAnthropic)
#include "tst_anthropic.moc"
