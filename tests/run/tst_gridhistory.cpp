// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// A grid run in process against the local test server, recorded in a real ledger file, then
// rebuilt from that file alone: every cell as it was, and no request to any provider.
#include "core/ledger/ledger.h"
#include "providers/transport.h"
#include "run/gridhistory.h"
#include "run/gridrecorder.h"
#include "run/requesthash.h"
#include "run/runengine.h"
#include "runfixture.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace psm;
using run::GridSample;
using run::SampleState;

class TestGridHistory final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void reopenedGridEqualsTheLiveOne();
    void unknownRunIsNotFound();
    void absurdCellIndicesAreRefused();

private:
    testsupport::TestServer m_server;
};

void TestGridHistory::initTestCase()
{
    test::isolateGitConfig();
    QStandardPaths::setTestModeEnabled(true);
    qputenv("DBUS_SESSION_BUS_ADDRESS", "");
    qputenv("OPENAI_API_KEY", "sk-test-openai");
    qputenv("ANTHROPIC_API_KEY", "sk-ant-test");
    QVERIFY(m_server.start());
}

void TestGridHistory::reopenedGridEqualsTheLiveOne()
{
    test::ScratchRepo repo;
    QVERIFY(repo.write(QStringLiteral("promptsmith.yaml"), tests::localProvidersYaml(m_server)));
    QVERIFY(repo.write(QStringLiteral("prompts/say.prompt"), tests::userPrompt()));
    QVERIFY(!repo.commitAll(QStringLiteral("v1")).isEmpty());
    QVERIFY(repo.write(QStringLiteral("prompts/say.prompt"),
        "---\ninput:\n  schema:\n    text: string\n---\nPlease: {{text}}\n"));
    QVERIFY(!repo.commitAll(QStringLiteral("v2")).isEmpty());
    QTemporaryDir data;
    const QString ledgerPath = data.filePath(QStringLiteral("ledger.sqlite3"));

    // One sample is cut mid-stream, so failures and partial text round-trip too: after two
    // text deltas (Anthropic sends three events before the first; a cut before any text would
    // be retried).
    testsupport::ServerOptions options;
    options.faultRules.append({ { QByteArray("claude-x"), QByteArray("Please: second") },
        QStringLiteral("cut-after=5"), 1 });
    m_server.setOptions(options);

    run::RunSpec spec;
    spec.workspaceRoot = repo.path();
    spec.promptPath = QStringLiteral("prompts/say.prompt");
    spec.revisions = { run::PromptRevision::atGit(QStringLiteral("HEAD~1")),
        run::PromptRevision::atGit(QStringLiteral("HEAD")) };
    spec.modelRefs = { QStringLiteral("openai/gpt-x"), QStringLiteral("anthropic/claude-x") };
    spec.parameterSets = { { { "temperature", 0 } }, { { "temperature", 0.7 } } };
    spec.inputs = { { { "text", "first words" } }, { { "text", "second words here" } } };
    spec.repeat = 2;

    run::RunEngineOptions engineOptions;
    engineOptions.ledgerPath = ledgerPath;
    engineOptions.useKeychain = false;
    engineOptions.allowedKeyHosts = { QStringLiteral("127.0.0.1") };
    engineOptions.consentPath = data.filePath(QStringLiteral("consent.json"));
    run::RunEngine engine(engineOptions);
    run::GridRecorder recorder(&engine, run::Grid::forSpec(spec));
    QSignalSpy finished(&recorder, &run::GridRecorder::finished);
    QSignalSpy changed(&recorder, &run::GridRecorder::sampleChanged);
    const int before = m_server.requestCount();
    auto runId = engine.start(spec);
    QVERIFY2(runId.has_value(), runId ? "" : qPrintable(runId.error().toString()));
    recorder.track(*runId);
    QVERIFY(finished.wait(30000));
    QCOMPARE(m_server.requestCount() - before, 32);
    QVERIFY(changed.count() > 32); // streamed deltas as well as the 32 results

    const run::Grid &live = recorder.grid();
    // Exactly one sample failed, in a cell the rule picks (HEAD, claude-x, input 1: columns 6
    // and 7, whichever request came first), with its partial text; every other cell is whole.
    QCOMPARE(live.failedCalls(), 1);
    int failedColumn = -1;
    for (int c = 0; c < live.columns(); ++c)
        for (int r = 0; r < live.rows(); ++r)
            for (const GridSample &s : live.cell(r, c)) {
                QVERIFY(s.finished());
                if (s.state == SampleState::Ok)
                    continue;
                QCOMPARE(r, 1);
                failedColumn = c;
                QVERIFY(!s.text.isEmpty());
                QVERIFY(!s.error.isEmpty());
            }
    QVERIFY2(failedColumn == 6 || failedColumn == 7, qPrintable(QString::number(failedColumn)));
    QCOMPARE(live.agreement(1, failedColumn).compared, 1);
    QCOMPARE(live.agreement(0, 0).agreeing, 2);

    auto ledger = core::Ledger::open(ledgerPath);
    QVERIFY(ledger.has_value());
    const int beforeReopen = m_server.requestCount();
    auto reopened = run::gridFromLedger(*ledger, *runId);
    QVERIFY2(reopened.has_value(), reopened ? "" : qPrintable(reopened.error().toString()));
    QCOMPARE(m_server.requestCount(), beforeReopen);

    QCOMPARE(reopened->rows(), live.rows());
    QCOMPARE(reopened->columns(), live.columns());
    // The inputs are not kept, but which inputs they were is: the hash of each row's vars.
    for (int r = 0; r < live.rows(); ++r) {
        QCOMPARE(reopened->rowInputHash(r), run::inputHash(spec.inputs[size_t(r)]));
        QCOMPARE(live.rowInputHash(r), run::inputHash(spec.inputs[size_t(r)]));
    }
    QVERIFY(reopened->rowInputHash(0) != reopened->rowInputHash(1));
    QCOMPARE(reopened->shape().repeats, live.shape().repeats);
    for (int c = 0; c < live.columns(); ++c) {
        QCOMPARE(reopened->column(c).revisionId, live.column(c).revisionId);
        QVERIFY(live.column(c).modelRef.endsWith(reopened->column(c).modelRef.section('/', 1)));
        for (int r = 0; r < live.rows(); ++r) {
            for (int k = 0; k < live.shape().repeats; ++k) {
                const GridSample &a = live.cell(r, c)[size_t(k)];
                const GridSample &b = reopened->cell(r, c)[size_t(k)];
                const QByteArray where
                    = QStringLiteral("row %1 column %2 sample %3").arg(r).arg(c).arg(k).toUtf8();
                QVERIFY2(a.state == b.state, where);
                QVERIFY2(a.text == b.text, where);
                QVERIFY2(a.error == b.error, where);
                QVERIFY2(a.finishReason == b.finishReason, where);
                QVERIFY2(a.latencyMs == b.latencyMs, where);
                QVERIFY2(a.ttftMs == b.ttftMs, where);
                QVERIFY2(a.inputTokens == b.inputTokens, where);
                QVERIFY2(a.outputTokens == b.outputTokens, where);
                QVERIFY2(a.costUsd == b.costUsd, where);
                QVERIFY2(a.attempts == b.attempts, where);
                QVERIFY2(a.ledgerId == b.ledgerId && a.ledgerId > 0, where);
                QVERIFY2(a.revisionId == b.revisionId, where);
                QVERIFY2(a.provider == b.provider && a.model == b.model, where);
            }
            QCOMPARE(reopened->agreement(r, c).agreeing, live.agreement(r, c).agreeing);
        }
        const auto s1 = live.columnSummary(c);
        const auto s2 = reopened->columnSummary(c);
        QCOMPARE(s2.flipRate, s1.flipRate);
        QCOMPARE(s2.inputTokens, s1.inputTokens);
        QCOMPARE(s2.unknownCostCalls, s1.unknownCostCalls);
        QCOMPARE(s2.meanLatencyMs, s1.meanLatencyMs);
    }
    // The two revisions ran different text: the same cell's outputs differ between them.
    QVERIFY(live.cell(0, 0)[0].text != live.cell(0, 4)[0].text);
    QVERIFY(live.column(0).revisionId != live.column(4).revisionId);
    m_server.setOptions({});
}

void TestGridHistory::unknownRunIsNotFound()
{
    QTemporaryDir data;
    auto ledger = core::Ledger::open(data.filePath(QStringLiteral("ledger.sqlite3")));
    QVERIFY(ledger.has_value());
    const auto grid = run::gridFromLedger(*ledger, QStringLiteral("no-such-run"));
    QVERIFY(!grid.has_value());
    QCOMPARE(grid.error().code, core::ErrorCode::NotFound);
    QVERIFY(grid.error().message.contains(QLatin1String("no-such-run")));
}

// A hand-edited ledger row whose cell claims a huge index is refused with a message, not turned
// into a grid of billions of samples.
void TestGridHistory::absurdCellIndicesAreRefused()
{
    QTemporaryDir data;
    auto ledger = core::Ledger::open(data.filePath(QStringLiteral("ledger.sqlite3")));
    QVERIFY(ledger.has_value());
    const auto add = [&](const QString &cell) {
        core::CallStart start;
        start.provider = QStringLiteral("openai");
        start.model = QStringLiteral("gpt-4o-mini");
        start.promptPath = QStringLiteral("prompts/a.prompt");
        start.runId = QStringLiteral("run-edited");
        start.cellJson = cell;
        return ledger->beginCall(start).has_value();
    };
    QVERIFY(add(QStringLiteral(R"({"revision":0,"model":0,"params":0,"input":0,"repeat":0})")));
    QVERIFY(run::gridFromLedger(*ledger, QStringLiteral("run-edited")).has_value());

    // Each index plausible, their product (5,000 inputs x 1,000 repeats) not.
    QVERIFY(add(QStringLiteral(R"({"revision":0,"model":0,"params":0,"input":4999,"repeat":999})")));
    const auto grid = run::gridFromLedger(*ledger, QStringLiteral("run-edited"));
    QVERIFY(!grid.has_value());
    QCOMPARE(grid.error().code, core::ErrorCode::InvalidInput);
    QVERIFY2(grid.error().message.contains(QLatin1String("claim a grid of 5000000 samples")),
        qPrintable(grid.error().message));

    // One index beyond any int the grid could use is not a cell at all.
    auto edited = core::Ledger::open(data.filePath(QStringLiteral("other.sqlite3")));
    QVERIFY(edited.has_value());
    core::CallStart start;
    start.provider = QStringLiteral("openai");
    start.model = QStringLiteral("gpt-4o-mini");
    start.runId = QStringLiteral("run-huge");
    start.cellJson = QStringLiteral(
        R"({"revision":0,"model":0,"params":0,"input":9000000000000,"repeat":0})");
    QVERIFY(edited->beginCall(start).has_value());
    const auto huge = run::gridFromLedger(*edited, QStringLiteral("run-huge"));
    QVERIFY(!huge.has_value());
    QVERIFY2(huge.error().message.contains(QLatin1String("has no grid cell")),
        qPrintable(huge.error().message));
}

QTEST_GUILESS_MAIN(TestGridHistory)
#include "tst_gridhistory.moc"
