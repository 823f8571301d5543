// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// The eval result window offscreen, against the local test server and a scratch repo: the
// working copy changes a prompt so one test regresses against HEAD, one always fails and one
// flips across two repeats (the server answers its first candidate request off-topic). Checks
// the cells, the hand-computed pass rates, the comparison list, the output diff of a regressed
// cell, a bad eval file, a provider's 401, unsaved editor text as the candidate, a grader's
// prompt and answer in the detail, Run → Run Eval Sets… from the main window, unknown cost,
// that a cancelled run leaves the window usable, and the cost estimate off the GUI thread
// (asked, abandoned with Esc, or outlived by the window).
#include "run/evalrunner.h"
#include "tests/run/runfixture.h"
#include "tests/ui/uitestsupport.h"
#include "ui/budget/preflightconfirm.h"
#include "ui/codeeditor.h"
#include "ui/diff/outputdiffdialog.h"
#include "ui/diff/outputdiffview.h"
#include "ui/editortabs.h"
#include "ui/eval/evalcellformat.h"
#include "ui/eval/evalresultmodel.h"
#include "ui/eval/evalwindow.h"
#include "ui/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTimer>

using namespace psm;

class TstEvalWindow final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cellsSummaryAndComparison();
    void regressedCellOpensItsOutputDiff();
    void badEvalFileIsShownWithItsPosition();
    void cancelMidRunLeavesTheWindowUsable();
    void providerRejectionIsShownNotCrashed();
    void unsavedEditorTextIsTheCandidate();
    void detailShowsTheGraderPromptAndAnswer();
    void runMenuOpensTheWindowForTheCurrentPrompt();
    void costIsNeverZeroWhenUnknown();
    void twoCoveringSetsAreChosenBetween();
    void typedModelsReplaceTheSetsProviders();
    void costlyRunAsksFirst();
    void escapeWhileEstimatingStartsNothing();
    void closingDuringTheEstimateIsSafe();

private:
    run::RunEngineOptions engineOptions() const
    {
        run::RunEngineOptions o;
        o.ledgerPath = m_dataDir->filePath(QStringLiteral("ledger.sqlite3"));
        o.useKeychain = false;
        o.allowedKeyHosts = { QStringLiteral("127.0.0.1") };
        o.consentPath = m_dataDir->filePath(QStringLiteral("consent.json"));
        o.importedPricesPath = m_dataDir->filePath(QStringLiteral("none.json"));
        return o;
    }
    // A window on the say prompt's eval sets, run with two repeats until it finishes.
    std::unique_ptr<ui::EvalWindow> runWindow();
    static QString cellText(const ui::EvalWindow &window, int row, int resultColumn)
    {
        const auto *model = window.model();
        return model->index(row, model->viewColumn(resultColumn)).data().toString();
    }

    testsupport::TestServer m_server;
    std::unique_ptr<test::ScratchRepo> m_repo;
    std::unique_ptr<QTemporaryDir> m_dataDir;
};

namespace {

const QByteArray kHeader = "---\ninput:\n  schema:\n    text: string\n---\n";

// Rows in this order; the candidate says "Now <text>", the baseline "<text>".
const QByteArray kEvalSet = "description: say things\n"
                            "prompts: [prompts/say.prompt]\n"
                            "providers: [openai/m]\n"
                            "tests:\n"
                            "  - description: steady\n"
                            "    vars: {text: alpha}\n"
                            "    assert: [{type: contains, value: alpha}]\n"
                            "  - description: regressed\n"
                            "    vars: {text: beta}\n"
                            "    assert: [{type: not-contains, value: Now}]\n"
                            "  - description: always failing\n"
                            "    vars: {text: delta}\n"
                            "    assert: [{type: contains, value: zzz}]\n"
                            "  - description: flipping\n"
                            "    vars: {text: gamma}\n"
                            "    assert: [{type: contains, value: gamma}]\n";

enum Row { Steady, Regressed, AlwaysFailing, Flipping };

} // namespace

void TstEvalWindow::initTestCase()
{
    test::isolateGitConfig();
    QStandardPaths::setTestModeEnabled(true);
    qputenv("DBUS_SESSION_BUS_ADDRESS", "");
    qputenv("OPENAI_API_KEY", "sk-test-openai");
    QVERIFY(m_server.start());
}

void TstEvalWindow::init()
{
    m_server.clearFaults();
    m_server.setOptions({});
    m_server.resetStats();
    m_repo = std::make_unique<test::ScratchRepo>();
    QVERIFY(m_repo->write(QStringLiteral("promptsmith.yaml"), tests::localProvidersYaml(m_server)));
    QVERIFY(m_repo->write(QStringLiteral("prompts/say.prompt"), kHeader + "{{text}}\n"));
    QVERIFY(m_repo->write(QStringLiteral("evals/say.yaml"), kEvalSet));
    QVERIFY(!m_repo->commitAll(QStringLiteral("fixture")).isEmpty());
    // The working copy is the candidate.
    QVERIFY(m_repo->write(QStringLiteral("prompts/say.prompt"), kHeader + "Now {{text}}\n"));
    m_dataDir = std::make_unique<QTemporaryDir>();
}

std::unique_ptr<ui::EvalWindow> TstEvalWindow::runWindow()
{
    // The first candidate request of the flipping test gets an off-topic answer; its second
    // repeat (and the baseline's) the usual echo.
    testsupport::ServerOptions options;
    options.faultRules = { { { QByteArray("Now gamma") }, QStringLiteral("large=40"), 1 } };
    m_server.setOptions(options);

    auto window = std::make_unique<ui::EvalWindow>(engineOptions());
    window->setPrompt(m_repo->path(), QStringLiteral("prompts/say.prompt"));
    window->findChild<QSpinBox *>(QStringLiteral("evalRepeat"))->setValue(2);
    window->show();
    QSignalSpy finished(window.get(), &ui::EvalWindow::finished);
    if (!window->start())
        return nullptr;
    if (!finished.wait(30000))
        return nullptr;
    return window;
}

void TstEvalWindow::cellsSummaryAndComparison()
{
    auto window = runWindow();
    QVERIFY(window);
    QVERIFY(window->result().has_value());
    const run::EvalSetResult &set = window->result()->sets.at(0);
    QCOMPARE(set.columns.size(), 2);
    const int candidate = set.columns.at(0).baseline ? 1 : 0;
    const int baseline = 1 - candidate;
    QVERIFY(set.columns.at(baseline).baseline);

    // Rows are the tests, described; the baseline sits beside its candidate.
    auto *model = window->model();
    QCOMPARE(model->rowCount(), 4);
    QCOMPARE(model->columnCount(), 2);
    QCOMPARE(model->headerData(Regressed, Qt::Vertical, Qt::DisplayRole).toString(),
        QStringLiteral("regressed"));
    QVERIFY(model->headerData(Regressed, Qt::Vertical, Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("evals/say.yaml:8:")));

    QCOMPARE(cellText(*window, Steady, candidate), QStringLiteral("pass 2/2"));
    QCOMPARE(cellText(*window, Regressed, candidate), QStringLiteral("fail 0/2"));
    QCOMPARE(cellText(*window, AlwaysFailing, candidate), QStringLiteral("fail 0/2"));
    QCOMPARE(cellText(*window, Flipping, candidate), QStringLiteral("flip 1/2"));
    QCOMPARE(cellText(*window, Steady, baseline), QStringLiteral("pass 2/2"));
    QCOMPARE(cellText(*window, Regressed, baseline), QStringLiteral("pass 2/2"));
    QCOMPARE(cellText(*window, AlwaysFailing, baseline), QStringLiteral("fail 0/2"));
    QCOMPARE(cellText(*window, Flipping, baseline), QStringLiteral("pass 2/2"));
    const QString regressedTip
        = model->index(Regressed, model->viewColumn(candidate)).data(Qt::ToolTipRole).toString();
    QVERIFY2(regressedTip.contains(QStringLiteral("not-contains")), qPrintable(regressedTip));
    // The passed cell has no problem to tell.
    QVERIFY(model->index(Steady, model->viewColumn(candidate)).data(Qt::ToolTipRole).isNull());

    // The baseline toggle hides and restores the baseline column.
    auto *toggle = window->findChild<QCheckBox *>(QStringLiteral("evalShowBaseline"));
    toggle->setChecked(false);
    QCOMPARE(model->columnCount(), 1);
    QCOMPARE(model->viewColumn(baseline), -1);
    toggle->setChecked(true);
    QCOMPARE(model->columnCount(), 2);

    // Pass rates by hand: candidate 2 + 0 + 0 + 1 = 3 of 8 samples, baseline 2 + 2 + 0 + 2 = 6
    // of 8. Wilson 95% for 3/8: centre (3/8 + z²/16) / (1 + z²/8) = 0.4157, half-width
    // z·sqrt(3/8·5/8/8 + z²/256) / (1 + z²/8) = 0.2787, so 13.7%–69.4%; for 6/8: 40.9%–92.9%.
    QCOMPARE(set.columns.at(candidate).passRate.passed, 3);
    QCOMPARE(set.columns.at(candidate).passRate.total, 8);
    QVERIFY(qAbs(set.columns.at(candidate).passRate.low - 0.1368) < 0.001);
    QVERIFY(qAbs(set.columns.at(candidate).passRate.high - 0.6943) < 0.001);
    auto *summary = window->findChild<QTableWidget *>(QStringLiteral("evalSummary"));
    QCOMPARE(summary->rowCount(), 2); // in the table's order: the baseline, then the candidate
    QCOMPARE(summary->item(0, 0)->text(), set.columns.at(baseline).title());
    QCOMPARE(summary->item(1, 1)->text(), QStringLiteral("3/8 passed (38%, 95% CI 14%–69%)"));
    QCOMPARE(summary->item(0, 1)->text(), QStringLiteral("6/8 passed (75%, 95% CI 41%–93%)"));
    // openai/m has no price: the cost is unknown, never $0.
    QVERIFY2(summary->item(1, 3)->text().startsWith(QStringLiteral("unknown")),
        qPrintable(summary->item(1, 3)->text()));
    QVERIFY(!summary->item(1, 2)->text().contains(QStringLiteral("in 0,")));

    // The comparison: one regression, one (new) flip, nothing improved.
    auto *list = window->findChild<QListWidget *>(QStringLiteral("evalComparisons"));
    QStringList entries;
    for (int i = 0; i < list->count(); ++i)
        entries << list->item(i)->text();
    QCOMPARE(entries.size(), 2);
    QVERIFY2(entries.at(0).startsWith(QStringLiteral("Regression: regressed")),
        qPrintable(entries.at(0)));
    QVERIFY2(entries.at(0).contains(QStringLiteral("not-contains")), qPrintable(entries.at(0)));
    QVERIFY2(entries.at(1).startsWith(QStringLiteral("Flip: flipping")), qPrintable(entries.at(1)));
    QCOMPARE(window->result()->regressionCount(), 1);
    QCOMPARE(window->result()->newFlipCount(), 1);

    // Clicking the flip entry selects the flipping candidate cell, whose detail shows both
    // repeats: the off-topic output, its failed assertion, and the one that passed.
    QListWidgetItem *flip = list->item(1);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(flip).center());
    const QModelIndex current = window->table()->currentIndex();
    QCOMPARE(current.row(), int(Flipping));
    QCOMPARE(model->resultColumn(current.column()), candidate);
    const QString detail
        = window->findChild<QPlainTextEdit *>(QStringLiteral("evalDetail"))->toPlainText();
    QVERIFY2(detail.contains(QStringLiteral("lorem ipsum")), qPrintable(detail));
    QVERIFY2(detail.contains(QStringLiteral("You said: Now gamma")), qPrintable(detail));
    QVERIFY2(detail.contains(QStringLiteral("contains: fail")), qPrintable(detail));
    QVERIFY2(detail.contains(QStringLiteral("contains: pass")), qPrintable(detail));
    QVERIFY2(detail.contains(QStringLiteral("Cached: no")), qPrintable(detail));
}

void TstEvalWindow::regressedCellOpensItsOutputDiff()
{
    auto window = runWindow();
    QVERIFY(window);
    const run::EvalSetResult &set = window->result()->sets.at(0);
    const int candidate = set.columns.at(0).baseline ? 1 : 0;
    QSignalSpy diffs(window.get(), &ui::EvalWindow::outputDiffOpened);
    window->selectCell(Regressed, candidate);
    window->table()->setFocus();
    QTest::keyClick(window->table(), Qt::Key_Return);
    QCOMPARE(diffs.size(), 1);
    const QString left = diffs.at(0).at(1).toString();
    const QString right = diffs.at(0).at(3).toString();
    QCOMPARE(left, set.columns.at(1 - candidate).cells.at(Regressed).samples.at(0).output);
    QCOMPARE(right, set.columns.at(candidate).cells.at(Regressed).samples.at(0).output);
    QVERIFY2(left.contains(QStringLiteral("You said: beta")), qPrintable(left));
    QVERIFY2(right.contains(QStringLiteral("You said: Now beta")), qPrintable(right));
    QVERIFY2(diffs.at(0).at(0).toString().startsWith(QStringLiteral("HEAD")),
        qPrintable(diffs.at(0).at(0).toString()));
    // The diff dialog is open on exactly those two texts, baseline on the left.
    auto *dialog = window->findChild<ui::OutputDiffDialog *>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QVERIFY(!dialog->isModal());
    const auto pane = [dialog](const char *name) {
        return dialog->view()->findChild<QPlainTextEdit *>(QLatin1String(name))->toPlainText();
    };
    QTRY_COMPARE_WITH_TIMEOUT(pane("leftPane"), left, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(pane("rightPane"), right, 5000);
    // Double-click on the same cell opens a second one (each diff is its own window).
    const QModelIndex cell = window->table()->currentIndex();
    const QPoint at = window->table()->visualRect(cell).center();
    // A real double-click starts with a press: the view activates only the index it pressed.
    QTest::mouseClick(window->table()->viewport(), Qt::LeftButton, {}, at);
    QTest::mouseDClick(window->table()->viewport(), Qt::LeftButton, {}, at);
    QCOMPARE(diffs.size(), 2);
    QCOMPARE(window->findChildren<ui::OutputDiffDialog *>().size(), 2);
}

void TstEvalWindow::badEvalFileIsShownWithItsPosition()
{
    QVERIFY(m_repo->write(QStringLiteral("evals/bad.yaml"),
        "prompts: [prompts/say.prompt]\ntests:\n  - vars: {text: a}\n    assert:\n"
        "      - {type: javascript, value: 'output.length > 1'}\n"));
    ui::EvalWindow window(engineOptions());
    window.setEvalFiles(m_repo->path(), { QStringLiteral("evals/bad.yaml") });
    window.show();
    // The set is read again on the pre-flight worker; the runner's start then says why not.
    QSignalSpy notStarted(&window, &ui::EvalWindow::notStarted);
    QVERIFY(window.start());
    QVERIFY(notStarted.wait(10000));
    QVERIFY(!window.isRunning());
    const QString status = window.findChild<QLabel *>(QStringLiteral("evalStatus"))->text();
    QVERIFY2(status.contains(QStringLiteral("evals/bad.yaml:5:")), qPrintable(status));
    QVERIFY(window.findChild<QPushButton *>(QStringLiteral("evalRun"))->isEnabled());
    QCOMPARE(m_server.requestCount(), 0);
}

void TstEvalWindow::cancelMidRunLeavesTheWindowUsable()
{
    testsupport::ServerOptions slow;
    slow.latencyMs = 3000;
    m_server.setOptions(slow);
    ui::EvalWindow window(engineOptions());
    window.setPrompt(m_repo->path(), QStringLiteral("prompts/say.prompt"));
    window.show();
    QSignalSpy finished(&window, &ui::EvalWindow::finished);
    QVERIFY(window.start());
    auto *run = window.findChild<QPushButton *>(QStringLiteral("evalRun"));
    auto *cancel = window.findChild<QPushButton *>(QStringLiteral("evalCancel"));
    QVERIFY(!run->isEnabled());
    QVERIFY(cancel->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(m_server.requestCount() >= 1, 10000);
    // The GUI thread is free while calls are in flight: Esc is handled at once.
    QTest::keyClick(&window, Qt::Key_Escape);
    QVERIFY(finished.wait(10000));
    QVERIFY(window.result()->cancelled);
    QVERIFY(window.result()->notRunCount() > 0);
    QVERIFY(run->isEnabled());
    QVERIFY(!cancel->isVisible());
    const QString status = window.findChild<QLabel *>(QStringLiteral("evalStatus"))->text();
    QVERIFY2(status.contains(QStringLiteral("Cancelled")), qPrintable(status));
    bool sawNotRun = false;
    for (int r = 0; r < window.model()->rowCount(); ++r)
        for (int c = 0; c < window.model()->columnCount(); ++c)
            sawNotRun |= window.model()->index(r, c).data().toString() == QStringLiteral("not run");
    QVERIFY(sawNotRun);

    // Usable: the next run goes through and judges every cell.
    m_server.setOptions({});
    QVERIFY(window.start());
    QVERIFY(finished.wait(30000));
    QVERIFY(!window.result()->cancelled);
    QCOMPARE(window.result()->notRunCount(), 0);
    QCOMPARE(window.result()->regressionCount(), 1);
}

void TstEvalWindow::providerRejectionIsShownNotCrashed()
{
    // The server wants a key this run does not have: every call comes back 401.
    testsupport::ServerOptions options;
    options.requiredKey = "sk-the-right-one";
    m_server.setOptions(options);
    ui::EvalWindow window(engineOptions());
    window.setPrompt(m_repo->path(), QStringLiteral("prompts/say.prompt"));
    window.show();
    QSignalSpy finished(&window, &ui::EvalWindow::finished);
    QVERIFY(window.start());
    QVERIFY(finished.wait(20000));
    QVERIFY(m_server.requestCount() > 0);
    QCOMPARE(window.result()->notRunCount(), 8); // 4 tests x (candidate + baseline)
    const QString status = window.findChild<QLabel *>(QStringLiteral("evalStatus"))->text();
    QVERIFY2(status.contains(QStringLiteral("8 sample(s) without output")), qPrintable(status));
    QVERIFY2(status.contains(QStringLiteral("401")), qPrintable(status));
    const QModelIndex cell = window.model()->index(0, 0);
    QCOMPARE(cell.data().toString(), QStringLiteral("not run"));
    QVERIFY2(cell.data(Qt::ToolTipRole).toString().contains(QStringLiteral("401")),
        qPrintable(cell.data(Qt::ToolTipRole).toString()));
    QVERIFY(window.findChild<QPushButton *>(QStringLiteral("evalRun"))->isEnabled());
    // Nothing judged is neither a regression nor a pass: every test is listed as not compared.
    auto *list = window.findChild<QListWidget *>(QStringLiteral("evalComparisons"));
    QCOMPARE(list->count(), 4);
    QVERIFY2(list->item(0)->text().startsWith(QStringLiteral("Not compared: steady")),
        qPrintable(list->item(0)->text()));
    QCOMPARE(window.result()->regressionCount(), 0);
}

void TstEvalWindow::unsavedEditorTextIsTheCandidate()
{
    ui::EvalWindow window(engineOptions());
    window.setPrompt(m_repo->path(), QStringLiteral("prompts/say.prompt"));
    window.setUnsavedTextProvider([] {
        return QMap<QString, QString> { { QStringLiteral("prompts/say.prompt"),
            QString::fromUtf8(kHeader + "Later {{text}}\n") } };
    });
    window.show();
    QSignalSpy finished(&window, &ui::EvalWindow::finished);
    QVERIFY(window.start());
    QVERIFY(finished.wait(20000));
    const run::EvalSetResult &set = window.result()->sets.at(0);
    const int candidate = set.columns.at(0).baseline ? 1 : 0;
    QCOMPARE(set.columns.at(candidate).revisionLabel, QStringLiteral("unsaved edits"));
    const QString output = set.columns.at(candidate).cells.at(Steady).samples.at(0).output;
    QVERIFY2(output.contains(QStringLiteral("You said: Later alpha")), qPrintable(output));
    // The editor's text is not a regression of "regressed" (no "Now"): only the file on disk
    // says "Now", and it did not run.
    QCOMPARE(window.result()->regressionCount(), 0);
    QVERIFY(m_repo->read(QStringLiteral("prompts/say.prompt")).contains("Now {{text}}"));
}

void TstEvalWindow::detailShowsTheGraderPromptAndAnswer()
{
    // The server echoes the grader's user message, which holds the expert answer: an expert
    // answer that is a category verdict comes back as the grader's (as in tst_evalrunner).
    QVERIFY(m_repo->write(QStringLiteral("evals/fact.yaml"),
        "prompts: [prompts/say.prompt]\nproviders: [openai/m]\n"
        "defaultTest: {options: {provider: openai/judge}}\n"
        "tests:\n  - description: graded\n    vars: {text: A}\n"
        "    assert: [{type: factuality, value: '{\"category\": \"A\"}'}]\n"));
    ui::EvalWindow window(engineOptions());
    window.setEvalFiles(m_repo->path(), { QStringLiteral("evals/fact.yaml") });
    window.findChild<QLineEdit *>(QStringLiteral("evalBaseline"))->clear();
    window.show();
    QSignalSpy finished(&window, &ui::EvalWindow::finished);
    QVERIFY(window.start());
    QVERIFY(finished.wait(20000));
    QCOMPARE(window.model()->columnCount(), 1); // no baseline asked for
    window.selectCell(0, 0);
    const QString detail
        = window.findChild<QPlainTextEdit *>(QStringLiteral("evalDetail"))->toPlainText();
    QVERIFY2(
        detail.contains(QStringLiteral("Grader openai/judge for assertion 1")), qPrintable(detail));
    QVERIFY2(detail.contains(QStringLiteral("<question>")), qPrintable(detail));
    QVERIFY2(detail.contains(QStringLiteral("[answer]")), qPrintable(detail));
    QVERIFY2(detail.contains(QStringLiteral("factuality: pass")), qPrintable(detail));
    const QStringList comparisons = [&] {
        QStringList out;
        auto *list = window.findChild<QListWidget *>(QStringLiteral("evalComparisons"));
        for (int i = 0; i < list->count(); ++i)
            out << list->item(i)->text();
        return out;
    }();
    QCOMPARE(comparisons, QStringList { QStringLiteral("No baseline to compare with.") });
}

void TstEvalWindow::runMenuOpensTheWindowForTheCurrentPrompt()
{
    test::resetSettings();
    test::ScratchWorkspace scratch;
    QVERIFY(scratch.isValid());
    ui::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ui::StartupOptions options;
    options.workspace = scratch.root();
    window.start(options);
    QTRY_COMPARE_WITH_TIMEOUT(window.workspaceRoot(), scratch.root(), 10000);
    QVERIFY(window.editorTabs()->openFile(QStringLiteral("prompts/greet.prompt")));

    auto *action = window.findChild<QAction *>(QStringLiteral("actionRunEvalSets"));
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_E));
    action->trigger();
    auto *evals = window.findChild<ui::EvalWindow *>();
    QVERIFY(evals);
    QVERIFY(evals->isVisible());
    QVERIFY(evals->isWindow());
    // The set beside the prompt by name covers it; nothing runs until asked.
    QCOMPARE(evals->findChild<QLabel *>(QStringLiteral("evalSets"))->text(),
        QStringLiteral("evals/greet.yaml"));
    QVERIFY(!evals->isRunning());
    QVERIFY(!evals->findChild<QLabel *>(QStringLiteral("evalUnsaved"))->isVisible());

    // Unsaved edits are not what runs: the window says so. The same window is reused.
    window.editorTabs()->currentEditor()->appendPlainText(QStringLiteral("more"));
    action->trigger();
    QCOMPARE(window.findChildren<ui::EvalWindow *>().size(), 1);
    auto *note = evals->findChild<QLabel *>(QStringLiteral("evalUnsaved"));
    QVERIFY(note->isVisible());
    QVERIFY2(
        note->text().contains(QStringLiteral("prompts/greet.prompt")), qPrintable(note->text()));
    // A revision as candidate runs no editor text: the note goes.
    evals->findChild<QLineEdit *>(QStringLiteral("evalCandidate"))->setText(QStringLiteral("HEAD"));
    QVERIFY(!note->isVisible());
}

void TstEvalWindow::costIsNeverZeroWhenUnknown()
{
    run::EvalColumn column;
    column.costUsd = 0.0; // all cached: known and free
    QCOMPARE(ui::evaltext::costText(column), QStringLiteral("$0.00"));
    column.costUsd = 0.0125;
    QCOMPARE(ui::evaltext::costText(column), QStringLiteral("$0.0125"));
    column.unknownCostCalls = 2;
    QCOMPARE(ui::evaltext::costText(column), QStringLiteral("$0.0125 + 2 calls of unknown price"));
    column.costUsd = 0.0;
    QCOMPARE(ui::evaltext::costText(column), QStringLiteral("unknown (2 calls of unknown price)"));
}

void TstEvalWindow::twoCoveringSetsAreChosenBetween()
{
    // evals/say.yaml sits beside the prompt by name; extra.yaml names it in `prompts`.
    QVERIFY(m_repo->write(QStringLiteral("evals/extra.yaml"),
        "prompts: [prompts/say.prompt]\nproviders: [openai/m]\n"
        "tests:\n  - description: only one\n    vars: {text: omega}\n"
        "    assert: [{type: contains, value: omega}]\n"));
    ui::EvalWindow window(engineOptions());
    window.setPrompt(m_repo->path(), QStringLiteral("prompts/say.prompt"));
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("evalSets"))->text(),
        QStringLiteral("evals/extra.yaml, evals/say.yaml"));
    window.show();
    QSignalSpy finished(&window, &ui::EvalWindow::finished);
    QVERIFY(window.start());
    QVERIFY(finished.wait(30000));
    auto *sets = window.findChild<QComboBox *>(QStringLiteral("evalSetBox"));
    QVERIFY(sets->isVisible());
    QCOMPARE(sets->count(), 2);
    QCOMPARE(window.currentSet(), 0);
    QCOMPARE(window.model()->rowCount(), 1);
    QCOMPARE(window.model()->headerData(0, Qt::Vertical, Qt::DisplayRole).toString(),
        QStringLiteral("only one"));
    window.setCurrentSet(1);
    QCOMPARE(window.model()->rowCount(), 4);
    QCOMPARE(window.model()->headerData(Regressed, Qt::Vertical, Qt::DisplayRole).toString(),
        QStringLiteral("regressed"));
    auto *list = window.findChild<QListWidget *>(QStringLiteral("evalComparisons"));
    QVERIFY(list->count() > 0);
    QVERIFY2(list->item(0)->text().startsWith(QStringLiteral("Regression: regressed")),
        qPrintable(list->item(0)->text()));
}

void TstEvalWindow::typedModelsReplaceTheSetsProviders()
{
    ui::EvalWindow window(engineOptions());
    window.setPrompt(m_repo->path(), QStringLiteral("prompts/say.prompt"));
    auto *models = window.findChild<QLineEdit *>(QStringLiteral("evalModels"));
    QCOMPARE(models->text(), QStringLiteral("openai/m")); // the set's own
    models->setText(QStringLiteral("openai/priced-model"));
    window.findChild<QLineEdit *>(QStringLiteral("evalBaseline"))->clear();
    window.show();
    QSignalSpy finished(&window, &ui::EvalWindow::finished);
    QVERIFY(window.start());
    QVERIFY(finished.wait(20000));
    QCOMPARE(models->text(), QStringLiteral("openai/priced-model")); // kept for the next run
    const run::EvalSetResult &set = window.result()->sets.at(0);
    QCOMPARE(set.columns.size(), 1);
    QCOMPARE(set.columns.at(0).model, QStringLiteral("openai/priced-model"));
    // A priced model (promptsmith.yaml's prices) has a known cost in dollars.
    const QString cost
        = window.findChild<QTableWidget *>(QStringLiteral("evalSummary"))->item(0, 3)->text();
    QVERIFY2(
        cost.startsWith(QLatin1Char('$')) && cost != QStringLiteral("$0.00"), qPrintable(cost));
    QVERIFY(set.columns.at(0).costUsd > 0);
}

// Above budgets.confirm_above_usd the window asks before it spends, as the grid does: Cancel
// sends nothing and says so; Run goes ahead.
void TstEvalWindow::costlyRunAsksFirst()
{
    QVERIFY(m_repo->write(QStringLiteral("promptsmith.yaml"),
        tests::localProvidersYaml(m_server) + "budgets:\n  confirm_above_usd: 0.0000001\n"));
    ui::EvalWindow window(engineOptions());
    window.setPrompt(m_repo->path(), QStringLiteral("prompts/say.prompt"));
    window.findChild<QLineEdit *>(QStringLiteral("evalModels"))
        ->setText(QStringLiteral("openai/priced-model"));
    window.show();

    const auto answer = [this](bool run) {
        auto *poll = new QTimer(this);
        poll->setInterval(20);
        connect(poll, &QTimer::timeout, this, [poll, run] {
            auto *dialog
                = qobject_cast<ui::PreflightDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            poll->stop();
            poll->deleteLater();
            dialog
                ->findChild<QPushButton *>(
                    run ? QStringLiteral("preflightRun") : QStringLiteral("preflightCancel"))
                ->click();
        });
        poll->start();
    };
    answer(false);
    QSignalSpy notStarted(&window, &ui::EvalWindow::notStarted);
    QVERIFY(window.start());
    QVERIFY(window.isEstimating());
    QVERIFY(notStarted.wait(10000));
    QVERIFY(!window.isRunning());
    QVERIFY(!window.isEstimating());
    QCOMPARE(m_server.requestCount(), 0);
    const QString status = window.findChild<QLabel *>(QStringLiteral("evalStatus"))->text();
    QVERIFY2(status.contains(QStringLiteral("cancelled at the cost estimate")), qPrintable(status));

    answer(true);
    QSignalSpy finished(&window, &ui::EvalWindow::finished);
    QVERIFY(window.start());
    QVERIFY(finished.wait(20000));
    QVERIFY(m_server.requestCount() > 0);
}

// Esc while the sets are read again and the cost estimated: nothing starts, and the window
// says so; the estimate coming back later is dropped. The window stays usable.
void TstEvalWindow::escapeWhileEstimatingStartsNothing()
{
    ui::EvalWindow window(engineOptions());
    window.setPrompt(m_repo->path(), QStringLiteral("prompts/say.prompt"));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *run = window.findChild<QPushButton *>(QStringLiteral("evalRun"));
    auto *cancel = window.findChild<QPushButton *>(QStringLiteral("evalCancel"));
    QSignalSpy notStarted(&window, &ui::EvalWindow::notStarted);
    QSignalSpy finished(&window, &ui::EvalWindow::finished);
    QVERIFY(window.start());
    QVERIFY(window.isEstimating());
    QVERIFY(!run->isEnabled()); // no second start
    QVERIFY(cancel->isVisible());
    QVERIFY(!window.start());
    const auto *status = window.findChild<QLabel *>(QStringLiteral("evalStatus"));
    QCOMPARE(status->text(), QStringLiteral("Estimating cost…"));
    QTest::keyClick(&window, Qt::Key_Escape);
    QCOMPARE(notStarted.size(), 1);
    QVERIFY(!window.isEstimating());
    QVERIFY2(status->text().contains(QStringLiteral("Not started")), qPrintable(status->text()));
    QVERIFY(QThreadPool::globalInstance()->waitForDone(30000));
    QTest::qWait(200);
    QVERIFY(!window.isRunning());
    QVERIFY(finished.isEmpty());
    QCOMPARE(m_server.requestCount(), 0);
    QVERIFY(run->isEnabled());
    QVERIFY(!cancel->isVisible());

    QVERIFY(window.start());
    QVERIFY(finished.wait(30000));
    QCOMPARE(window.result()->regressionCount(), 1);
}

// The window closed (destroyed) during its estimate: nothing crashes, nothing is called.
void TstEvalWindow::closingDuringTheEstimateIsSafe()
{
    {
        ui::EvalWindow window(engineOptions());
        window.setPrompt(m_repo->path(), QStringLiteral("prompts/say.prompt"));
        window.show();
        QVERIFY(window.start());
        QVERIFY(window.isEstimating());
    }
    QVERIFY(QThreadPool::globalInstance()->waitForDone(30000));
    QTest::qWait(200);
    QCOMPARE(m_server.requestCount(), 0);
}

QTEST_MAIN(TstEvalWindow)
#include "tst_evalwindow.moc"
