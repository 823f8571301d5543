// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// `promptsmith eval`: runs eval sets through the EvalRunner (candidate prompts against a
// baseline revision, every model column, repeats) and prints the verdicts for a terminal, as
// JSON or as JUnit XML. `--gate --staged` is what a git pre-commit hook calls.
#include "app/cli/cmdsupport.h"
#include "app/cli/commands.h"
#include "app/cli/dryrun.h"
#include "app/cli/evalreport.h"

#include "app/cli/terminationsignals.h"
#include "core/workspace/stagedfiles.h"
#include "providers/transport.h"
#include "run/evalrunner.h"
#include "run/runengine.h"

#include <QCommandLineParser>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QSaveFile>
#include <QTimer>

namespace psm::cli {
namespace {

// The staged prompts and eval sets, and the eval sets that cover those prompts.
core::Result<QStringList> stagedEvalSets(const QString &root)
{
    auto staged = core::stagedPaths(root);
    if (!staged)
        return tl::unexpected(staged.error());
    const QStringList all = run::EvalRunner::workspaceEvalFiles(root);
    QStringList sets;
    for (const QString &path : *staged) {
        if (all.contains(path)) {
            sets << path;
            continue;
        }
        if (!path.endsWith(QLatin1String(".prompt"))
            || QFileInfo(path).fileName().startsWith(QLatin1Char('_')))
            continue;
        for (const QString &set : run::EvalRunner::setsCovering(root, all, path))
            if (!sets.contains(set))
                sets << set;
    }
    sets.sort();
    return sets;
}

} // namespace

int cmdEval(CliContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Run eval sets (promptfoo's test-file format) against the prompts: every test x model "
        "column x repeat, the candidate (working copy, --rev or --staged) compared with a "
        "baseline revision. Answers are cached by request, so a re-run pays only for what "
        "changed. Exit 0 when every test passes (with --gate: no regressions against the "
        "baseline), 1 on failures or regressions, 2 for a bad eval file or prompt, 3 when calls "
        "could not be made (their tests are reported as not run)."));
    parser.addPositionalArgument(QStringLiteral("EVALFILE"),
        QStringLiteral("Eval sets to run (default: every one under evals/)."),
        QStringLiteral("[EVALFILE...]"));
    const QCommandLineOption revOption(QStringLiteral("rev"),
        QStringLiteral("Run the prompts as revision REV has them instead of the working copy."),
        QStringLiteral("REV"));
    const QCommandLineOption baselineOption(QStringLiteral("baseline"),
        QStringLiteral("Compare with the prompts at REV (default HEAD with --gate or --staged)."),
        QStringLiteral("REV"));
    const QCommandLineOption repeatOption(QStringLiteral("repeat"),
        QStringLiteral("Run each test N times; a test that passes only sometimes is a flip."),
        QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption jsonOption(
        QStringLiteral("json"), QStringLiteral("Print every cell as one JSON document."));
    const QCommandLineOption junitOption(QStringLiteral("junit"),
        QStringLiteral("Also write JUnit XML to FILE (one testsuite per eval set and column)."),
        QStringLiteral("FILE"));
    const QCommandLineOption gateOption(QStringLiteral("gate"),
        QStringLiteral("Pass when nothing regressed against the baseline (and no test that "
                       "passed there now flips), even if some tests fail in both."));
    const QCommandLineOption stagedOption(QStringLiteral("staged"),
        QStringLiteral("Run the eval sets covering the staged prompts, with the staged text, "
                       "against HEAD; exit 0 at once when no prompt is staged."));
    const QCommandLineOption modelOption(QStringLiteral("model"),
        QStringLiteral("Model column provider/model instead of the eval sets' providers "
                       "(repeatable)."),
        QStringLiteral("REF"));
    const QCommandLineOption graderOption(QStringLiteral("grader"),
        QStringLiteral("provider/model for llm-rubric and factuality (default: the eval set's "
                       "defaultTest.options.provider, else the first model column)."),
        QStringLiteral("REF"));
    const QCommandLineOption allowKeyHostOption(QStringLiteral("allow-key-host"),
        QStringLiteral("Send an API key to HOST although it is not the key's vendor; "
                       "repeatable."),
        QStringLiteral("HOST"));
    const QCommandLineOption quietOption(
        QStringLiteral("quiet"), QStringLiteral("Print only failing tests and the summary."));
    const QCommandLineOption dryRunOption(QStringLiteral("dry-run"),
        QStringLiteral("Print the calls and their estimated cost range; call nothing."));
    const QCommandLineOption budgetOption(QStringLiteral("budget"),
        QStringLiteral("Stop before a call that would take this eval run's spend, grader calls "
                       "included, past USD (with budgets.per_run_usd the lower holds)."),
        QStringLiteral("USD"));
    parser.addOptions({ revOption, baselineOption, repeatOption, jsonOption, junitOption,
        gateOption, stagedOption, modelOption, graderOption, allowKeyHostOption, quietOption,
        dryRunOption, budgetOption });
    if (const auto stop = parseArguments(context, parser,
            QStringLiteral("promptsmith eval [EVALFILE...] [--rev REV | --staged] [--baseline REV] "
                           "[--repeat N] [--model REF]... [--grader REF] [--json] [--junit FILE] "
                           "[--gate] [--dry-run] [--budget USD]")))
        return *stop;
    bool ok = false;
    const int repeat = parser.value(repeatOption).toInt(&ok);
    if (!ok || repeat < 1 || repeat > 1000)
        return context.usageError(QStringLiteral("--repeat must be a whole number from 1 to 1000"));
    std::optional<double> budgetUsd;
    if (parser.isSet(budgetOption)) {
        const double budget = parser.value(budgetOption).toDouble(&ok);
        if (!ok || !(budget >= 0))
            return context.usageError(
                QStringLiteral("--budget must be an amount in USD, e.g. 0.50"));
        budgetUsd = budget;
    }
    const bool staged = parser.isSet(stagedOption);
    if (staged && parser.isSet(revOption))
        return context.usageError(QStringLiteral("give --rev or --staged, not both"));

    auto ws = context.openWorkspace();
    QString root;
    if (ws)
        root = ws->root();
    else if (staged || parser.isSet(revOption) || parser.isSet(baselineOption)
        || parser.isSet(gateOption))
        return context.report(ws.error());
    else
        root = QFileInfo(
            context.workspaceOption.isEmpty() ? QDir::currentPath() : context.workspaceOption)
                   .absoluteFilePath();

    QStringList files;
    if (staged) {
        auto sets = stagedEvalSets(root);
        if (!sets)
            return context.report(sets.error());
        if (sets->isEmpty()) {
            if (!parser.isSet(jsonOption))
                context.out << "promptsmith eval: no staged prompt has an eval set; nothing to run"
                            << Qt::endl;
            return ExitOk;
        }
        files = *sets;
    }
    for (const QString &typed : parser.positionalArguments()) {
        const QString path = ws ? workspacePath(*ws, typed) : QFileInfo(typed).absoluteFilePath();
        if (!QFileInfo::exists(path))
            return context.report(core::Error { core::ErrorCode::NotFound,
                QStringLiteral("no eval file at %1").arg(typed), {}, {}, 0, 0 });
        files << QFileInfo(path).absoluteFilePath();
    }
    if (files.isEmpty())
        files = run::EvalRunner::workspaceEvalFiles(root);
    if (files.isEmpty())
        return context.usageError(
            QStringLiteral("no eval sets: none under %1/evals and none given").arg(root));

    run::EvalRunOptions options;
    options.workspaceRoot = root;
    options.evalFiles = files;
    options.repeat = repeat;
    options.models = parser.values(modelOption);
    options.graderModel = parser.value(graderOption);
    if (staged) {
        options.candidate = run::EvalCandidate::Staged;
    } else if (parser.isSet(revOption)) {
        options.candidate = run::EvalCandidate::GitRevision;
        options.candidateRev = parser.value(revOption);
    }
    options.baselineRev = parser.value(baselineOption);
    if (options.baselineRev.isEmpty() && (parser.isSet(gateOption) || staged))
        options.baselineRev = QStringLiteral("HEAD");
    options.budgetUsd = budgetUsd;

    providers::Transport transport;
    run::RunEngineOptions engineOptions;
    engineOptions.transport = &transport;
    engineOptions.allowedKeyHosts = parser.values(allowKeyHostOption);
    engineOptions.commandLine = true;
    run::RunEngine engine(engineOptions);
    if (parser.isSet(dryRunOption)) {
        const auto plan = run::EvalRunner::dryPlan(options);
        if (!plan)
            return context.report(plan.error());
        return printDryRun(
            context, engine, plan->mainRuns, plan->graderCalls, parser.isSet(jsonOption));
    }
    run::EvalRunner runner(&engine);
    QEventLoop loop;
    QObject::connect(&runner, &run::EvalRunner::note, &loop, [&](const QString &note) {
        if (engineNoteShown(note, false))
            context.err << "promptsmith: " << note << Qt::endl;
    });
    QObject::connect(&runner, &run::EvalRunner::finished, &loop, &QEventLoop::quit);

    TerminationSignals signals_;
    int caughtSignal = 0;
    QObject::connect(&signals_, &TerminationSignals::received, &loop, [&](int number) {
        if (caughtSignal)
            return;
        caughtSignal = number;
        runner.cancel();
        QTimer::singleShot(5000, &loop, &QEventLoop::quit);
    });

    if (auto started = runner.start(options); !started)
        return context.report(started.error());
    loop.exec();
    const run::EvalRunResult &result = runner.result();

    const bool json = parser.isSet(jsonOption);
    if (json)
        context.out << QString::fromStdString(evalJson(result).dump(2)) << '\n';
    else
        printEvalText(context.out, result, repeat, parser.isSet(quietOption));
    context.out.flush();
    if (parser.isSet(junitOption)) {
        QSaveFile file(parser.value(junitOption));
        if (!file.open(QIODevice::WriteOnly) || file.write(evalJunit(result)) < 0 || !file.commit())
            return context.report(core::Error { core::ErrorCode::Io,
                QStringLiteral("cannot write %1").arg(parser.value(junitOption)),
                file.errorString(), {}, 0, 0 });
    }

    if (caughtSignal) {
        context.err << "promptsmith: stopped by signal " << caughtSignal
                    << "; the calls were recorded as cancelled" << Qt::endl;
        return TerminationSignals::exitCodeFor(caughtSignal);
    }
    // A run that could not make its calls says nothing about the prompts: neither a pass nor
    // a failure. The first error decides: a bad prompt or missing key is 2, the network 3.
    for (const core::Error &error : result.errors)
        context.err << "promptsmith: " << error.toString() << Qt::endl;
    if (!result.errors.isEmpty())
        return exitCodeFor(result.errors.first().code);
    if (result.notRunCount() > 0) {
        context.err << "promptsmith: " << result.notRunCount()
                    << " calls failed; their tests count as neither passed nor failed" << Qt::endl;
        return ExitRuntime;
    }
    if (parser.isSet(gateOption))
        return result.regressionCount() + result.newFlipCount() > 0 ? ExitCheckFailed : ExitOk;
    return result.allCandidatesPassed() ? ExitOk : ExitCheckFailed;
}

} // namespace psm::cli
