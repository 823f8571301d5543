// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// `promptsmith ledger`: the recorded provider calls, newest first.
#include "app/cli/cmdsupport.h"
#include "app/cli/commands.h"
#include "app/cli/ledgercli.h"
#include "app/cli/ledgerexport.h"

#include <QCommandLineParser>
#include <QSaveFile>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace psm::cli {
namespace {

using Json = nlohmann::ordered_json;

template <typename T> Json optionalJson(const std::optional<T> &value)
{
    return value ? Json(*value) : Json(nullptr);
}

Json stringJson(const QString &text)
{
    return text.isNull() ? Json(nullptr) : Json(text.toStdString());
}

// Parameters are stored as JSON text; print them as JSON, or as the text when not JSON.
Json parametersJson(const QString &text)
{
    if (text.isEmpty())
        return nullptr;
    Json parsed = Json::parse(text.toStdString(), nullptr, false);
    return parsed.is_discarded() ? Json(text.toStdString()) : parsed;
}

QString isoUtc(const QDateTime &when)
{
    return when.isValid() ? when.toUTC().toString(Qt::ISODateWithMs) : QString();
}

Json toJson(const core::CallRecord &r)
{
    const core::TokenUsage &t = r.outcome.tokens;
    Json attempts = Json::array();
    for (const core::CallAttempt &a : r.attempts) {
        attempts.push_back(
            { { "attempt", a.attempt }, { "started_at", stringJson(isoUtc(a.startedAt)) },
                { "http_status", optionalJson(a.httpStatus) }, { "error", stringJson(a.error) },
                { "latency_ms", optionalJson(a.latencyMs) } });
    }
    return Json {
        { "id", r.id },
        { "started_at", stringJson(isoUtc(r.start.startedAt)) },
        { "finished_at", stringJson(isoUtc(r.outcome.finishedAt)) },
        { "workspace", stringJson(r.start.workspace) },
        { "prompt", stringJson(r.start.promptPath) },
        { "revision", stringJson(r.start.promptRevision) },
        { "provider", r.start.provider.toStdString() },
        { "model", r.start.model.toStdString() },
        { "run_id", stringJson(r.start.runId) },
        { "cell",
            r.start.cellJson.isEmpty() ? Json()
                                       : Json::parse(r.start.cellJson.toStdString(), nullptr, false) },
        { "purpose", stringJson(r.start.purpose) },
        { "status", core::callStatusName(r.outcome.status).toStdString() },
        { "error", stringJson(r.outcome.error) },
        { "latency_ms", optionalJson(r.outcome.latencyMs) },
        { "ttft_ms", optionalJson(r.outcome.timeToFirstTokenMs) },
        { "tokens",
            { { "input", optionalJson(t.inputUncached) },
                { "cache_read", optionalJson(t.cacheRead) },
                { "cache_write", optionalJson(t.cacheWrite) }, { "output", optionalJson(t.output) },
                { "reasoning", optionalJson(t.reasoning) } } },
        { "cost_usd", optionalJson(r.outcome.costUsd) }, // null: unknown, not free
        { "price_version", stringJson(r.outcome.priceVersion) },
        { "cached", r.outcome.cached },
        { "cached_from", optionalJson(r.outcome.cachedFromId) },
        { "finish_reason", stringJson(r.outcome.finishReason) },
        { "request_hash", stringJson(r.start.requestHash) },
        { "parameters", parametersJson(r.start.parametersJson) },
        { "output", stringJson(r.outcome.outputText) },
        { "attempts", attempts },
    };
}

QString tokens(const std::optional<qint64> &a, const std::optional<qint64> &b = {},
    const std::optional<qint64> &c = {})
{
    if (!a && !b && !c)
        return QStringLiteral("-");
    return QString::number(a.value_or(0) + b.value_or(0) + c.value_or(0));
}

void printTable(QTextStream &out, const QList<core::CallRecord> &calls)
{
    out << QStringLiteral("%1  %2  %3  %4  %5  %6  %7  %8  %9\n")
               .arg(QStringLiteral("ID"), 6)
               .arg(QStringLiteral("STARTED (UTC)"), -19)
               .arg(QStringLiteral("STATUS"), -9)
               .arg(QStringLiteral("MODEL"), -28)
               .arg(QStringLiteral("PROMPT"), -28)
               .arg(QStringLiteral("IN"), 8)
               .arg(QStringLiteral("OUT"), 7)
               .arg(QStringLiteral("COST"), 10)
               .arg(QStringLiteral("MS"), 7);
    for (const core::CallRecord &r : calls) {
        const core::TokenUsage &t = r.outcome.tokens;
        QString status = core::callStatusName(r.outcome.status);
        if (r.outcome.cached)
            status += QStringLiteral("*");
        QString cost
            = r.outcome.costUsd ? formatUsd(*r.outcome.costUsd) : QStringLiteral("unknown");
        out << QStringLiteral("%1  %2  %3  %4  %5  %6  %7  %8  %9\n")
                   .arg(r.id, 6)
                   .arg(r.start.startedAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                       -19)
                   .arg(status, -9)
                   .arg(r.start.provider + QLatin1Char('/') + r.start.model, -28)
                   .arg(
                       r.start.promptPath.isEmpty() ? QStringLiteral("-") : r.start.promptPath, -28)
                   .arg(tokens(t.inputUncached, t.cacheRead, t.cacheWrite), 8)
                   .arg(tokens(t.output, t.reasoning), 7)
                   .arg(cost, 10)
                   .arg(r.outcome.latencyMs ? QString::number(*r.outcome.latencyMs)
                                            : QStringLiteral("-"),
                       7);
        if (r.outcome.status == core::CallStatus::Error && !r.outcome.error.isEmpty())
            out << QStringLiteral("        error: ") << r.outcome.error.simplified().left(120)
                << '\n';
    }
}

} // namespace

int cmdLedger(CliContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("List recorded provider calls, newest first. The ledger is "
                       "$PROMPTSMITH_LEDGER when set, else the per-user ledger file.\n"
                       "Cost 'unknown' means the model has no known price (not free); "
                       "'*' after the status marks a response-cache hit."));
    const QCommandLineOption since(QStringLiteral("since"),
        QStringLiteral("Only calls started at or after DATE "
                       "(YYYY-MM-DD or ISO 8601; UTC unless an offset "
                       "is given)."),
        QStringLiteral("DATE"));
    const QCommandLineOption limit(QStringLiteral("limit"),
        QStringLiteral("At most N calls (default 50; 0 for all)."), QStringLiteral("N"),
        QStringLiteral("50"));
    const QCommandLineOption prompt(QStringLiteral("prompt"),
        QStringLiteral("Only calls of this prompt path."), QStringLiteral("PATH"));
    const QCommandLineOption json(
        QStringLiteral("json"), QStringLiteral("Print JSON (cost_usd null when unknown)."));
    const QCommandLineOption format(QStringLiteral("format"),
        QStringLiteral("export: csv (RFC 4180) or json. Keys and key-like strings are "
                       "redacted."),
        QStringLiteral("csv|json"), QStringLiteral("csv"));
    const QCommandLineOption output(QStringLiteral("output"),
        QStringLiteral("export: write to FILE instead of standard output."),
        QStringLiteral("FILE"));
    const QCommandLineOption withText(QStringLiteral("with-text"),
        QStringLiteral("export: include each call's output text (redacted). Left out by "
                       "default: an expense report needs the spend, not what was said."));
    parser.addOptions({ since, limit, prompt, json, format, output, withText });
    parser.addPositionalArgument(QStringLiteral("export"),
        QStringLiteral("Export the calls (oldest first, every call unless --since, --prompt "
                       "or --limit) for expense reports, each with its human grade."),
        QStringLiteral("[export]"));
    if (const auto stop = parseArguments(context, parser,
            QStringLiteral("promptsmith ledger [export] [--since DATE] [--limit N] [--json | "
                           "--format csv|json [--output FILE] [--with-text]]")))
        return *stop;
    const QStringList positional = parser.positionalArguments();
    const bool exporting = positional.value(0) == QLatin1String("export");
    if (positional.size() > (exporting ? 1 : 0))
        return context.usageError(QStringLiteral("ledger takes no arguments but 'export', got '%1'")
                                      .arg(positional.at(exporting ? 1 : 0)));
    if (!exporting) {
        for (const QCommandLineOption *exportOnly : { &format, &output, &withText }) {
            if (parser.isSet(*exportOnly))
                return context.usageError(QStringLiteral("--%1 is an option of 'ledger export'")
                                              .arg(exportOnly->names().first()));
        }
    }
    ExportOptions exportOptions;
    if (exporting) {
        const QString formatName = parser.value(format);
        if (formatName == QLatin1String("json"))
            exportOptions.format = ExportFormat::Json;
        else if (formatName != QLatin1String("csv"))
            return context.usageError(
                QStringLiteral("--format: '%1' is not csv or json").arg(formatName));
        exportOptions.withText = parser.isSet(withText);
    }

    core::CallQuery query;
    if (parser.isSet(since)) {
        query.since = parseSince(parser.value(since));
        if (!query.since.isValid())
            return context.usageError(QStringLiteral("--since: '%1' is not a date "
                                                     "(YYYY-MM-DD) or ISO 8601 date-time")
                                          .arg(parser.value(since)));
    }
    bool ok = false;
    // An export has every call unless --limit says otherwise.
    query.limit = exporting && !parser.isSet(limit) ? 0 : parser.value(limit).toInt(&ok);
    ok = ok || (exporting && !parser.isSet(limit));
    if (!ok || query.limit < 0)
        return context.usageError(
            QStringLiteral("--limit: '%1' is not a count").arg(parser.value(limit)));
    query.promptPath = parser.value(prompt);

    auto ledger = openLedgerIfPresent();
    if (!ledger)
        return context.report(ledger.error());
    QList<core::CallRecord> calls;
    QHash<qint64, core::CallGrade> grades;
    if (*ledger) {
        auto found = (*ledger)->calls(query);
        if (!found)
            return context.report(found.error());
        calls = std::move(*found);
        if (exporting) {
            auto graded = core::Grades::all(**ledger);
            if (!graded)
                return context.report(graded.error());
            grades = std::move(*graded);
        }
    }

    if (exporting) {
        std::reverse(calls.begin(), calls.end()); // oldest first, as a statement reads
        if (!parser.isSet(output)) {
            writeExport(context.out, calls, exportOptions, grades);
            return ExitOk;
        }
        QSaveFile file(parser.value(output));
        if (!file.open(QIODevice::WriteOnly))
            return context.report(
                core::Error { core::ErrorCode::Io, QStringLiteral("cannot write the export"),
                    file.errorString(), parser.value(output), 0, 0 });
        QTextStream stream(&file);
        writeExport(stream, calls, exportOptions, grades);
        stream.flush();
        if (stream.status() != QTextStream::Ok || !file.commit())
            return context.report(
                core::Error { core::ErrorCode::Io, QStringLiteral("cannot write the export"),
                    file.errorString(), parser.value(output), 0, 0 });
        context.err << "exported " << calls.size() << (calls.size() == 1 ? " call" : " calls")
                    << " to " << parser.value(output) << Qt::endl;
        return ExitOk;
    }
    if (parser.isSet(json)) {
        Json array = Json::array();
        for (const core::CallRecord &r : calls)
            array.push_back(toJson(r));
        context.out << QString::fromStdString(array.dump(2)) << '\n';
        return ExitOk;
    }
    if (calls.isEmpty()) {
        context.out << "No calls recorded" << (parser.isSet(since) ? " since then" : "")
                    << " (ledger: " << core::Ledger::defaultPath() << ")\n";
        return ExitOk;
    }
    printTable(context.out, calls);
    return ExitOk;
}

} // namespace psm::cli
