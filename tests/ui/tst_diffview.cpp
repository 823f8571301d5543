// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/diffview.h"

#include <QPlainTextEdit>
#include <QScrollBar>
#include <QStackedWidget>
#include <QTest>
#include <QTextBlock>

using psm::ui::DiffView;
namespace core = psm::core;

class TstDiffView final : public QObject {
    Q_OBJECT

private:
    // prompts/a.prompt: line 2 replaced by two lines, line 4 removed, one line appended.
    static core::FileDiff sampleDiff()
    {
        core::FileDiff diff;
        diff.oldPath = diff.newPath = QStringLiteral("prompts/a.prompt");
        diff.change = core::ChangeKind::Modified;
        core::DiffHunk hunk;
        hunk.oldStart = 1;
        hunk.oldLines = 5;
        hunk.newStart = 1;
        hunk.newLines = 6;
        hunk.header = QStringLiteral("@@ -1,5 +1,6 @@");
        hunk.lines = {
            { ' ', 1, 1, QStringLiteral("---") },
            { '-', 2, -1, QStringLiteral("model: a") },
            { '+', -1, 2, QStringLiteral("model: b") },
            { '+', -1, 3, QStringLiteral("config: {temperature: 0}") },
            { ' ', 3, 4, QStringLiteral("---") },
            { '-', 4, -1, QStringLiteral("Old instruction.") },
            { ' ', 5, 5, QStringLiteral("Hello {{name}}") },
            { '+', -1, 6, QStringLiteral("Bye.") },
        };
        diff.hunks.append(hunk);
        return diff;
    }

    struct Row {
        QString text;
        QColor background; // invalid when the block has none
    };

    static QList<Row> rows(QPlainTextEdit *pane)
    {
        QList<Row> result;
        for (QTextBlock b = pane->document()->begin(); b.isValid(); b = b.next()) {
            const QBrush bg = b.blockFormat().background();
            result.append({ b.text(), bg.style() == Qt::NoBrush ? QColor() : bg.color() });
        }
        return result;
    }

private Q_SLOTS:
    void inlineMode()
    {
        DiffView view;
        view.setMode(DiffView::Mode::Inline);
        view.setDiffs({ sampleDiff() });
        const auto r = rows(view.inlineEditor());
        // file title + hunk header + 8 lines
        QCOMPARE(r.size(), 10);
        QVERIFY(r[0].text.startsWith(QLatin1String("prompts/a.prompt")));
        QCOMPARE(r[1].text, QStringLiteral("@@ -1,5 +1,6 @@"));
        QCOMPARE(r[2].text, QStringLiteral("  1   1   ---"));
        QCOMPARE(r[3].text, QStringLiteral("  2     - model: a"));
        QCOMPARE(r[4].text, QStringLiteral("      2 + model: b"));
        QCOMPARE(r[3].background, view.removedBackground());
        QCOMPARE(r[4].background, view.addedBackground());
        QCOMPARE(r[5].background, view.addedBackground());
        QVERIFY(!r[6].background.isValid());
        QCOMPARE(r[7].background, view.removedBackground());
        QCOMPARE(r[9].background, view.addedBackground());
        int added = 0, removed = 0;
        for (const auto &row : r) {
            added += row.background == view.addedBackground();
            removed += row.background == view.removedBackground();
        }
        QCOMPARE(added, 3);
        QCOMPARE(removed, 2);
        QVERIFY(view.addedBackground() != view.removedBackground());
    }

    void sideBySideAlignsChangeBlocks()
    {
        DiffView view;
        view.setMode(DiffView::Mode::SideBySide);
        view.setDiffs({ sampleDiff() });
        const auto left = rows(view.leftEditor());
        const auto right = rows(view.rightEditor());
        // title, header, ctx, [-a|+b], [filler|+config], ctx, [-old|filler], ctx, [filler|+Bye]
        QCOMPARE(left.size(), 9);
        QCOMPARE(right.size(), left.size());
        QCOMPARE(left[3].text, QStringLiteral("  2 - model: a"));
        QCOMPARE(right[3].text, QStringLiteral("  2 + model: b"));
        QCOMPARE(left[3].background, view.removedBackground());
        QCOMPARE(right[3].background, view.addedBackground());
        QCOMPARE(left[4].text, QString()); // filler facing the extra added line
        QVERIFY(left[4].background.isValid());
        QVERIFY(left[4].background != view.removedBackground());
        QCOMPARE(right[4].text, QStringLiteral("  3 + config: {temperature: 0}"));
        QCOMPARE(left[5].text, QStringLiteral("  3   ---"));
        QCOMPARE(right[5].text, QStringLiteral("  4   ---"));
        QCOMPARE(left[6].background, view.removedBackground());
        QCOMPARE(right[6].text, QString());
        QCOMPARE(right[8].text, QStringLiteral("  6 + Bye."));
        // Every row is the same line on both sides, so scrolling one scrolls the other.
        view.resize(400, 60);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.leftEditor()->verticalScrollBar()->setValue(3);
        QCOMPARE(view.rightEditor()->verticalScrollBar()->value(), 3);
    }

    void sameDiffKeepsScrollPosition()
    {
        DiffView view;
        view.setMode(DiffView::Mode::Inline);
        core::FileDiff big = sampleDiff();
        for (int i = 0; i < 200; ++i)
            big.hunks[0].lines.append({ ' ', 6 + i, 7 + i, QStringLiteral("line %1").arg(i) });
        big.patch = QStringLiteral("patch text");
        view.resize(400, 200);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.setDiffs({ big });
        auto *bar = view.inlineEditor()->verticalScrollBar();
        bar->setValue(100);
        view.setDiffs({ big }); // a refresh with nothing new
        QCOMPARE(bar->value(), 100);
        big.patch = QStringLiteral("changed");
        view.setDiffs({ big });
        QCOMPARE(bar->value(), 0);
    }

    void emptyStatesAndBinary()
    {
        DiffView view;
        view.setDiffs({});
        auto *stack = view.findChild<QStackedWidget *>();
        QVERIFY(stack);
        QCOMPARE(stack->currentIndex(), 0);
        core::FileDiff binary;
        binary.newPath = QStringLiteral("img.png");
        binary.binary = true;
        view.setMode(DiffView::Mode::Inline);
        view.setDiffs({ binary });
        QCOMPARE(stack->currentIndex(), 1);
        QCOMPARE(view.inlineEditor()->document()->blockCount(), 2);
    }

    void coloursFollowDarkPalette()
    {
        DiffView view;
        QPalette dark = view.palette();
        dark.setColor(QPalette::Base, QColor(25, 25, 25));
        dark.setColor(QPalette::Text, QColor(220, 220, 220));
        view.setPalette(dark);
        QVERIFY(view.addedBackground().lightnessF() < 0.5);
        QPalette light = view.palette();
        light.setColor(QPalette::Base, Qt::white);
        view.setPalette(light);
        QVERIFY(view.addedBackground().lightnessF() > 0.5);
    }
};

QTEST_MAIN(TstDiffView)
#include "tst_diffview.moc"
