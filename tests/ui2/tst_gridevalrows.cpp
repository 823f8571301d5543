// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// The grid panel with an eval set's tests as its rows, against the local test server, in a
// scratch git repository, with a real ledger file: each sample checked by its test's
// assertions, pass@k and pass^k per column as computed by hand, a bad eval file reported
// without touching the grid, and the checks applied again to a grid reopened from history.
#include "core/ledger/ledger.h"
#include "run/runengine.h"
#include "tests/support/scratchrepo.h"
#include "tests/support/testserver/testserver.h"
#include "ui/grid/gridpanel.h"
#include "ui/grid/gridrowsource.h"
#include "ui/grid/gridtablemodel.h"

#include <QComboBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace psm;

class TstGridEvalRows final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void setsCoveringThePromptAreOffered();
    void rowsAreRememberedPerPrompt();
    void evalRowsAreCheckedWithPassAtK();
    void badEvalFileKeepsTheRows();
    void runMissingAndRerunCellKeepChecking();
    void reopenAppliesTheChecksAgain();
    void reopenWithOtherTestsHasNoVerdicts();
    void modelGradedChecksAreSaidOnce();

private:
    std::unique_ptr<ui::GridPanel> makePanel();
    // Selects `path` as the rows, as the selector does, and waits until it is loaded.
    bool useSet(ui::GridPanel &panel, const QString &path);
    QString cellChecks(ui::GridPanel &panel, int row, int column);

    QTemporaryDir m_data;
    testsupport::TestServer m_server;
    std::unique_ptr<test::ScratchRepo> m_repo;
    QString m_runId; // the checked grid, reopened later
    QString m_totalsA; // its first column's totals
};

const QString kPrompt = QStringLiteral("prompts/hi.prompt");

void TstGridEvalRows::initTestCase()
{
    test::isolateGitConfig();
    QStandardPaths::setTestModeEnabled(true);
    qputenv("PROMPTSMITH_LEDGER", m_data.filePath(QStringLiteral("ledger.sqlite3")).toUtf8());
    QVERIFY(m_server.start());
    m_repo = std::make_unique<test::ScratchRepo>();
    QVERIFY(m_repo->isValid());
    QVERIFY(m_repo->write(QStringLiteral("promptsmith.yaml"),
        QStringLiteral("providers:\n  local: {type: ollama, base_url: \"%1\"}\n")
            .arg(m_server.baseUrl())
            .toUtf8()));
    // The server answers "You said: Say hi to NAME."
    QVERIFY(m_repo->write(
        kPrompt, "---\nmodel: local/a\n---\n{{role \"user\"}}\nSay hi to {{name}}.\n"));
    // Covers the prompt as its namesake. Ada's check always passes, Bob's passes unless the
    // call fails, Cy's asks for a word the server never says.
    QVERIFY(m_repo->write(QStringLiteral("evals/hi.yaml"),
        "description: greetings\n"
        "providers: [local/a, local/b]\n"
        "tests:\n"
        "  - description: greets Ada\n"
        "    vars: {name: Ada}\n"
        "    assert:\n"
        "      - {type: icontains, value: hi to ada}\n"
        "  - description: greets Bob\n"
        "    vars: {name: Bob}\n"
        "    assert:\n"
        "      - {type: contains, value: \"{{name}}\"}\n"
        "  - vars: {name: Cy}\n"
        "    assert:\n"
        "      - {type: contains, value: Zed}\n"));
    // Covers it by name: as many tests, other vars.
    QVERIFY(m_repo->write(QStringLiteral("evals/other.yaml"),
        "prompts: [prompts/hi.prompt]\n"
        "tests:\n"
        "  - vars: {name: Dee}\n"
        "    assert: [{type: contains, value: Dee}]\n"
        "  - vars: {name: Eve}\n"
        "    assert: [{type: contains, value: Eve}]\n"
        "  - vars: {name: Fay}\n"
        "    assert: [{type: contains, value: Fay}]\n"));
    // Neither covers it (no prompts, other names): opened from a file only.
    QVERIFY(m_repo->write(QStringLiteral("evals/bad.yaml"),
        "tests:\n"
        "  - vars: {name: Ada}\n"
        "    assert:\n"
        "      - type: javascript\n"
        "        value: output.length > 0\n"));
    QVERIFY(m_repo->write(QStringLiteral("evals/graded.yaml"),
        "tests:\n"
        "  - vars: {name: Gus}\n"
        "    assert:\n"
        "      - type: llm-rubric\n"
        "        value: is polite\n"));
    QVERIFY(!m_repo->commitAll(QStringLiteral("prompt and eval sets")).isEmpty());
}

std::unique_ptr<ui::GridPanel> TstGridEvalRows::makePanel()
{
    run::RunEngineOptions options;
    options.useKeychain = false;
    auto panel = std::make_unique<ui::GridPanel>(options);
    panel->setVariablesProvider([] { return nlohmann::ordered_json { { "name", "Form" } }; });
    panel->setPrompt(m_repo->path(), kPrompt);
    return panel;
}

bool TstGridEvalRows::useSet(ui::GridPanel &panel, const QString &path)
{
    QSignalSpy loaded(panel.rowSource(), &ui::GridRowSource::evalSetLoaded);
    panel.rowSource()->openEvalSet(path);
    return loaded.wait(10000) && panel.rowSource()->evalSetPath() == path;
}

QString TstGridEvalRows::cellChecks(ui::GridPanel &panel, int row, int column)
{
    return panel.model()
        ->data(panel.model()->index(row, column), ui::GridTableModel::ChecksRole)
        .toString();
}

void TstGridEvalRows::setsCoveringThePromptAreOffered()
{
    auto panel = makePanel();
    auto *rows = panel->findChild<QComboBox *>(QStringLiteral("gridRows"));
    QVERIFY(rows);
    QSignalSpy listed(panel->rowSource(), &ui::GridRowSource::listed);
    QVERIFY(listed.wait(10000));
    QCOMPARE(listed.first().first().toInt(), 2);
    QStringList items;
    for (int i = 0; i < rows->count(); ++i)
        items << rows->itemText(i);
    QCOMPARE(items,
        QStringList({ QStringLiteral("Variables form"), QStringLiteral("evals/hi.yaml"),
            QStringLiteral("evals/other.yaml"), QStringLiteral("Open eval set…") }));
    QCOMPARE(rows->currentIndex(), 0);

    // Choosing a set in the selector reads it on the pool, then makes it the rows; the empty
    // column editor takes the set's providers.
    QSignalSpy loaded(panel->rowSource(), &ui::GridRowSource::evalSetLoaded);
    Q_EMIT rows->activated(1);
    QVERIFY(panel->rowSource()->isLoading());
    QVERIFY(loaded.wait(10000));
    QCOMPARE(panel->rowSource()->evalSetPath(), QStringLiteral("evals/hi.yaml"));
    QCOMPARE(rows->currentText(), QStringLiteral("evals/hi.yaml"));
    QCOMPARE(panel->columnTexts(),
        QList<QStringList>({ { QStringLiteral("local/a"), QString(), QString() },
            { QStringLiteral("local/b"), QString(), QString() } }));
    QVERIFY2(panel->statusText().contains(QStringLiteral("the 3 test(s) of evals/hi.yaml")),
        qPrintable(panel->statusText()));

    // Back to the form: one row of its values.
    Q_EMIT rows->activated(0);
    QVERIFY(!panel->rowSource()->evalSet());
    QCOMPARE(rows->currentIndex(), 0);
}

void TstGridEvalRows::rowsAreRememberedPerPrompt()
{
    auto panel = makePanel();
    QVERIFY(useSet(*panel, QStringLiteral("evals/hi.yaml")));
    // Another prompt starts from the variables form (these tests are not its rows)...
    panel->setPrompt(m_repo->path(), QStringLiteral("prompts/other.prompt"));
    QVERIFY(!panel->rowSource()->evalSet());
    QCOMPARE(panel->findChild<QComboBox *>(QStringLiteral("gridRows"))->currentIndex(), 0);
    // ...and coming back brings the set back.
    QSignalSpy loaded(panel->rowSource(), &ui::GridRowSource::evalSetLoaded);
    panel->setPrompt(m_repo->path(), kPrompt);
    QVERIFY(loaded.wait(10000));
    QCOMPARE(panel->rowSource()->evalSetPath(), QStringLiteral("evals/hi.yaml"));
}

void TstGridEvalRows::evalRowsAreCheckedWithPassAtK()
{
    // One of Bob's three calls on model b fails (400 is not retried): that cell has c = 2 of
    // n = 3 passing samples.
    testsupport::ServerOptions options;
    options.faultRules = { { { QByteArray("\"model\":\"b\""), QByteArray("Bob") },
        QStringLiteral("status=400"), 1 } };
    m_server.setOptions(options);
    auto panel = makePanel();
    QVERIFY(useSet(*panel, QStringLiteral("evals/hi.yaml")));
    panel->setRepeats(3);
    QSignalSpy finished(panel.get(), &ui::GridPanel::runFinished);
    const int before = m_server.requestCount();
    panel->findChild<QPushButton *>(QStringLiteral("gridRunButton"))->click();
    // The cost is estimated off the GUI thread first, then the grid runs.
    QVERIFY2(panel->isEstimating() || panel->isRunning(), qPrintable(panel->statusText()));
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);
    m_server.setOptions({});
    QCOMPARE(m_server.requestCount() - before, 18); // 3 tests x 2 columns x 3 repeats

    ui::GridTableModel *model = panel->model();
    QCOMPARE(model->grid().rows(), 3);
    QCOMPARE(model->grid().columns(), 2);
    // Rows are the tests: their vars went to the server, their descriptions head the rows.
    QCOMPARE(model->data(model->index(1, 0), ui::GridTableModel::FirstTextRole).toString(),
        testsupport::expectedReply(QStringLiteral("Say hi to Bob.")));
    QCOMPARE(model->headerData(0, Qt::Vertical, Qt::DisplayRole).toString(),
        QStringLiteral("greets Ada"));
    QCOMPARE(model->headerData(1, Qt::Vertical, Qt::DisplayRole).toString(),
        QStringLiteral("greets Bob"));
    QCOMPARE(
        model->headerData(2, Qt::Vertical, Qt::DisplayRole).toString(), QStringLiteral("test 3"));
    const QString tip = model->headerData(0, Qt::Vertical, Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("evals/hi.yaml:4")), qPrintable(tip));

    // Verdicts per cell, with a mark in the cell's text.
    QCOMPARE(cellChecks(*panel, 0, 0), QStringLiteral("✓ 3/3 pass"));
    QCOMPARE(cellChecks(*panel, 0, 1), QStringLiteral("✓ 3/3 pass"));
    QCOMPARE(cellChecks(*panel, 1, 0), QStringLiteral("✓ 3/3 pass"));
    QCOMPARE(cellChecks(*panel, 1, 1), QStringLiteral("✗ 2/3 pass"));
    QCOMPARE(cellChecks(*panel, 2, 0), QStringLiteral("✗ 0/3 pass"));
    QCOMPARE(cellChecks(*panel, 2, 1), QStringLiteral("✗ 0/3 pass"));
    QVERIFY(model->data(model->index(1, 1)).toString().contains(QStringLiteral("✗ 2/3 pass")));

    // By hand, n = 3 samples per cell, pass@k = 1 - C(n-c,k)/C(n,k), pass^k = C(c,k)/C(n,k):
    // c = 3: pass@k = pass^k = 1; c = 0: both 0 for every k.
    // c = 2: pass@1 = 2/3, pass@2 = 1 - C(1,2)/C(3,2) = 1, pass@3 = 1 - C(1,3)/C(3,3) = 1;
    //        pass^1 = 2/3, pass^2 = C(2,2)/C(3,2) = 1/3, pass^3 = C(2,3)/C(3,3) = 0.
    // Column a (c = 3, 3, 0): every pass@k and pass^k = (1 + 1 + 0) / 3 = 2/3.
    // Column b (c = 3, 2, 0): pass@ = (5/9, 2/3, 2/3); pass^ = (5/9, 4/9, 1/3).
    const double at[2][3] = { { 2.0 / 3, 2.0 / 3, 2.0 / 3 }, { 5.0 / 9, 2.0 / 3, 2.0 / 3 } };
    const double hat[2][3] = { { 2.0 / 3, 2.0 / 3, 2.0 / 3 }, { 5.0 / 9, 4.0 / 9, 1.0 / 3 } };
    for (int c = 0; c < 2; ++c) {
        const run::ColumnSummary s = model->grid().columnSummary(c);
        QCOMPARE(s.checkedCells, 3);
        QCOMPARE(int(s.passAtK.size()), 3);
        for (int k = 0; k < 3; ++k) {
            QVERIFY2(std::abs(s.passAtK[size_t(k)] - at[c][k]) < 1e-12,
                qPrintable(QStringLiteral("column %1 pass@%2").arg(c).arg(k + 1)));
            QVERIFY2(std::abs(s.passHatK[size_t(k)] - hat[c][k]) < 1e-12,
                qPrintable(QStringLiteral("column %1 pass^%2").arg(c).arg(k + 1)));
        }
    }
    const QString totals = model->data(model->index(3, 1)).toString();
    QVERIFY2(totals.contains(QStringLiteral("pass@1 0.56 · pass^1 0.56")), qPrintable(totals));
    QVERIFY2(totals.contains(QStringLiteral("pass@2 0.67 · pass^2 0.44")), qPrintable(totals));
    QVERIFY2(totals.contains(QStringLiteral("pass@3 0.67 · pass^3 0.33")), qPrintable(totals));
    m_runId = panel->runId();
    QVERIFY(!m_runId.isEmpty());
    m_totalsA = model->data(model->index(3, 0)).toString();
}

void TstGridEvalRows::badEvalFileKeepsTheRows()
{
    auto panel = makePanel();
    QVERIFY(useSet(*panel, QStringLiteral("evals/hi.yaml")));
    panel->setRepeats(1);
    QSignalSpy finished(panel.get(), &ui::GridPanel::runFinished);
    panel->run();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);
    const run::Grid before = panel->model()->grid();

    panel->rowSource()->openEvalSet(QStringLiteral("evals/bad.yaml"));
    QTRY_VERIFY_WITH_TIMEOUT(!panel->rowSource()->isLoading(), 10000);
    // The status says where the file is wrong; the rows and the grid shown are as they were.
    const QString status = panel->statusText();
    QVERIFY2(status.contains(QRegularExpression(QStringLiteral("bad\\.yaml:4:\\d+: "))),
        qPrintable(status));
    QCOMPARE(panel->rowSource()->evalSetPath(), QStringLiteral("evals/hi.yaml"));
    QCOMPARE(panel->findChild<QComboBox *>(QStringLiteral("gridRows"))->currentText(),
        QStringLiteral("evals/hi.yaml"));
    QCOMPARE(panel->model()->grid().rows(), before.rows());
    QCOMPARE(panel->model()->grid().cell(2, 0)[0].text, before.cell(2, 0)[0].text);
    QCOMPARE(cellChecks(*panel, 2, 0), QStringLiteral("✗ 0/1 pass"));
    QCOMPARE(panel->model()->headerData(0, Qt::Vertical, Qt::DisplayRole).toString(),
        QStringLiteral("greets Ada"));
}

void TstGridEvalRows::runMissingAndRerunCellKeepChecking()
{
    auto panel = makePanel();
    // A temperature no other grid here uses, so the response cache holds only this grid's
    // answers.
    panel->addColumn(QStringLiteral("local/a"), QStringLiteral("temperature=0.3"), QString());
    panel->addColumn(QStringLiteral("local/b"), QStringLiteral("temperature=0.3"), QString());
    QVERIFY(useSet(*panel, QStringLiteral("evals/hi.yaml")));
    QCOMPARE(panel->columnTexts().size(), 2); // the columns listed stay
    panel->setRepeats(3);
    testsupport::ServerOptions options;
    options.faultRules = { { { QByteArray("\"model\":\"b\""), QByteArray("Bob") },
        QStringLiteral("status=400"), 1 } };
    m_server.setOptions(options);
    QSignalSpy finished(panel.get(), &ui::GridPanel::runFinished);
    panel->run();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);
    m_server.setOptions({});
    QCOMPARE(cellChecks(*panel, 1, 1), QStringLiteral("✗ 2/3 pass"));

    // "Run missing": the 17 successful answers come from the cache; only the failed call is
    // made again, and every sample is checked again.
    finished.clear();
    const int before = m_server.requestCount();
    panel->findChild<QPushButton *>(QStringLiteral("gridRunMissingButton"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);
    QCOMPARE(m_server.requestCount() - before, 1);
    QCOMPARE(cellChecks(*panel, 0, 0), QStringLiteral("✓ 3/3 pass"));
    QCOMPARE(cellChecks(*panel, 1, 1), QStringLiteral("✓ 3/3 pass"));
    QCOMPARE(cellChecks(*panel, 2, 1), QStringLiteral("✗ 0/3 pass"));
    // Column b is now c = 3, 3, 0 of n = 3: pass@k = pass^k = (1 + 1 + 0) / 3 = 2/3 for every k.
    const QString totals = panel->model()->data(panel->model()->index(3, 1)).toString();
    QVERIFY2(totals.contains(QStringLiteral("pass@3 0.67 · pass^3 0.67")), qPrintable(totals));

    // One cell run again: its three samples are called and checked again.
    finished.clear();
    const int beforeCell = m_server.requestCount();
    panel->rerunCell(2, 0);
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);
    QCOMPARE(m_server.requestCount() - beforeCell, 3);
    QCOMPARE(cellChecks(*panel, 2, 0), QStringLiteral("✗ 0/3 pass"));
    QCOMPARE(panel->model()->grid().columnSummary(0).checkedCells, 3);
}

void TstGridEvalRows::reopenAppliesTheChecksAgain()
{
    QVERIFY(!m_runId.isEmpty());
    auto panel = makePanel();
    QSignalSpy history(panel.get(), &ui::GridPanel::historyLoaded);
    QVERIFY(useSet(*panel, QStringLiteral("evals/hi.yaml")));
    QTRY_VERIFY_WITH_TIMEOUT(!history.isEmpty(), 10000);
    const int before = m_server.requestCount();
    QSignalSpy reopened(panel.get(), &ui::GridPanel::reopened);
    panel->reopen(m_runId);
    QTRY_VERIFY_WITH_TIMEOUT(!reopened.isEmpty(), 10000);
    QCOMPARE(m_server.requestCount(), before); // read from the ledger, nothing called
    QVERIFY2(panel->statusText().contains(QStringLiteral("checked by evals/hi.yaml")),
        qPrintable(panel->statusText()));
    // The same verdicts and figures as when it ran (see evalRowsAreCheckedWithPassAtK).
    QCOMPARE(cellChecks(*panel, 1, 1), QStringLiteral("✗ 2/3 pass"));
    QCOMPARE(cellChecks(*panel, 0, 0), QStringLiteral("✓ 3/3 pass"));
    QCOMPARE(panel->model()->headerData(2, Qt::Vertical, Qt::DisplayRole).toString(),
        QStringLiteral("test 3"));
    const QString totals = panel->model()->data(panel->model()->index(3, 1)).toString();
    QVERIFY2(totals.contains(QStringLiteral("pass@1 0.56 · pass^1 0.56")), qPrintable(totals));
    QVERIFY2(totals.contains(QStringLiteral("pass@2 0.67 · pass^2 0.44")), qPrintable(totals));
    QVERIFY2(totals.contains(QStringLiteral("pass@3 0.67 · pass^3 0.33")), qPrintable(totals));
    QCOMPARE(panel->model()->data(panel->model()->index(3, 0)).toString(), m_totalsA);
}

void TstGridEvalRows::reopenWithOtherTestsHasNoVerdicts()
{
    // As many tests as the grid has rows, but other vars: not these rows' checks.
    auto panel = makePanel();
    QVERIFY(useSet(*panel, QStringLiteral("evals/other.yaml")));
    QSignalSpy reopened(panel.get(), &ui::GridPanel::reopened);
    panel->reopen(m_runId);
    QTRY_VERIFY_WITH_TIMEOUT(!reopened.isEmpty(), 10000);
    QCOMPARE(panel->model()->grid().rows(), 3);
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 2; ++c)
            QCOMPARE(cellChecks(*panel, r, c), QString());
    QCOMPARE(panel->model()->grid().columnSummary(1).checkedCells, 0);
    QVERIFY(!panel->model()
                 ->data(panel->model()->index(3, 1))
                 .toString()
                 .contains(QStringLiteral("pass@")));
    QCOMPARE(panel->model()->headerData(0, Qt::Vertical, Qt::DisplayRole).toString(),
        QStringLiteral("Input 1"));
    QVERIFY(!panel->statusText().contains(QStringLiteral("checked by")));

    // The variables form has no checks either.
    panel->rowSource()->useVariablesForm();
    reopened.clear();
    panel->reopen(m_runId);
    QTRY_VERIFY_WITH_TIMEOUT(!reopened.isEmpty(), 10000);
    QCOMPARE(cellChecks(*panel, 0, 0), QString());
}

void TstGridEvalRows::modelGradedChecksAreSaidOnce()
{
    auto panel = makePanel();
    panel->addColumn(QStringLiteral("local/a"), QString(), QString());
    QVERIFY(useSet(*panel, QStringLiteral("evals/graded.yaml")));
    // The columns listed stay; the note says where the check is that the grid does not run.
    QCOMPARE(panel->columnTexts().size(), 1);
    QVERIFY2(
        panel->statusText().contains(QStringLiteral(
            "evals/graded.yaml:4:15: llm-rubric: model-graded checks are not run in the grid")),
        qPrintable(panel->statusText()));
    QSignalSpy finished(panel.get(), &ui::GridPanel::runFinished);
    panel->run();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);
    QCOMPARE(panel->model()
                 ->data(panel->model()->index(0, 0), ui::GridTableModel::FirstTextRole)
                 .toString(),
        testsupport::expectedReply(QStringLiteral("Say hi to Gus.")));
    QCOMPARE(cellChecks(*panel, 0, 0), QString()); // no verdict, not a pass
}

QTEST_MAIN(TstGridEvalRows)
#include "tst_gridevalrows.moc"
