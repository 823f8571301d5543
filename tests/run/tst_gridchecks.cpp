// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// An eval set's deterministic checks on grid samples (run/gridchecks.h): the verdict of one
// sample, whether a grid's rows are a set's tests, and checks applied to a whole grid.
#include "run/gridchecks.h"
#include "run/requesthash.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace psm;
using core::eval::AssertionSpec;
using core::eval::EvalTest;
using run::GridSample;
using run::SampleState;
using Json = nlohmann::ordered_json;

namespace {

AssertionSpec check(const QString &type, const Json &value = nullptr)
{
    AssertionSpec a;
    a.type = type;
    a.value = value;
    return a;
}

EvalTest testOf(Json vars, QList<AssertionSpec> asserts)
{
    EvalTest t;
    t.vars = std::move(vars);
    t.asserts = std::move(asserts);
    return t;
}

GridSample sample(SampleState state, const QString &text)
{
    GridSample s;
    s.state = state;
    s.text = text;
    s.latencyMs = 40;
    return s;
}

const std::optional<bool> kPass = true;
const std::optional<bool> kFail = false;
const std::optional<bool> kNoVerdict;

} // namespace

class TestGridChecks final : public QObject {
    Q_OBJECT

private slots:
    void verdictOfOneSample();
    void modelGradedChecksGiveNoVerdict();
    void inputHashIgnoresKeyOrder();
    void rowsAreTestsOnlyWhenEveryRowMatches();
    void checksOnAWholeGrid();
    void firstModelGradedSaysWhere();
};

void TestGridChecks::verdictOfOneSample()
{
    const EvalTest greets = testOf({ { "name", "Ada" } }, { check("icontains", "ada") });
    QCOMPARE(run::checkSample(greets, sample(SampleState::Ok, "Hello ADA!")), kPass);
    QCOMPARE(run::checkSample(greets, sample(SampleState::Ok, "Hello Bob!")), kFail);
    // A failed or cancelled call fails its checks, even with a partial text that would pass.
    QCOMPARE(run::checkSample(greets, sample(SampleState::Error, "Hello Ada")), kFail);
    QCOMPARE(run::checkSample(greets, sample(SampleState::Cancelled, "Hello Ada")), kFail);
    // Values are rendered against the test's vars, as promptfoo does.
    const EvalTest byVar = testOf({ { "name", "Ada" } }, { check("contains", "{{name}}") });
    QCOMPARE(run::checkSample(byVar, sample(SampleState::Ok, "Hi Ada")), kPass);
    // A latency check on a cached answer (no latency) is an error, which fails.
    EvalTest timed = testOf(Json::object(), { check("latency") });
    timed.asserts[0].threshold = 100;
    GridSample cached = sample(SampleState::Ok, "x");
    cached.latencyMs.reset();
    QCOMPARE(run::checkSample(timed, cached), kFail);
    QCOMPARE(run::checkSample(timed, sample(SampleState::Ok, "x")), kPass); // 40 ms <= 100
    // No assertions: no verdict, not a pass.
    QCOMPARE(
        run::checkSample(testOf(Json::object(), {}), sample(SampleState::Ok, "x")), kNoVerdict);
}

void TestGridChecks::modelGradedChecksGiveNoVerdict()
{
    const EvalTest graded = testOf(Json::object(), { check("llm-rubric", "is polite") });
    QCOMPARE(run::checkSample(graded, sample(SampleState::Ok, "Hi")), kNoVerdict);
    // With a deterministic check beside it the verdict still waits for the grader.
    const EvalTest mixed
        = testOf(Json::object(), { check("contains", "Hi"), check("llm-rubric", "is polite") });
    QCOMPARE(run::checkSample(mixed, sample(SampleState::Ok, "Hi")), kNoVerdict);
}

void TestGridChecks::inputHashIgnoresKeyOrder()
{
    const Json ab = Json::parse(R"({"a": 1, "b": {"x": "y", "z": [1, 2]}})");
    const Json ba = Json::parse(R"({"b": {"z": [1, 2], "x": "y"}, "a": 1})");
    QCOMPARE(run::inputHash(ab), run::inputHash(ba));
    QVERIFY(run::inputHash(ab).startsWith(QStringLiteral("sha256:")));
    QVERIFY(run::inputHash(ab) != run::inputHash(Json::parse(R"({"a": 2, "b": {}})")));
    // YAML types are kept apart: 5 and "5" are different vars.
    QVERIFY(run::inputHash({ { "n", 5 } }) != run::inputHash({ { "n", "5" } }));
}

void TestGridChecks::rowsAreTestsOnlyWhenEveryRowMatches()
{
    const QList<EvalTest> tests = { testOf({ { "name", "Ada" } }, { check("contains", "Ada") }),
        testOf({ { "name", "Bob" } }, { check("contains", "Bob") }) };
    run::RunSpec spec;
    spec.modelRefs = { QStringLiteral("local/a") };
    spec.inputs = { tests[0].vars, tests[1].vars };
    QVERIFY(run::rowsAreTests(run::Grid::forSpec(spec), tests));
    spec.inputs = { tests[1].vars, tests[0].vars }; // same vars, other order
    QVERIFY(!run::rowsAreTests(run::Grid::forSpec(spec), tests));
    spec.inputs = { tests[0].vars };
    QVERIFY(!run::rowsAreTests(run::Grid::forSpec(spec), tests));
    QVERIFY(!run::rowsAreTests(run::Grid::forSpec(spec), {}));
    // A grid whose row hashes are unknown (recorded before they were) is not taken for them.
    run::GridShape shape;
    shape.inputs = 2;
    QVERIFY(!run::rowsAreTests(run::Grid(shape), tests));
    run::Grid recorded(shape);
    recorded.setRowInputHash(0, run::inputHash(tests[0].vars));
    recorded.setRowInputHash(1, run::inputHash(tests[1].vars));
    QVERIFY(run::rowsAreTests(recorded, tests));
    // A default grid (nothing shown yet) is no set's rows.
    QVERIFY(!run::rowsAreTests(run::Grid(), { tests[0] }));
}

void TestGridChecks::checksOnAWholeGrid()
{
    const QList<EvalTest> tests = { testOf({ { "name", "Ada" } }, { check("contains", "Ada") }),
        testOf({ { "name", "Bob" } }, { check("contains", "Bob") }) };
    run::RunSpec spec;
    spec.modelRefs = { QStringLiteral("local/a") };
    spec.inputs = { tests[0].vars, tests[1].vars };
    spec.repeat = 3;
    run::Grid grid = run::Grid::forSpec(spec);
    // Row 0: three answers naming Ada (c = 3). Row 1: two naming Bob, one failed call (c = 2).
    for (int k = 0; k < 3; ++k)
        grid.sample(0, 0, k) = sample(SampleState::Ok, QStringLiteral("Hi Ada"));
    grid.sample(1, 0, 0) = sample(SampleState::Ok, QStringLiteral("Hi Bob"));
    grid.sample(1, 0, 1) = sample(SampleState::Error, QString());
    grid.sample(1, 0, 2) = sample(SampleState::Ok, QStringLiteral("Bob!"));
    QCOMPARE(run::applyChecks(grid, tests), 6);
    QCOMPARE(grid.cell(1, 0)[1].passed, kFail);
    const run::ColumnSummary s = grid.columnSummary(0);
    QCOMPARE(s.checkedCells, 2);
    QCOMPARE(int(s.passAtK.size()), 3);
    // By hand, n = 3 per cell. Row 0, c = 3: pass@k = pass^k = 1 for every k.
    // Row 1, c = 2: pass@1 = 2/3; pass@2 = 1 - C(1,2)/C(3,2) = 1; pass@3 = 1 - C(1,3)/C(3,3) = 1;
    //   pass^1 = 2/3; pass^2 = C(2,2)/C(3,2) = 1/3; pass^3 = C(2,3)/C(3,3) = 0.
    // Column means: pass@ = (5/6, 1, 1); pass^ = (5/6, 2/3, 1/2).
    const double at[] = { 5.0 / 6, 1, 1 };
    const double hat[] = { 5.0 / 6, 2.0 / 3, 0.5 };
    for (int k = 0; k < 3; ++k) {
        QVERIFY2(std::abs(s.passAtK[size_t(k)] - at[k]) < 1e-12, qPrintable(QString::number(k)));
        QVERIFY2(std::abs(s.passHatK[size_t(k)] - hat[k]) < 1e-12, qPrintable(QString::number(k)));
    }

    // A pending sample gets no verdict, and a stale one is cleared when it is pending again.
    grid.sample(0, 0, 2) = GridSample {};
    grid.sample(0, 0, 2).passed = true;
    QCOMPARE(run::applyChecks(grid, tests), 5);
    QCOMPARE(grid.cell(0, 0)[2].passed, kNoVerdict);
}

void TestGridChecks::firstModelGradedSaysWhere()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("set.yaml")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("tests:\n"
               "  - vars: {name: Ada}\n"
               "    assert:\n"
               "      - {type: contains, value: Ada}\n"
               "  - vars: {name: Bob}\n"
               "    assert:\n"
               "      - type: not-llm-rubric\n"
               "        value: is rude\n");
    file.close();
    auto set = core::eval::loadEvalSet(file.fileName(), dir.path());
    QVERIFY2(set.has_value(), set ? "" : qPrintable(set.error().toString()));
    const AssertionSpec *graded = run::firstModelGraded(*set);
    QVERIFY(graded);
    QCOMPARE(graded->displayType(), QStringLiteral("not-llm-rubric"));
    QCOMPARE(graded->line, 7);
    set->tests.removeLast();
    QVERIFY(!run::firstModelGraded(*set));
}

QTEST_GUILESS_MAIN(TestGridChecks)
#include "tst_gridchecks.moc"
