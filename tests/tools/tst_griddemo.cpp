// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// grid_demo's scenes, offscreen, against the fast test server: each reaches its state through
// the real window, and shows what the screenshots are described as showing (the same columns,
// the scripted answers, the fault in one column, the dialogs' contents).
#include "core/ledger/ledger.h"
#include "providers/transport.h"
#include "tests/tools/demoreplies.h"
#include "tests/tools/demoscenes.h"
#include "tests/tools/demoworkspace.h"
#include "ui/diff/outputdiffdialog.h"
#include "ui/diff/outputdiffview.h"
#include "ui/diff/promptdiffdialog.h"
#include "ui/grid/blindpairdialog.h"
#include "ui/grid/gridpanel.h"
#include "ui/grid/gridtablemodel.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>

#include <memory>

using namespace psm;

namespace {

const QString kLlama = demo::kModels[0];
const QString kQwen = demo::kModels[1];
const QString kMistral = demo::kModels[2];
const QString kCold = QStringLiteral("0");
const QString kHot = QStringLiteral("0.8");

// One scene on its own workspace, server, ledger and window.
struct SceneRun {
    demo::DemoWorkspace workspace { demo::Pace::Fast };
    providers::Transport transport;
    ui::MainWindow window { &transport };
    demo::SceneDirector director { &window, workspace.root() };
};

QString paneText(QWidget *dialog, const char *name)
{
    return dialog->findChild<QPlainTextEdit *>(QLatin1String(name))->toPlainText();
}

} // namespace

class TstGridDemo final : public QObject {
    Q_OBJECT

private slots:
    void sceneNames();
    void gridScene();
    void outputDiffScenes_data();
    void outputDiffScenes();
    void jsonScene();
    void promptDiffScene();
    void blindScene();

private:
    // Runs `scene` to ready(); null (and a failed check) when it fails or times out.
    std::unique_ptr<SceneRun> run(demo::Scene scene);
};

std::unique_ptr<SceneRun> TstGridDemo::run(demo::Scene scene)
{
    auto run = std::make_unique<SceneRun>();
    if (!run->workspace.isValid()) {
        qWarning("%s", qPrintable(run->workspace.error()));
        return nullptr;
    }
    QSignalSpy ready(&run->director, &demo::SceneDirector::ready);
    QSignalSpy failed(&run->director, &demo::SceneDirector::failed);
    run->window.resize(1400, 900);
    run->window.show();
    run->director.start(scene);
    if (!QTest::qWaitFor([&] { return !ready.isEmpty() || !failed.isEmpty(); }, 60000)) {
        qWarning("the scene was not ready within 60 s");
        return nullptr;
    }
    if (!failed.isEmpty()) {
        qWarning("%s", qPrintable(failed.first().first().toString()));
        return nullptr;
    }
    return run;
}

void TstGridDemo::sceneNames()
{
    QCOMPARE(demo::sceneNames().size(), 6);
    for (const QString &name : demo::sceneNames())
        QCOMPARE(demo::sceneNames().at(int(*demo::sceneFromName(name))), name);
    QVERIFY(!demo::sceneFromName(QStringLiteral("gird")));
}

void TstGridDemo::gridScene()
{
    const auto scene = run(demo::Scene::Grid);
    QVERIFY(scene);
    ui::GridPanel *panel = scene->director.gridPanel();
    const ui::GridTableModel *model = panel->model();
    const run::Grid &grid = model->grid();
    // 3 models x 2 temperatures, one input, 3 repeats: 18 calls.
    QCOMPARE(grid.columns(), 6);
    QCOMPARE(grid.rows(), 1);
    QCOMPARE(grid.shape().repeats, 3);
    QCOMPARE(model->rowCount(), 2); // the input and the totals

    const int llamaCold = scene->director.column(kLlama, kCold);
    const int qwenHot = scene->director.column(kQwen, kHot);
    const int mistralHot = scene->director.column(kMistral, kHot);
    QVERIFY(llamaCold >= 0 && qwenHot >= 0 && mistralHot >= 0);
    for (const run::GridSample &s : grid.cell(0, llamaCold))
        QCOMPARE(s.text, demo::DemoAnswers::llamaCold());
    QCOMPARE(model->data(model->index(0, llamaCold), ui::GridTableModel::AgreementRole).toString(),
        QStringLiteral("3/3 agree"));
    // qwen at 0.8 cycles through (A, other, A): two of three alike, whatever the arrival order.
    QCOMPARE(model->data(model->index(0, qwenHot), ui::GridTableModel::AgreementRole).toString(),
        QStringLiteral("2/3 agree"));
    // mistral at 0.8 fails mid-stream in all three repeats, and only there.
    QCOMPARE(model->data(model->index(0, mistralHot), ui::GridTableModel::StateRole).toInt(),
        int(run::SampleState::Error));
    QCOMPARE(grid.failedCalls(), 3);
    QCOMPARE(panel->statusText(), QStringLiteral("Done: 3 call(s) failed (see their cells)."));
    // llama at 0: 3 answers of 43 words each (the server counts words as tokens), priced.
    const QString totals = model->data(model->index(1, llamaCold)).toString();
    QVERIFY2(totals.startsWith(QStringLiteral("3 calls, 0 failed\n")), qPrintable(totals));
    QVERIFY2(totals.contains(QStringLiteral(" / 129 out")), qPrintable(totals));
    QVERIFY2(totals.contains(QStringLiteral("cost $")), qPrintable(totals));

    // The disagreeing cell is selected and its first sample is in the detail pane.
    const QStringList qwenAnswers { demo::DemoAnswers::qwenCold(),
        demo::DemoAnswers::qwenHotOther() };
    QVERIFY2(qwenAnswers.contains(panel->detailText()), qPrintable(panel->detailText()));

    // Every call is a row of the demo's own ledger.
    auto ledger = core::Ledger::open(scene->workspace.ledgerPath());
    QVERIFY(ledger);
    core::CallQuery query;
    query.runId = panel->runId();
    query.limit = 0;
    const auto calls = ledger->calls(query);
    QVERIFY(calls);
    QCOMPARE(calls->size(), 18);
}

void TstGridDemo::outputDiffScenes_data()
{
    QTest::addColumn<int>("scene");
    QTest::addColumn<int>("mode");
    QTest::newRow("side by side") << int(demo::Scene::OutputDiff)
                                  << int(ui::OutputDiffView::Mode::SideBySide);
    QTest::newRow("inline") << int(demo::Scene::OutputDiffInline)
                            << int(ui::OutputDiffView::Mode::Inline);
}

void TstGridDemo::outputDiffScenes()
{
    QFETCH(int, scene);
    QFETCH(int, mode);
    const auto run = this->run(demo::Scene(scene));
    QVERIFY(run);
    auto *dialog = qobject_cast<ui::OutputDiffDialog *>(run->director.dialog());
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QCOMPARE(int(dialog->view()->mode()), mode);
    // llama at temperature 0 on the left, at 0.8 on the right.
    QCOMPARE(paneText(dialog, "leftPane"), demo::DemoAnswers::llamaCold());
    QCOMPARE(paneText(dialog, "rightPane"), demo::DemoAnswers::llamaHot());
}

void TstGridDemo::jsonScene()
{
    const auto run = this->run(demo::Scene::OutputDiffJson);
    QVERIFY(run);
    QCOMPARE(run->director.gridPanel()->promptPath(), demo::kFieldsPrompt);
    auto *dialog = qobject_cast<ui::OutputDiffDialog *>(run->director.dialog());
    QVERIFY(dialog);
    QCOMPARE(paneText(dialog, "leftPane"), demo::DemoAnswers::llamaJson());
    QCOMPARE(paneText(dialog, "rightPane"), demo::DemoAnswers::qwenJson());
    auto *tabs = dialog->findChild<QTabWidget *>(QStringLiteral("tabs"));
    QCOMPARE(tabs->tabText(tabs->currentIndex()), QStringLiteral("JSON structure"));
    // llama's object against qwen's: reason and deadline differ, refund_requested is new.
    auto *changes = dialog->findChild<QTableWidget *>(QStringLiteral("jsonChanges"));
    QStringList paths;
    for (int row = 0; row < changes->rowCount(); ++row)
        paths << changes->item(row, 0)->text();
    for (const QString &path : { QStringLiteral("/reason"), QStringLiteral("/deadline"),
             QStringLiteral("/refund_requested") })
        QVERIFY2(paths.contains(path), qPrintable(paths.join(QLatin1Char(' '))));
    QVERIFY2(!paths.contains(QStringLiteral("/invoice")), qPrintable(paths.join(QLatin1Char(' '))));
}

void TstGridDemo::promptDiffScene()
{
    const auto run = this->run(demo::Scene::PromptDiff);
    QVERIFY(run);
    // 3 models at temperature 0, at HEAD~1 and in the working copy.
    QCOMPARE(run->director.gridPanel()->model()->grid().columns(), 6);
    auto *dialog = qobject_cast<ui::PromptDiffDialog *>(run->director.dialog());
    QVERIFY(dialog);
    // HEAD~1 and HEAD differ in the system message only; the user message is the same.
    const QString changes = paneText(dialog, "promptDiffChanges");
    QVERIFY2(changes.contains(QStringLiteral("Messages: 1 of 2 changed")), qPrintable(changes));
}

void TstGridDemo::blindScene()
{
    const auto run = this->run(demo::Scene::Blind);
    QVERIFY(run);
    auto *blind = qobject_cast<ui::BlindPairDialog *>(run->director.dialog());
    QVERIFY(blind);
    // 1 input x 3 repeats, both columns answered: 3 pairs, 2 judged, the third on screen.
    QCOMPARE(int(blind->pairs().size()), 3);
    QCOMPARE(blind->current(), 2);
    QVERIFY(!blind->isFinished());
    // llama at 0.8 always promises "Friday", qwen never does: A (qwen) won both.
    QCOMPARE(blind->stats().judgements, 2);
    QCOMPARE(blind->stats().winRate, 1.0);
}

int main(int argc, char **argv)
{
    const auto runtime = demo::DemoWorkspace::isolateProcess(); // before the QApplication
    QApplication app(argc, argv);
    TstGridDemo test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_griddemo.moc"
