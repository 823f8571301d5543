// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// The EvalRunner in process: which eval sets cover a prompt (on the real sample workspace),
// progress, cancel, and cached answers judged with their original latency, against the local
// test server and a real ledger file.
#include "core/ledger/ledger.h"
#include "run/evalrunner.h"
#include "run/runengine.h"
#include "runfixture.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

using namespace psm;
using run::EvalRunner;
using run::EvalSampleStatus;

class TestEvalRunner final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void coverageInTheSampleWorkspace();
    void progressReachesTheTotal();
    void cancelLeavesCellsNotRunAndRowsCancelled();
    void cachedAnswerKeepsItsLatency();
    void badEvalFileFailsStartWithPosition();
    void factualityGraderSeesTheRenderedPrompt();

private:
    run::RunEngineOptions engineOptions() const
    {
        run::RunEngineOptions o;
        o.ledgerPath = m_ledgerPath;
        o.useKeychain = false;
        o.allowedKeyHosts = { QStringLiteral("127.0.0.1") };
        o.consentPath = m_dataDir->filePath(QStringLiteral("consent.json"));
        o.importedPricesPath = m_dataDir->filePath(QStringLiteral("none.json"));
        return o;
    }
    run::EvalRunOptions options(const QString &evalFile) const
    {
        run::EvalRunOptions o;
        o.workspaceRoot = m_repo->path();
        o.evalFiles = { evalFile };
        return o;
    }
    bool writeEval(const QString &name, int tests, const QByteArray &assertion) const
    {
        QByteArray yaml = "prompts: [prompts/say.prompt]\nproviders: [openai/m]\ntests:\n";
        for (int i = 0; i < tests; ++i)
            yaml += "  - vars: {text: \"item " + QByteArray::number(i) + "\"}\n    assert: ["
                + assertion + "]\n";
        return m_repo->write(name, yaml);
    }

    testsupport::TestServer m_server;
    std::unique_ptr<test::ScratchRepo> m_repo;
    std::unique_ptr<QTemporaryDir> m_dataDir;
    QString m_ledgerPath;
};

void TestEvalRunner::initTestCase()
{
    test::isolateGitConfig();
    QStandardPaths::setTestModeEnabled(true);
    qputenv("DBUS_SESSION_BUS_ADDRESS", "");
    qputenv("OPENAI_API_KEY", "sk-test-openai");
    QVERIFY(m_server.start());
}

void TestEvalRunner::init()
{
    m_server.clearFaults();
    m_server.setOptions({});
    m_server.resetStats();
    m_repo = std::make_unique<test::ScratchRepo>();
    QVERIFY(m_repo->write(QStringLiteral("promptsmith.yaml"), tests::localProvidersYaml(m_server)));
    QVERIFY(m_repo->write(QStringLiteral("prompts/say.prompt"), tests::userPrompt()));
    QVERIFY(!m_repo->commitAll(QStringLiteral("fixture")).isEmpty());
    m_dataDir = std::make_unique<QTemporaryDir>();
    m_ledgerPath = m_dataDir->filePath(QStringLiteral("ledger.sqlite3"));
}

void TestEvalRunner::coverageInTheSampleWorkspace()
{
    const QString samples = QStringLiteral(PSM_SOURCE_DIR "/samples");
    const QStringList files = EvalRunner::workspaceEvalFiles(samples);
    QVERIFY(files.contains(QStringLiteral("evals/classify_ticket.yaml")));
    // Named in `prompts` (the variant) and beside it by name (the base prompt).
    QCOMPARE(EvalRunner::setsCovering(
                 samples, files, QStringLiteral("prompts/classify_ticket.strict.prompt")),
        QStringList { QStringLiteral("evals/classify_ticket.yaml") });
    QCOMPARE(EvalRunner::setsCovering(samples, files, QStringLiteral("prompts/summarize.prompt")),
        QStringList { QStringLiteral("evals/summarize.yaml") });
    QVERIFY(EvalRunner::setsCovering(samples, files, QStringLiteral("prompts/nothing.prompt"))
                .isEmpty());
    auto set
        = core::eval::loadEvalSet(samples + QStringLiteral("/evals/classify_ticket.yaml"), samples);
    QVERIFY2(set.has_value(), set ? "" : qPrintable(set.error().toString()));
    QCOMPARE(EvalRunner::promptsOf(*set, samples),
        (QStringList { QStringLiteral("prompts/classify_ticket.prompt"),
            QStringLiteral("prompts/classify_ticket.strict.prompt") }));
}

void TestEvalRunner::progressReachesTheTotal()
{
    QVERIFY(writeEval(QStringLiteral("evals/say.yaml"), 4, "{type: contains, value: item}"));
    run::RunEngine engine(engineOptions());
    EvalRunner runner(&engine);
    QSignalSpy progress(&runner, &EvalRunner::progress);
    QSignalSpy finished(&runner, &EvalRunner::finished);
    auto o = options(QStringLiteral("evals/say.yaml"));
    o.repeat = 2;
    QVERIFY(runner.start(o).has_value());
    QVERIFY(runner.isRunning());
    QVERIFY(finished.wait(20000));
    QVERIFY(!runner.isRunning());
    QCOMPARE(progress.size(), 8);
    QCOMPARE(progress.last().at(0).toInt(), 8);
    QCOMPARE(progress.last().at(1).toInt(), 8);
    const auto &column = runner.result().sets.at(0).columns.at(0);
    QCOMPARE(column.passRate.passed, 8);
    QVERIFY(!column.revisionId.isEmpty());
    QVERIFY(runner.result().allCandidatesPassed());
}

void TestEvalRunner::cancelLeavesCellsNotRunAndRowsCancelled()
{
    QVERIFY(writeEval(QStringLiteral("evals/say.yaml"), 3, "{type: contains, value: item}"));
    testsupport::ServerOptions slow;
    slow.latencyMs = 3000;
    m_server.setOptions(slow);
    run::RunEngine engine(engineOptions());
    EvalRunner runner(&engine);
    QSignalSpy finished(&runner, &EvalRunner::finished);
    QVERIFY(runner.start(options(QStringLiteral("evals/say.yaml"))).has_value());
    QTRY_COMPARE_WITH_TIMEOUT(m_server.requestCount(), 3, 10000);
    runner.cancel();
    QVERIFY(finished.wait(10000));
    const auto &result = runner.result();
    QVERIFY(result.cancelled);
    QCOMPARE(result.notRunCount(), 3);
    QVERIFY(!result.allCandidatesPassed());
    for (const auto &cell : result.sets.at(0).columns.at(0).cells)
        QCOMPARE(cell.samples.at(0).status, EvalSampleStatus::NotRun);
    // The rows are written on the ledger thread: read them once the engine is gone.
    engine.cancelAll();
    QTRY_VERIFY_WITH_TIMEOUT(engine.isIdle(), 5000);
    auto ledger = core::Ledger::open(m_ledgerPath);
    QVERIFY(ledger.has_value());
    core::CallQuery q;
    q.limit = 0;
    q.runId = result.runId;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const auto rows = ledger->calls(q).value_or(QList<core::CallRecord>());
            if (rows.size() != 3)
                return false;
            for (const auto &row : rows)
                if (row.outcome.status != core::CallStatus::Cancelled)
                    return false;
            return true;
        }(),
        5000);
}

void TestEvalRunner::cachedAnswerKeepsItsLatency()
{
    // promptfoo errors on a latency assertion over a cached answer; our cache is always on,
    // so the answer keeps the latency of the call that made it.
    QVERIFY(writeEval(QStringLiteral("evals/say.yaml"), 2, "{type: latency, threshold: 5000}"));
    testsupport::ServerOptions latency;
    latency.latencyMs = 50;
    m_server.setOptions(latency);
    run::RunEngine engine(engineOptions());
    EvalRunner runner(&engine);
    QSignalSpy finished(&runner, &EvalRunner::finished);
    for (int pass = 0; pass < 2; ++pass) {
        QVERIFY(runner.start(options(QStringLiteral("evals/say.yaml"))).has_value());
        QVERIFY(finished.wait(20000));
        for (const auto &cell : runner.result().sets.at(0).columns.at(0).cells) {
            const auto &s = cell.samples.at(0);
            QCOMPARE(s.cached, pass == 1);
            QVERIFY2(s.status == EvalSampleStatus::Passed, qPrintable(s.reason));
            QVERIFY(s.latencyMs.has_value());
            QVERIFY(*s.latencyMs >= 50);
        }
    }
    QCOMPARE(m_server.requestCount(), 2);
}

void TestEvalRunner::badEvalFileFailsStartWithPosition()
{
    QVERIFY(m_repo->write(QStringLiteral("evals/bad.yaml"),
        "prompts: [prompts/say.prompt]\ntests:\n  - vars: {text: a}\n    assert:\n"
        "      - {type: javascript, value: 'output.length > 1'}\n"));
    run::RunEngine engine(engineOptions());
    EvalRunner runner(&engine);
    const auto started = runner.start(options(QStringLiteral("evals/bad.yaml")));
    QVERIFY(!started.has_value());
    QCOMPARE(started.error().code, core::ErrorCode::InvalidInput);
    QVERIFY2(started.error().file.endsWith(QLatin1String("evals/bad.yaml")),
        qPrintable(started.error().toString()));
    QCOMPARE(started.error().line, 5);
    QVERIFY(started.error().column > 0);
    QVERIFY(!runner.isRunning());
    QCOMPARE(m_server.requestCount(), 0);
}

void TestEvalRunner::factualityGraderSeesTheRenderedPrompt()
{
    // The server echoes the grader's user message, which holds the expert answer: an expert
    // answer that is a category verdict comes back as the grader's.
    QVERIFY(writeEval(QStringLiteral("evals/fact.yaml"), 2,
        "{type: factuality, value: '{\"category\": \"{{text}}\"}'}"));
    QVERIFY(m_repo->write(QStringLiteral("evals/fact.yaml"),
        m_repo->read(QStringLiteral("evals/fact.yaml"))
            .replace("text: \"item 0\"", "text: \"A\"")
            .replace("text: \"item 1\"", "text: \"D\"")));
    run::RunEngine engine(engineOptions());
    EvalRunner runner(&engine);
    QSignalSpy finished(&runner, &EvalRunner::finished);
    auto o = options(QStringLiteral("evals/fact.yaml"));
    o.graderModel = QStringLiteral("openai/judge");
    QVERIFY(runner.start(o).has_value());
    QVERIFY(finished.wait(20000));
    const auto &cells = runner.result().sets.at(0).columns.at(0).cells;
    const auto &agrees = cells.at(0).samples.at(0);
    QVERIFY2(agrees.status == EvalSampleStatus::Passed, qPrintable(agrees.reason));
    QCOMPARE(cells.at(1).samples.at(0).status, EvalSampleStatus::Failed);
    QCOMPARE(cells.at(1).samples.at(0).failedAssertion, QStringLiteral("factuality"));
    QCOMPARE(agrees.gradings.size(), 1);
    const auto &grading = agrees.gradings.at(0);
    QCOMPARE(grading.model, QStringLiteral("openai/judge"));
    QVERIFY(grading.ledgerId > 0);
    // The question is the prompt as rendered for the test; the submitted answer its output.
    const QString user = grading.prompt.at(1).content;
    QVERIFY2(user.contains(QStringLiteral("<question>\nA\n</question>")), qPrintable(user));
    QVERIFY2(user.contains(QStringLiteral("You said: A")), qPrintable(user));
}

QTEST_GUILESS_MAIN(TestEvalRunner)
#include "tst_evalrunner.moc"
