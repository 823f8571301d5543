// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// The evidence a gated commit carries, taken from an eval result built by hand and summarised
// the way the runner does: pass counts per candidate column with labels that tell columns apart,
// comparison counts summed over sets, the baseline commit, sets and run id.
#include "run/evalevidence.h"

#include <QtTest>

using namespace psm;
using run::EvalColumn;
using run::EvalSampleStatus;

namespace {

EvalColumn column(const QString &prompt, const QString &model, bool baseline,
    const QList<EvalSampleStatus> &verdicts)
{
    EvalColumn c;
    c.prompt = prompt;
    c.model = model;
    c.baseline = baseline;
    c.revisionLabel = baseline ? QStringLiteral("HEAD") : QStringLiteral("working copy");
    c.revisionId = baseline ? QStringLiteral("0123456789abcdef0123456789abcdef01234567")
                            : QStringLiteral("sha256:wc");
    for (EvalSampleStatus status : verdicts) {
        run::EvalCell cell;
        run::EvalSample sample;
        sample.status = status;
        cell.samples << sample;
        c.cells << cell;
    }
    return c;
}

run::EvalSetResult set(const QString &file, const QList<EvalColumn> &columns)
{
    run::EvalSetResult s;
    s.file = file;
    const int tests = columns.isEmpty() ? 0 : int(columns.first().cells.size());
    for (int t = 0; t < tests; ++t)
        s.tests << run::EvalTestInfo { file + QStringLiteral("#%1").arg(t + 1),
            QStringLiteral("t%1").arg(t + 1), file, t + 2, 5 };
    s.columns = columns;
    run::summarise(s);
    return s;
}

constexpr auto Pass = EvalSampleStatus::Passed;
constexpr auto Fail = EvalSampleStatus::Failed;

} // namespace

class TestEvalEvidence final : public QObject {
    Q_OBJECT

private slots:
    void oneColumnIsUnlabelledAndCountsComparisons()
    {
        run::EvalRunResult result;
        result.runId = QStringLiteral("run-1");
        const QString p = QStringLiteral("prompts/a.prompt");
        result.sets << set(QStringLiteral("evals/a.yaml"),
            { column(p, QStringLiteral("openai/m1"), true, { Pass, Fail, Pass }),
                column(p, QStringLiteral("openai/m1"), false, { Fail, Pass, Pass }) });
        const auto e = run::evidenceOf(result);
        QCOMPARE(e.pass.size(), 1);
        QCOMPARE(e.pass[0], (core::eval::CandidateScore { QString(), 2, 3 }));
        QCOMPARE(e.regressions, 1);
        QCOMPARE(e.improvements, 1);
        QCOMPARE(e.flips, 0);
        QCOMPARE(e.baseline, QStringLiteral("0123456789abcdef0123456789abcdef01234567"));
        QCOMPARE(e.evalSets, QStringList { QStringLiteral("evals/a.yaml") });
        QCOMPARE(e.runId, QStringLiteral("run-1"));
        QVERIFY(e.overriddenBy.isEmpty());
    }

    void severalColumnsAreLabelledByWhatDiffers()
    {
        const QString a = QStringLiteral("prompts/a.prompt");
        const QString b = QStringLiteral("prompts/b.prompt");
        run::EvalRunResult twoModels;
        twoModels.sets << set(QStringLiteral("evals/a.yaml"),
            { column(a, QStringLiteral("openai/m1"), false, { Pass, Pass }),
                column(a, QStringLiteral("anthropic/m2"), false, { Pass, Fail }) });
        auto e = run::evidenceOf(twoModels);
        QCOMPARE(e.pass.size(), 2);
        QCOMPARE(e.pass[0].label, QStringLiteral("openai/m1"));
        QCOMPARE(e.pass[1], (core::eval::CandidateScore { QStringLiteral("anthropic/m2"), 1, 2 }));
        QVERIFY(e.baseline.isEmpty()); // no baseline column: nothing was compared

        run::EvalRunResult twoPrompts;
        twoPrompts.sets << set(QStringLiteral("evals/a.yaml"),
            { column(a, QStringLiteral("openai/m1"), false, { Pass }) });
        twoPrompts.sets << set(QStringLiteral("evals/b.yaml"),
            { column(b, QStringLiteral("openai/m1"), false, { Fail }) });
        e = run::evidenceOf(twoPrompts);
        QCOMPARE(e.pass.size(), 2);
        QCOMPARE(e.pass[1],
            (core::eval::CandidateScore { QStringLiteral("prompts/b.prompt openai/m1"), 0, 1 }));
        QCOMPARE(e.evalSets,
            (QStringList { QStringLiteral("evals/a.yaml"), QStringLiteral("evals/b.yaml") }));
        // The trailers read back as the same evidence.
        QCOMPARE(core::eval::evalEvidenceOf(
                     core::eval::withEvalEvidence(QStringLiteral("Subject\n"), e)),
            std::optional<core::eval::EvalEvidence>(e));
    }
};

QTEST_GUILESS_MAIN(TestEvalEvidence)
#include "tst_evalevidence.moc"
