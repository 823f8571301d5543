// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/prompthighlighter.h"
#include "ui/themecolors.h"

#include <QApplication>
#include <QPalette>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

using psm::ui::PromptHighlighter;
using Category = PromptHighlighter::Category;

Q_DECLARE_METATYPE(PromptHighlighter::Category)
Q_DECLARE_METATYPE(PromptHighlighter::Mode)

class TstPromptHighlighter final : public QObject {
    Q_OBJECT

private:
    // The format applied at (line, column), or an invalid format when none covers it.
    static QTextCharFormat formatAt(QTextDocument &doc, int line, int column)
    {
        const QTextBlock block = doc.findBlockByNumber(line);
        for (const QTextLayout::FormatRange &range : block.layout()->formats())
            if (column >= range.start && column < range.start + range.length)
                return range.format;
        return {};
    }

    static QPalette lightPalette()
    {
        QPalette p;
        p.setColor(QPalette::Base, Qt::white);
        p.setColor(QPalette::Text, Qt::black);
        return p;
    }

    static QPalette darkPalette()
    {
        QPalette p;
        p.setColor(QPalette::Base, QColor(30, 30, 30));
        p.setColor(QPalette::Text, QColor(230, 230, 230));
        return p;
    }

private Q_SLOTS:
    void formats_data()
    {
        QTest::addColumn<PromptHighlighter::Mode>("mode");
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<int>("category"); // -1: no format at all

        const QString prompt = QStringLiteral("---\n" // 0
                                              "model: openai/gpt-4o-mini # cheap\n" // 1
                                              "config:\n" // 2
                                              "  temperature: 0.7\n" // 3
                                              "  stop: \"END\"\n" // 4
                                              "---\n" // 5
                                              "{{role \"system\"}}\n" // 6
                                              "You help with {{topic}}.\n" // 7
                                              "{{#if urgent}}Be quick.{{/if}}\n" // 8
                                              "{{> footer}}\n" // 9
                                              "{{! a note }} plain\n" // 10
                                              "{{!-- spans\n" // 11
                                              "two lines --}} after\n" // 12
                                              "key: not yaml here\n"); // 13
        const auto P = PromptHighlighter::Mode::Prompt;
        QTest::newRow("opening fence") << P << prompt << 0 << 0 << int(Category::Fence);
        QTest::newRow("front matter key") << P << prompt << 1 << 2 << int(Category::Key);
        QTest::newRow("front matter plain value") << P << prompt << 1 << 8 << -1;
        QTest::newRow("front matter comment") << P << prompt << 1 << 28 << int(Category::Comment);
        QTest::newRow("nested key") << P << prompt << 3 << 3 << int(Category::Key);
        QTest::newRow("number value") << P << prompt << 3 << 16 << int(Category::Literal);
        QTest::newRow("quoted string") << P << prompt << 4 << 9 << int(Category::String);
        QTest::newRow("closing fence") << P << prompt << 5 << 1 << int(Category::Fence);
        QTest::newRow("role marker") << P << prompt << 6 << 3 << int(Category::RoleMarker);
        QTest::newRow("role marker string") << P << prompt << 6 << 9 << int(Category::RoleMarker);
        QTest::newRow("body text") << P << prompt << 7 << 2 << -1;
        QTest::newRow("expression") << P << prompt << 7 << 17 << int(Category::Tag);
        QTest::newRow("block open") << P << prompt << 8 << 3 << int(Category::BlockTag);
        QTest::newRow("text in block") << P << prompt << 8 << 16 << -1;
        QTest::newRow("block close") << P << prompt << 8 << 26 << int(Category::BlockTag);
        QTest::newRow("partial") << P << prompt << 9 << 4 << int(Category::Partial);
        QTest::newRow("short comment") << P << prompt << 10 << 4 << int(Category::Comment);
        QTest::newRow("after short comment") << P << prompt << 10 << 15 << -1;
        QTest::newRow("long comment start") << P << prompt << 11 << 7 << int(Category::Comment);
        QTest::newRow("long comment second line")
            << P << prompt << 12 << 2 << int(Category::Comment);
        QTest::newRow("after long comment") << P << prompt << 12 << 16 << -1;
        QTest::newRow("key-like body line") << P << prompt << 13 << 0 << -1;

        const QString noFrontMatter = QStringLiteral("Hello {{name}}\n---\nkey: value\n");
        QTest::newRow("no front matter: tag") << P << noFrontMatter << 0 << 8 << int(Category::Tag);
        QTest::newRow("no front matter: later fence is text") << P << noFrontMatter << 1 << 0 << -1;
        QTest::newRow("no front matter: no keys") << P << noFrontMatter << 2 << 0 << -1;

        const auto Y = PromptHighlighter::Mode::Yaml;
        const QString yaml = QStringLiteral("# eval set\n"
                                            "description: 'triage'\n"
                                            "tests:\n"
                                            "  - vars: {ticket: \"refund\"}\n"
                                            "    threshold: 0.5\n"
                                            "---\n"
                                            "note: the customer's message # why\n");
        QTest::newRow("yaml comment") << Y << yaml << 0 << 3 << int(Category::Comment);
        QTest::newRow("yaml key") << Y << yaml << 1 << 0 << int(Category::Key);
        QTest::newRow("yaml single-quoted") << Y << yaml << 1 << 15 << int(Category::String);
        QTest::newRow("yaml list item key") << Y << yaml << 3 << 5 << int(Category::Key);
        QTest::newRow("yaml flow string") << Y << yaml << 3 << 21 << int(Category::String);
        QTest::newRow("yaml number") << Y << yaml << 4 << 16 << int(Category::Literal);
        QTest::newRow("yaml document marker") << Y << yaml << 5 << 0 << int(Category::Fence);
        QTest::newRow("yaml apostrophe is not a quote") << Y << yaml << 6 << 20 << -1;
        QTest::newRow("yaml comment after apostrophe")
            << Y << yaml << 6 << 31 << int(Category::Comment);
    }

    void formats()
    {
        QFETCH(PromptHighlighter::Mode, mode);
        QFETCH(QString, text);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(int, category);

        QTextDocument doc;
        doc.setPlainText(text);
        PromptHighlighter highlighter(&doc, mode, lightPalette());
        highlighter.rehighlight();
        const QTextCharFormat actual = formatAt(doc, line, column);
        if (category < 0) {
            QVERIFY2(actual.foreground().style() == Qt::NoBrush,
                qPrintable(QStringLiteral("unexpected colour %1")
                               .arg(actual.foreground().color().name())));
            return;
        }
        const QTextCharFormat expected = highlighter.format(Category(category));
        QCOMPARE(actual.foreground().color(), expected.foreground().color());
        QCOMPARE(actual.fontWeight(), expected.fontWeight());
        QCOMPARE(actual.fontItalic(), expected.fontItalic());
    }

    void editingReopensFrontMatter()
    {
        // Deleting the closing fence turns the rest into front matter; typing it back restores.
        QTextDocument doc;
        doc.setPlainText(QStringLiteral("---\nmodel: x\n---\nname: {{name}}\n"));
        PromptHighlighter highlighter(&doc, PromptHighlighter::Mode::Prompt, lightPalette());
        const QColor keyColour = highlighter.format(Category::Key).foreground().color();
        QVERIFY(formatAt(doc, 3, 0).foreground().color() != keyColour);
        QTextCursor cursor(doc.findBlockByNumber(2));
        cursor.select(QTextCursor::BlockUnderCursor);
        cursor.removeSelectedText();
        QTRY_COMPARE(formatAt(doc, 2, 0).foreground().color(), keyColour);
        cursor.insertText(QStringLiteral("\n---"));
        QTRY_VERIFY(formatAt(doc, 3, 0).foreground().color() != keyColour);
    }

    void coloursFollowThePalette()
    {
        QTextDocument doc;
        PromptHighlighter highlighter(&doc, PromptHighlighter::Mode::Prompt, lightPalette());
        const QColor onLight = highlighter.format(Category::Key).foreground().color();
        highlighter.setPalette(darkPalette());
        const QColor onDark = highlighter.format(Category::Key).foreground().color();
        QVERIFY(onLight != onDark);
        // Readable on each background: the ink is darker than white / lighter than dark grey.
        QVERIFY(onLight.lightnessF() < 0.5);
        QVERIFY(onDark.lightnessF() > 0.5);
        for (Category c : { Category::Fence, Category::Key, Category::String, Category::Literal,
                 Category::Comment, Category::Tag, Category::BlockTag, Category::Partial,
                 Category::RoleMarker }) {
            const QColor ink = highlighter.format(c).foreground().color();
            QVERIFY2(qAbs(ink.lightnessF() - 30.0 / 255) > 0.3, "ink too close to a dark Base");
        }
    }

    void createPicksByExtension()
    {
        QTextDocument doc;
        QVERIFY(
            PromptHighlighter::create(&doc, QStringLiteral("prompts/a.prompt"), lightPalette()));
        QTextDocument doc2;
        QVERIFY(PromptHighlighter::create(&doc2, QStringLiteral("evals/a.yml"), lightPalette()));
        QTextDocument doc3;
        QVERIFY(!PromptHighlighter::create(&doc3, QStringLiteral("README.md"), lightPalette()));
    }
};

QTEST_MAIN(TstPromptHighlighter)
#include "tst_prompthighlighter.moc"
