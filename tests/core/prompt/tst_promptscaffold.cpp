// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/prompt/promptengine.h"
#include "core/prompt/promptscaffold.h"

#include <QTest>

using namespace psm::core;

class TstPromptScaffold final : public QObject {
    Q_OBJECT

private slots:
    void wellFormed_data();
    void wellFormed();
    void badSchema();
    void names_data();
    void names();
};

void TstPromptScaffold::wellFormed_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("output");
    QTest::addColumn<QString>("rendersWith"); // JSON input
    QTest::addColumn<QString>("expectInText");
    QTest::newRow("bare") << QString() << QString() << QString() << QStringLiteral("{}")
                          << QStringLiteral("Write your prompt here.");
    QTest::newRow("model and input")
        << QStringLiteral("openai/gpt-4o-mini")
        << QStringLiteral("ticket: string, the customer's message\nproduct?: string") << QString()
        << QStringLiteral("{\"ticket\":\"refund\",\"product\":\"Acme\"}")
        << QStringLiteral("ticket: refund\nproduct: Acme");
    QTest::newRow("output schema")
        << QStringLiteral("anthropic/claude-haiku-4-5") << QStringLiteral("text: string")
        << QStringLiteral("label(enum): [a, b]\nscore: number")
        << QStringLiteral("{\"text\":\"x\"}") << QStringLiteral("Answer with JSON only.");
}

void TstPromptScaffold::wellFormed()
{
    QFETCH(QString, model);
    QFETCH(QString, input);
    QFETCH(QString, output);
    QFETCH(QString, rendersWith);
    QFETCH(QString, expectInText);
    const auto bytes = scaffoldPrompt({ model, QStringLiteral("Triage: a test"), input, output });
    QVERIFY2(bytes.has_value(), qPrintable(bytes ? QString() : bytes.error().toString()));
    QVERIFY(!bytes->startsWith("\xEF\xBB\xBF"));
    QVERIFY(!bytes->contains('\r'));
    QVERIFY(bytes->contains("\n---\n"));
    QVERIFY(bytes->endsWith('\n'));

    const auto prompt = parsePrompt(bytes->toStdString(), QStringLiteral("new.prompt"));
    QVERIFY(prompt.has_value());
    QCOMPARE(prompt->metadata.value("description", std::string()), std::string("Triage: a test"));
    if (!model.isEmpty())
        QCOMPARE(QString::fromStdString(prompt->metadata.value("model", std::string())), model);
    PromptEngine engine;
    RenderInput renderInput;
    renderInput.input = nlohmann::ordered_json::parse(rendersWith.toStdString());
    renderInput.validateInput = true;
    const auto rendered = engine.render(*prompt, renderInput);
    QVERIFY2(rendered.has_value(), qPrintable(rendered ? QString() : rendered.error().toString()));
    const auto &messages = rendered->messages();
    QCOMPARE(messages.size(), size_t(2));
    QCOMPARE(messages[0]["role"].get<std::string>(), std::string("system"));
    std::string all;
    for (const auto &message : messages) {
        for (const auto &part : message["content"])
            all += part.value("text", std::string());
    }
    QVERIFY2(QString::fromStdString(all).contains(expectInText), all.c_str());
    if (!output.isEmpty()) {
        const auto meta = engine.renderMetadata(*prompt);
        QVERIFY(meta.has_value());
        QCOMPARE((*meta)["output"]["schema"]["type"].get<std::string>(), std::string("object"));
    }
}

void TstPromptScaffold::badSchema()
{
    auto bytes
        = scaffoldPrompt({ QString(), QString(), QStringLiteral("a: [unclosed"), QString() });
    QVERIFY(!bytes.has_value());
    QVERIFY(bytes.error().message.startsWith(QStringLiteral("input schema")));
    QVERIFY(bytes.error().line > 0);
    bytes = scaffoldPrompt({ QString(), QString(), QString(), QStringLiteral("x: nosuchtype") });
    QVERIFY(!bytes.has_value());
    QVERIFY(bytes.error().message.startsWith(QStringLiteral("output schema")));
    bytes = scaffoldPrompt({ QStringLiteral("gpt-4o"), QString(), QString(), QString() });
    QVERIFY(!bytes.has_value());
    QVERIFY(bytes.error().message.contains(QStringLiteral("provider/model")));
}

void TstPromptScaffold::names_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("path");
    QTest::newRow("simple") << QStringLiteral("triage") << QStringLiteral("prompts/triage.prompt");
    QTest::newRow("folder") << QStringLiteral("support/triage")
                            << QStringLiteral("prompts/support/triage.prompt");
    QTest::newRow("variant") << QStringLiteral("triage.strict.prompt")
                             << QStringLiteral("prompts/triage.strict.prompt");
    QTest::newRow("partial") << QStringLiteral("_style") << QStringLiteral("prompts/_style.prompt");
    QTest::newRow("traversal") << QStringLiteral("../x") << QString();
    QTest::newRow("space") << QStringLiteral("my prompt") << QString();
    QTest::newRow("absolute") << QStringLiteral("/etc/x") << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TstPromptScaffold::names()
{
    QFETCH(QString, name);
    QFETCH(QString, path);
    const auto result = promptPathForName(name);
    if (path.isEmpty()) {
        QVERIFY(!result.has_value());
        QVERIFY(!result.error().message.isEmpty());
    } else {
        QVERIFY(result.has_value());
        QCOMPARE(*result, path);
    }
}

QTEST_GUILESS_MAIN(TstPromptScaffold)
#include "tst_promptscaffold.moc"
