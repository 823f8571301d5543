// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Budgets stop a run before the call that would cross them: real HTTP to the local test
// server, a real SQLite ledger file and a real git workspace. openai/priced-model costs 1 USD
// per million input tokens and 2 per million output (runfixture.h).
#include "core/ledger/ledger.h"
#include "core/settings/workspacesettings.h"
#include "run/costestimate.h"
#include "run/runengine.h"
#include "run/runplanner.h"
#include "runfixture.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace psm;
using run::RunEngine;
using run::RunSampleResult;
using run::RunSpec;

namespace {

// "a b c d e f g h" is 8 tokens plus 4 for the message; with a cap of 100 output tokens the
// high estimate of one call is 12 x 1 + 100 x 2 = 212 USD per million.
constexpr double kCallHighUsd = 212e-6;

} // namespace

class TestRunBudget final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void estimateIsTheHandValue();
    void perRunBudgetStopsTheGrid();
    void monthlyBudgetCountsEarlierSpend();
    void withinBudgetRunsEverything();
    void dailyBudgetCountsEarlierSpend();
    void userBudgetCountsEveryWorkspaceAndStricterWins();
    void brokenUserBudgetsAreSaidWithWhere();

private:
    run::RunEngineOptions engineOptions() const
    {
        run::RunEngineOptions o;
        o.ledgerPath = m_ledgerPath;
        o.useKeychain = false;
        o.allowedKeyHosts = { QStringLiteral("127.0.0.1") };
        o.consentPath = m_dataDir->filePath(QStringLiteral("consent.json"));
        o.userBudgetsPath = userBudgetsPath();
        return o;
    }
    QString userBudgetsPath() const { return m_dataDir->filePath(QStringLiteral("budgets.yaml")); }
    bool writeUserBudgets(const QByteArray &yaml) const
    {
        QFile f(userBudgetsPath());
        return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(yaml) == yaml.size();
    }
    RunSpec spec(int repeat) const
    {
        RunSpec s;
        s.workspaceRoot = m_repo->path();
        s.promptPath = QStringLiteral("prompts/say.prompt");
        s.modelRef = QStringLiteral("openai/priced-model");
        s.input = { { "text", "a b c d e f g h" } };
        s.configOverrides = { { "maxOutputTokens", 100 } };
        s.repeat = repeat;
        return s;
    }
    QList<RunSampleResult> runToEnd(
        RunEngine &engine, const RunSpec &s, QStringList *notes = nullptr);
    QList<core::CallRecord> rows(const QString &runId = {}) const;

    testsupport::TestServer m_server;
    std::unique_ptr<test::ScratchRepo> m_repo;
    std::unique_ptr<QTemporaryDir> m_dataDir;
    QString m_ledgerPath;
    int m_baseRequests = 0;
    int sent() const { return m_server.requestCount() - m_baseRequests; }
};

void TestRunBudget::initTestCase()
{
    test::isolateGitConfig();
    QStandardPaths::setTestModeEnabled(true);
    qputenv("DBUS_SESSION_BUS_ADDRESS", "");
    qputenv("OPENAI_API_KEY", "sk-test-openai");
    QVERIFY(m_server.start());
}

void TestRunBudget::init()
{
    m_server.clearFaults();
    m_server.setOptions({});
    m_baseRequests = m_server.requestCount();
    m_repo = std::make_unique<test::ScratchRepo>();
    QVERIFY(m_repo->isValid());
    QVERIFY(m_repo->write(QStringLiteral("promptsmith.yaml"), tests::localProvidersYaml(m_server)));
    QVERIFY(m_repo->write(QStringLiteral("prompts/say.prompt"), tests::userPrompt()));
    QVERIFY(!m_repo->commitAll(QStringLiteral("fixture")).isEmpty());
    m_dataDir = std::make_unique<QTemporaryDir>();
    m_ledgerPath = m_dataDir->filePath(QStringLiteral("ledger.sqlite3"));
}

void TestRunBudget::cleanup()
{
    m_repo.reset();
    m_dataDir.reset();
}

QList<RunSampleResult> TestRunBudget::runToEnd(
    RunEngine &engine, const RunSpec &s, QStringList *notes)
{
    QList<RunSampleResult> out;
    QSignalSpy finished(&engine, &RunEngine::runFinished);
    const auto c1 = connect(&engine, &RunEngine::sampleFinished, this,
        [&](const QString &, int sample, const RunSampleResult &r) {
            while (out.size() <= sample)
                out.append(RunSampleResult {});
            out[sample] = r;
        });
    const auto c2 = connect(&engine, &RunEngine::note, this, [&](const QString &n) {
        if (notes)
            notes->append(n);
    });
    auto started = engine.start(s);
    if (!started) {
        qWarning() << started.error().toString();
        return out;
    }
    finished.wait(20000);
    disconnect(c1);
    disconnect(c2);
    return out;
}

QList<core::CallRecord> TestRunBudget::rows(const QString &runId) const
{
    auto ledger = core::Ledger::open(m_ledgerPath);
    if (!ledger)
        return {};
    core::CallQuery q;
    q.limit = 0;
    q.runId = runId;
    return ledger->calls(q).value_or(QList<core::CallRecord>());
}

void TestRunBudget::estimateIsTheHandValue()
{
    // The stop below relies on this figure: the planner's request, estimated as the engine does.
    const auto settings = core::WorkspaceSettings::load(m_repo->path());
    auto prices = core::PriceTable::bundled();
    QVERIFY(prices);
    const auto plan = run::RunPlanner::plan(spec(1), settings, *prices);
    QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().toString()));
    QCOMPARE(plan->calls.size(), size_t(1));
    const auto est = run::estimateCallCost(plan->calls.front(), plan->prices, {});
    QCOMPARE(est.inputTokens, qint64(12));
    QVERIFY(est.highUsd && qAbs(*est.highUsd - kCallHighUsd) < 1e-12);
}

void TestRunBudget::perRunBudgetStopsTheGrid()
{
    // Room for three calls at their high estimate, not four: five planned, three sent.
    RunEngine engine(engineOptions());
    RunSpec s = spec(5);
    s.runId = QStringLiteral("run-budget");
    s.budgetUsd = 3.5 * kCallHighUsd;
    QStringList notes;
    const auto out = runToEnd(engine, s, &notes);
    QCOMPARE(out.size(), 5);
    QCOMPARE(sent(), 3);
    for (int i = 0; i < 3; ++i)
        QVERIFY2(out[i].result.ok(), qPrintable(QString::number(i)));
    for (int i = 3; i < 5; ++i) {
        QVERIFY(!out[i].result.ok());
        QVERIFY(out[i].result.error);
        const QString why = out[i].result.error->message;
        QVERIFY2(why.contains(QStringLiteral("the per-run budget")), qPrintable(why));
        // spent 3 x 212 of 742 (per million), the next 212 would cross it by 106; 2 not sent
        QVERIFY2(why.contains(QStringLiteral("$0.000742")), qPrintable(why));
        QVERIFY2(why.contains(QStringLiteral("by $0.000106")), qPrintable(why));
        QVERIFY2(why.contains(QStringLiteral("2 calls not sent")), qPrintable(why));
    }
    QVERIFY(notes.join(u'\n').contains(QStringLiteral("stopped by the per-run budget")));
    // Three calls and the stop, which names the budget and cost nothing.
    const auto recorded = rows(s.runId);
    QCOMPARE(recorded.size(), 4);
    int ok = 0;
    for (const core::CallRecord &r : recorded) {
        if (r.outcome.status == core::CallStatus::Ok) {
            ++ok;
            continue;
        }
        QCOMPARE(r.outcome.status, core::CallStatus::Cancelled);
        QVERIFY(r.outcome.error.contains(QStringLiteral("the per-run budget")));
        QCOMPARE(r.outcome.costUsd, std::optional<double>(0.0));
    }
    QCOMPARE(ok, 3);
}

void TestRunBudget::monthlyBudgetCountsEarlierSpend()
{
    RunEngine engine(engineOptions());
    const auto first = runToEnd(engine, spec(2));
    QCOMPARE(first.size(), 2);
    QCOMPARE(sent(), 2);
    const double earlier = first[0].costUsd.value_or(-1) + first[1].costUsd.value_or(-1);
    QVERIFY(earlier > 0);

    // This month's budget leaves room for two more calls at their high estimate.
    const double monthly = earlier + 2.5 * kCallHighUsd;
    QVERIFY(m_repo->write(QStringLiteral("promptsmith.yaml"),
        tests::localProvidersYaml(m_server)
            + "budgets:\n  monthly_usd: " + QByteArray::number(monthly, 'g', 17) + "\n"));
    const auto second = runToEnd(engine, spec(4));
    QCOMPARE(second.size(), 4);
    QCOMPARE(sent(), 4);
    QVERIFY(second[1].result.ok());
    QVERIFY(!second[2].result.ok());
    QVERIFY2(second[2].result.error->message.contains(QStringLiteral("monthly budget")),
        qPrintable(second[2].result.error->message));
    QVERIFY(second[3].result.error->message.contains(QStringLiteral("monthly budget")));
}

void TestRunBudget::withinBudgetRunsEverything()
{
    RunEngine engine(engineOptions());
    RunSpec s = spec(3);
    s.budgetUsd = 3 * kCallHighUsd + 1e-9; // reaching a budget is not crossing it
    const auto out = runToEnd(engine, s);
    QCOMPARE(out.size(), 3);
    QCOMPARE(sent(), 3);
    for (const RunSampleResult &r : out)
        QVERIFY(r.result.ok());
}

void TestRunBudget::dailyBudgetCountsEarlierSpend()
{
    RunEngine engine(engineOptions());
    const auto first = runToEnd(engine, spec(2));
    QCOMPARE(sent(), 2);
    const double earlier = first[0].costUsd.value_or(-1) + first[1].costUsd.value_or(-1);
    QVERIFY(earlier > 0);

    // Today's budget leaves room for one more call at its high estimate.
    const double daily = earlier + 1.5 * kCallHighUsd;
    QVERIFY(m_repo->write(QStringLiteral("promptsmith.yaml"),
        tests::localProvidersYaml(m_server) + "budgets:\n  daily_usd: "
            + QByteArray::number(daily, 'g', 17) + "\n  monthly_usd: 100\n"));
    const auto second = runToEnd(engine, spec(3));
    QCOMPARE(second.size(), 3);
    QCOMPARE(sent(), 3);
    QVERIFY(second[0].result.ok());
    for (int i = 1; i < 3; ++i) {
        const QString why = second[i].result.error ? second[i].result.error->message : QString();
        QVERIFY2(why.contains(QStringLiteral("stopped by the workspace's daily budget")),
            qPrintable(why));
        QVERIFY2(why.contains(QStringLiteral("2 calls not sent")), qPrintable(why));
    }
}

void TestRunBudget::userBudgetCountsEveryWorkspaceAndStricterWins()
{
    RunEngine engine(engineOptions());
    const auto first = runToEnd(engine, spec(2));
    QCOMPARE(sent(), 2);
    const double earlier = first[0].costUsd.value_or(-1) + first[1].costUsd.value_or(-1);
    QVERIFY(earlier > 0);

    // A second workspace with a daily budget of its own that its (no) earlier calls leave
    // room in for three calls; the user's daily budget counts the first workspace's calls too
    // and leaves room for one, so it is the one that stops the run.
    test::ScratchRepo other;
    QVERIFY(other.isValid());
    QVERIFY(other.write(QStringLiteral("promptsmith.yaml"),
        tests::localProvidersYaml(m_server)
            + "budgets:\n  daily_usd: " + QByteArray::number(3.5 * kCallHighUsd, 'g', 17) + "\n"));
    QVERIFY(other.write(QStringLiteral("prompts/say.prompt"), tests::userPrompt()));
    QVERIFY(!other.commitAll(QStringLiteral("fixture")).isEmpty());
    QVERIFY(writeUserBudgets(
        "daily_usd: " + QByteArray::number(earlier + 1.5 * kCallHighUsd, 'g', 17) + "\n"));
    RunSpec s = spec(4);
    s.workspaceRoot = other.path();
    s.runId = QStringLiteral("run-user-budget");
    const auto out = runToEnd(engine, s);
    QCOMPARE(out.size(), 4);
    QCOMPARE(sent(), 3);
    QVERIFY(out[0].result.ok());
    const QString why = out[1].result.error ? out[1].result.error->message : QString();
    QVERIFY2(why.contains(QStringLiteral("stopped by the user's daily budget (") + userBudgetsPath()
                 + QLatin1Char(')')),
        qPrintable(why));
    // spent: earlier + 1 x 212e-6 of earlier + 318e-6: the next 212e-6 crosses it by 106e-6.
    QVERIFY2(why.contains(QStringLiteral("by $0.000106")), qPrintable(why));
    QVERIFY2(why.contains(QStringLiteral("3 calls not sent")), qPrintable(why));

    // Without the user's budget the workspace's own one (three calls) holds.
    QVERIFY(QFile::remove(userBudgetsPath()));
    s.runId = QStringLiteral("run-workspace-budget");
    const auto again = runToEnd(engine, s);
    QCOMPARE(again.size(), 4);
    // The first run's one call counts at its cost, each new one at its high estimate.
    const double spentHere = out[0].costUsd.value_or(-1);
    QVERIFY(spentHere > 0);
    const int room = int((3.5 * kCallHighUsd - spentHere) / kCallHighUsd);
    QVERIFY(room >= 1 && room < 4);
    QCOMPARE(sent(), 3 + room);
    QVERIFY(again[room - 1].result.ok());
    QVERIFY(!again[room].result.ok());
    QVERIFY2(again[room].result.error->message.contains(QStringLiteral("the workspace's daily")),
        qPrintable(again[room].result.error->message));
}

void TestRunBudget::brokenUserBudgetsAreSaidWithWhere()
{
    QVERIFY(writeUserBudgets("monthly_usd: 5\ndaily_usd: [\n"));
    RunEngine engine(engineOptions());
    QStringList notes;
    const auto out = runToEnd(engine, spec(2), &notes);
    QCOMPARE(out.size(), 2);
    QCOMPARE(sent(), 2); // a broken file stops nothing: it sets no budget
    const QString said = notes.join(u'\n');
    QVERIFY2(said.contains(userBudgetsPath() + QStringLiteral(":3:1")), qPrintable(said));
}

QTEST_GUILESS_MAIN(TestRunBudget)
#include "tst_runbudget.moc"
