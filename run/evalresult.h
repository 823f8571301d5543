// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"
#include "core/eval/assertion.h"
#include "core/eval/evalstats.h"
#include "core/eval/modelgraded.h"
#include "core/ledger/callrecord.h"

#include <QList>
#include <QString>

#include <optional>

// What an eval run produced, as plain values: the CLI prints it, the GUI will show it. Nothing
// here refers back to the runner, the engine or a QObject, so a result can be copied, kept
// and compared after the run is gone.
namespace psm::run {

// One model-graded assertion's grader call: what was asked, what came back, where it is
// recorded (a ledger row with purpose "grading").
struct EvalGrading {
    int assertionIndex = 0; // in the test's assertion list
    QString model; // provider/model of the grader
    QList<core::eval::GraderMessage> prompt; // what the grader was sent, for the result view
    QString answer; // the grader's text
    QString error; // the grader call failed: the assertion is an Error
    qint64 ledgerId = 0;
    core::TokenUsage tokens;
    std::optional<double> costUsd;
};

enum class EvalSampleStatus {
    Passed,
    Failed, // the assertions ran and the test failed
    Error, // an assertion could not be evaluated (bad value, grader failure): a failed verdict
    NotRun, // no output to judge: the call failed, was cancelled, or never started
};

// One repeat of one test in one column.
struct EvalSample {
    EvalSampleStatus status = EvalSampleStatus::NotRun;
    QString failedAssertion; // the first failing assertion's type as written ("not-contains")
    QString reason; // its reason; for NotRun, why there is no output
    core::eval::TestVerdict verdict;
    QString output;
    qint64 ledgerId = 0;
    core::TokenUsage tokens;
    std::optional<double> costUsd; // paid by this run (0 for a cached answer); nullopt: unknown
    std::optional<double> latencyMs; // a cached answer's is the original call's
    bool cached = false;
    QList<EvalGrading> gradings;

    // A verdict that counts for pass rates and comparisons: Passed, Failed or Error.
    bool hasVerdict() const { return status != EvalSampleStatus::NotRun; }
};

// One test in one column, over its repeats.
struct EvalCell {
    QList<EvalSample> samples; // one per repeat
    core::eval::Outcome outcome = core::eval::Outcome::NoResult;
};

struct EvalTestInfo {
    QString key; // "<eval file>#<n>": lines the test up across columns and revisions
    QString description; // as written, else the vars in short
    QString file; // where the test is defined
    int line = 0;
    int column = 0;
};

// A prompt revision x model over every test of one eval set.
struct EvalColumn {
    QString prompt; // workspace-relative
    QString model; // provider/model
    bool baseline = false;
    QString revisionLabel; // "working copy", "staged", or the rev as given ("HEAD", "v1")
    QString revisionId; // the commit id or sha256 of the text that ran
    QList<EvalCell> cells; // one per test of the set, in its order

    // Filled when the run ends.
    core::eval::PassRate passRate;
    qint64 inputTokens = 0; // every prompt-side token (uncached + cache read + cache write)
    qint64 outputTokens = 0; // visible output + reasoning
    double costUsd = 0.0; // known cost paid now, grader calls included
    int unknownCostCalls = 0; // calls with no known price: never counted as $0
    int cachedCalls = 0;
    int notRun = 0; // samples without a verdict

    // "prompts/a.prompt @ HEAD · openai/gpt-4o-mini"
    QString title() const;
    // Test key -> verdict per repeat (samples without one left out), for evalstats.
    core::eval::ColumnResults results(const QList<EvalTestInfo> &tests) const;
};

// The candidate column against the baseline column of the same prompt and model.
struct EvalComparison {
    int candidateColumn = 0;
    int baselineColumn = 0;
    core::eval::Comparison comparison;
    QStringList newFlips; // flips in the candidate whose baseline outcome was a stable pass
};

struct EvalSetResult {
    QString file; // workspace-relative
    QString description;
    QList<EvalTestInfo> tests;
    QList<EvalColumn> columns;
    QList<EvalComparison> comparisons;
};

struct EvalRunResult {
    QString runId;
    QList<EvalSetResult> sets;
    bool cancelled = false;
    // What stopped calls from being made (a missing key, a prompt that would not render):
    // the first one decides the CLI's exit code.
    QList<core::Error> errors;

    // Over the candidate columns: every sample has a verdict and it passed.
    bool allCandidatesPassed() const;
    // Over every column: some sample never produced output.
    int notRunCount() const;
    int regressionCount() const;
    int newFlipCount() const;
};

// Pass rates, totals and comparisons of `set` from its cells (the runner calls it at the end;
// a test can build cells and call it too).
void summarise(EvalSetResult &set);

} // namespace psm::run
