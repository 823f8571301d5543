// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/ledger/ledger.h"
#include "run/runengine.h"
#include "tests/support/testserver/testserver.h"
#include "ui/grid/gridlayoutpresets.h"
#include "ui/grid/gridpanel.h"
#include "ui/grid/gridtablemodel.h"
#include "ui/plaintext.h"

#include <QAction>
#include <QBrush>
#include <QComboBox>
#include <QMenu>
#include <QDir>
#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace psm;

// The comparison grid against the local test server: two models x two temperatures x two
// repeats stream into the model, a faulted cell shows its error beside successful ones, Cancel
// all records cancelled calls, and a grid reopened from history calls nothing.
class TstGridPanel final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void streamingRepaintsAreCoalesced();
    void modelOutputTooltipIsPlainText();
    void twoModelsTwoTemperaturesTwoRepeats();
    void faultInOneCellLeavesTheOthers();
    void cancelAllRecordsCancelledCalls();
    void cancelOneColumnLetsTheOthersFinish();
    void reopenFromHistoryCallsNothing();
    void layoutSavedAsPresetAndLoaded();

private:
    // A panel on the test prompt whose row is {"name": name}.
    std::unique_ptr<ui::GridPanel> makePanel(const QString &name = QStringLiteral("Ada"));
    void addTwoByTwo(ui::GridPanel &panel);
    QList<core::CallRecord> ledgerCalls(const QString &runId);

    QTemporaryDir m_dir;
    testsupport::TestServer m_server;
    QString m_root;
    QString m_fullRunId; // the 2x2x2 grid, reopened by the last test
    std::vector<QStringList> m_fullCells; // its cells' display texts, row-major
};

const QString kPrompt = QStringLiteral("prompts/hi.prompt");
const QString kUserText = QStringLiteral("Say hi to Ada.");

void TstGridPanel::initTestCase()
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

std::unique_ptr<ui::GridPanel> TstGridPanel::makePanel(const QString &name)
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

void TstGridPanel::addTwoByTwo(ui::GridPanel &panel)
{
    panel.addColumn(QStringLiteral("local/a"), QStringLiteral("temperature=0"), QString());
    panel.addColumn(QStringLiteral("local/a"), QStringLiteral("temperature=0.7"), QString());
    panel.addColumn(QStringLiteral("local/b"), QStringLiteral("temperature=0"), QString());
    panel.addColumn(QStringLiteral("local/b"), QStringLiteral("temperature=0.7"), QString());
}

QList<core::CallRecord> TstGridPanel::ledgerCalls(const QString &runId)
{
    auto ledger = core::Ledger::open(core::Ledger::defaultPath());
    if (!ledger)
        return {};
    core::CallQuery query;
    query.runId = runId;
    query.limit = 0;
    auto calls = ledger->calls(query);
    return calls ? *calls : QList<core::CallRecord> {};
}

void TstGridPanel::modelOutputTooltipIsPlainText()
{
    run::RunSpec spec;
    spec.modelRefs = { QStringLiteral("local/a") };
    ui::GridTableModel model;
    model.setGrid(run::Grid::forSpec(spec));
    model.appendText(0, 0, 0, QStringLiteral("<b>bold</b> <img src=\"/etc/passwd\">"));
    const QString tip = model.data(model.index(0, 0), Qt::ToolTipRole).toString();
    // Escaped, so Qt's rich-text sniffing shows the tags as text instead of rendering them.
    QVERIFY2(tip.contains(QStringLiteral("&lt;b&gt;bold&lt;/b&gt;")), qPrintable(tip));
    QVERIFY2(!tip.contains(QStringLiteral("<img")), qPrintable(tip));
}

void TstGridPanel::streamingRepaintsAreCoalesced()
{
    run::RunSpec spec;
    spec.modelRefs = { QStringLiteral("local/a"), QStringLiteral("local/b") };
    spec.repeat = 3;
    ui::GridTableModel model;
    model.setGrid(run::Grid::forSpec(spec));
    QCOMPARE(model.columnCount(), 2);
    QCOMPARE(model.rowCount(), 2); // one input + the totals row
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    for (int i = 0; i < 2000; ++i)
        model.appendText(0, i % 2, 0, QStringLiteral("w "));
    QCOMPARE(changed.size(), 0); // nothing repainted per token
    QTRY_VERIFY(!changed.isEmpty());
    QTest::qWait(3 * ui::GridTableModel::kRepaintIntervalMs);
    QCOMPARE(changed.size(), 2); // the cells' range once, the totals once
    QCOMPARE(
        model.data(model.index(0, 1), ui::GridTableModel::FirstTextRole).toString().size(), 2000);
    QCOMPARE(model.data(model.index(0, 0), ui::GridTableModel::StateRole).toInt(),
        int(run::SampleState::Streaming));
    QVERIFY(model.data(model.index(0, 0)).toString().contains(QStringLiteral("streaming")));
}

void TstGridPanel::twoModelsTwoTemperaturesTwoRepeats()
{
    m_server.resetStats();
    m_server.setOptions({});
    const int before = m_server.requestCount();
    auto panel = makePanel();
    addTwoByTwo(*panel);
    panel->setRepeats(2);
    QSignalSpy finished(panel.get(), &ui::GridPanel::runFinished);
    QSignalSpy changed(panel->model(), &QAbstractItemModel::dataChanged);
    panel->findChild<QPushButton *>(QStringLiteral("gridRunButton"))->click();
    // Accepted: its cost is being estimated (off the GUI thread), or it runs already.
    QVERIFY2(panel->isEstimating() || panel->isRunning(),
        qPrintable(panel->statusText()));
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 20000);
    QVERIFY(!changed.isEmpty());
    QCOMPARE(m_server.requestCount() - before, 8);

    ui::GridTableModel *model = panel->model();
    const run::Grid &grid = model->grid();
    QCOMPARE(grid.rows(), 1);
    QCOMPARE(grid.columns(), 4);
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(model->headerData(3, Qt::Horizontal, Qt::DisplayRole).toString(),
        QStringLiteral("local/b temperature=0.7"));
    const QString reply = testsupport::expectedReply(kUserText);
    const qint64 replyWords = testsupport::wordCount(reply);
    for (int c = 0; c < 4; ++c) {
        const QModelIndex cell = model->index(0, c);
        QCOMPARE(model->data(cell, ui::GridTableModel::FirstTextRole).toString(), reply);
        QCOMPARE(model->data(cell, ui::GridTableModel::AgreementRole).toString(),
            QStringLiteral("2/2 agree"));
        QCOMPARE(model->data(cell, ui::GridTableModel::ErrorRole).toString(), QString());
        const QString display = model->data(cell).toString();
        QVERIFY2(display.contains(QStringLiteral("2/2 agree")), qPrintable(display));
        QVERIFY2(display.contains(QStringLiteral(" ms")), qPrintable(display));
        QVERIFY2(display.contains(QStringLiteral("→%1 tok").arg(replyWords)), qPrintable(display));
        QVERIFY2(!display.contains(QStringLiteral("$0.00")) || grid.cell(0, c)[0].costUsd,
            qPrintable(display)); // never $0 for an unknown price

        const QString totals = model->data(model->index(1, c)).toString();
        QVERIFY2(totals.contains(QStringLiteral("2 calls, 0 failed")), qPrintable(totals));
        QVERIFY2(
            totals.contains(QStringLiteral("/ %1 out").arg(2 * replyWords)), qPrintable(totals));
        QVERIFY2(totals.contains(QStringLiteral("latency mean")), qPrintable(totals));
        QVERIFY2(totals.contains(QStringLiteral("flip rate 0% (0/1 cells)")), qPrintable(totals));
        const run::ColumnSummary summary = grid.columnSummary(c);
        QVERIFY(summary.unknownCostCalls == 2 ? totals.contains(QStringLiteral("cost unknown"))
                                              : totals.contains(QStringLiteral("cost $")));
        QCOMPARE(model->headerData(c, Qt::Horizontal, Qt::ToolTipRole).toString(),
            ui::plainToolTip(totals));
    }

    // Selecting a cell pages through its samples in the detail pane.
    auto *table = panel->findChild<QTableView *>(QStringLiteral("gridTable"));
    table->setCurrentIndex(model->index(0, 2));
    QCOMPARE(panel->detailText(), reply);
    panel->findChild<QSpinBox *>(QStringLiteral("gridDetailSample"))->setValue(2);
    QCOMPARE(panel->detailText(), reply);

    const QList<core::CallRecord> calls = ledgerCalls(panel->runId());
    QCOMPARE(calls.size(), 8);
    for (const core::CallRecord &call : calls)
        QCOMPARE(call.outcome.status, core::CallStatus::Ok);

    m_fullRunId = panel->runId();
    m_fullCells.clear();
    for (int c = 0; c < 4; ++c)
        m_fullCells.push_back(
            { model->data(model->index(0, c), ui::GridTableModel::FirstTextRole).toString(),
                model->data(model->index(0, c), ui::GridTableModel::AgreementRole).toString(),
                model->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString() });
}

void TstGridPanel::faultInOneCellLeavesTheOthers()
{
    testsupport::ServerOptions options;
    // Only model b at temperature 0.7 fails; 400 is not retried.
    options.faultRules = { { { QByteArray("\"model\":\"b\""), QByteArray("\"temperature\":0.7") },
        QStringLiteral("status=400"), -1 } };
    m_server.setOptions(options);
    // Another input than the first grid's, whose answers the response cache holds.
    auto panel = makePanel(QStringLiteral("Bo"));
    addTwoByTwo(*panel);
    panel->setRepeats(2);
    QSignalSpy finished(panel.get(), &ui::GridPanel::runFinished);
    panel->run();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 20000);
    ui::GridTableModel *model = panel->model();
    const QString reply = testsupport::expectedReply(QStringLiteral("Say hi to Bo."));
    for (int c = 0; c < 3; ++c) {
        QCOMPARE(
            model->data(model->index(0, c), ui::GridTableModel::FirstTextRole).toString(), reply);
        QCOMPARE(
            model->data(model->index(0, c), ui::GridTableModel::ErrorRole).toString(), QString());
    }
    const QModelIndex bad = model->index(0, 3);
    QCOMPARE(model->data(bad, ui::GridTableModel::StateRole).toInt(), int(run::SampleState::Error));
    const QString error = model->data(bad, ui::GridTableModel::ErrorRole).toString();
    QVERIFY2(error.contains(QStringLiteral("400")), qPrintable(error));
    QVERIFY(model->data(bad).toString().contains(QStringLiteral("error: ")));
    // The failed cell is drawn in red; the answered ones in the view's own colour.
    const QVariant badColour = model->data(bad, Qt::ForegroundRole);
    QVERIFY(badColour.canConvert<QBrush>());
    const QColor red = badColour.value<QBrush>().color();
    QVERIFY2(red.red() > 2 * red.green() && red.red() > 2 * red.blue(), qPrintable(red.name()));
    QVERIFY(!model->data(model->index(0, 0), Qt::ForegroundRole).isValid());
    QVERIFY2(model->data(model->index(1, 3)).toString().contains(QStringLiteral("2 failed")),
        qPrintable(model->data(model->index(1, 3)).toString()));
    QVERIFY2(
        panel->statusText().contains(QStringLiteral("failed")), qPrintable(panel->statusText()));

    // The fault gone, "Run missing" calls only the failed cell: the rest come from the cache.
    m_server.setOptions({});
    const int before = m_server.requestCount();
    finished.clear();
    panel->findChild<QPushButton *>(QStringLiteral("gridRunMissingButton"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 20000);
    QCOMPARE(m_server.requestCount() - before, 2);
    for (int c = 0; c < 4; ++c)
        QCOMPARE(
            model->data(model->index(0, c), ui::GridTableModel::FirstTextRole).toString(), reply);
    QVERIFY(model->grid().cell(0, 0)[0].cached);
    QVERIFY(!model->grid().cell(0, 3)[0].cached);

    // Running one cell again calls that cell's samples only.
    const int beforeCell = m_server.requestCount();
    finished.clear();
    panel->rerunCell(0, 1);
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 20000);
    QCOMPARE(m_server.requestCount() - beforeCell, 2);
    QCOMPARE(model->data(model->index(0, 1), ui::GridTableModel::AgreementRole).toString(),
        QStringLiteral("2/2 agree"));
}

void TstGridPanel::cancelAllRecordsCancelledCalls()
{
    testsupport::ServerOptions options;
    options.faultRules = { { { QByteArray("Say hi") }, QStringLiteral("stall-after=2"), -1 } };
    m_server.setOptions(options);
    const int before = m_server.requestCount();
    auto panel = makePanel();
    panel->addColumn(QStringLiteral("local/a"), QString(), QString());
    panel->addColumn(QStringLiteral("local/b"), QString(), QString());
    QSignalSpy finished(panel.get(), &ui::GridPanel::runFinished);
    panel->run();
    ui::GridTableModel *model = panel->model();
    // The first call has begun streaming, then the server goes quiet; the second waits for
    // the provider's concurrency slot.
    QTRY_VERIFY_WITH_TIMEOUT(model->data(model->index(0, 0), ui::GridTableModel::StateRole).toInt()
            == int(run::SampleState::Streaming),
        10000);
    QVERIFY(finished.isEmpty());
    panel->findChild<QPushButton *>(QStringLiteral("gridCancelButton"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 10000);
    m_server.setOptions({});
    for (int c = 0; c < 2; ++c)
        QCOMPARE(model->data(model->index(0, c), ui::GridTableModel::StateRole).toInt(),
            int(run::SampleState::Cancelled));
    // The partial answer is kept and the cell says it was cancelled.
    QVERIFY(
        !model->data(model->index(0, 0), ui::GridTableModel::FirstTextRole).toString().isEmpty());
    QVERIFY(model->data(model->index(0, 0)).toString().contains(QStringLiteral("cancelled")));
    // Both calls were handed to the transport (one waiting for its slot; it may reach the
    // server as the first one's slot frees) and both are recorded as cancelled.
    QVERIFY(m_server.requestCount() - before >= 1);
    const QList<core::CallRecord> calls = ledgerCalls(panel->runId());
    QCOMPARE(calls.size(), 2);
    for (const core::CallRecord &call : calls)
        QCOMPARE(call.outcome.status, core::CallStatus::Cancelled);
}

void TstGridPanel::cancelOneColumnLetsTheOthersFinish()
{
    testsupport::ServerOptions options;
    options.faultRules
        = { { { QByteArray("\"model\":\"b\"") }, QStringLiteral("stall-after=2"), -1 } };
    m_server.setOptions(options);
    auto panel = makePanel(QStringLiteral("Cy"));
    for (const char *model : { "local/a", "local/b", "local/c" })
        panel->addColumn(QString::fromLatin1(model), QString(), QString());
    panel->setRepeats(2);
    QSignalSpy finished(panel.get(), &ui::GridPanel::runFinished);
    panel->run();
    ui::GridTableModel *model = panel->model();
    // Column b streams and stalls; the provider's one slot keeps column c waiting behind it.
    QTRY_VERIFY_WITH_TIMEOUT(model->data(model->index(0, 1), ui::GridTableModel::StateRole).toInt()
            == int(run::SampleState::Streaming),
        10000);
    QVERIFY(finished.isEmpty());
    panel->cancelColumn(1);
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 10000);
    m_server.setOptions({});
    const QString reply = testsupport::expectedReply(QStringLiteral("Say hi to Cy."));
    for (int c : { 0, 2 }) {
        QCOMPARE(
            model->data(model->index(0, c), ui::GridTableModel::FirstTextRole).toString(), reply);
        QCOMPARE(model->data(model->index(0, c), ui::GridTableModel::AgreementRole).toString(),
            QStringLiteral("2/2 agree"));
    }
    for (const run::GridSample &s : model->grid().cell(0, 1))
        QCOMPARE(s.state, run::SampleState::Cancelled);
    int cancelledRows = 0;
    for (const core::CallRecord &call : ledgerCalls(panel->runId())) {
        const bool columnB = call.start.model == QLatin1String("b");
        QCOMPARE(call.outcome.status, columnB ? core::CallStatus::Cancelled : core::CallStatus::Ok);
        cancelledRows += columnB ? 1 : 0;
    }
    QVERIFY(cancelledRows >= 1); // the one that was streaming
}

void TstGridPanel::reopenFromHistoryCallsNothing()
{
    QVERIFY(!m_fullRunId.isEmpty());
    auto panel = makePanel();
    QSignalSpy history(panel.get(), &ui::GridPanel::historyLoaded);
    QTRY_VERIFY_WITH_TIMEOUT(!history.isEmpty(), 10000);
    auto *combo = panel->findChild<QComboBox *>(QStringLiteral("gridHistory"));
    QVERIFY(combo->count() >= 4); // full, faulted, run missing, cancelled (+ the one cell)
    const int item = combo->findData(m_fullRunId);
    QVERIFY(item >= 0);
    combo->setCurrentIndex(item);
    const int before = m_server.requestCount();
    QSignalSpy reopened(panel.get(), &ui::GridPanel::reopened);
    panel->findChild<QPushButton *>(QStringLiteral("gridOpenHistory"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(!reopened.isEmpty(), 10000);
    QCOMPARE(m_server.requestCount(), before);
    ui::GridTableModel *model = panel->model();
    QCOMPARE(model->grid().columns(), 4);
    QCOMPARE(model->grid().shape().repeats, 2);
    for (int c = 0; c < 4; ++c) {
        QCOMPARE(model->data(model->index(0, c), ui::GridTableModel::FirstTextRole).toString(),
            m_fullCells[size_t(c)][0]);
        QCOMPARE(model->data(model->index(0, c), ui::GridTableModel::AgreementRole).toString(),
            m_fullCells[size_t(c)][1]);
        // The ledger keeps the request's parameters, so the label names the same variant.
        const QString label = model->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString();
        QVERIFY2(label.startsWith(m_fullCells[size_t(c)][2].section(QLatin1Char(' '), 0, 0)),
            qPrintable(label));
    }
    QVERIFY(panel->statusText().contains(QStringLiteral("nothing was called")));
    // A reopened grid has no columns to run again: said, not guessed.
    panel->rerunCell(0, 0);
    QCOMPARE(m_server.requestCount(), before);
}

void TstGridPanel::layoutSavedAsPresetAndLoaded()
{
    // Saved into promptsmith.yaml beside a comment and the providers, which stay as written;
    // loaded back into another panel's column editor.
    const QString path = m_root + QStringLiteral("/promptsmith.yaml");
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray before = file.readAll();
    file.close();
    auto panel = makePanel();
    addTwoByTwo(*panel);
    panel->addColumn(QStringLiteral("local/a"), QStringLiteral("stop=[\"END\"]"),
        QStringLiteral("HEAD"));
    panel->setRepeats(3);
    auto *presets = panel->findChild<ui::GridLayoutPresets *>(QStringLiteral("gridLayouts"));
    QVERIFY(presets);
    presets->menu()->popup({});
    QVERIFY(presets->menu()->findChild<QAction *>(QStringLiteral("saveLayoutAsPreset")));
    presets->menu()->hide();
    QVERIFY(presets->saveLayout(QStringLiteral("two by two")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray after = file.readAll();
    file.close();
    QVERIFY2(after.startsWith(before), after.constData());
    QVERIFY2(after.contains("layouts:\n  two by two:\n    repeats: 3\n"), after.constData());
    QCOMPARE(presets->layoutNames(), QStringList { QStringLiteral("two by two") });

    auto other = makePanel();
    auto *otherPresets = other->findChild<ui::GridLayoutPresets *>(QStringLiteral("gridLayouts"));
    QVERIFY(otherPresets->loadLayout(QStringLiteral("two by two")));
    QCOMPARE(other->columnTexts(), panel->columnTexts());
    QCOMPARE(other->columnTexts().size(), 5);
    QCOMPARE(other->columnTexts().at(4).at(2), QStringLiteral("HEAD"));
    QCOMPARE(other->repeats(), 3);
    QVERIFY(!otherPresets->loadLayout(QStringLiteral("no such")));
    QVERIFY(other->statusText().contains(QStringLiteral("No layout")));

    // A file broken by hand is not touched, and the panel says where it is broken.
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(after + "oops: [\n");
    file.close();
    QVERIFY(!presets->saveLayout(QStringLiteral("x")));
    QVERIFY2(panel->statusText().contains(QStringLiteral("promptsmith.yaml:")),
        qPrintable(panel->statusText()));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), after + "oops: [\n");
    file.close();
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(before);
}

QTEST_MAIN(TstGridPanel)
#include "tst_gridpanel.moc"
