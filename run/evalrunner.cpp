// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "run/evalrunner.h"

#include "core/eval/assertions.h"
#include "core/eval/evalcoverage.h"
#include "core/eval/providerid.h"
#include "core/settings/workspacesettings.h"
#include "core/workspace/stagedfiles.h"
#include "core/workspace/workspace.h"
#include "run/runengine.h"
#include "run/runplanner.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QHash>
#include <QPointer>
#include <QUuid>

#include <deque>
#include <map>

namespace psm::run {
namespace {

using Json = nlohmann::ordered_json;
using core::eval::AssertionResult;
using core::eval::AssertionState;
using core::eval::EvalSet;
using core::eval::GraderMessage;
using core::eval::TestVerdict;

// The grader's messages go in as variables, never as template text, so an output that
// contains `{{` cannot change what the grader is asked.
const char *const kGraderPrompt = "---\n"
                                  "input:\n"
                                  "  schema:\n"
                                  "    system?: string\n"
                                  "    user: string\n"
                                  "---\n"
                                  "{{#if system}}{{role \"system\"}}{{system}}{{/if}}"
                                  "{{role \"user\"}}{{user}}";

QString jsText(const Json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>())
                             : QString::fromStdString(value.dump());
}

// "ticket=I was charged twice…" when a test has no description.
QString describeVars(const Json &vars)
{
    QStringList parts;
    for (const auto &[key, value] : vars.items()) {
        QString text = jsText(value).simplified();
        if (text.size() > 40)
            text = text.left(39) + QChar(0x2026);
        parts << QString::fromStdString(key) + QLatin1Char('=') + text;
    }
    return parts.isEmpty() ? QStringLiteral("(no vars)") : parts.join(QStringLiteral(", "));
}

QString normalisedModel(const Json &provider)
{
    const Json *id = provider.is_object() && provider.contains("id") ? &provider["id"] : &provider;
    if (!id->is_string())
        return {};
    const QString raw = QString::fromStdString(id->get<std::string>());
    QString problem;
    const auto normalised = core::eval::normaliseProviderId(raw, &problem);
    return normalised ? *normalised : raw;
}

} // namespace

// One model-graded assertion of one sample, waiting for or in its grading run.
struct EvalRunner::Grade {
    int set = 0;
    int column = 0;
    int test = 0;
    int repeat = 0;
    int grading = 0; // index in the sample's gradings
};

struct EvalRunner::State {
    struct Stage {
        bool grading = false;
        int set = 0;
        RunSpec spec;
        // Main stage: column per (revision, model), in plan order.
        QList<int> columns;
        int models = 1;
        int tests = 0;
        // Main stage, factuality only: the rendered prompt per (revision, test).
        QHash<int, QString> questions;
        // Grading stage: the grade each input is for.
        QList<Grade> grades;
    };

    RunEngine *engine = nullptr;
    EvalRunOptions options;
    EvalRunResult result;
    QList<EvalSet> sets;
    std::deque<Stage> queue;
    std::optional<Stage> current;
    QList<Grade> waitingGrades; // from the main stage in flight, graded once it is done
    QHash<quint64, int> pendingGradings; // (set, column, test, repeat) -> gradings still out
    bool running = false;
    bool cancelled = false;
    int done = 0;
    int total = 0;

    static quint64 sampleKey(int set, int column, int test, int repeat)
    {
        return (quint64(set) << 48) | (quint64(column) << 32) | (quint64(test) << 16)
            | quint64(repeat);
    }
    EvalSample &sample(int set, int column, int test, int repeat)
    {
        return result.sets[set].columns[column].cells[test].samples[repeat];
    }
};

EvalRunner::EvalRunner(RunEngine *engine, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<State>())
{
    d->engine = engine;
}

EvalRunner::~EvalRunner()
{
    if (d->running && d->engine)
        d->engine->cancel(d->result.runId);
}

const EvalRunResult &EvalRunner::result() const
{
    return d->result;
}

bool EvalRunner::isRunning() const
{
    return d->running;
}

QString EvalRunner::defaultGrader(const QStringList &columns)
{
    for (const QString &model : columns)
        if (!model.isEmpty())
            return model;
    return QStringLiteral("echo/echo");
}

QStringList EvalRunner::workspaceEvalFiles(const QString &workspaceRoot)
{
    QStringList files;
    const QDir root(workspaceRoot);
    QDirIterator it(root.filePath(QStringLiteral("evals")),
        { QStringLiteral("*.yaml"), QStringLiteral("*.yml"), QStringLiteral("*.json") },
        QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << root.relativeFilePath(it.next());
    files.sort();
    return files;
}

QStringList EvalRunner::promptsOf(const EvalSet &set, const QString &workspaceRoot)
{
    const QDir root(workspaceRoot);
    QStringList prompts;
    for (const QString &named : set.prompts) {
        // Ours are workspace-relative; promptfoo's are relative to the eval file.
        QString path = QDir::cleanPath(root.filePath(named));
        if (!QFileInfo::exists(path)) {
            const QString besideFile
                = QDir::cleanPath(QFileInfo(set.file).absoluteDir().filePath(named));
            if (QFileInfo::exists(besideFile))
                path = besideFile;
        }
        prompts << root.relativeFilePath(path);
    }
    if (prompts.isEmpty())
        prompts << QStringLiteral("prompts/") + QFileInfo(set.file).completeBaseName()
                + QStringLiteral(".prompt");
    return prompts;
}

QStringList EvalRunner::setsCovering(
    const QString &workspaceRoot, const QStringList &evalFiles, const QString &promptPath)
{
    // "greet" for prompts/greet.prompt and for the variant prompts/greet.formal.prompt.
    const QString stem = QFileInfo(promptPath).fileName().section(QLatin1Char('.'), 0, 0);
    const QDir root(workspaceRoot);
    QStringList covering;
    for (const QString &file : evalFiles) {
        auto set = core::eval::loadEvalSet(root.filePath(file), workspaceRoot);
        if (!set) {
            // A broken namesake still runs, so the gate reports its error instead of passing
            // a prompt whose checks it could not read.
            if (QFileInfo(file).completeBaseName() == stem)
                covering << file;
            continue;
        }
        if (!core::eval::coveringEvalSets({ *set }, promptPath, workspaceRoot).isEmpty())
            covering << file;
    }
    return covering;
}

core::Status EvalRunner::start(const EvalRunOptions &options)
{
    if (d->running)
        return core::fail(core::ErrorCode::Conflict, QStringLiteral("an eval run is in progress"));
    auto state = prepare(options);
    if (!state)
        return tl::unexpected(state.error());
    (*state)->engine = d->engine;
    return launch(std::move(*state));
}

core::Result<EvalDryPlan> EvalRunner::dryPlan(const EvalRunOptions &options)
{
    auto state = prepare(options);
    if (!state)
        return tl::unexpected(state.error());
    EvalDryPlan out;
    for (const State::Stage &stage : (*state)->queue) {
        out.mainRuns << stage.spec;
        // Every sample of a test makes one grader call per model-graded assertion.
        const int samples = int(stage.spec.revisions.size()) * stage.models * stage.spec.repeat;
        for (const core::eval::EvalTest &test : (*state)->sets[stage.set].tests)
            for (const core::eval::AssertionSpec &a : test.asserts) {
                const QString type
                    = a.type.startsWith(QLatin1String("not-")) ? a.type.mid(4) : a.type;
                if (core::eval::assertionSupport(type) == core::eval::AssertionSupport::ModelGraded)
                    out.graderCalls += samples;
            }
    }
    return out;
}

core::Result<std::unique_ptr<EvalRunner::State>> EvalRunner::prepare(const EvalRunOptions &options)
{
    if (options.repeat < 1 || options.repeat > 1000)
        return core::fail(core::ErrorCode::InvalidInput,
            QStringLiteral("repeat must be from 1 to 1000, not %1").arg(options.repeat));
    const QString rootPath = QFileInfo(options.workspaceRoot).absoluteFilePath();
    const QDir root(rootPath);
    auto ws = core::Workspace::open(rootPath);
    if (!ws && (options.candidate != EvalCandidate::WorkingCopy || !options.baselineRev.isEmpty()))
        return tl::unexpected(ws.error());
    QString baselineCommit;
    if (!options.baselineRev.isEmpty()) {
        auto commit = ws->resolve(options.baselineRev);
        if (!commit)
            return tl::unexpected(commit.error());
        baselineCommit = *commit;
    }
    if (options.candidate == EvalCandidate::GitRevision) {
        if (auto commit = ws->resolve(options.candidateRev); !commit)
            return tl::unexpected(commit.error());
    }

    auto state = std::make_unique<State>();
    state->options = options;
    state->options.workspaceRoot = rootPath;
    state->result.runId = options.runId.isEmpty()
        ? QUuid::createUuid().toString(QUuid::WithoutBraces)
        : options.runId;
    for (const QString &given : options.evalFiles) {
        const QString path = QDir::cleanPath(root.filePath(given));
        auto set = core::eval::loadEvalSet(path, rootPath);
        if (!set)
            return tl::unexpected(set.error());
        const int setIndex = int(state->sets.size());
        EvalSetResult out;
        out.file = root.relativeFilePath(set->file);
        out.description = set->description;
        for (int t = 0; t < set->tests.size(); ++t) {
            const core::eval::EvalTest &test = set->tests[t];
            EvalTestInfo info;
            info.key = out.file + QLatin1Char('#') + QString::number(t + 1);
            info.description
                = test.description.isEmpty() ? describeVars(test.vars) : test.description;
            info.file = root.relativeFilePath(test.file.isEmpty() ? set->file : test.file);
            info.line = test.line;
            info.column = test.column;
            out.tests << info;
        }
        const QStringList models = !options.models.isEmpty() ? options.models
            : !set->providers.isEmpty()                      ? set->providers
                                                             : QStringList { QString() };
        bool factuality = false;
        for (const auto &test : set->tests)
            for (const auto &a : test.asserts)
                factuality = factuality || a.type == QLatin1String("factuality");

        // A set without tests has nothing to run (an empty input list would mean one call).
        const QStringList prompts
            = set->tests.isEmpty() ? QStringList() : promptsOf(*set, rootPath);
        for (const QString &prompt : prompts) {
            State::Stage stage;
            stage.set = setIndex;
            stage.models = int(models.size());
            stage.tests = int(set->tests.size());
            RunSpec &spec = stage.spec;
            spec.workspaceRoot = rootPath;
            spec.promptPath = prompt;
            spec.modelRefs = models;
            spec.repeat = options.repeat;
            spec.useCache = true;
            spec.runId = state->result.runId;
            spec.budgetUsd = options.budgetUsd;
            for (const auto &test : set->tests)
                spec.inputs.push_back(test.vars);
            QString candidateLabel;
            switch (options.candidate) {
            case EvalCandidate::WorkingCopy:
                if (const auto unsaved = options.unsavedTexts.constFind(prompt);
                    unsaved != options.unsavedTexts.constEnd()) {
                    spec.revisions.push_back(PromptRevision::unsavedText(*unsaved));
                    candidateLabel = QStringLiteral("unsaved edits");
                    break;
                }
                spec.revisions.push_back(PromptRevision::workingCopy());
                candidateLabel = QStringLiteral("working copy");
                break;
            case EvalCandidate::GitRevision:
                spec.revisions.push_back(PromptRevision::atGit(options.candidateRev));
                candidateLabel = options.candidateRev;
                break;
            case EvalCandidate::Staged: {
                auto text = core::readStaged(rootPath, prompt);
                if (!text && text.error().code == core::ErrorCode::NotFound)
                    continue; // not in the index: the commit being checked will not hold it
                if (!text)
                    return tl::unexpected(text.error());
                spec.revisions.push_back(PromptRevision::unsavedText(QString::fromUtf8(*text)));
                candidateLabel = QStringLiteral("staged");
                break;
            }
            }
            // A prompt new since the baseline has nothing to compare with.
            const bool hasBaseline
                = !baselineCommit.isEmpty() && ws->readFile(baselineCommit, prompt).has_value();
            if (hasBaseline)
                spec.revisions.push_back(PromptRevision::atGit(options.baselineRev));
            for (int r = 0; r < int(spec.revisions.size()); ++r) {
                for (const QString &model : models) {
                    EvalColumn column;
                    column.prompt = prompt;
                    column.model = model.isEmpty() ? QStringLiteral("(the prompt's model)") : model;
                    column.baseline = r == 1;
                    column.revisionLabel = r == 1 ? options.baselineRev : candidateLabel;
                    column.cells.resize(set->tests.size());
                    for (EvalCell &cell : column.cells) {
                        cell.samples.resize(options.repeat);
                        for (EvalSample &s : cell.samples)
                            s.reason = QStringLiteral("not run");
                    }
                    stage.columns << int(out.columns.size());
                    out.columns << column;
                }
            }
            if (factuality) {
                // The question a factuality grader sees is the prompt as rendered for the test.
                RunSpec once = spec;
                once.repeat = 1;
                once.modelRefs = { models.first() };
                const auto settings = core::WorkspaceSettings::load(rootPath);
                if (auto plan = RunPlanner::plan(once, settings, core::PriceTable {})) {
                    for (const PlannedCall &call : plan->calls) {
                        QStringList parts;
                        if (!call.request.system.isEmpty())
                            parts << call.request.system;
                        for (const auto &m : call.request.messages)
                            parts << m.text();
                        stage.questions.insert(call.revisionIndex * stage.tests + call.inputIndex,
                            parts.join(QStringLiteral("\n\n")));
                    }
                }
            }
            state->total += int(spec.revisions.size()) * stage.models * stage.tests * spec.repeat;
            state->queue.push_back(std::move(stage));
        }
        state->sets << *set;
        state->result.sets << out;
    }
    return state;
}

core::Status EvalRunner::launch(std::unique_ptr<State> state)
{
    d = std::move(state);
    d->running = true;
    // Signals are connected per start, to this run's state; start() returns before any fires.
    disconnect(d->engine, nullptr, this, nullptr);
    connect(d->engine, &RunEngine::sampleFinished, this,
        [this](const QString &runId, int sample, const RunSampleResult &r) {
            if (!d->current || runId != d->result.runId)
                return;
            onSample(sample, r);
        });
    connect(d->engine, &RunEngine::runFailed, this,
        [this](const QString &runId, const core::Error &error) {
            if (runId == d->result.runId)
                d->result.errors << error;
        });
    connect(d->engine, &RunEngine::runFinished, this, [this](const QString &runId) {
        if (!d->current || runId != d->result.runId)
            return;
        onStageDone();
    });
    connect(d->engine, &RunEngine::note, this, &EvalRunner::note);
    QMetaObject::invokeMethod(
        this, [this] { startNextStage(); }, Qt::QueuedConnection);
    return {};
}

void EvalRunner::cancel()
{
    if (!d->running || d->cancelled)
        return;
    d->cancelled = true;
    d->result.cancelled = true;
    d->queue.clear();
    if (d->current)
        d->engine->cancel(d->result.runId);
}

void EvalRunner::startNextStage()
{
    while (!d->queue.empty() && !d->cancelled) {
        State::Stage stage = std::move(d->queue.front());
        d->queue.pop_front();
        auto started = d->engine->start(stage.spec);
        if (started) {
            d->current = std::move(stage);
            return;
        }
        // Nothing of this stage runs: say why in every sample it leaves without output.
        d->result.errors << started.error();
        const QString why = started.error().toString();
        if (stage.grading) {
            for (const Grade &g : stage.grades) {
                EvalGrading &grading
                    = d->sample(g.set, g.column, g.test, g.repeat).gradings[g.grading];
                grading.error = why;
                finishGrade(g,
                    AssertionResult {
                        AssertionState::Error, 0.0, QStringLiteral("grader call failed: ") + why });
            }
        } else {
            for (int column : stage.columns)
                for (EvalCell &cell : d->result.sets[stage.set].columns[column].cells)
                    for (EvalSample &s : cell.samples)
                        s.reason = why;
        }
        emit progress(d->done, d->total);
    }
    finish();
}

void EvalRunner::finish()
{
    for (EvalSetResult &set : d->result.sets)
        summarise(set);
    d->running = false;
    d->current.reset();
    emit finished();
}

void EvalRunner::onStageDone()
{
    const bool wasMain = !d->current->grading;
    d->current.reset();
    if (d->cancelled) {
        // Outputs that never reached their grader have no verdict.
        for (const Grade &g : std::as_const(d->waitingGrades)) {
            EvalSample &s = d->sample(g.set, g.column, g.test, g.repeat);
            s.status = EvalSampleStatus::NotRun;
            s.reason = QStringLiteral("cancelled before grading");
        }
        d->waitingGrades.clear();
    } else if (wasMain && !d->waitingGrades.isEmpty()) {
        queueGradings();
    }
    // The engine emits runFinished before it forgets nothing else: start the next run from the
    // event loop, not from inside its signal.
    QMetaObject::invokeMethod(
        this, [this] { startNextStage(); }, Qt::QueuedConnection);
}

void EvalRunner::queueGradings()
{
    // One grading run per grader model, ahead of the next eval set's main run, so a set's
    // verdicts are complete before the next one starts.
    std::map<QString, State::Stage> byModel;
    for (const Grade &g : std::as_const(d->waitingGrades)) {
        const EvalGrading &grading
            = d->sample(g.set, g.column, g.test, g.repeat).gradings[g.grading];
        State::Stage &stage = byModel[grading.model];
        stage.grading = true;
        stage.set = g.set;
        RunSpec &spec = stage.spec;
        if (spec.runId.isEmpty()) {
            spec.workspaceRoot = d->options.workspaceRoot;
            spec.promptPath = d->sets[g.set].file;
            spec.promptText = QString::fromUtf8(kGraderPrompt);
            spec.modelRef = grading.model;
            spec.useCache = true;
            spec.runId = d->result.runId;
            spec.budgetUsd = d->options.budgetUsd;
            spec.purpose = QStringLiteral("grading");
        }
        Json input = Json::object();
        for (const GraderMessage &m : grading.prompt)
            input[m.role == QLatin1String("system") ? "system" : "user"] = m.content.toStdString();
        spec.inputs.push_back(std::move(input));
        stage.grades << g;
    }
    d->waitingGrades.clear();
    for (auto it = byModel.rbegin(); it != byModel.rend(); ++it)
        d->queue.push_front(std::move(it->second));
}

void EvalRunner::onSample(int index, const RunSampleResult &r)
{
    ++d->done;
    State::Stage &stage = *d->current;
    if (stage.grading) {
        if (index < 0 || index >= stage.grades.size())
            return;
        const Grade g = stage.grades[index];
        EvalSample &s = d->sample(g.set, g.column, g.test, g.repeat);
        EvalGrading &grading = s.gradings[g.grading];
        grading.ledgerId = r.ledgerId;
        grading.tokens = r.tokens;
        grading.costUsd = r.costUsd;
        grading.answer = r.result.text;
        AssertionResult verdict;
        if (!r.result.ok()) {
            grading.error = r.result.error->toString();
            verdict = { AssertionState::Error, 0.0,
                QStringLiteral("grader call failed: ") + grading.error };
        } else {
            const auto &spec = d->sets[g.set].tests[g.test].asserts[grading.assertionIndex];
            verdict = spec.type == QLatin1String("factuality")
                ? core::eval::parseFactualityAnswer(spec, grading.answer)
                : core::eval::parseRubricAnswer(spec, grading.answer);
        }
        finishGrade(g, verdict);
        emit progress(d->done, d->total);
        return;
    }

    // Plan order: revision, model, (one parameter set), test, repeat.
    const int repeats = stage.spec.repeat;
    const int k = index % repeats;
    const int t = (index / repeats) % stage.tests;
    const int rm = index / (repeats * stage.tests);
    if (rm >= stage.columns.size())
        return;
    const int column = stage.columns[rm];
    const int revision = rm / stage.models;
    const core::eval::EvalTest &test = d->sets[stage.set].tests[t];
    EvalColumn &columnResult = d->result.sets[stage.set].columns[column];
    if (columnResult.revisionId.isEmpty())
        columnResult.revisionId = r.revisionId;
    EvalSample &s = d->sample(stage.set, column, t, k);
    s.output = r.result.text;
    s.ledgerId = r.ledgerId;
    s.tokens = r.tokens;
    s.costUsd = r.costUsd;
    s.cached = r.cached;
    if (r.cached)
        s.latencyMs = r.originalLatencyMs;
    else
        s.latencyMs = double(r.result.latencyMs);
    if (!r.result.ok()) {
        s.status = EvalSampleStatus::NotRun;
        s.reason = r.result.error->toString();
        emit progress(d->done, d->total);
        return;
    }
    core::eval::Observation observation;
    observation.output = s.output;
    observation.latencyMs = s.latencyMs;
    // The answer's price: what it cost when it was made, also when it came from the cache.
    observation.costUsd = r.cached ? r.originalCostUsd : r.costUsd;
    observation.vars = test.vars;
    s.verdict = core::eval::evaluateTest(test.asserts, observation, test.threshold);
    if (!s.verdict.pendingGrader) {
        settle(s, test);
        emit progress(d->done, d->total);
        return;
    }
    const EvalSet &set = d->sets[stage.set];
    for (int a = 0; a < s.verdict.assertions.size(); ++a) {
        if (s.verdict.assertions[a].state != AssertionState::NeedsGrader)
            continue;
        const core::eval::AssertionSpec &spec = test.asserts[a];
        EvalGrading grading;
        grading.assertionIndex = a;
        grading.model = d->options.graderModel;
        if (grading.model.isEmpty() && spec.options.is_object()
            && spec.options.contains("provider"))
            grading.model = normalisedModel(spec.options["provider"]);
        if (grading.model.isEmpty() && test.options.is_object()
            && test.options.contains("provider"))
            grading.model = normalisedModel(test.options["provider"]);
        if (grading.model.isEmpty())
            grading.model = set.graderProvider;
        if (grading.model.isEmpty())
            grading.model = defaultGrader(stage.spec.modelRefs);
        const QString expected = core::eval::renderValue(jsText(spec.value), test.vars);
        grading.prompt = spec.type == QLatin1String("factuality")
            ? core::eval::factualityPrompt(
                stage.questions.value(revision * stage.tests + t), expected, s.output)
            : core::eval::rubricPrompt(expected, s.output);
        s.gradings << grading;
        d->waitingGrades << Grade { stage.set, column, t, k, int(s.gradings.size()) - 1 };
        ++d->total;
        ++d->pendingGradings[State::sampleKey(stage.set, column, t, k)];
    }
    emit progress(d->done, d->total);
}

void EvalRunner::finishGrade(const Grade &g, const AssertionResult &verdict)
{
    EvalSample &s = d->sample(g.set, g.column, g.test, g.repeat);
    const core::eval::EvalTest &test = d->sets[g.set].tests[g.test];
    s.verdict.assertions[s.gradings[g.grading].assertionIndex] = verdict;
    int &left = d->pendingGradings[State::sampleKey(g.set, g.column, g.test, g.repeat)];
    if (--left > 0)
        return;
    s.verdict = core::eval::scoreTest(test.asserts, s.verdict.assertions, test.threshold);
    settle(s, test);
}

void EvalRunner::settle(EvalSample &s, const core::eval::EvalTest &test)
{
    s.status = s.verdict.error ? EvalSampleStatus::Error
        : s.verdict.pass       ? EvalSampleStatus::Passed
                               : EvalSampleStatus::Failed;
    s.failedAssertion.clear();
    s.reason.clear();
    if (s.status == EvalSampleStatus::Passed)
        return;
    for (int a = 0; a < s.verdict.assertions.size() && a < test.asserts.size(); ++a) {
        if (s.verdict.assertions[a].pass())
            continue;
        s.failedAssertion = test.asserts[a].displayType();
        s.reason = s.verdict.assertions[a].reason;
        // With a test threshold a failed assertion need not fail the test: an Error does.
        if (!test.threshold || s.verdict.assertions[a].state == AssertionState::Error)
            return;
    }
    if (test.threshold) {
        s.failedAssertion = QStringLiteral("threshold");
        s.reason = s.verdict.reason.isEmpty()
            ? QStringLiteral("score %1 is below the test threshold %2")
                  .arg(s.verdict.score)
                  .arg(*test.threshold)
            : s.verdict.reason;
    }
}

} // namespace psm::run
