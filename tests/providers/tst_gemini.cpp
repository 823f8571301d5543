// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Gemini generateContent / streamGenerateContent over real HTTP to the local test server.
#include "providerfixture.h"
#include "tests/providers/jsoncheck.h"

#include <QTest>

using namespace psm;
using Json = nlohmann::ordered_json;

class TstGemini final : public QObject {
    Q_OBJECT

private:
    testsupport::TestServer m_server;
    const QString kKey = QStringLiteral("AIza-test-key-0001");

    providers::ProviderSettings settings() const
    {
        return tests::localSettings(QStringLiteral("gemini"), m_server);
    }

private slots:
    void initTestCase() { QVERIFY(m_server.start()); }
    void init()
    {
        m_server.resetStats();
        testsupport::ServerOptions options;
        options.requiredKey = kKey.toUtf8();
        options.cacheReadTokens = 4;
        options.reasoningTokens = 6;
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
        const QString prompt = QStringLiteral("what rhymes with orange");
        auto request = tests::chatRequest(
            QStringLiteral("gemini-2.5-flash"), QStringLiteral("Answer in verse."), prompt, stream);
        request.messages.insert(request.messages.begin(),
            { core::Message::fromText(core::Role::User, QStringLiteral("hi")),
                core::Message::fromText(core::Role::Model, QStringLiteral("hello")) });
        const auto id = transport.start(settings(), request, kKey);
        const core::ChatResult result = recorder.result(id);
        QVERIFY2(result.ok(), qPrintable(tests::describe(result)));
        QCOMPARE(result.text, testsupport::expectedReply(prompt));
        QCOMPARE(result.finishReason, core::FinishReason::Stop);
        QCOMPARE(result.rawFinishReason, QStringLiteral("STOP"));
        QCOMPARE(result.usage.inputTokens.value_or(-1), qint64(3 + 1 + 1 + 4));
        QCOMPARE(result.usage.cacheReadTokens.value_or(-1), qint64(4));
        QCOMPARE(result.usage.reasoningTokens.value_or(-1), qint64(6));
        // outputTokens includes thoughts, which Gemini counts apart.
        QCOMPARE(result.usage.outputTokens.value_or(-1), testsupport::wordCount(result.text) + 6);
        QCOMPARE(recorder.countEvents(id, core::StreamEvent::Kind::TextDelta) > 1, stream);

        const auto sent = m_server.requests()[0];
        QCOMPARE(sent.target,
            stream ? QByteArray("/v1beta/models/gemini-2.5-flash:"
                                "streamGenerateContent?alt=sse")
                   : QByteArray("/v1beta/models/gemini-2.5-flash:generateContent"));
        QCOMPARE(sent.header("x-goog-api-key"), kKey.toUtf8());
        QVERIFY(!sent.target.contains(kKey.toUtf8())); // never in the URL, where logs keep it
        const Json body = sent.json();
        PSM_JSON_COMPARE(body["systemInstruction"]["parts"][0]["text"], "Answer in verse.");
        PSM_JSON_COMPARE(body["contents"][0]["role"], "user");
        PSM_JSON_COMPARE(body["contents"][1]["role"], "model");
        PSM_JSON_COMPARE(body["contents"][2]["parts"][0]["text"], prompt.toStdString());
    }

    void configMapping()
    {
        auto r = tests::chatRequest(
            QStringLiteral("models/gemini-2.5-pro"), {}, QStringLiteral("a b c d e f"), false);
        r.params.temperature = 0.1;
        r.params.topP = 0.95;
        r.params.topK = 32;
        r.params.maxOutputTokens = 3;
        r.params.seed = 5;
        r.params.stopSequences = { QStringLiteral("STOP!") };
        r.params.extra = { { "thinkingConfig", { { "thinkingBudget", 0 } } },
            { "safetySettings", Json::array() } };
        r.outputSchema = { { "type", "object" } };
        r.tools = Json::array({ { { "name", "f" }, { "inputSchema", { { "type", "object" } } } } });
        r.messages[0].parts.push_back(core::Part::fromMedia(
            QStringLiteral("data:image/jpeg;base64,/9j/"), QStringLiteral("image/jpeg")));
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        const core::ChatResult result = recorder.result(transport.start(settings(), r, kKey));
        QVERIFY2(result.ok(), qPrintable(tests::describe(result)));
        QCOMPARE(result.finishReason, core::FinishReason::Length);
        QCOMPARE(result.rawFinishReason, QStringLiteral("MAX_TOKENS"));
        const auto sent = m_server.requests()[0];
        QCOMPARE(sent.target, QByteArray("/v1beta/models/gemini-2.5-pro:generateContent"));
        const Json body = sent.json();
        const Json &config = body["generationConfig"];
        PSM_JSON_COMPARE(config["temperature"], 0.1);
        PSM_JSON_COMPARE(config["topP"], 0.95);
        PSM_JSON_COMPARE(config["topK"], 32);
        PSM_JSON_COMPARE(config["maxOutputTokens"], 3);
        PSM_JSON_COMPARE(config["seed"], 5);
        PSM_JSON_COMPARE(config["stopSequences"][0], "STOP!");
        PSM_JSON_COMPARE(config["responseMimeType"], "application/json");
        PSM_JSON_COMPARE(config["responseJsonSchema"]["type"], "object");
        PSM_JSON_COMPARE(config["thinkingConfig"]["thinkingBudget"], 0);
        QVERIFY(body.contains("safetySettings") && !config.contains("safetySettings"));
        PSM_JSON_COMPARE(body["tools"][0]["functionDeclarations"][0]["name"], "f");
        PSM_JSON_COMPARE(body["contents"][0]["parts"][1]["inlineData"]["mimeType"], "image/jpeg");
    }

    void errors_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<int>("failure");
        QTest::addColumn<QString>("message");
        QTest::newRow("400") << QStringLiteral("status=400") << int(core::Failure::BadRequest)
                             << QStringLiteral("(INVALID_ARGUMENT)");
        QTest::newRow("429") << QStringLiteral("status=429") << int(core::Failure::RateLimited)
                             << QStringLiteral("(RESOURCE_EXHAUSTED)");
        QTest::newRow("503") << QStringLiteral("status=503") << int(core::Failure::Server)
                             << QStringLiteral("(UNAVAILABLE)");
    }
    void errors()
    {
        QFETCH(QString, fault);
        QFETCH(int, failure);
        QFETCH(QString, message);
        auto s = settings();
        s.policy.maxRetries = 1;
        for (int i = 0; i < 2; ++i)
            m_server.pushFault(fault);
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        const core::ChatResult result = recorder.result(transport.start(
            s, tests::chatRequest(QStringLiteral("g"), {}, QStringLiteral("x"), true), kKey));
        QCOMPARE(int(result.failure), failure);
        QVERIFY2(result.error->message.contains(message), qPrintable(result.error->message));
    }

    void wrongKey()
    {
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        const QString canary = QStringLiteral("AIza-canary-0f0f0f");
        const core::ChatResult result = recorder.result(transport.start(settings(),
            tests::chatRequest(QStringLiteral("g"), {}, QStringLiteral("x"), false), canary));
        QCOMPARE(result.failure, core::Failure::Auth);
        QVERIFY(result.error->message.contains(QLatin1String("UNAUTHENTICATED")));
        QVERIFY(!result.error->toString().contains(canary));
        QVERIFY(!result.rawResponse.contains(canary.toUtf8()));
    }

    void streamFaults()
    {
        m_server.pushFault(QStringLiteral("malformed-at=1"));
        m_server.pushFault(QStringLiteral("stream-error"));
        m_server.pushFault(QStringLiteral("cut-after=2"));
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        const auto request
            = tests::chatRequest(QStringLiteral("g"), {}, QStringLiteral("red green blue"), true);
        const core::ChatResult malformed
            = recorder.result(transport.start(settings(), request, kKey));
        QVERIFY2(malformed.ok(), qPrintable(tests::describe(malformed)));
        QCOMPARE(malformed.malformedChunks.size(), size_t(1));
        QCOMPARE(malformed.text, testsupport::expectedReply(QStringLiteral("red green blue")));
        const core::ChatResult failed = recorder.result(transport.start(settings(), request, kKey));
        QCOMPARE(failed.failure, core::Failure::Protocol);
        QVERIFY(failed.error->message.contains(QLatin1String("overloaded")));
        QCOMPARE(failed.text, QStringLiteral("You")); // what came before the error
        // Gemini's stream has no end marker but the finish reason: a clean close before it is a
        // cut.
        const core::ChatResult cut = recorder.result(transport.start(settings(), request, kKey));
        QCOMPARE(cut.failure, core::Failure::StreamCut);
        QCOMPARE(cut.text, QStringLiteral("You said:"));
    }
};

QTEST_GUILESS_MAIN(TstGemini)
#include "tst_gemini.moc"
