// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// `promptsmith run PATH`: one prompt against one model through the RunEngine, streaming the
// answer to stdout (or one JSON object per sample with --json) and recording it in the ledger.
#include "app/cli/cmdsupport.h"
#include "app/cli/commands.h"
#include "app/cli/dryrun.h"

#include "app/cli/terminationsignals.h"
#include "providers/transport.h"
#include "run/runengine.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QFile>
#include <QTimer>

namespace psm::cli {
namespace {

using Json = nlohmann::ordered_json;

Json optionalCount(const std::optional<qint64> &v)
{
    return v ? Json(*v) : Json(nullptr);
}

Json sampleJson(int sample, const run::RunSampleResult &r)
{
    const core::ChatResult &c = r.result;
    Json j = Json::object();
    j["sample"] = sample;
    j["provider"] = r.provider.toStdString();
    j["model"] = r.model.toStdString();
    j["status"] = c.ok() ? "ok" : (c.failure == core::Failure::Cancelled ? "cancelled" : "error");
    j["text"] = c.text.toStdString();
    j["finishReason"] = c.finishReason == core::FinishReason::Unknown
        ? Json(nullptr)
        : Json(core::finishReasonName(c.finishReason).toStdString());
    j["usage"] = Json { { "inputUncached", optionalCount(r.tokens.inputUncached) },
        { "cacheRead", optionalCount(r.tokens.cacheRead) },
        { "cacheWrite", optionalCount(r.tokens.cacheWrite) },
        { "output", optionalCount(r.tokens.output) },
        { "reasoning", optionalCount(r.tokens.reasoning) } };
    j["cost"] = r.costUsd ? Json(*r.costUsd) : Json(nullptr);
    j["costKnown"] = r.costUsd.has_value();
    j["priceVersion"] = r.priceVersion.toStdString();
    j["cached"] = r.cached;
    if (r.cached)
        j["originalCost"] = r.originalCostUsd ? Json(*r.originalCostUsd) : Json(nullptr);
    j["latencyMs"] = c.latencyMs;
    j["ttftMs"] = c.ttftMs >= 0 ? Json(c.ttftMs) : Json(nullptr);
    j["attempts"] = c.attempts;
    j["ledgerId"] = r.ledgerId > 0 ? Json(r.ledgerId) : Json(nullptr);
    j["requestHash"] = r.requestHash.toStdString();
    j["malformedChunks"] = qint64(c.malformedChunks.size());
    if (c.error) {
        j["failure"] = core::failureName(c.failure).toStdString();
        j["error"] = c.error->toString().toStdString();
    }
    return j;
}

core::Result<Json> readInput(const QCommandLineParser &parser, const QCommandLineOption &inline_,
    const QCommandLineOption &file)
{
    if (!parser.isSet(inline_) && !parser.isSet(file))
        return Json::object();
    QByteArray bytes;
    QString what = QStringLiteral("--input");
    if (parser.isSet(file)) {
        what = parser.value(file);
        QFile f(what);
        if (!f.open(QIODevice::ReadOnly))
            return core::failAt(f.exists() ? core::ErrorCode::Io : core::ErrorCode::NotFound,
                QStringLiteral("cannot read the file"), what, 0, 0, f.errorString());
        bytes = f.readAll();
    } else {
        bytes = parser.value(inline_).toUtf8();
    }
    Json value = Json::parse(bytes.constData(), bytes.constData() + bytes.size(), nullptr, false);
    if (value.is_discarded())
        return core::fail(
            core::ErrorCode::InvalidInput, what + QStringLiteral(" is not valid JSON"));
    if (!value.is_object())
        return core::fail(core::ErrorCode::InvalidInput,
            what + QStringLiteral(" must be a JSON object of variables"));
    return value;
}

} // namespace

int cmdRun(CliContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Run a .prompt file against a model, stream the answer and record the call in the "
        "ledger ($PROMPTSMITH_LEDGER or the app-data ledger)."));
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("The .prompt file."));
    const QCommandLineOption modelOption(QStringLiteral("model"),
        QStringLiteral("provider/model (default: the prompt's model, else echo/echo)."),
        QStringLiteral("REF"));
    const QCommandLineOption inputOption(QStringLiteral("input"),
        QStringLiteral("Template variables as a JSON object."), QStringLiteral("JSON"));
    const QCommandLineOption inputFileOption(QStringLiteral("input-file"),
        QStringLiteral("Read the variables from a JSON file."), QStringLiteral("FILE"));
    const QCommandLineOption setOption(QStringLiteral("set"),
        QStringLiteral("Override a config key (repeatable): temperature=0.2, "
                       "maxOutputTokens=200, stopSequences='[\"END\"]'."),
        QStringLiteral("KEY=VALUE"));
    const QCommandLineOption repeatOption(QStringLiteral("repeat"),
        QStringLiteral("Run N samples (default 1)."), QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption cacheOption(QStringLiteral("cache"),
        QStringLiteral(
            "Reuse a recorded answer to the same request (and sample) when there is one."));
    const QCommandLineOption noCacheOption(
        QStringLiteral("no-cache"), QStringLiteral("Always call the provider (the default)."));
    const QCommandLineOption jsonOption(QStringLiteral("json"),
        QStringLiteral("Print one JSON object per sample (JSON Lines) instead of the text."));
    const QCommandLineOption verboseOption(
        QStringLiteral("verbose"), QStringLiteral("Print notes (where the key came from, ...)."));
    const QCommandLineOption allowKeyHostOption(QStringLiteral("allow-key-host"),
        QStringLiteral("Send an API key to HOST although it is not the key's vendor (a proxy, "
                       "Azure, a local server); repeatable. Plain http only to this machine."),
        QStringLiteral("HOST"));
    const QCommandLineOption dryRunOption(QStringLiteral("dry-run"),
        QStringLiteral("Print the calls and their estimated cost range; call nothing."));
    parser.addOptions({ modelOption, inputOption, inputFileOption, setOption, repeatOption,
        cacheOption, noCacheOption, jsonOption, verboseOption, allowKeyHostOption, dryRunOption });
    if (const auto stop = parseArguments(context, parser,
            QStringLiteral("promptsmith run PATH [--model REF] [--input JSON | --input-file FILE] "
                           "[--set KEY=VALUE]... [--repeat N] [--cache | --no-cache] [--json] "
                           "[--allow-key-host HOST]... [--dry-run]")))
        return *stop;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return context.usageError(QStringLiteral("run needs exactly one PATH; see --help"));
    if (parser.isSet(inputOption) && parser.isSet(inputFileOption))
        return context.usageError(QStringLiteral("give --input or --input-file, not both"));
    if (parser.isSet(cacheOption) && parser.isSet(noCacheOption))
        return context.usageError(QStringLiteral("give --cache or --no-cache, not both"));
    bool ok = false;
    const int repeat = parser.value(repeatOption).toInt(&ok);
    if (!ok || repeat < 1 || repeat > 1000)
        return context.usageError(QStringLiteral("--repeat must be a whole number from 1 to 1000"));

    run::RunSpec spec;
    spec.promptPath = positional.first();
    spec.workspaceRoot = context.workspaceOption;
    spec.modelRef = parser.value(modelOption);
    spec.repeat = repeat;
    spec.useCache = parser.isSet(cacheOption);
    const bool json = parser.isSet(jsonOption);
    // Streamed text of concurrent samples would interleave on a terminal.
    spec.sequential = !json;
    auto input = readInput(parser, inputOption, inputFileOption);
    if (!input)
        return context.report(input.error());
    spec.input = std::move(*input);
    for (const QString &assignment : parser.values(setOption)) {
        auto kv = run::RunEngine::parseConfigAssignment(assignment);
        if (!kv)
            return context.report(kv.error());
        spec.configOverrides[kv->first.toStdString()] = kv->second;
    }

    // The process's one transport: every call of the command shares its concurrency limits.
    providers::Transport transport;
    run::RunEngineOptions options;
    options.transport = &transport;
    options.allowedKeyHosts = parser.values(allowKeyHostOption);
    options.commandLine = true;
    run::RunEngine engine(options);
    if (parser.isSet(dryRunOption))
        return printDryRun(context, engine, spec, json);
    QEventLoop loop;
    bool failed = false;
    std::optional<core::Error> runError;
    const bool verbose = parser.isSet(verboseOption);
    QObject::connect(&engine, &run::RunEngine::note, &loop, [&](const QString &note) {
        if (engineNoteShown(note, verbose))
            context.err << "promptsmith: " << note << Qt::endl;
    });
    QObject::connect(&engine, &run::RunEngine::runFailed, &loop,
        [&](const QString &, const core::Error &error) { runError = error; });

    // Ctrl+C or a kill: cancel the calls, let them be recorded as cancelled, then exit
    // 130 / 143. The wait is bounded; what is still in flight then is recorded by the engine's
    // destructor.
    TerminationSignals signals_;
    int caughtSignal = 0;
    QObject::connect(&signals_, &TerminationSignals::received, &loop, [&](int number) {
        if (caughtSignal)
            return;
        caughtSignal = number;
        engine.cancelAll();
        QTimer::singleShot(5000, &loop, &QEventLoop::quit);
    });
    QObject::connect(
        &engine, &run::RunEngine::textDelta, &loop, [&](const QString &, int, const QString &text) {
            if (!json) {
                context.out << text;
                context.out.flush();
            }
        });
    QObject::connect(&engine, &run::RunEngine::sampleFinished, &loop,
        [&](const QString &, int sample, const run::RunSampleResult &r) {
            if (json) {
                context.out << QString::fromStdString(sampleJson(sample, r).dump()) << '\n';
            } else {
                // A cached answer never streamed: print it whole.
                if (r.cached)
                    context.out << r.result.text;
                if (!r.result.text.endsWith(QLatin1Char('\n')))
                    context.out << '\n';
            }
            context.out.flush();
            for (const core::Error &m : r.result.malformedChunks)
                context.err << "promptsmith: sample " << (sample + 1)
                            << ": skipped a malformed chunk: " << m.message << Qt::endl;
            if (!r.result.ok()) {
                failed = true;
                context.err << "promptsmith: sample " << (sample + 1) << ": "
                            << r.result.error->toString() << Qt::endl;
            }
        });
    QObject::connect(
        &engine, &run::RunEngine::runFinished, &loop, [&](const QString &) { loop.quit(); });

    auto started = engine.start(spec);
    if (!started) {
        context.err << "promptsmith: " << started.error().toString() << Qt::endl;
        return exitCodeFor(started.error().code);
    }
    if (!engine.isIdle())
        loop.exec();
    if (caughtSignal) {
        context.err << "promptsmith: stopped by signal " << caughtSignal
                    << "; the calls were recorded as cancelled" << Qt::endl;
        return TerminationSignals::exitCodeFor(caughtSignal);
    }
    if (runError) // already printed with each sample it failed
        return exitCodeFor(runError->code);
    return failed ? ExitRuntime : ExitOk;
}

} // namespace psm::cli
