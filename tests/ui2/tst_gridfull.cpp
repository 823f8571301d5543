// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// The grid window's full case, offscreen (issue 11's "done when"): 3 models x 2 temperatures x
// 2 revisions (the working copy and the commit before it, read from git) x 3 repeats against
// the local test server, with a fault injected into the cells of one model at one temperature.
// The answers stream, the faults stay in their cells, every call is a ledger row, and the grid
// reopens from history without a request to the server.
#include "core/ledger/ledger.h"
#include "run/runengine.h"
#include "tests/support/scratchrepo.h"
#include "tests/support/testserver/testserver.h"
#include "ui/grid/gridpanel.h"
#include "ui/grid/gridtablemodel.h"

#include <QComboBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace psm;

class TstGridFull final : public QObject {
    Q_OBJECT

private slots:
    void threeModelsTwoTemperaturesTwoRevisionsThreeRepeats();
};

void TstGridFull::threeModelsTwoTemperaturesTwoRevisionsThreeRepeats()
{
    test::isolateGitConfig();
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir data;
    qputenv("PROMPTSMITH_LEDGER", data.filePath(QStringLiteral("ledger.sqlite3")).toUtf8());
    testsupport::TestServer server;
    QVERIFY(server.start());
    testsupport::ServerOptions faults;
    // Model c at temperature 0.7 answers 400 (not retried), in both revisions.
    faults.faultRules = { { { QByteArray("\"model\":\"c\""), QByteArray("\"temperature\":0.7") },
        QStringLiteral("status=400"), -1 } };
    server.setOptions(faults);

    test::ScratchRepo repo;
    QVERIFY(repo.isValid());
    const QString prompt = QStringLiteral("prompts/hi.prompt");
    QVERIFY(repo.write(QStringLiteral("promptsmith.yaml"),
        QStringLiteral("providers:\n  local: {type: ollama, base_url: \"%1\"}\n")
            .arg(server.baseUrl())
            .toUtf8()));
    QVERIFY(repo.write(
        prompt, "---\nmodel: local/a\n---\n{{role \"user\"}}\nSay hello to {{name}}.\n"));
    QVERIFY(!repo.commitAll(QStringLiteral("first wording")).isEmpty());
    QVERIFY(
        repo.write(prompt, "---\nmodel: local/a\n---\n{{role \"user\"}}\nSay hi to {{name}}.\n"));

    run::RunEngineOptions options;
    options.useKeychain = false;
    ui::GridPanel panel(options);
    panel.setPrompt(repo.path(), prompt);
    panel.setVariablesProvider([] { return nlohmann::ordered_json { { "name", "Ada" } }; });
    const QStringList models { QStringLiteral("local/a"), QStringLiteral("local/b"),
        QStringLiteral("local/c") };
    const QStringList temperatures { QStringLiteral("temperature=0"),
        QStringLiteral("temperature=0.7") };
    const QStringList revisions { QString(), QStringLiteral("HEAD") };
    for (const QString &revision : revisions)
        for (const QString &model : models)
            for (const QString &temperature : temperatures)
                panel.addColumn(model, temperature, revision);
    panel.setRepeats(3);

    const int before = server.requestCount();
    QSignalSpy finished(&panel, &ui::GridPanel::runFinished);
    int streamed = 0;
    connect(panel.model(), &QAbstractItemModel::dataChanged, this, [&] { ++streamed; });
    panel.findChild<QPushButton *>(QStringLiteral("gridRunButton"))->click();
    // Accepted: its cost is being estimated (off the GUI thread), or it runs already.
    QVERIFY2(panel.isEstimating() || panel.isRunning(),
        qPrintable(panel.statusText()));
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 60000);
    QCOMPARE(server.requestCount() - before, 36);
    QVERIFY(streamed > 0);

    ui::GridTableModel *model = panel.model();
    const run::Grid &grid = model->grid();
    QCOMPARE(grid.rows(), 1);
    QCOMPARE(grid.columns(), 12);
    QCOMPARE(grid.shape().repeats, 3);
    const QString working = testsupport::expectedReply(QStringLiteral("Say hi to Ada."));
    const QString committed = testsupport::expectedReply(QStringLiteral("Say hello to Ada."));
    QVERIFY(working != committed);
    int failedColumns = 0;
    for (int c = 0; c < grid.columns(); ++c) {
        const auto p = grid.shape().position(grid.shape().sampleIndex(0, c, 0));
        const QModelIndex cell = model->index(0, c);
        const QString label = model->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString();
        if (p.model == 2 && p.parameterSet == 1) {
            ++failedColumns;
            QCOMPARE(model->data(cell, ui::GridTableModel::StateRole).toInt(),
                int(run::SampleState::Error));
            const QString error = model->data(cell, ui::GridTableModel::ErrorRole).toString();
            QVERIFY2(error.contains(QStringLiteral("400")), qPrintable(label + error));
            for (const run::GridSample &s : grid.cell(0, c))
                QCOMPARE(s.state, run::SampleState::Error);
            continue;
        }
        QCOMPARE(model->data(cell, ui::GridTableModel::ErrorRole).toString(), QString());
        for (const run::GridSample &s : grid.cell(0, c))
            QCOMPARE(s.text, p.revision == 0 ? working : committed);
        QCOMPARE(model->data(cell, ui::GridTableModel::AgreementRole).toString(),
            QStringLiteral("3/3 agree"));
    }
    QCOMPARE(failedColumns, 2);
    QCOMPARE(grid.failedCalls(), 6);

    const QString runId = panel.runId();
    auto ledger = core::Ledger::open(core::Ledger::defaultPath());
    QVERIFY(ledger);
    core::CallQuery query;
    query.runId = runId;
    query.limit = 0;
    const auto calls = ledger->calls(query);
    QVERIFY(calls);
    QCOMPARE(calls->size(), 36);
    int errors = 0;
    for (const core::CallRecord &call : *calls)
        errors += call.outcome.status == core::CallStatus::Error ? 1 : 0;
    QCOMPARE(errors, 6);

    // Reopened in a new window from history: the same cells, no request.
    ui::GridPanel again(options);
    QSignalSpy history(&again, &ui::GridPanel::historyLoaded);
    again.setPrompt(repo.path(), prompt);
    QTRY_VERIFY_WITH_TIMEOUT(!history.isEmpty(), 10000);
    auto *combo = again.findChild<QComboBox *>(QStringLiteral("gridHistory"));
    const int item = combo->findData(runId);
    QVERIFY(item >= 0);
    combo->setCurrentIndex(item);
    const int beforeReopen = server.requestCount();
    QSignalSpy reopened(&again, &ui::GridPanel::reopened);
    again.findChild<QPushButton *>(QStringLiteral("gridOpenHistory"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(!reopened.isEmpty(), 10000);
    QCOMPARE(server.requestCount(), beforeReopen);
    const run::Grid &back = again.model()->grid();
    QCOMPARE(back.columns(), 12);
    QCOMPARE(back.shape().repeats, 3);
    QCOMPARE(back.failedCalls(), 6);
    for (int c = 0; c < 12; ++c) {
        const auto p = back.shape().position(back.shape().sampleIndex(0, c, 0));
        if (p.model == 2 && p.parameterSet == 1)
            continue;
        for (const run::GridSample &s : back.cell(0, c))
            QCOMPARE(s.text, p.revision == 0 ? working : committed);
    }
}

QTEST_MAIN(TstGridFull)
#include "tst_gridfull.moc"
