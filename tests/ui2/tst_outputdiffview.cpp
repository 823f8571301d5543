// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/diff/outputdiffdialog.h"
#include "ui/diff/outputdiffview.h"

#include <QApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPointer>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QToolButton>

using namespace psm;

// The output diff view offscreen: which ranges each pane highlights for known texts, the summary
// line, the inline toggle, the JSON structure tab, plain-text rendering of markup, the empty and
// identical states, and a 100 KB comparison that leaves the GUI thread free.
class TstOutputDiffView final : public QObject {
    Q_OBJECT

private slots:
    void replacedWordHighlightsTheChangedCharacters();
    void addedAndRemovedWordsAndSummary();
    void inlineToggleAndShortcut();
    void jsonOutputsListChangedPaths();
    void markupShowsAsPlainText();
    void emptyAndIdenticalStatesSaySo();
    void largeTextsAreComparedOffTheGuiThread();
    void panesScrollTogether();
    void dialogOpensNonModalAndDeletesOnClose();
    void paletteChangeReTintsTheHighlights();

private:
    // "text:kind" for each highlighted run of a pane (kind as in ui::DiffSpanKind: 1 removed
    // word, 2 added word, 3 removed characters, 4 added characters).
    static QStringList highlights(const ui::OutputDiffView &view, const QString &pane);
    static QString summary(const ui::OutputDiffView &view);
};

QStringList TstOutputDiffView::highlights(const ui::OutputDiffView &view, const QString &pane)
{
    auto *edit = view.findChild<QPlainTextEdit *>(pane);
    if (!edit)
        return { QStringLiteral("no pane ") + pane };
    QStringList runs;
    for (QTextBlock block = edit->document()->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            const QVariant kind = fragment.charFormat().property(QTextFormat::UserProperty);
            if (kind.isValid())
                runs << fragment.text() + u':' + QString::number(kind.toInt());
        }
    }
    return runs;
}

QString TstOutputDiffView::summary(const ui::OutputDiffView &view)
{
    auto *label = view.findChild<QLabel *>(QStringLiteral("summary"));
    return label ? label->text() : QStringLiteral("no summary label");
}

void TstOutputDiffView::replacedWordHighlightsTheChangedCharacters()
{
    ui::OutputDiffView view;
    view.setTexts(QStringLiteral("A"), QStringLiteral("The colour is red."), QStringLiteral("B"),
        QStringLiteral("The color is red."));
    // The old word is marked as removed, its "u" more strongly; the new word as added with no
    // character of its own.
    QCOMPARE(highlights(view, QStringLiteral("leftPane")),
        (QStringList { QStringLiteral("colo:1"), QStringLiteral("u:3"), QStringLiteral("r:1") }));
    QCOMPARE(
        highlights(view, QStringLiteral("rightPane")), QStringList { QStringLiteral("color:2") });
    QCOMPARE(view.findChild<QPlainTextEdit *>(QStringLiteral("leftPane"))->toPlainText(),
        QStringLiteral("The colour is red."));
    QCOMPARE(view.findChild<QPlainTextEdit *>(QStringLiteral("rightPane"))->toPlainText(),
        QStringLiteral("The color is red."));
    // Similarity counts the characters of equal words: 2 * len("The " + " is red.") / (18 + 17).
    QCOMPARE(summary(view), QStringLiteral("Words: 0 added, 0 removed, 1 changed · 69% similar"));
    // The hidden inline pane is filled only when it is shown (it would cost the GUI thread as
    // much as a visible one), and then holds both words.
    QVERIFY(view.findChild<QPlainTextEdit *>(QStringLiteral("inlinePane"))->toPlainText().isEmpty());
    view.setMode(ui::OutputDiffView::Mode::Inline);
    QCOMPARE(highlights(view, QStringLiteral("inlinePane")),
        (QStringList { QStringLiteral("colo:1"), QStringLiteral("u:3"), QStringLiteral("r:1"),
            QStringLiteral("color:2") }));
    QCOMPARE(view.findChild<QPlainTextEdit *>(QStringLiteral("inlinePane"))->toPlainText(),
        QStringLiteral("The colourcolor is red."));
    // New texts while inline: the side-by-side panes wait for their turn, then show them.
    view.setTexts(QStringLiteral("A"), QStringLiteral("one"), QStringLiteral("B"),
        QStringLiteral("two"));
    QCOMPARE(view.findChild<QPlainTextEdit *>(QStringLiteral("inlinePane"))->toPlainText(),
        QStringLiteral("onetwo"));
    view.setMode(ui::OutputDiffView::Mode::SideBySide);
    QCOMPARE(view.findChild<QPlainTextEdit *>(QStringLiteral("leftPane"))->toPlainText(),
        QStringLiteral("one"));
    QCOMPARE(view.findChild<QPlainTextEdit *>(QStringLiteral("rightPane"))->toPlainText(),
        QStringLiteral("two"));
}

void TstOutputDiffView::addedAndRemovedWordsAndSummary()
{
    ui::OutputDiffView view;
    view.setTexts(QStringLiteral("old"), QStringLiteral("one two three four"),
        QStringLiteral("new"), QStringLiteral("one three four five six"));
    QCOMPARE(
        highlights(view, QStringLiteral("leftPane")), QStringList { QStringLiteral("two :1") });
    QCOMPARE(highlights(view, QStringLiteral("rightPane")),
        QStringList { QStringLiteral(" five six:2") });
    QVERIFY2(summary(view).startsWith(QStringLiteral("Words: 2 added, 1 removed, 0 changed · ")),
        qPrintable(summary(view)));
}

void TstOutputDiffView::inlineToggleAndShortcut()
{
    ui::OutputDiffView view;
    view.setTexts(
        QStringLiteral("a"), QStringLiteral("x"), QStringLiteral("b"), QStringLiteral("y"));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCOMPARE(view.mode(), ui::OutputDiffView::Mode::SideBySide);
    auto *left = view.findChild<QPlainTextEdit *>(QStringLiteral("leftPane"));
    auto *inlined = view.findChild<QPlainTextEdit *>(QStringLiteral("inlinePane"));
    QVERIFY(left->isVisible());
    QVERIFY(!inlined->isVisible());

    QApplication::setActiveWindow(&view);
    QVERIFY(QTest::qWaitForWindowActive(&view));
    QTest::keyClick(&view, Qt::Key_I, Qt::ControlModifier);
    QTRY_COMPARE(
        view.mode(), ui::OutputDiffView::Mode::Inline); // a button shortcut animates its click
    QVERIFY(inlined->isVisible());
    QVERIFY(!left->isVisible());
    QVERIFY(view.findChild<QToolButton *>(QStringLiteral("inlineToggle"))->isChecked());

    view.setMode(ui::OutputDiffView::Mode::SideBySide);
    QVERIFY(left->isVisible());
    QVERIFY(!view.findChild<QToolButton *>(QStringLiteral("inlineToggle"))->isChecked());
}

void TstOutputDiffView::jsonOutputsListChangedPaths()
{
    ui::OutputDiffView view;
    view.setTexts(QStringLiteral("a"),
        QStringLiteral(R"({"name": "Ada", "age": 36, "tags": ["x"], "old": 1})"),
        QStringLiteral("b"),
        QStringLiteral("```json\n{\"name\": \"Ada L.\", \"age\": 36, \"tags\": [\"x\", \"y\"], "
                       "\"new\": null}\n```"));
    auto *tabs = view.findChild<QTabWidget *>(QStringLiteral("tabs"));
    QVERIFY(tabs->isTabVisible(1));
    QCOMPARE(tabs->currentIndex(), 1); // the structure first, the word view one tab away
    auto *table = view.findChild<QTableWidget *>(QStringLiteral("jsonChanges"));
    QStringList rows;
    for (int row = 0; row < table->rowCount(); ++row) {
        QStringList cells;
        for (int column = 0; column < table->columnCount(); ++column)
            cells << table->item(row, column)->text();
        rows << cells.join(u'|');
    }
    rows.sort();
    QCOMPARE(rows,
        (QStringList { QStringLiteral("/name|changed|\"Ada\"|\"Ada L.\""),
            QStringLiteral("/new|added||null"), QStringLiteral("/old|removed|1|"),
            QStringLiteral("/tags/1|added||\"y\"") }));
    QVERIFY2(summary(view).endsWith(QStringLiteral(" · JSON changes: 4")),
        qPrintable(summary(view)));

    // Plain text on one side: no structure tab, the word view again.
    view.setTexts(QStringLiteral("a"), QStringLiteral("{\"a\": 1}"), QStringLiteral("b"),
        QStringLiteral("not json"));
    QVERIFY(!tabs->isTabVisible(1));
    QCOMPARE(tabs->currentIndex(), 0);
}

void TstOutputDiffView::markupShowsAsPlainText()
{
    ui::OutputDiffView view;
    const QString left = QStringLiteral("<b>bold</b> &amp; <img src=x>");
    const QString right = QStringLiteral("<i>bold</i> &amp; <img src=x>");
    view.setTexts(QStringLiteral("<h1>A</h1>"), left, QStringLiteral("B"), right);
    QCOMPARE(view.findChild<QPlainTextEdit *>(QStringLiteral("leftPane"))->toPlainText(), left);
    QCOMPARE(view.findChild<QPlainTextEdit *>(QStringLiteral("rightPane"))->toPlainText(), right);
    for (auto *label : view.findChildren<QLabel *>())
        QCOMPARE(label->textFormat(), Qt::PlainText);
}

void TstOutputDiffView::emptyAndIdenticalStatesSaySo()
{
    ui::OutputDiffView view;
    view.setTexts(QStringLiteral("a"), QString(), QStringLiteral("b"), QString());
    QCOMPARE(summary(view), QStringLiteral("Both outputs are empty."));
    view.setTexts(QStringLiteral("a"), QStringLiteral("same\r\ntext"), QStringLiteral("b"),
        QStringLiteral("same\ntext"));
    QCOMPARE(summary(view), QStringLiteral("The outputs are identical."));
    view.setMode(ui::OutputDiffView::Mode::Inline);
    QCOMPARE(view.findChild<QPlainTextEdit *>(QStringLiteral("inlinePane"))->toPlainText(),
        QStringLiteral("same\ntext"));
    QVERIFY(highlights(view, QStringLiteral("inlinePane")).isEmpty());
    view.setMode(ui::OutputDiffView::Mode::SideBySide);
    view.setTexts(QStringLiteral("a"), QString(), QStringLiteral("b"), QStringLiteral("two words"));
    QCOMPARE(summary(view),
        QStringLiteral(
            "The left output is empty. Words: 2 added, 0 removed, 0 changed · 0% similar"));
    QCOMPARE(highlights(view, QStringLiteral("rightPane")),
        QStringList { QStringLiteral("two words:2") });
    // In a prompt diff the texts are messages, and an unchanged one says so in those words.
    ui::OutputDiffView message;
    message.setComparedTexts(ui::ComparedTexts::Messages);
    message.setTexts(QStringLiteral("message 2: user"), QStringLiteral("Hi {{name}}"),
        QStringLiteral("message 2: user"), QStringLiteral("Hi {{name}}"));
    QCOMPARE(summary(message), QStringLiteral("The message is unchanged."));
    message.setTexts(QStringLiteral("message 3: (none)"), QString(),
        QStringLiteral("message 3: model"), QStringLiteral("Sure."));
    QVERIFY2(summary(message).startsWith(QStringLiteral("The message is new. Words: 1 added")),
        qPrintable(summary(message)));
}

void TstOutputDiffView::largeTextsAreComparedOffTheGuiThread()
{
    // Two ~100 KB outputs with an edit every few hundred words.
    QString left;
    QString right;
    int edits = 0;
    for (int i = 0; left.size() < 100 * 1024; ++i) {
        const QString word = QStringLiteral("word%1 ").arg(i % 997);
        left += word;
        if (i % 300 == 150) {
            right += QStringLiteral("changed%1 ").arg(i);
            ++edits;
        } else {
            right += word;
        }
    }
    ui::OutputDiffView view;
    QSignalSpy shown(&view, &ui::OutputDiffView::comparisonShown);
    view.setTexts(QStringLiteral("a"), left, QStringLiteral("b"), right);
    // setTexts returned before the comparison finished: the view says so and shows no stale text.
    QCOMPARE(summary(view), QStringLiteral("Comparing…"));
    QCOMPARE(shown.count(), 0);
    QVERIFY(view.findChild<QPlainTextEdit *>(QStringLiteral("leftPane"))->toPlainText().isEmpty());
    QVERIFY(shown.wait(10000));
    QVERIFY2(summary(view).startsWith(
                 QStringLiteral("Words: 0 added, 0 removed, %1 changed · ").arg(edits)),
        qPrintable(summary(view)));
    QCOMPARE(view.findChild<QPlainTextEdit *>(QStringLiteral("rightPane"))->toPlainText(), right);

    // Newer texts set while a comparison runs win over its late result.
    view.setTexts(QStringLiteral("a"), left, QStringLiteral("b"), right);
    view.setTexts(
        QStringLiteral("a"), QStringLiteral("small"), QStringLiteral("b"), QStringLiteral("small"));
    QCOMPARE(summary(view), QStringLiteral("The outputs are identical."));
    QTest::qWait(500);
    QCOMPARE(summary(view), QStringLiteral("The outputs are identical."));
}

void TstOutputDiffView::panesScrollTogether()
{
    QString text;
    for (int i = 0; i < 300; ++i)
        text += QStringLiteral("line %1\n").arg(i);
    ui::OutputDiffView view;
    view.resize(600, 300);
    view.setTexts(QStringLiteral("a"), text, QStringLiteral("b"), text + QStringLiteral("more\n"));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto *left = view.findChild<QPlainTextEdit *>(QStringLiteral("leftPane"));
    auto *right = view.findChild<QPlainTextEdit *>(QStringLiteral("rightPane"));
    QVERIFY(left->verticalScrollBar()->maximum() > 100);
    left->verticalScrollBar()->setValue(100);
    QCOMPARE(right->verticalScrollBar()->value(), 100);
    right->verticalScrollBar()->setValue(40);
    QCOMPARE(left->verticalScrollBar()->value(), 40);
}

void TstOutputDiffView::dialogOpensNonModalAndDeletesOnClose()
{
    QWidget parent;
    QPointer<ui::OutputDiffDialog> dialog
        = ui::OutputDiffDialog::open(&parent, QStringLiteral("cell 1"),
            QStringLiteral("hello world"), QStringLiteral("cell 2"), QStringLiteral("hello there"));
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->isModal());
    QCOMPARE(summary(*dialog->view()),
        QStringLiteral("Words: 0 added, 0 removed, 1 changed · %1% similar")
            .arg(qRound(2.0 * 6 / 22 * 100))); // "hello " is equal
    dialog->close();
    QTRY_VERIFY(dialog.isNull());
}

void TstOutputDiffView::paletteChangeReTintsTheHighlights()
{
    ui::OutputDiffView view;
    view.setTexts(
        QStringLiteral("a"), QStringLiteral("one"), QStringLiteral("b"), QStringLiteral("two"));
    auto *right = view.findChild<QPlainTextEdit *>(QStringLiteral("rightPane"));
    const auto addedBackground = [right] {
        return right->document()->begin().begin().fragment().charFormat().background().color();
    };
    const QColor light = addedBackground();
    const QStringList ranges = highlights(view, QStringLiteral("rightPane"));
    QVERIFY(!ranges.isEmpty());
    QPalette dark = view.palette();
    dark.setColor(QPalette::Base, Qt::black);
    dark.setColor(QPalette::Text, Qt::white);
    view.setPalette(dark);
    QVERIFY2(addedBackground() != light, qPrintable(addedBackground().name()));
    QCOMPARE(highlights(view, QStringLiteral("rightPane")), ranges); // the same ranges, re-tinted
}

QTEST_MAIN(TstOutputDiffView)
#include "tst_outputdiffview.moc"
