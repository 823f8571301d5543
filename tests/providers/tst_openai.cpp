// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// OpenAI Chat Completions (and Azure) over real HTTP to the local test server.
#include "callrecorder.h"
#include "providers/transport.h"
#include "tests/support/testserver/testserver.h"

#include "tests/providers/jsoncheck.h"

#include <QTest>

using namespace psm;
using core::ChatRequest;
using core::Message;
using core::Role;
using Json = nlohmann::ordered_json;

class TstOpenAi final : public QObject {
    Q_OBJECT

private:
    testsupport::TestServer m_server;
    const QByteArray kKey = "sk-test-right-key-0001";

    providers::ProviderSettings settings() const
    {
        auto s = providers::ProviderSettings::builtin(QStringLiteral("openai"));
        s.baseUrl = m_server.baseUrl() + QStringLiteral("/v1");
        s.policy.backoffBaseMs = 10;
        s.policy.connectTimeoutMs = 2000;
        s.policy.firstByteTimeoutMs = 5000;
        return s;
    }

    static ChatRequest request(const QString &text, bool stream)
    {
        ChatRequest r;
        r.model = QStringLiteral("gpt-4o-mini");
        r.system = QStringLiteral("Be brief.");
        r.messages.push_back(Message::fromText(Role::User, text));
        r.stream = stream;
        return r;
    }

private slots:
    void initTestCase() { QVERIFY(m_server.start()); }
    void init()
    {
        m_server.resetStats();
        testsupport::ServerOptions options;
        options.requiredKey = kKey;
        options.cacheReadTokens = 2;
        options.reasoningTokens = 3;
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
        const QString prompt = QStringLiteral("tell me about the weather in Paris today");
        const auto id
            = transport.start(settings(), request(prompt, stream), QString::fromLatin1(kKey));
        const core::ChatResult result = recorder.result(id);

        QVERIFY2(result.ok(), qPrintable(result.error ? result.error->toString() : QString()));
        QCOMPARE(result.text, testsupport::expectedReply(prompt));
        QCOMPARE(result.finishReason, core::FinishReason::Stop);
        QCOMPARE(result.httpStatus, 200);
        QCOMPARE(result.attempts, 1);
        // Usage as the server computed it: words of system + user in, words of the reply out.
        QCOMPARE(result.usage.inputTokens.value_or(-1), qint64(2 + 8));
        QCOMPARE(result.usage.outputTokens.value_or(-1),
            qint64(testsupport::wordCount(result.text) + 3));
        QCOMPARE(result.usage.cacheReadTokens.value_or(-1), qint64(2));
        QCOMPARE(result.usage.reasoningTokens.value_or(-1), qint64(3));
        QVERIFY(!result.usage.cacheWriteTokens);
        QVERIFY(result.ttftMs >= 0);
        QVERIFY(result.latencyMs >= result.ttftMs);
        QVERIFY(result.rawResponse.contains(stream ? "chat.completion.chunk" : "chat.completion"));

        const int deltas = recorder.countEvents(id, core::StreamEvent::Kind::TextDelta);
        QCOMPARE(deltas > 1, stream);
        QCOMPARE(recorder.rebuilt(id).text, result.text);
        QCOMPARE(recorder.call(id).attempts.size(), size_t(1));
        PSM_JSON_COMPARE(recorder.call(id).attempts[0].httpStatus, 200);

        const auto sent = m_server.requests();
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent[0].target, QByteArray("/v1/chat/completions"));
        QCOMPARE(sent[0].header("authorization"), "Bearer " + kKey);
        const Json body = sent[0].json();
        PSM_JSON_COMPARE(body["model"], "gpt-4o-mini");
        PSM_JSON_COMPARE(body["stream"], stream);
        PSM_JSON_COMPARE(body["messages"][0]["role"], "system");
        PSM_JSON_COMPARE(body["messages"][1]["content"], prompt.toStdString());
        QCOMPARE(body.contains("stream_options"), stream);
        if (stream)
            PSM_JSON_COMPARE(body["stream_options"]["include_usage"], true);
    }

    void maxTokensEndsWithLength()
    {
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        ChatRequest r = request(QStringLiteral("one two three four five six"), true);
        r.params.maxOutputTokens = 3;
        const core::ChatResult result
            = recorder.result(transport.start(settings(), r, QString::fromLatin1(kKey)));
        QVERIFY(result.ok());
        QCOMPARE(result.finishReason, core::FinishReason::Length);
        QCOMPARE(result.rawFinishReason, QStringLiteral("length"));
        QCOMPARE(result.text, QStringLiteral("You said: one"));
        // A compatible server gets max_tokens; api.openai.com gets max_completion_tokens.
        PSM_JSON_COMPARE(m_server.requests()[0].json()["max_tokens"], 3);
    }

    void toolCalls_data()
    {
        QTest::addColumn<bool>("stream");
        QTest::newRow("streamed") << true;
        QTest::newRow("whole") << false;
    }
    void toolCalls()
    {
        QFETCH(bool, stream);
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        ChatRequest r = request(QStringLiteral("use the lookup tool"), stream);
        r.tools = Json::parse(R"([{"name":"lookup","description":"Find a thing",
            "inputSchema":{"type":"object","properties":{"text":{"type":"string"}}}}])");
        const core::ChatResult result
            = recorder.result(transport.start(settings(), r, QString::fromLatin1(kKey)));
        QVERIFY(result.ok());
        QCOMPARE(result.finishReason, core::FinishReason::ToolCalls);
        QCOMPARE(result.toolCalls.size(), size_t(1));
        QCOMPARE(result.toolCalls[0].name, QStringLiteral("lookup"));
        QCOMPARE(result.toolCalls[0].id, QStringLiteral("call_1"));
        const Json args = Json::parse(result.toolCalls[0].arguments.toStdString(), nullptr, false);
        PSM_JSON_COMPARE(args["text"], "use the lookup tool");
        const Json sent = m_server.requests()[0].json();
        PSM_JSON_COMPARE(sent["tools"][0]["type"], "function");
        PSM_JSON_COMPARE(sent["tools"][0]["function"]["name"], "lookup");
        PSM_JSON_COMPARE(sent["tools"][0]["function"]["parameters"]["type"], "object");
    }

    void requestMapping()
    {
        ChatRequest r = request(QStringLiteral("hi"), true);
        r.params.temperature = 0.25;
        r.params.topP = 0.5;
        r.params.topK = 40;
        r.params.maxOutputTokens = 99;
        r.params.seed = 7;
        r.params.stopSequences = { QStringLiteral("END") };
        r.params.extra = { { "presence_penalty", 0.5 }, { "temperature", 0.75 } };
        r.outputSchema
            = { { "type", "object" }, { "properties", { { "a", { { "type", "string" } } } } } };
        r.messages.push_back(core::Message { Role::User,
            { core::Part::fromText(QStringLiteral("look")),
                core::Part::fromMedia(
                    QStringLiteral("data:image/png;base64,AAAA"), QStringLiteral("image/png")) } });

        auto official = providers::ProviderSettings::builtin(QStringLiteral("openai"));
        auto prepared = providers::Transport::prepare(official, r, QStringLiteral("sk-x-1234"));
        QVERIFY(prepared);
        QCOMPARE(prepared->http.url, QByteArray("https://api.openai.com/v1/chat/completions"));
        const Json body = Json::parse(prepared->http.body.toStdString());
        PSM_JSON_COMPARE(body["temperature"], 0.75); // extra wins over the mapped value
        PSM_JSON_COMPARE(body["top_p"], 0.5);
        QVERIFY(!body.contains("top_k")); // api.openai.com rejects it
        PSM_JSON_COMPARE(body["max_completion_tokens"], 99);
        PSM_JSON_COMPARE(body["seed"], 7);
        PSM_JSON_COMPARE(body["stop"][0], "END");
        PSM_JSON_COMPARE(body["presence_penalty"], 0.5);
        PSM_JSON_COMPARE(body["response_format"]["type"], "json_schema");
        PSM_JSON_COMPARE(body["response_format"]["json_schema"]["schema"]["type"], "object");
        const Json &media = body["messages"][2]["content"];
        PSM_JSON_COMPARE(media[0]["type"], "text");
        PSM_JSON_COMPARE(media[1]["type"], "image_url");
        PSM_JSON_COMPARE(media[1]["image_url"]["url"], "data:image/png;base64,AAAA");

        auto compat = settings();
        auto local = providers::Transport::prepare(compat, r, QString());
        QVERIFY(local);
        const Json localBody = Json::parse(local->http.body.toStdString());
        PSM_JSON_COMPARE(localBody["top_k"], 40);
        PSM_JSON_COMPARE(localBody["max_tokens"], 99);
        // No key, no Authorization header: local servers often need none.
        for (const auto &[name, value] : local->http.headers)
            QVERIFY(name.toLower() != "authorization");
    }

    void azure()
    {
        auto s = providers::ProviderSettings::builtin(QStringLiteral("azure"));
        s.name = QStringLiteral("work");
        s.baseUrl = m_server.baseUrl();
        s.apiVersion = QStringLiteral("2024-10-21");
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        ChatRequest r = request(QStringLiteral("hello azure"), true);
        r.model = QStringLiteral("my-deployment");
        const core::ChatResult result
            = recorder.result(transport.start(s, r, QString::fromLatin1(kKey)));
        QVERIFY2(result.ok(), qPrintable(result.error ? result.error->toString() : QString()));
        QCOMPARE(result.text, testsupport::expectedReply(QStringLiteral("hello azure")));
        const auto sent = m_server.requests()[0];
        QCOMPARE(sent.target,
            QByteArray("/openai/deployments/my-deployment/chat/completions"
                       "?api-version=2024-10-21"));
        QCOMPARE(sent.header("api-key"), kKey);
        QVERIFY(sent.header("authorization").isEmpty());
        QVERIFY(!sent.json().contains("model"));
    }

    // A wrong key: HTTP 401, the provider's message, no retry, and the key nowhere in what we
    // keep — although the server quotes it back, as OpenAI does.
    void authErrorScrubsTheKey()
    {
        const QString canary = QStringLiteral("sk-canary-7f3a9c1e5b");
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        const ChatRequest r = request(QStringLiteral("hello"), true);
        auto prepared = providers::Transport::prepare(settings(), r, canary);
        QVERIFY(prepared);
        const QString dump = providers::redactedRequestDump(prepared->http);
        QVERIFY(dump.contains(QLatin1String("Authorization: [REDACTED]")));
        QVERIFY(!dump.contains(canary));

        const auto id = transport.start(std::move(*prepared));
        const core::ChatResult result = recorder.result(id);
        QCOMPARE(result.failure, core::Failure::Auth);
        QCOMPARE(result.httpStatus, 401);
        QCOMPARE(result.attempts, 1);
        QVERIFY(result.error->message.contains(QLatin1String("Incorrect API key provided")));
        // The server did see the key: the check above is not vacuous.
        PSM_JSON_COMPARE(
            m_server.requests()[0].header("authorization"), "Bearer " + canary.toUtf8());
        const QByteArray canaryBytes = canary.toUtf8();
        QVERIFY(!result.error->toString().contains(canary));
        QVERIFY(!result.rawResponse.contains(canaryBytes));
        QVERIFY(result.rawResponse.contains("[REDACTED]"));
        for (const auto &attempt : recorder.call(id).attempts)
            QVERIFY(!attempt.error->toString().contains(canary));
    }

    void badRequestCarriesProviderMessage()
    {
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        ChatRequest r = request(QStringLiteral("hi"), false);
        r.model.clear();
        r.params.extra = { { "model", nullptr } }; // an explicit null: the server must complain
        const core::ChatResult result
            = recorder.result(transport.start(settings(), r, QString::fromLatin1(kKey)));
        QCOMPARE(result.failure, core::Failure::BadRequest);
        QCOMPARE(result.httpStatus, 400);
        QCOMPARE(result.attempts, 1);
        QVERIFY(
            result.error->message.contains(QLatin1String("you must provide a model parameter")));
        QVERIFY(result.error->detail.contains(QLatin1String("invalid_request_error")));
    }
};

QTEST_GUILESS_MAIN(TstOpenAi)
#include "tst_openai.moc"
