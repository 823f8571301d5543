// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"
#include "core/eval/evalset.h"
#include "run/evalresult.h"
#include "run/runspec.h"

#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace psm::run {

class RunEngine;
struct RunSampleResult;

// Which text of each prompt is the candidate.
enum class EvalCandidate {
    WorkingCopy, // the files on disk
    GitRevision, // EvalRunOptions::candidateRev
    Staged, // the git index: what the next commit would hold (the pre-commit gate)
};

struct EvalRunOptions {
    QString workspaceRoot; // absolute
    QStringList evalFiles; // absolute, or relative to the workspace
    EvalCandidate candidate = EvalCandidate::WorkingCopy;
    QString candidateRev; // EvalCandidate::GitRevision
    // EvalCandidate::WorkingCopy: workspace-relative prompt path -> the editor's unsaved text,
    // which runs instead of the file on disk (the GUI's candidate is what the user sees).
    QMap<QString, QString> unsavedTexts;
    // The revision the candidate is compared with (e.g. "HEAD"); empty: no baseline. A prompt
    // the baseline does not have gets no baseline column (its tests count as added).
    QString baselineRev;
    QStringList models; // replace every eval set's `providers`; empty: the set's own
    QString graderModel; // replaces the sets' grader; empty: the set's, else the default
    int repeat = 1;
    QString runId; // empty: a fresh UUID
    // A limit for the whole eval run, grader calls included (each of its engine runs shares the
    // run id, so the ledger's spend of the earlier ones counts); with `per_run_usd` the lower.
    std::optional<double> budgetUsd;
};

// What an eval run would call, without calling: every main engine run's spec, and the grader
// calls its model-graded assertions would add (one per assertion and sample; their input holds
// outputs not yet known).
struct EvalDryPlan {
    QList<RunSpec> mainRuns;
    int graderCalls = 0;
};

// Runs eval sets as a matrix on the run layer: tests x prompt revisions (candidate, optional
// baseline) x model columns x repeats, through a RunEngine with the response cache on, so a
// re-run pays only for requests that changed. Every call of the eval run, grader calls
// included, carries one run id in the ledger; grader calls are recorded with purpose
// "grading" against the eval file.
//
// Each (eval set, prompt) is one engine run holding both revisions, every model, every test
// and every repeat, so the transport's per-provider concurrency applies across all of them;
// its model-graded assertions then go out as one grading run per grader model. These runs go
// one after another because they share the run id, which the engine keeps unique while a run
// is in flight.
//
// Lives on the caller's thread; never blocks it. Budgets are the engine's: a stop leaves the
// samples it did not send not run, with the stop as their reason.
class EvalRunner final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EvalRunner)

public:
    explicit EvalRunner(RunEngine *engine, QObject *parent = nullptr);
    ~EvalRunner() override;

    // Loads every eval set (a bad one: InvalidInput/NotFound with file:line:col, nothing
    // started), works out the columns, and starts the first engine run. finished() follows,
    // also when a later engine run cannot start (see EvalRunResult::errors).
    core::Status start(const EvalRunOptions &options);
    void cancel();
    bool isRunning() const;

    const EvalRunResult &result() const;

    // The default grader when neither the options nor the set names one: the first model
    // column, so the grader is a model the user already has a key for.
    static QString defaultGrader(const QStringList &columns);
    // What start() would run with these options, for a pre-flight estimate; loads and checks
    // the eval sets as start() does, starts nothing.
    static core::Result<EvalDryPlan> dryPlan(const EvalRunOptions &options);

    // The eval sets that cover `promptPath` (workspace-relative), by core::eval::
    // coveringEvalSets(); a namesake set that does not load counts, so its error is reported.
    // `evalFiles` and the result are workspace-relative.
    static QStringList setsCovering(
        const QString &workspaceRoot, const QStringList &evalFiles, const QString &promptPath);
    // Every eval set under the workspace's evals/ (recursively, *.yaml|*.yml|*.json), sorted.
    static QStringList workspaceEvalFiles(const QString &workspaceRoot);
    // The prompts an eval set runs (workspace-relative): its `prompts`, else the prompt beside
    // it by name.
    static QStringList promptsOf(const core::eval::EvalSet &set, const QString &workspaceRoot);

signals:
    void progress(int done, int total);
    void note(const QString &message);
    void finished();

private:
    struct State;
    struct Grade;
    static core::Result<std::unique_ptr<State>> prepare(const EvalRunOptions &options);
    core::Status launch(std::unique_ptr<State> state);
    void startNextStage();
    void onSample(int index, const RunSampleResult &r);
    void onStageDone();
    void queueGradings();
    void finishGrade(const Grade &g, const core::eval::AssertionResult &verdict);
    static void settle(EvalSample &s, const core::eval::EvalTest &test);
    void finish();

    std::unique_ptr<State> d;
};

} // namespace psm::run
