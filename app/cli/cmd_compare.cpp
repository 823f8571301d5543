// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// `promptsmith compare PROMPT`: a comparison grid headless. Rows are inputs (--input, or the
// tests of an eval set), columns are revisions x models x parameter sets, each cell `--repeat`
// samples; every call goes to the ledger with the grid's run id, and `--reopen RUNID` prints a
// recorded grid again from the ledger without calling anything.
#include "app/cli/cmdsupport.h"
#include "app/cli/commands.h"
#include "app/cli/comparereport.h"
#include "app/cli/dryrun.h"
#include "app/cli/ledgercli.h"

#include "app/cli/terminationsignals.h"
#include "core/eval/evalset.h"
#include "core/ledger/ledger.h"
#include "providers/transport.h"
#include "run/gridchecks.h"
#include "run/gridhistory.h"
#include "run/gridrecorder.h"
#include "run/runengine.h"
#include "run/runplanner.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QFileInfo>
#include <QTimer>

#include <algorithm>

namespace psm::cli {
namespace {

using Json = nlohmann::ordered_json;

// `--set` to parameter sets. A key given once applies to every column; a key given several
// times (--set temperature=0 --set temperature=0.7) varies, one column per value; several
// varying keys multiply. Values are typed as RunEngine::parseConfigAssignment() types them.
// Repeating the key rather than splitting on commas keeps values such as
// stopSequences='["a","b"]' whole.
core::Result<std::vector<Json>> parameterSets(const QStringList &assignments)
{
    std::vector<std::pair<std::string, std::vector<Json>>> keys; // in first-seen order
    for (const QString &assignment : assignments) {
        auto kv = run::RunEngine::parseConfigAssignment(assignment);
        if (!kv)
            return tl::unexpected(kv.error());
        const std::string key = kv->first.toStdString();
        auto it = std::find_if(
            keys.begin(), keys.end(), [&](const auto &entry) { return entry.first == key; });
        if (it == keys.end())
            keys.push_back({ key, { kv->second } });
        else
            it->second.push_back(kv->second);
    }
    std::vector<Json> sets { Json::object() };
    for (const auto &[key, values] : keys) {
        std::vector<Json> next;
        for (const Json &set : sets)
            for (const Json &value : values) {
                Json copy = set;
                copy[key] = value;
                next.push_back(std::move(copy));
            }
        sets = std::move(next);
    }
    return sets;
}

core::Result<Json> parseInput(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    Json value = Json::parse(bytes.constData(), bytes.constData() + bytes.size(), nullptr, false);
    if (value.is_discarded())
        return core::fail(core::ErrorCode::InvalidInput,
            QStringLiteral("--input '%1' is not valid JSON").arg(text.left(60)));
    if (!value.is_object())
        return core::fail(core::ErrorCode::InvalidInput,
            QStringLiteral("--input must be a JSON object of variables"));
    return value;
}

int printGrid(CliContext &context, const run::Grid &grid, const QString &runId, bool json)
{
    if (json) {
        context.out << QString::fromStdString(gridJson(grid, runId).dump(2)) << '\n';
    } else {
        printGridTable(context.out, grid, runId);
    }
    context.out.flush();
    return grid.failedCalls() > 0 ? ExitRuntime : ExitOk;
}

int reopen(CliContext &context, const QString &runId, bool json)
{
    // Reading a grid back must not create the user's ledger.
    auto ledger = openLedgerIfPresent();
    if (!ledger)
        return context.report(ledger.error());
    if (!*ledger)
        return context.report(core::Error { core::ErrorCode::NotFound,
            QStringLiteral("no calls of run '%1': there is no ledger yet at %2")
                .arg(runId, core::Ledger::defaultPath()),
            {}, {}, 0, 0 });
    auto grid = run::gridFromLedger(**ledger, runId);
    if (!grid)
        return context.report(grid.error());
    return printGrid(context, *grid, runId, json);
}

} // namespace

int cmdCompare(CliContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Run a .prompt file as a grid: rows are inputs, columns are revisions x models x "
        "parameter sets, each cell N samples. Prints per cell the agreement of its samples, the "
        "first output, latency and cost, then per column the flip rate, tokens, cost, latency "
        "and, with --eval checks, pass@k and pass^k. Every call is recorded in the ledger with "
        "the grid's run id; --reopen prints a recorded grid again without any call.\n"
        "--set: a key given once applies to every column; a key given several times gives one "
        "column per value (--set temperature=0 --set temperature=0.7); varying keys multiply.\n"
        "Exit 3 only when calls failed."));
    parser.addPositionalArgument(QStringLiteral("PROMPT"), QStringLiteral("The .prompt file."));
    const QCommandLineOption modelOption(QStringLiteral("model"),
        QStringLiteral("provider/model of a column (repeatable; default: the eval set's "
                       "providers, else the prompt's model)."),
        QStringLiteral("REF"));
    const QCommandLineOption setOption(QStringLiteral("set"),
        QStringLiteral("A config key (repeatable): once for every column, repeated for one "
                       "column per value."),
        QStringLiteral("KEY=VALUE"));
    const QCommandLineOption revOption(QStringLiteral("rev"),
        QStringLiteral("A prompt revision to compare (repeatable): commit, tag, branch, HEAD~1; "
                       "':working' for the file on disk (the default)."),
        QStringLiteral("REV"));
    const QCommandLineOption inputOption(QStringLiteral("input"),
        QStringLiteral("A row's template variables as a JSON object (repeatable)."),
        QStringLiteral("JSON"));
    const QCommandLineOption evalOption(QStringLiteral("eval"),
        QStringLiteral("Take the rows from an eval set's tests (their vars) and check each "
                       "output with their deterministic assertions."),
        QStringLiteral("FILE"));
    const QCommandLineOption repeatOption(QStringLiteral("repeat"),
        QStringLiteral("Samples per cell (default 1)."), QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption cacheOption(QStringLiteral("cache"),
        QStringLiteral("Reuse recorded answers to the same request (and sample)."));
    const QCommandLineOption jsonOption(QStringLiteral("json"),
        QStringLiteral("Print one JSON document with every cell and sample."));
    const QCommandLineOption reopenOption(QStringLiteral("reopen"),
        QStringLiteral("Print the recorded grid of run RUNID from the ledger; calls nothing."),
        QStringLiteral("RUNID"));
    const QCommandLineOption verboseOption(
        QStringLiteral("verbose"), QStringLiteral("Print notes (where the key came from, ...)."));
    const QCommandLineOption allowKeyHostOption(QStringLiteral("allow-key-host"),
        QStringLiteral("Send an API key to HOST although it is not the key's vendor; "
                       "repeatable. Plain http only to this machine."),
        QStringLiteral("HOST"));
    const QCommandLineOption dryRunOption(QStringLiteral("dry-run"),
        QStringLiteral("Print the calls and their estimated cost range; call nothing."));
    const QCommandLineOption budgetOption(QStringLiteral("budget"),
        QStringLiteral("Stop before a call that would take this grid's spend past USD (with "
                       "promptsmith.yaml's budgets.per_run_usd the lower holds)."),
        QStringLiteral("USD"));
    parser.addOptions({ modelOption, setOption, revOption, inputOption, evalOption, repeatOption,
        cacheOption, jsonOption, reopenOption, verboseOption, allowKeyHostOption, dryRunOption,
        budgetOption });
    if (const auto stop = parseArguments(context, parser,
            QStringLiteral("promptsmith compare PROMPT --model REF... [--set KEY=VALUE]... "
                           "[--rev REV]... [--input JSON... | --eval FILE] [--repeat N] [--cache] "
                           "[--json] [--allow-key-host HOST]... [--dry-run] [--budget USD]\n"
                           "       promptsmith compare --reopen RUNID [--json]")))
        return *stop;
    const bool json = parser.isSet(jsonOption);
    const QStringList positional = parser.positionalArguments();
    if (parser.isSet(reopenOption)) {
        if (!positional.isEmpty() || parser.isSet(modelOption) || parser.isSet(inputOption)
            || parser.isSet(evalOption))
            return context.usageError(
                QStringLiteral("--reopen takes only a run id (and --json); see --help"));
        return reopen(context, parser.value(reopenOption), json);
    }
    if (positional.size() != 1)
        return context.usageError(QStringLiteral("compare needs exactly one PROMPT; see --help"));
    if (parser.isSet(inputOption) && parser.isSet(evalOption))
        return context.usageError(QStringLiteral("give --input or --eval, not both"));
    bool ok = false;
    const int repeat = parser.value(repeatOption).toInt(&ok);
    if (!ok || repeat < 1 || repeat > 1000)
        return context.usageError(QStringLiteral("--repeat must be a whole number from 1 to 1000"));

    run::RunSpec spec;
    spec.promptPath = positional.first();
    spec.workspaceRoot = context.workspaceOption;
    spec.repeat = repeat;
    spec.useCache = parser.isSet(cacheOption);
    if (parser.isSet(budgetOption)) {
        const double budget = parser.value(budgetOption).toDouble(&ok);
        if (!ok || !(budget >= 0))
            return context.usageError(
                QStringLiteral("--budget must be an amount in USD, e.g. 0.50"));
        spec.budgetUsd = budget;
    }
    spec.modelRefs = parser.values(modelOption);
    for (const QString &rev : parser.values(revOption))
        spec.revisions.push_back(rev == QLatin1String(":working")
                ? run::PromptRevision::workingCopy()
                : run::PromptRevision::atGit(rev));
    auto sets = parameterSets(parser.values(setOption));
    if (!sets)
        return context.report(sets.error());
    spec.parameterSets = std::move(*sets);
    for (const QString &text : parser.values(inputOption)) {
        auto input = parseInput(text);
        if (!input)
            return context.report(input.error());
        spec.inputs.push_back(std::move(*input));
    }
    std::optional<core::eval::EvalSet> evalSet;
    if (parser.isSet(evalOption)) {
        const QString root = run::RunPlanner::workspaceRoot(spec);
        QString path = parser.value(evalOption);
        if (QFileInfo(path).isRelative() && !QFileInfo::exists(path))
            path = root + QLatin1Char('/') + path;
        auto loaded = core::eval::loadEvalSet(path, root);
        if (!loaded)
            return context.report(loaded.error());
        if (loaded->tests.isEmpty())
            return context.usageError(path + QStringLiteral(": the eval set has no tests"));
        for (const core::eval::EvalTest &test : loaded->tests)
            spec.inputs.push_back(test.vars);
        if (spec.modelRefs.isEmpty()) // the eval set's own providers are its columns
            spec.modelRefs = loaded->providers;
        // Said once, so a test whose only checks need a grader is not mistaken for unchecked.
        if (const core::eval::AssertionSpec *graded = run::firstModelGraded(*loaded))
            context.err << "promptsmith: " << graded->file << ':' << graded->line << ':'
                        << graded->column << ": " << graded->type
                        << ": model-graded checks are not graded by compare (run the eval for "
                           "them); those tests have no verdict here"
                        << Qt::endl;
        evalSet = std::move(*loaded);
    }

    providers::Transport transport; // the process's one: its concurrency limits hold
    run::RunEngineOptions options;
    options.transport = &transport;
    options.allowedKeyHosts = parser.values(allowKeyHostOption);
    options.commandLine = true;
    run::RunEngine engine(options);
    if (parser.isSet(dryRunOption))
        return printDryRun(context, engine, spec, json);
    run::GridRecorder recorder(&engine, run::Grid::forSpec(spec));
    QEventLoop loop;
    std::optional<core::Error> runError;
    const bool verbose = parser.isSet(verboseOption);
    QObject::connect(&engine, &run::RunEngine::note, &loop, [&](const QString &note) {
        if (engineNoteShown(note, verbose))
            context.err << "promptsmith: " << note << Qt::endl;
    });
    QObject::connect(&engine, &run::RunEngine::runFailed, &loop,
        [&](const QString &, const core::Error &error) { runError = error; });
    QObject::connect(&recorder, &run::GridRecorder::sampleFinished, &loop,
        [&](int row, int column, int repeatIndex) {
            run::GridSample &s = recorder.grid().sample(row, column, repeatIndex);
            if (evalSet)
                s.passed = run::checkSample(evalSet->tests[row], s);
            if (verbose)
                context.err << "promptsmith: input " << (row + 1) << ", column " << (column + 1)
                            << ", sample " << (repeatIndex + 1) << ": "
                            << run::sampleStateName(s.state) << Qt::endl;
        });
    QObject::connect(&recorder, &run::GridRecorder::finished, &loop, &QEventLoop::quit);

    // Ctrl+C or a kill: cancel every call, let them be recorded as cancelled, print what the
    // grid has, exit 130 / 143. The wait is bounded; the engine's destructor records the rest.
    TerminationSignals signals_;
    int caughtSignal = 0;
    QObject::connect(&signals_, &TerminationSignals::received, &loop, [&](int number) {
        if (caughtSignal)
            return;
        caughtSignal = number;
        engine.cancelAll();
        QTimer::singleShot(5000, &loop, &QEventLoop::quit);
    });

    auto started = engine.start(spec);
    if (!started)
        return context.report(started.error());
    recorder.track(*started);
    if (!engine.isIdle())
        loop.exec();
    if (runError) {
        context.err << "promptsmith: " << runError->toString() << Qt::endl;
        return exitCodeFor(runError->code);
    }
    const int code = printGrid(context, recorder.grid(), *started, json);
    if (caughtSignal) {
        context.err << "promptsmith: stopped by signal " << caughtSignal
                    << "; the calls were recorded as cancelled" << Qt::endl;
        return TerminationSignals::exitCodeFor(caughtSignal);
    }
    if (code != ExitOk)
        context.err << "promptsmith: " << recorder.grid().failedCalls()
                    << " call(s) failed (see their cells)" << Qt::endl;
    return code;
}

} // namespace psm::cli
