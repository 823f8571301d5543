// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "run/grid.h"
#include "tests/support/testserver/testserver.h"
#include "ui/diff/gridcompare.h"
#include "ui/diff/outputdiffdialog.h"
#include "ui/diff/outputdiffview.h"
#include "ui/grid/gridpanel.h"
#include "ui/grid/gridtablemodel.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace psm;

// Output diffs from the grid window: two cells (picked by clicking, or marked first), two samples
// of a cell, and one cell against the same cell of an earlier run read back from the ledger.
class TstGridCompare final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cellsSamplesAndMarkedCells();
    void comparesTheSampleShownInTheDetailPane();
    void menuOffersTheComparisons();
    void sameCellInAnEarlierRun();

private:
    std::unique_ptr<ui::GridPanel> makePanel(const QString &name);
    // The panel's open comparison dialogs' (left, right) pane texts, then closes them.
    static QList<QStringList> takeDialogs(ui::GridPanel &panel);

    QTemporaryDir m_dir;
    testsupport::TestServer m_server;
    QString m_root;
};

const QString kPrompt = QStringLiteral("prompts/hi.prompt");

// What takeDialogs returns for one dialog comparing `left` with `right`.
QList<QStringList> oneDialog(const QString &left, const QString &right)
{
    return { QStringList { left, right } };
}

void TstGridCompare::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qputenv("PROMPTSMITH_LEDGER", m_dir.filePath(QStringLiteral("ledger.sqlite3")).toUtf8());
    QVERIFY(m_server.start());
    m_root = m_dir.filePath(QStringLiteral("ws"));
    QVERIFY(QDir(m_root).mkpath(QStringLiteral("prompts")));
    QFile yaml(m_root + QStringLiteral("/promptsmith.yaml"));
    QVERIFY(yaml.open(QIODevice::WriteOnly));
    yaml.write(QStringLiteral("providers:\n  local: {type: ollama, base_url: \"%1\"}\n")
                   .arg(m_server.baseUrl())
                   .toUtf8());
    yaml.close();
    QFile prompt(m_root + QLatin1Char('/') + kPrompt);
    QVERIFY(prompt.open(QIODevice::WriteOnly));
    prompt.write("---\nmodel: local/a\n---\n{{role \"user\"}}\nSay hi to {{name}}.\n");
}

std::unique_ptr<ui::GridPanel> TstGridCompare::makePanel(const QString &name)
{
    run::RunEngineOptions options;
    options.useKeychain = false;
    auto panel = std::make_unique<ui::GridPanel>(options);
    panel->setPrompt(m_root, kPrompt);
    panel->setVariablesProvider([name] {
        return nlohmann::ordered_json { { "name", name.toStdString() } };
    });
    return panel;
}

QList<QStringList> TstGridCompare::takeDialogs(ui::GridPanel &panel)
{
    QList<QStringList> dialogs;
    for (ui::OutputDiffDialog *dialog : panel.findChildren<ui::OutputDiffDialog *>()) {
        QStringList texts;
        for (const char *pane : { "leftPane", "rightPane" })
            texts
                << dialog->view()->findChild<QPlainTextEdit *>(QLatin1String(pane))->toPlainText();
        dialogs << texts;
        delete dialog;
    }
    return dialogs;
}

void TstGridCompare::cellsSamplesAndMarkedCells()
{
    auto panel = makePanel(QStringLiteral("Ada"));
    run::RunSpec spec;
    spec.modelRefs = { QStringLiteral("local/a"), QStringLiteral("local/b") };
    spec.repeat = 2;
    ui::GridTableModel *model = panel->model();
    model->setGrid(run::Grid::forSpec(spec));
    model->appendText(0, 0, 0, QStringLiteral("a first"));
    model->appendText(0, 0, 1, QStringLiteral("a second"));
    model->appendText(0, 1, 0, QStringLiteral("b first"));
    model->appendText(0, 1, 1, QStringLiteral("b second"));
    ui::GridCompare *compare = panel->compare();

    compare->compareCells(0, 0, 0, 1);
    QCOMPARE(takeDialogs(*panel), oneDialog(QStringLiteral("a first"), QStringLiteral("b first")));

    compare->compareSamples(0, 1, 0, 1);
    QCOMPARE(takeDialogs(*panel), oneDialog(QStringLiteral("b first"), QStringLiteral("b second")));

    // The mark is a copy: a new grid does not change what it compares.
    QVERIFY(!compare->hasMark());
    compare->markForCompare(0, 1);
    QVERIFY(compare->hasMark());
    model->setGrid(run::Grid::forSpec(spec));
    model->appendText(0, 0, 0, QStringLiteral("new a"));
    compare->compareWithMarked(0, 0);
    QCOMPARE(takeDialogs(*panel), oneDialog(QStringLiteral("b first"), QStringLiteral("new a")));

    // Pick by clicking: the next click on a cell compares; the totals row does not count.
    model->appendText(0, 1, 0, QStringLiteral("new b"));
    panel->resize(1000, 700);
    panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(panel.get()));
    auto *table = panel->findChild<QTableView *>(QStringLiteral("gridTable"));
    compare->pickCellToCompare(0, 1);
    QVERIFY(compare->isPicking());
    QVERIFY(panel->statusText().startsWith(QStringLiteral("Click the cell")));
    QTest::mouseClick(
        table->viewport(), Qt::LeftButton, {}, table->visualRect(model->index(0, 0)).center());
    QVERIFY(!compare->isPicking());
    QCOMPARE(takeDialogs(*panel), oneDialog(QStringLiteral("new b"), QStringLiteral("new a")));
    // A click without a pick opens nothing.
    QTest::mouseClick(
        table->viewport(), Qt::LeftButton, {}, table->visualRect(model->index(0, 1)).center());
    QVERIFY(takeDialogs(*panel).isEmpty());

    // No sample there: said, nothing opened.
    compare->compareSamples(0, 0, 0, 5);
    QVERIFY(takeDialogs(*panel).isEmpty());
    QCOMPARE(panel->statusText(), QStringLiteral("That cell has no such sample."));
}

void TstGridCompare::comparesTheSampleShownInTheDetailPane()
{
    auto panel = makePanel(QStringLiteral("Ada"));
    run::RunSpec spec;
    spec.modelRefs = { QStringLiteral("local/a"), QStringLiteral("local/b") };
    spec.repeat = 3;
    ui::GridTableModel *model = panel->model();
    model->setGrid(run::Grid::forSpec(spec));
    for (int column = 0; column < 2; ++column)
        for (int sample = 0; sample < 3; ++sample)
            model->appendText(0, column, sample,
                QStringLiteral("%1 sample %2")
                    .arg(column == 0 ? QStringLiteral("a") : QStringLiteral("b"))
                    .arg(sample + 1));
    panel->resize(1000, 700);
    panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(panel.get()));
    auto *table = panel->findChild<QTableView *>(QStringLiteral("gridTable"));
    auto *detailSample = panel->findChild<QSpinBox *>(QStringLiteral("gridDetailSample"));
    QVERIFY(table && detailSample);
    ui::GridCompare *compare = panel->compare();

    // The user paged the current cell's detail to its third sample: that one is compared; the
    // other cell, not shown, gives its first.
    table->setCurrentIndex(model->index(0, 0));
    detailSample->setValue(3);
    compare->compareCells(0, 0, 0, 1);
    QCOMPARE(takeDialogs(*panel),
        oneDialog(QStringLiteral("a sample 3"), QStringLiteral("b sample 1")));

    // Picking fixes the sample at the pick: the click moves the detail pane to the other cell
    // (back to its first sample), and the picked cell keeps its second.
    table->setCurrentIndex(model->index(0, 1));
    detailSample->setValue(2);
    compare->pickCellToCompare(0, 1);
    QTest::mouseClick(
        table->viewport(), Qt::LeftButton, {}, table->visualRect(model->index(0, 0)).center());
    QCOMPARE(takeDialogs(*panel),
        oneDialog(QStringLiteral("b sample 2"), QStringLiteral("a sample 1")));
}

void TstGridCompare::menuOffersTheComparisons()
{
    auto panel = makePanel(QStringLiteral("Ada"));
    run::RunSpec spec;
    spec.modelRefs = { QStringLiteral("local/a") };
    spec.repeat = 3;
    panel->model()->setGrid(run::Grid::forSpec(spec));
    for (int i = 0; i < 3; ++i)
        panel->model()->appendText(0, 0, i, QStringLiteral("sample %1").arg(i + 1));
    QMenu menu;
    panel->compare()->addCellActions(&menu, 0, 0);
    QStringList texts;
    QMenu *samples = nullptr;
    for (QAction *action : menu.actions()) {
        texts << action->text();
        if (action->menu() && action->text() == QStringLiteral("Compare samples"))
            samples = action->menu();
        if (action->text() == QStringLiteral("Compare with marked"))
            QVERIFY(!action->isEnabled()); // nothing marked yet
    }
    QCOMPARE(texts,
        (QStringList { QStringLiteral("Compare with…"), QStringLiteral("Mark for compare"),
            QStringLiteral("Compare with marked"), QStringLiteral("Compare samples"),
            QStringLiteral("Compare with run") }));
    QVERIFY(samples);
    QStringList pairs;
    for (QAction *action : samples->actions())
        pairs << action->text();
    QCOMPARE(pairs,
        (QStringList { QStringLiteral("Sample 1 with sample 2"),
            QStringLiteral("Sample 1 with sample 3"), QStringLiteral("Sample 2 with sample 3") }));
    samples->actions().at(2)->trigger();
    QCOMPARE(
        takeDialogs(*panel), oneDialog(QStringLiteral("sample 2"), QStringLiteral("sample 3")));

    // One repeat: no sample comparison to offer.
    spec.repeat = 1;
    panel->model()->setGrid(run::Grid::forSpec(spec));
    QMenu single;
    panel->compare()->addCellActions(&single, 0, 0);
    for (QAction *action : single.actions())
        QVERIFY(action->text() != QStringLiteral("Compare samples"));
}

void TstGridCompare::sameCellInAnEarlierRun()
{
    // Two real runs of one two-column grid against the test server, with different names.
    QString runIds[2];
    const QString names[2] = { QStringLiteral("Ada"), QStringLiteral("Bob") };
    std::unique_ptr<ui::GridPanel> panel;
    for (int i = 0; i < 2; ++i) {
        panel = makePanel(names[i]);
        panel->addColumn(QStringLiteral("local/a"), QStringLiteral("temperature=0"), QString());
        panel->addColumn(QStringLiteral("local/b"), QStringLiteral("temperature=0.5"), QString());
        QSignalSpy finished(panel.get(), &ui::GridPanel::runFinished);
        panel->run();
        // Accepted: its cost is being estimated (off the GUI thread), or it runs already.
        QVERIFY2(panel->isEstimating() || panel->isRunning(),
            qPrintable(panel->statusText()));
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 20000);
        runIds[i] = panel->runId();
    }
    QSignalSpy history(panel.get(), &ui::GridPanel::historyLoaded);
    panel->refreshHistory();
    QTRY_VERIFY_WITH_TIMEOUT(!history.isEmpty(), 10000);

    // The menu lists the earlier run, not the one shown.
    QMenu menu;
    panel->compare()->addCellActions(&menu, 0, 1);
    QMenu *runs = nullptr;
    for (QAction *action : menu.actions())
        if (action->text() == QStringLiteral("Compare with run"))
            runs = action->menu();
    QVERIFY(runs);
    QStringList listed;
    for (QAction *action : runs->actions())
        listed << action->data().toString();
    QVERIFY2(listed.contains(runIds[0]), qPrintable(listed.join(u',')));
    QVERIFY(!listed.contains(runIds[1]));

    const int requests = m_server.requestCount();
    for (QAction *action : runs->actions())
        if (action->data().toString() == runIds[0])
            action->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!panel->findChildren<ui::OutputDiffDialog *>().isEmpty(), 10000);
    QCOMPARE(m_server.requestCount(), requests); // read from the ledger, nothing called
    auto *dialog = panel->findChildren<ui::OutputDiffDialog *>().constFirst();
    QVERIFY2(dialog->windowTitle().contains(runIds[0].left(8)), qPrintable(dialog->windowTitle()));
    // The grid is models x parameter sets: column 1 is local/a at 0.5 in both runs.
    QCOMPARE(panel->model()->grid().column(1).label(), QStringLiteral("local/a temperature=0.5"));
    QCOMPARE(dialog->windowTitle().count(QStringLiteral("local/a temperature=0.5")), 2);
    QCOMPARE(takeDialogs(*panel),
        oneDialog(testsupport::expectedReply(QStringLiteral("Say hi to Ada.")),
            testsupport::expectedReply(QStringLiteral("Say hi to Bob."))));
    QVERIFY2(panel->statusText().startsWith(QStringLiteral("Compared with run")),
        qPrintable(panel->statusText()));

    // A run without that variant says so instead of comparing another column.
    auto other = makePanel(QStringLiteral("Cy"));
    other->addColumn(QStringLiteral("local/c"), QString(), QString());
    QSignalSpy finished(other.get(), &ui::GridPanel::runFinished);
    other->run();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 20000);
    const QString thirdRun = other->runId();
    panel->compare()->compareWithRun(0, 1, thirdRun);
    QTRY_VERIFY_WITH_TIMEOUT(panel->statusText().contains(QStringLiteral("has no cell")), 10000);
    QVERIFY(panel->findChildren<ui::OutputDiffDialog *>().isEmpty());
}

QTEST_MAIN(TstGridCompare)
#include "tst_gridcompare.moc"
