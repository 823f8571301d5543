// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "run/grid.h"
#include "tests/support/scratchrepo.h"
#include "ui/diff/gridcompare.h"
#include "ui/diff/outputdiffview.h"
#include "ui/diff/promptdiffdialog.h"
#include "ui/diff/promptdiffview.h"
#include "ui/grid/gridpanel.h"
#include "ui/grid/gridtablemodel.h"

#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QStandardPaths>
#include <QTest>

using namespace psm;

// The prompt diff from the grid window's column header: two columns of two commits of a prompt
// (a variable added, the temperature changed, the user message reworded) open a PromptDiffDialog
// showing exactly those changes, the larger input token estimate and the messages' word diffs.
class TstPromptDiffView final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void columnHeaderOpensThePromptDiff();
    void sameRevisionColumnsOfferNothing();

private:
    std::unique_ptr<ui::GridPanel> makePanel(const std::vector<run::PromptRevision> &revisions);

    std::unique_ptr<test::ScratchRepo> m_repo;
    QString m_first;
    QString m_second;
};

const QString kPrompt = QStringLiteral("prompts/greet.prompt");

void TstPromptDiffView::initTestCase()
{
    test::isolateGitConfig();
    QStandardPaths::setTestModeEnabled(true);
    m_repo = std::make_unique<test::ScratchRepo>();
    QVERIFY(m_repo->isValid());
    QVERIFY(m_repo->write(kPrompt,
        "---\nmodel: local/a\nconfig:\n  temperature: 0.2\n---\n{{role \"user\"}}\n"
        "Say hi to {{name}}.\n"));
    m_first = m_repo->commitAll(QStringLiteral("first"));
    QVERIFY(m_repo->write(kPrompt,
        "---\nmodel: local/a\nconfig:\n  temperature: 0.7\n---\n{{role \"user\"}}\n"
        "Say hello to {{name}} from {{place}}.\n"));
    m_second = m_repo->commitAll(QStringLiteral("second"));
    QVERIFY(!m_first.isEmpty() && !m_second.isEmpty());
}

std::unique_ptr<ui::GridPanel> TstPromptDiffView::makePanel(
    const std::vector<run::PromptRevision> &revisions)
{
    run::RunEngineOptions options;
    options.useKeychain = false;
    auto panel = std::make_unique<ui::GridPanel>(options);
    panel->setPrompt(m_repo->path(), kPrompt);
    run::RunSpec spec;
    spec.revisions = revisions;
    spec.modelRefs = { QStringLiteral("local/a"), QStringLiteral("local/b") };
    spec.input = { { "name", "Ada" }, { "place", "Paris" } };
    panel->model()->setGrid(run::Grid::forSpec(spec));
    return panel;
}

void TstPromptDiffView::columnHeaderOpensThePromptDiff()
{
    auto panel = makePanel({ run::PromptRevision::atGit(m_first.left(10)),
        run::PromptRevision::atGit(m_second.left(10)) });
    QCOMPARE(panel->model()->grid().columns(), 4); // 2 revisions x 2 models

    QMenu menu;
    panel->compare()->addColumnActions(&menu, 0);
    QCOMPARE(menu.actions().size(), 1);
    QMenu *columns = menu.actions().constFirst()->menu();
    QVERIFY(columns);
    QCOMPARE(columns->title(), QStringLiteral("Diff prompt with column"));
    QList<int> offered;
    for (QAction *action : columns->actions())
        offered << action->data().toInt();
    QCOMPARE(offered, (QList<int> { 2, 3 })); // the other revision's columns only

    columns->actions().constFirst()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!panel->findChildren<ui::PromptDiffDialog *>().isEmpty(), 10000);
    auto *dialog = panel->findChildren<ui::PromptDiffDialog *>().constFirst();
    ui::PromptDiffView *view = dialog->view();

    const QString changes
        = view->findChild<QPlainTextEdit *>(QStringLiteral("promptDiffChanges"))->toPlainText();
    QVERIFY2(changes.contains(QStringLiteral("Variables added: place")), qPrintable(changes));
    QVERIFY2(!changes.contains(QStringLiteral("Variables removed")), qPrintable(changes));
    QVERIFY2(changes.contains(QStringLiteral("  temperature: 0.2 -> 0.7")), qPrintable(changes));
    QVERIFY2(!changes.contains(QStringLiteral("  model:")), qPrintable(changes));
    QVERIFY2(changes.contains(QStringLiteral("Messages: 1 of 1 changed")), qPrintable(changes));

    const QString tokens = view->findChild<QLabel *>(QStringLiteral("promptDiffTokens"))->text();
    QVERIFY2(tokens.startsWith(QStringLiteral("Input tokens per call (estimate): ~")),
        qPrintable(tokens));
    QVERIFY2(tokens.contains(QStringLiteral("(+")), qPrintable(tokens)); // more text, more tokens

    QCOMPARE(view->messageViews().size(), 1);
    ui::OutputDiffView *message = view->messageViews().constFirst();
    QCOMPARE(
        message->findChild<QPlainTextEdit *>(QStringLiteral("leftPane"))->toPlainText().trimmed(),
        QStringLiteral("Say hi to Ada."));
    QCOMPARE(
        message->findChild<QPlainTextEdit *>(QStringLiteral("rightPane"))->toPlainText().trimmed(),
        QStringLiteral("Say hello to Ada from Paris."));
    const QString summary = message->findChild<QLabel *>(QStringLiteral("summary"))->text();
    QVERIFY2(summary.startsWith(QStringLiteral("Words: 2 added, 0 removed, 1 changed")),
        qPrintable(summary));
    delete dialog;
}

void TstPromptDiffView::sameRevisionColumnsOfferNothing()
{
    auto panel = makePanel({ run::PromptRevision::atGit(m_second) });
    QMenu menu;
    panel->compare()->addColumnActions(&menu, 1);
    QMenu *columns = menu.actions().constFirst()->menu();
    QVERIFY(columns->isEmpty());
    QVERIFY(!columns->isEnabled());
}

QTEST_MAIN(TstPromptDiffView)
#include "tst_promptdiffview.moc"
