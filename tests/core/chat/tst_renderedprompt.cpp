// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Dotprompt rendered-prompt JSON -> ChatRequest.
#include "core/chat/renderedprompt.h"
#include "core/chat/streamevent.h"

#include "tests/providers/jsoncheck.h"

#include <QTest>

using namespace psm::core;
using Json = nlohmann::ordered_json;

class TstRenderedPrompt final : public QObject {
    Q_OBJECT

private slots:
    void converts()
    {
        const Json rendered = Json::parse(
            "{"
            "\"model\": \"openai/gpt-4o-mini\","
            "\"config\": {\"temperature\": 0.2, \"maxOutputTokens\": 256, \"topP\": 0.9, \"topK\": "
            "20,"
            "\"stopSequences\": [\"###\"], \"seed\": 42, \"frequency_penalty\": 0.1},"
            "\"output\": {\"format\": \"json\", \"schema\": {\"type\": \"object\"}},"
            "\"toolDefs\": [{\"name\": \"lookup\", \"inputSchema\": {\"type\": \"object\"}}],"
            "\"messages\": ["
            "{\"role\": \"system\", \"content\": [{\"text\": \"You are terse.\"}]},"
            "{\"role\": \"user\", \"content\": [{\"text\": \"Describe \"},"
            "{\"media\": {\"url\": \"https://x/cat.png\", \"contentType\": \"image/png\"}}]},"
            "{\"role\": \"model\", \"content\": [{\"toolRequest\": {\"ref\": \"c1\", \"name\": "
            "\"lookup\", \"input\": {\"q\": 1}}}]},"
            "{\"role\": \"tool\", \"content\": [{\"toolResponse\": {\"ref\": \"c1\", \"name\": "
            "\"lookup\", \"output\": \"ok\"}}]}"
            "]}");
        auto request = chatRequestFromRenderedPrompt(rendered);
        QVERIFY2(request, qPrintable(request ? QString() : request.error().toString()));
        QCOMPARE(request->model, QStringLiteral("openai/gpt-4o-mini"));
        QCOMPARE(request->system, QStringLiteral("You are terse."));
        QCOMPARE(request->params.temperature.value_or(-1), double(0.2));
        QCOMPARE(request->params.maxOutputTokens.value_or(-1), qint64(256));
        QCOMPARE(request->params.topP.value_or(-1), double(0.9));
        QCOMPARE(request->params.topK.value_or(-1), qint64(20));
        QCOMPARE(request->params.seed.value_or(-1), qint64(42));
        QCOMPARE(request->params.stopSequences, QStringList { QStringLiteral("###") });
        PSM_JSON_COMPARE(request->params.extra["frequency_penalty"], 0.1);
        QVERIFY(!request->params.extra.contains("temperature"));
        PSM_JSON_COMPARE(request->outputSchema["type"], "object");
        QCOMPARE(request->tools.size(), size_t(1));
        QCOMPARE(request->messages.size(), size_t(3));
        const Message &user = request->messages[0];
        QCOMPARE(user.role, Role::User);
        QCOMPARE(user.parts.size(), size_t(2));
        QCOMPARE(user.parts[1].kind, Part::Kind::Media);
        QCOMPARE(user.parts[1].contentType, QStringLiteral("image/png"));
        QCOMPARE(request->messages[1].parts[0].kind, Part::Kind::ToolRequest);
        PSM_JSON_COMPARE(request->messages[1].parts[0].toolData["q"], 1);
        PSM_JSON_COMPARE(request->messages[2].role, Role::Tool);
        QCOMPARE(request->messages[2].parts[0].toolRef, QStringLiteral("c1"));
    }

    void rejects_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("where");
        QTest::newRow("not-object") << QByteArray("[]") << QStringLiteral("$");
        QTest::newRow("no-messages") << QByteArray("{}") << QStringLiteral("messages");
        QTest::newRow("bad-role") << QByteArray(R"({"messages":[{"role":"bot","content":[]}]})")
                                  << QStringLiteral("messages[0].role");
        QTest::newRow("bad-part") << QByteArray(
            R"({"messages":[{"role":"user","content":[{"text":"a"},{"foo":1}]}]})")
                                  << QStringLiteral("messages[0].content[1]");
        QTest::newRow("bad-media")
            << QByteArray(R"({"messages":[{"role":"user","content":[{"media":{}}]}]})")
            << QStringLiteral("messages[0].content[0].media");
        QTest::newRow("bad-temperature")
            << QByteArray(R"({"config":{"temperature":"hot"},"messages":[]})")
            << QStringLiteral("config.temperature");
        QTest::newRow("fractional-tokens")
            << QByteArray(R"({"config":{"maxOutputTokens":1.5},"messages":[]})")
            << QStringLiteral("config.maxOutputTokens");
        QTest::newRow("bad-stops")
            << QByteArray(R"({"config":{"stopSequences":[1]},"messages":[]})")
            << QStringLiteral("config.stopSequences");
        QTest::newRow("bad-schema") << QByteArray(R"({"output":{"schema":"x"},"messages":[]})")
                                    << QStringLiteral("output.schema");
    }
    void rejects()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, where);
        auto request = chatRequestFromRenderedPrompt(Json::parse(json.toStdString()));
        QVERIFY(!request);
        QCOMPARE(request.error().code, ErrorCode::InvalidInput);
        QVERIFY2(request.error().message.contains(where + QLatin1Char(':')),
            qPrintable(request.error().message));
    }

    void resultFoldsEvents()
    {
        ChatResult r;
        r.apply(StreamEvent::textDelta(QStringLiteral("Hel")));
        r.apply(StreamEvent::textDelta(QStringLiteral("lo")));
        r.apply(StreamEvent::toolCallDelta(
            0, QStringLiteral("id1"), QStringLiteral("f"), QStringLiteral("{\"a\"")));
        r.apply(StreamEvent::toolCallDelta(0, {}, {}, QStringLiteral(":1}")));
        Usage first;
        first.inputTokens = 10;
        r.apply(StreamEvent::usageEvent(first));
        Usage later;
        later.outputTokens = 5;
        r.apply(StreamEvent::usageEvent(later));
        r.apply(StreamEvent::finish(FinishReason::Stop, QStringLiteral("stop")));
        QCOMPARE(r.text, QStringLiteral("Hello"));
        QCOMPARE(r.toolCalls[0].arguments, QStringLiteral("{\"a\":1}"));
        QCOMPARE(r.usage.inputTokens.value_or(-1), qint64(10));
        QCOMPARE(r.usage.outputTokens.value_or(-1), qint64(5));
        // A "stop" that ends with tool calls is a tool-call finish (Gemini, Ollama report STOP).
        QCOMPARE(r.finishReason, FinishReason::ToolCalls);
        QVERIFY(r.ok());
    }
};

QTEST_GUILESS_MAIN(TstRenderedPrompt)
#include "tst_renderedprompt.moc"
