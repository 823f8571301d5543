// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Ollama's native /api/chat (NDJSON) and /api/tags over real HTTP to the local test server.
#include "providerfixture.h"
#include "providers/ollamaprovider.h"
#include "tests/providers/jsoncheck.h"

#include <QTest>

using namespace psm;
using Json = nlohmann::ordered_json;

class TstOllama final : public QObject {
    Q_OBJECT

private:
    testsupport::TestServer m_server;

    providers::ProviderSettings settings() const
    {
        return tests::localSettings(QStringLiteral("ollama"), m_server);
    }

private slots:
    void initTestCase() { QVERIFY(m_server.start()); }
    void init() { m_server.resetStats(); }
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
        const QString prompt = QStringLiteral("why is the sky blue");
        const auto id = transport.start(settings(),
            tests::chatRequest(
                QStringLiteral("llama3.2"), QStringLiteral("Be short."), prompt, stream),
            {});
        const core::ChatResult result = recorder.result(id);
        QVERIFY2(result.ok(), qPrintable(tests::describe(result)));
        QCOMPARE(result.text, testsupport::expectedReply(prompt));
        QCOMPARE(result.finishReason, core::FinishReason::Stop);
        QCOMPARE(result.usage.inputTokens.value_or(-1), qint64(2 + 5));
        QCOMPARE(result.usage.outputTokens.value_or(-1), testsupport::wordCount(result.text));
        QCOMPARE(recorder.countEvents(id, core::StreamEvent::Kind::TextDelta) > 1, stream);
        const auto sent = m_server.requests()[0];
        QCOMPARE(sent.target, QByteArray("/api/chat"));
        const Json body = sent.json();
        PSM_JSON_COMPARE(body["stream"], stream); // explicit: Ollama streams by default
        PSM_JSON_COMPARE(body["messages"][0]["role"], "system");
        PSM_JSON_COMPARE(body["messages"][1]["role"], "user");
    }

    void optionsMapping()
    {
        auto r = tests::chatRequest(QStringLiteral("qwen2.5"), {}, QStringLiteral("a b c d"), true);
        r.params.temperature = 0.6;
        r.params.topP = 0.7;
        r.params.topK = 12;
        r.params.maxOutputTokens = 2;
        r.params.seed = 3;
        r.params.stopSequences = { QStringLiteral("</s>") };
        r.params.extra = { { "num_ctx", 8192 }, { "keep_alive", "5m" } };
        r.outputSchema = { { "type", "object" } };
        r.messages[0].parts.push_back(core::Part::fromMedia(
            QStringLiteral("data:image/png;base64,QUJD"), QStringLiteral("image/png")));
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        const core::ChatResult result = recorder.result(transport.start(settings(), r, {}));
        QVERIFY2(result.ok(), qPrintable(tests::describe(result)));
        QCOMPARE(result.finishReason, core::FinishReason::Length);
        QCOMPARE(result.text, QStringLiteral("You said:"));
        const Json body = m_server.requests()[0].json();
        const Json &options = body["options"];
        PSM_JSON_COMPARE(options["temperature"], 0.6);
        PSM_JSON_COMPARE(options["top_p"], 0.7);
        PSM_JSON_COMPARE(options["top_k"], 12);
        PSM_JSON_COMPARE(options["num_predict"], 2);
        PSM_JSON_COMPARE(options["seed"], 3);
        PSM_JSON_COMPARE(options["stop"][0], "</s>");
        PSM_JSON_COMPARE(options["num_ctx"], 8192);
        PSM_JSON_COMPARE(body["keep_alive"], "5m");
        PSM_JSON_COMPARE(body["format"]["type"], "object");
        PSM_JSON_COMPARE(body["messages"][0]["images"][0], "QUJD");
    }

    void remoteImageIsRefused()
    {
        auto r = tests::chatRequest(QStringLiteral("llava"), {}, QStringLiteral("see"), true);
        r.messages[0].parts.push_back(core::Part::fromMedia(
            QStringLiteral("https://example.com/cat.png"), QStringLiteral("image/png")));
        auto prepared = providers::Transport::prepare(settings(), r, {});
        QVERIFY(!prepared);
        QVERIFY(prepared.error().message.contains(QLatin1String("data: URL")));
    }

    void missingModelIsABadRequest()
    {
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        const core::ChatResult result = recorder.result(transport.start(settings(),
            tests::chatRequest(QStringLiteral("missing"), {}, QStringLiteral("x"), true), {}));
        QCOMPARE(result.failure, core::Failure::BadRequest);
        QCOMPARE(result.httpStatus, 404);
        QVERIFY(result.error->message.contains(QLatin1String("not found, try pulling it first")));
        QCOMPARE(result.attempts, 1);
    }

    void streamFaults()
    {
        m_server.pushFault(QStringLiteral("malformed-at=2"));
        m_server.pushFault(QStringLiteral("cut-after=3"));
        m_server.pushFault(QStringLiteral("stream-error"));
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        const auto request
            = tests::chatRequest(QStringLiteral("llama3.2"), {}, QStringLiteral("one two"), true);
        const core::ChatResult malformed
            = recorder.result(transport.start(settings(), request, {}));
        QVERIFY2(malformed.ok(), qPrintable(tests::describe(malformed)));
        QCOMPARE(malformed.malformedChunks.size(), size_t(1));
        QCOMPARE(malformed.text, testsupport::expectedReply(QStringLiteral("one two")));
        const core::ChatResult cut = recorder.result(transport.start(settings(), request, {}));
        QCOMPARE(cut.failure, core::Failure::StreamCut);
        QCOMPARE(cut.text, QStringLiteral("You said: one"));
        const core::ChatResult error = recorder.result(transport.start(settings(), request, {}));
        QCOMPARE(error.failure, core::Failure::Protocol);
        QVERIFY(error.error->message.startsWith(QLatin1String("Ollama: an error was encountered")));
    }

    void listsModels()
    {
        testsupport::ServerOptions options;
        options.ollamaModels = { QStringLiteral("llama3.2:latest"), QStringLiteral("qwen2.5:7b") };
        m_server.setOptions(options);
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        const auto id = transport.startRaw(
            settings(), providers::OllamaProvider::modelListRequest(settings()));
        const core::ChatResult result = recorder.result(id);
        QVERIFY2(result.ok(), qPrintable(tests::describe(result)));
        QCOMPARE(m_server.requests()[0].method, QByteArray("GET"));
        QCOMPARE(m_server.requests()[0].target, QByteArray("/api/tags"));
        const auto models = providers::OllamaProvider::parseModelList(result.rawResponse);
        QVERIFY(models);
        QCOMPARE(*models, options.ollamaModels);
        QVERIFY(!providers::OllamaProvider::parseModelList("{\"nope\":1}"));
    }
};

QTEST_GUILESS_MAIN(TstOllama)
#include "tst_ollama.moc"
