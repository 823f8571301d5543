// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// The comparison grid's values and maths: positions, agreement, flip rate, totals, pass@k and
// pass^k, each against values worked out by hand in the comments.
#include "core/settings/workspacesettings.h"
#include "run/grid.h"
#include "run/runengine.h"
#include "run/runplanner.h"
#include "runfixture.h"

#include <QtTest>

#include <cmath>

using namespace psm;
using run::GridSample;
using run::SampleState;

class TestGrid final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void positionsFollowThePlan();
    void agreement_data();
    void agreement();
    void passAtK_data();
    void passAtK();
    void percentile_data();
    void percentile();
    void columnSummaryByHand();
    void unknownCostStaysUnknown();
    void streamingThenFinished();
};

namespace {

GridSample ok(const QString &text)
{
    GridSample s;
    s.state = SampleState::Ok;
    s.text = text;
    return s;
}

GridSample failed(const QString &text)
{
    GridSample s;
    s.state = SampleState::Error;
    s.text = text;
    s.error = QStringLiteral("boom");
    return s;
}

} // namespace

void TestGrid::initTestCase()
{
    test::isolateGitConfig();
}

void TestGrid::positionsFollowThePlan()
{
    // The grid maps the engine's sample numbers without the plan; check that against the
    // planner itself: 2 revisions x 3 models x 2 parameter sets x 2 inputs x 3 repeats.
    test::ScratchRepo repo;
    QVERIFY(repo.write(QStringLiteral("prompts/say.prompt"), tests::userPrompt()));
    QVERIFY(!repo.commitAll(QStringLiteral("one")).isEmpty());
    QVERIFY(repo.write(QStringLiteral("prompts/say.prompt"),
        "---\ninput:\n  schema:\n    text: string\n---\nAgain: {{text}}\n"));
    QVERIFY(!repo.commitAll(QStringLiteral("two")).isEmpty());
    run::RunSpec spec;
    spec.workspaceRoot = repo.path();
    spec.promptPath = QStringLiteral("prompts/say.prompt");
    spec.revisions = { run::PromptRevision::atGit(QStringLiteral("HEAD~1")),
        run::PromptRevision::atGit(QStringLiteral("HEAD")) };
    spec.modelRefs
        = { QStringLiteral("echo/a"), QStringLiteral("echo/b"), QStringLiteral("echo/c") };
    spec.parameterSets = { { { "temperature", 0 } }, { { "temperature", 0.7 } } };
    spec.inputs = { { { "text", "x" } }, { { "text", "y" } } };
    spec.repeat = 3;
    const auto settings = core::WorkspaceSettings::load(repo.path());
    const auto plan = run::RunPlanner::plan(spec, settings, core::PriceTable {});
    QVERIFY2(plan.has_value(), plan ? "" : qPrintable(plan.error().toString()));
    const run::GridShape shape = run::GridShape::of(spec);
    QCOMPARE(shape.columns(), 12);
    QCOMPARE(shape.rows(), 2);
    QCOMPARE(shape.sampleCount(), int(plan->calls.size()));
    QCOMPARE(shape.sampleCount(), 72);
    for (const run::PlannedCall &call : plan->calls) {
        const auto p = shape.position(call.index);
        QCOMPARE(p.revision, call.revisionIndex);
        QCOMPARE(p.model, call.modelIndex);
        QCOMPARE(p.parameterSet, call.parameterSetIndex);
        QCOMPARE(p.row, call.inputIndex);
        QCOMPARE(p.repeat, call.repeatIndex);
        QCOMPARE(shape.sampleIndex(p.row, p.column, p.repeat), call.index);
    }
    // By hand: revision 1, model 2, set 1 is column (1*3+2)*2+1 = 11; input 1, repeat 2 is
    // sample (((11*2)+1)*3)+2 = 71, the last one.
    const auto last = shape.position(71);
    QCOMPARE(last.column, 11);
    QCOMPARE(last.row, 1);
    QCOMPARE(last.repeat, 2);

    const run::Grid grid = run::Grid::forSpec(spec);
    QCOMPARE(grid.column(11).label(), QStringLiteral("echo/c temperature=0.7 @HEAD"));
    QCOMPARE(grid.column(0).label(), QStringLiteral("echo/a temperature=0 @HEAD~1"));
    QCOMPARE(grid.rowInput(1)["text"].get<std::string>(), std::string("y"));
}

void TestGrid::agreement_data()
{
    QTest::addColumn<std::vector<GridSample>>("samples");
    QTest::addColumn<int>("compared");
    QTest::addColumn<int>("agreeing");
    QTest::addColumn<int>("distinct");

    QTest::newRow("whitespace normalised") << std::vector { ok(QStringLiteral("a b")),
        ok(QStringLiteral(" a \t b\n")), ok(QStringLiteral("a c")) }
                                           << 3 << 2 << 2;
    QTest::newRow("case matters") << std::vector { ok(QStringLiteral("Yes")),
        ok(QStringLiteral("yes")) }
                                  << 2 << 1 << 2;
    QTest::newRow("json: key order and 1 == 1.0")
        << std::vector { ok(QStringLiteral(R"({"a":1,"b":[1,2]})")),
               ok(QStringLiteral("{ \"b\": [1, 2.0],\n \"a\": 1.0 }")),
               ok(QStringLiteral(R"({"a":1,"b":[2,1]})")) }
        << 3 << 2 << 2;
    QTest::newRow("json scalars") << std::vector { ok(QStringLiteral("42")),
        ok(QStringLiteral("42.0")), ok(QStringLiteral(" 42 ")) }
                                  << 3 << 3 << 1;
    QTest::newRow("json string is not plain text")
        << std::vector { ok(QStringLiteral("\"x\"")), ok(QStringLiteral("x")) } << 2 << 1 << 2;
    QTest::newRow("failed samples not compared") << std::vector { ok(QStringLiteral("x")),
        failed(QStringLiteral("x")), ok(QStringLiteral("x")), failed(QStringLiteral("y")) }
                                                 << 2 << 2 << 1;
    QTest::newRow("all different")
        << std::vector { ok(QStringLiteral("a")), ok(QStringLiteral("b")), ok(QStringLiteral("c")) }
        << 3 << 1 << 3;
    QTest::newRow("nothing finished") << std::vector<GridSample>(3) << 0 << 0 << 0;
}

void TestGrid::agreement()
{
    QFETCH(std::vector<GridSample>, samples);
    QFETCH(int, compared);
    QFETCH(int, agreeing);
    QFETCH(int, distinct);
    const run::Agreement a = run::agreementOf(samples);
    QCOMPARE(a.compared, compared);
    QCOMPARE(a.agreeing, agreeing);
    QCOMPARE(a.distinct, distinct);
    QCOMPARE(a.flips(), distinct > 1);
}

void TestGrid::passAtK_data()
{
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("c");
    QTest::addColumn<int>("k");
    QTest::addColumn<double>("passAt");
    QTest::addColumn<double>("passHat");
    // pass@k = 1 - C(n-c,k)/C(n,k); pass^k = C(c,k)/C(n,k).
    QTest::newRow("3,1,1") << 3 << 1 << 1 << 1.0 / 3 << 1.0 / 3; // 1 - 2/3; 1/3
    QTest::newRow("3,1,2") << 3 << 1 << 2 << 2.0 / 3 << 0.0; // 1 - 1/3; C(1,2)=0
    QTest::newRow("3,1,3") << 3 << 1 << 3 << 1.0 << 0.0; // C(2,3)=0
    QTest::newRow("3,2,2") << 3 << 2 << 2 << 1.0 << 1.0 / 3; // C(1,2)=0; C(2,2)/C(3,2)=1/3
    QTest::newRow("5,2,2") << 5 << 2 << 2 << 0.7 << 0.1; // 1 - 3/10; 1/10
    QTest::newRow("5,3,2") << 5 << 3 << 2 << 0.9 << 0.3; // 1 - 1/10; 3/10
    QTest::newRow("10,5,3") << 10 << 5 << 3 << 11.0 / 12 << 1.0 / 12; // C(5,3)=10, C(10,3)=120
    QTest::newRow("none pass") << 4 << 0 << 2 << 0.0 << 0.0;
    QTest::newRow("all pass") << 4 << 4 << 4 << 1.0 << 1.0;
}

void TestGrid::passAtK()
{
    QFETCH(int, n);
    QFETCH(int, c);
    QFETCH(int, k);
    QFETCH(double, passAt);
    QFETCH(double, passHat);
    QVERIFY2(std::abs(run::passAtK(n, c, k) - passAt) < 1e-12,
        qPrintable(QString::number(run::passAtK(n, c, k))));
    QVERIFY2(std::abs(run::passHatK(n, c, k) - passHat) < 1e-12,
        qPrintable(QString::number(run::passHatK(n, c, k))));
}

void TestGrid::percentile_data()
{
    QTest::addColumn<std::vector<double>>("values");
    QTest::addColumn<double>("p95");
    // Nearest rank: the ceil(0.95 n)-th smallest.
    QTest::newRow("ten") << std::vector<double> { 50, 10, 20, 30, 40, 60, 70, 80, 90, 100 }
                         << 100.0; // rank 10
    QTest::newRow("three") << std::vector<double> { 5, 1, 3 } << 5.0; // rank 3
    std::vector<double> twenty;
    for (int i = 20; i >= 1; --i)
        twenty.push_back(i);
    QTest::newRow("twenty") << twenty << 19.0; // rank 19
    QTest::newRow("one") << std::vector<double> { 7 } << 7.0;
}

void TestGrid::percentile()
{
    QFETCH(std::vector<double>, values);
    QFETCH(double, p95);
    QCOMPARE(run::percentile(values, 95), std::optional<double>(p95));
    QVERIFY(!run::percentile({}, 95));
}

void TestGrid::columnSummaryByHand()
{
    run::GridShape shape;
    shape.inputs = 2;
    shape.repeats = 3;
    run::Grid grid(shape);
    const auto set = [&](int row, int repeat, GridSample s, std::optional<qint64> latency,
                         std::optional<qint64> ttft, std::optional<qint64> in,
                         std::optional<qint64> out, std::optional<double> cost, bool passed) {
        s.latencyMs = latency;
        s.ttftMs = ttft;
        s.inputTokens = in;
        s.outputTokens = out;
        s.costUsd = cost;
        s.passed = passed;
        grid.sample(row, 0, repeat) = s;
    };
    set(0, 0, ok(QStringLiteral("yes")), 100, 10, 5, 2, 0.01, true);
    set(0, 1, ok(QStringLiteral("yes ")), 200, 20, 5, 2, 0.01, true);
    set(0, 2, ok(QStringLiteral("no")), 300, {}, 5, 1, {}, false);
    set(1, 0, ok(QStringLiteral(R"({"a":1})")), 400, 40, 6, 3, 0.02, true);
    set(1, 1, ok(QStringLiteral(R"({"a":1.0})")), 500, {}, 6, 3, 0.02, false);
    set(1, 2, failed(QString()), 600, {}, {}, {}, {}, false);

    const run::ColumnSummary s = grid.columnSummary(0);
    QCOMPARE(s.cells, 2);
    QCOMPARE(s.comparedCells, 2); // row 0: 3 ok samples; row 1: 2
    QCOMPARE(s.flippingCells, 1); // row 0 has "yes" and "no"; row 1's JSON agrees
    QCOMPARE(s.flipRate, std::optional<double>(0.5));
    QCOMPARE(s.calls, 6);
    QCOMPARE(s.failedCalls, 1);
    QCOMPARE(s.inputTokens, qint64(27)); // 5+5+5+6+6
    QCOMPARE(s.outputTokens, qint64(11)); // 2+2+1+3+3
    QCOMPARE(s.unknownTokenCalls, 1);
    QVERIFY(std::abs(s.knownCostUsd - 0.06) < 1e-12);
    QCOMPARE(s.unknownCostCalls, 2); // "no" and the failed call: unknown, not $0
    QCOMPARE(s.meanLatencyMs, std::optional<double>(350.0)); // (100+...+600)/6
    QCOMPARE(s.p95LatencyMs, std::optional<double>(600.0)); // rank ceil(5.7) = 6
    QVERIFY(std::abs(*s.meanTtftMs - 70.0 / 3) < 1e-12); // (10+20+40)/3
    // Checks: row 0 n=3 c=2, row 1 n=3 c=1.
    QCOMPARE(s.checkedCells, 2);
    QCOMPARE(int(s.passAtK.size()), 3);
    const std::vector<double> at { 0.5, (1.0 + 2.0 / 3) / 2, 1.0 }; // mean of (2/3,1/3); (1,2/3)
    const std::vector<double> hat { 0.5, (1.0 / 3 + 0) / 2, 0.0 }; // (2/3,1/3); (1/3,0); (0,0)
    for (size_t k = 0; k < 3; ++k) {
        QVERIFY2(std::abs(s.passAtK[k] - at[k]) < 1e-12, qPrintable(QString::number(k + 1)));
        QVERIFY2(std::abs(s.passHatK[k] - hat[k]) < 1e-12, qPrintable(QString::number(k + 1)));
    }
}

void TestGrid::unknownCostStaysUnknown()
{
    run::RunSampleResult r;
    r.result.text = QStringLiteral("hi");
    r.result.attempts = 1;
    r.result.latencyMs = 12;
    r.tokens.inputUncached = 3;
    r.tokens.output = 1;
    r.tokens.reasoning = 2;
    r.ledgerId = 9;
    const GridSample s = GridSample::fromResult(r);
    QCOMPARE(s.state, SampleState::Ok);
    QVERIFY(!s.costUsd.has_value());
    QCOMPARE(s.inputTokens, std::optional<qint64>(3));
    QCOMPARE(s.outputTokens, std::optional<qint64>(3));
    QCOMPARE(s.latencyMs, std::optional<qint64>(12));
    QVERIFY(!s.ttftMs.has_value()); // -1 from the provider: none came

    run::Grid grid(run::GridShape {});
    grid.finish(0, r);
    const auto sum = grid.columnSummary(0);
    QCOMPARE(sum.unknownCostCalls, 1);
    QCOMPARE(sum.knownCostUsd, 0.0);
    QVERIFY(!sum.flipRate); // one sample: nothing to flip
    QVERIFY(sum.passAtK.empty()); // no checks, no pass@k
}

void TestGrid::streamingThenFinished()
{
    run::GridShape shape;
    shape.models = 2;
    shape.repeats = 2;
    run::Grid grid(shape);
    grid.appendText(3, QStringLiteral("Hel"));
    grid.appendText(3, QStringLiteral("lo"));
    QCOMPARE(grid.cell(0, 1)[1].state, SampleState::Streaming);
    QCOMPARE(grid.cell(0, 1)[1].text, QStringLiteral("Hello"));
    run::RunSampleResult r;
    r.result.failure = core::Failure::Network;
    r.result.error = core::Error { core::ErrorCode::Network, QStringLiteral("cut"), {}, {}, 0, 0 };
    r.result.text = QStringLiteral("Hello");
    r.revisionId = QStringLiteral("abc");
    grid.finish(3, r);
    grid.appendText(3, QStringLiteral("late")); // after the end: ignored
    const GridSample &s = grid.cell(0, 1)[1];
    QCOMPARE(s.state, SampleState::Error);
    QCOMPARE(s.text, QStringLiteral("Hello"));
    QVERIFY(s.error.contains(QLatin1String("cut")));
    QCOMPARE(grid.column(1).revisionId, QStringLiteral("abc"));
    QCOMPARE(grid.failedCalls(), 1);
    QCOMPARE(grid.cell(0, 0)[0].state, SampleState::Pending);
}

QTEST_GUILESS_MAIN(TestGrid)
#include "tst_grid.moc"
