// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/prompt/frontmatteredit.h"
#include "core/prompt/promptfile.h"

#include <QTest>

using namespace psm::core;

class TstFrontMatterEdit final : public QObject {
    Q_OBJECT

private slots:
    void edit_data();
    void edit();
    void refuses_data();
    void refuses();
    void quoting_data();
    void quoting();
};

void TstFrontMatterEdit::edit_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");

    const QString body = QStringLiteral("{{role \"user\"}}\nHi {{name}}\n");
    QTest::newRow("replace nested, keep comment and order")
        << QStringLiteral("---\n# top comment\nmodel: openai/gpt-4o # the cheap one\nconfig:\n"
                          "  temperature: 0   # deterministic\n  maxOutputTokens: 60\n---\n")
            + body
        << QStringLiteral("config.temperature") << QStringLiteral("0.3")
        << QStringLiteral("---\n# top comment\nmodel: openai/gpt-4o # the cheap one\nconfig:\n"
                          "  temperature: 0.3   # deterministic\n  maxOutputTokens: 60\n---\n")
            + body;
    QTest::newRow("replace top-level, keep comment")
        << QStringLiteral("---\nmodel: openai/gpt-4o # the cheap one\n---\n") + body
        << QStringLiteral("model") << QStringLiteral("anthropic/claude-haiku-4-5")
        << QStringLiteral("---\nmodel: anthropic/claude-haiku-4-5 # the cheap one\n---\n") + body;
    QTest::newRow("insert into existing block with its indent")
        << QStringLiteral("---\nconfig:\n    maxOutputTokens: 60\n# after\nmodel: x/y\n---\n")
            + body
        << QStringLiteral("config.temperature") << QStringLiteral("0.7")
        << QStringLiteral("---\nconfig:\n    maxOutputTokens: 60\n    temperature: 0.7\n# after\n"
                          "model: x/y\n---\n")
            + body;
    QTest::newRow("insert missing parent at the end")
        << QStringLiteral("---\nmodel: x/y\n---\n") + body << QStringLiteral("config.topP")
        << QStringLiteral("0.9")
        << QStringLiteral("---\nmodel: x/y\nconfig:\n  topP: 0.9\n---\n") + body;
    QTest::newRow("insert under an empty parent")
        << QStringLiteral("---\nconfig:\nmodel: x/y\n---\n") + body << QStringLiteral("config.seed")
        << QStringLiteral("7")
        << QStringLiteral("---\nconfig:\n  seed: 7\nmodel: x/y\n---\n") + body;
    QTest::newRow("literal dotted key")
        << QStringLiteral("---\npromptsmith.owner: ann\n---\n") + body
        << QStringLiteral("promptsmith.owner") << QStringLiteral("bob")
        << QStringLiteral("---\npromptsmith.owner: bob\n---\n") + body;
    QTest::newRow("no front matter")
        << body << QStringLiteral("model") << QStringLiteral("echo/echo")
        << QStringLiteral("---\nmodel: echo/echo\n---\n") + body;
    QTest::newRow("crlf kept") << QStringLiteral("---\r\nmodel: a/b\r\n---\r\nHi\r\n")
                               << QStringLiteral("config.topK") << QStringLiteral("4")
                               << QStringLiteral(
                                      "---\r\nmodel: a/b\r\nconfig:\r\n  topK: 4\r\n---\r\nHi\r\n");
    QTest::newRow("hash inside quotes is not a comment")
        << QStringLiteral("---\ndescription: \"a # b\" # note\n---\nx")
        << QStringLiteral("description") << QStringLiteral("\"c\"")
        << QStringLiteral("---\ndescription: \"c\" # note\n---\nx");
    QTest::newRow("same key name elsewhere untouched")
        << QStringLiteral(
               "---\ninput:\n  default:\n    temperature: hot\nconfig:\n  temperature: 1\n"
               "---\nx")
        << QStringLiteral("config.temperature") << QStringLiteral("0")
        << QStringLiteral(
               "---\ninput:\n  default:\n    temperature: hot\nconfig:\n  temperature: 0\n"
               "---\nx");
    QTest::newRow("template keeps a --- line")
        << QStringLiteral("---\nmodel: a/b\n---\nabove\n---\nbelow\n") << QStringLiteral("model")
        << QStringLiteral("c/d") << QStringLiteral("---\nmodel: c/d\n---\nabove\n---\nbelow\n");
}

void TstFrontMatterEdit::edit()
{
    QFETCH(QString, text);
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    const auto edited = setFrontMatterScalar(text, key, value);
    QVERIFY2(edited.has_value(), qPrintable(edited ? QString() : edited.error().toString()));
    QCOMPARE(*edited, expected);
    // The result is still a valid prompt file.
    QVERIFY(parsePrompt(edited->toStdString(), QStringLiteral("t.prompt")).has_value());
}

void TstFrontMatterEdit::refuses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("line");
    QTest::newRow("flow mapping parent") << QStringLiteral("---\nconfig: {temperature: 0}\n---\nx")
                                         << QStringLiteral("config.temperature") << 2;
    QTest::newRow("target holds a mapping")
        << QStringLiteral("---\nconfig:\n  temperature: 0\n---\nx") << QStringLiteral("config")
        << 2;
    QTest::newRow("block scalar") << QStringLiteral("---\ndescription: |\n  long\n---\nx")
                                  << QStringLiteral("description") << 2;
}

void TstFrontMatterEdit::refuses()
{
    QFETCH(QString, text);
    QFETCH(QString, key);
    QFETCH(int, line);
    const auto edited = setFrontMatterScalar(text, key, QStringLiteral("1"));
    QVERIFY(!edited.has_value());
    QCOMPARE(edited.error().code, ErrorCode::InvalidInput);
    QCOMPARE(edited.error().line, line);
}

void TstFrontMatterEdit::quoting_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << QStringLiteral("openai/gpt-4o") << QStringLiteral("openai/gpt-4o");
    QTest::newRow("number-like") << QStringLiteral("5") << QStringLiteral("\"5\"");
    QTest::newRow("bool-like") << QStringLiteral("true") << QStringLiteral("\"true\"");
    QTest::newRow("colon space") << QStringLiteral("a: b") << QStringLiteral("\"a: b\"");
    QTest::newRow("quote") << QStringLiteral("say \"hi\"") << QStringLiteral("say \"hi\"");
    QTest::newRow("leading quote") << QStringLiteral("\"x") << QStringLiteral("\"\\\"x\"");
    QTest::newRow("empty") << QString() << QStringLiteral("\"\"");
}

void TstFrontMatterEdit::quoting()
{
    QFETCH(QString, value);
    QFETCH(QString, expected);
    QCOMPARE(yamlQuoted(value), expected);
}

QTEST_GUILESS_MAIN(TstFrontMatterEdit)
#include "tst_frontmatteredit.moc"
