// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "app/cli/ledgerexport.h"

#include "core/ledger/secretredactor.h"

#include <nlohmann/json.hpp>

namespace psm::cli {
namespace {

using Json = nlohmann::ordered_json;
using core::SecretRedactor;

QString isoUtc(const QDateTime &when)
{
    return when.isValid() ? when.toUTC().toString(Qt::ISODateWithMs) : QString();
}

template <typename T> QString optionalText(const std::optional<T> &value)
{
    return value ? QString::number(*value) : QString();
}

QString costText(const std::optional<double> &usd)
{
    return usd ? QString::number(*usd, 'g', 12) : QString();
}

template <typename T> Json optionalJson(const std::optional<T> &value)
{
    return value ? Json(*value) : Json(nullptr);
}

Json textJson(const QString &text)
{
    return text.isEmpty() ? Json(nullptr) : Json(text.toStdString());
}

void writeCsv(QTextStream &out, const QList<core::CallRecord> &calls, bool withText,
    const QHash<qint64, core::CallGrade> &grades)
{
    QStringList header { QStringLiteral("id"), QStringLiteral("started_at"),
        QStringLiteral("finished_at"), QStringLiteral("workspace"), QStringLiteral("prompt"),
        QStringLiteral("revision"), QStringLiteral("provider"), QStringLiteral("model"),
        QStringLiteral("run_id"), QStringLiteral("purpose"), QStringLiteral("status"),
        QStringLiteral("error"), QStringLiteral("latency_ms"), QStringLiteral("input_tokens"),
        QStringLiteral("cache_read_tokens"), QStringLiteral("cache_write_tokens"),
        QStringLiteral("output_tokens"), QStringLiteral("reasoning_tokens"),
        QStringLiteral("cost_usd"), QStringLiteral("cost_known"), QStringLiteral("cached"),
        QStringLiteral("cached_from"), QStringLiteral("price_version"),
        QStringLiteral("parameters"), QStringLiteral("grade_thumb"), QStringLiteral("grade_score"),
        QStringLiteral("grade_note") };
    if (withText)
        header << QStringLiteral("output");
    const auto line = [&out](const QStringList &fields) {
        QStringList quoted;
        for (const QString &field : fields)
            quoted << csvField(field);
        out << quoted.join(QLatin1Char(',')) << "\r\n";
    };
    line(header);
    for (const core::CallRecord &r : calls) {
        const core::TokenUsage &t = r.outcome.tokens;
        QStringList fields { QString::number(r.id), isoUtc(r.start.startedAt),
            isoUtc(r.outcome.finishedAt), r.start.workspace, r.start.promptPath,
            r.start.promptRevision, r.start.provider, r.start.model, r.start.runId, r.start.purpose,
            core::callStatusName(r.outcome.status), SecretRedactor::redact(r.outcome.error),
            optionalText(r.outcome.latencyMs), optionalText(t.inputUncached),
            optionalText(t.cacheRead), optionalText(t.cacheWrite), optionalText(t.output),
            optionalText(t.reasoning), costText(r.outcome.costUsd),
            r.outcome.costUsd ? QStringLiteral("yes") : QStringLiteral("no"),
            r.outcome.cached ? QStringLiteral("yes") : QStringLiteral("no"),
            optionalText(r.outcome.cachedFromId), r.outcome.priceVersion,
            SecretRedactor::redactJson(r.start.parametersJson) };
        const core::CallGrade grade = grades.value(r.id);
        fields << core::thumbName(grade.thumb)
               << (grade.score ? QString::number(*grade.score) : QString())
               << SecretRedactor::redact(grade.note);
        if (withText)
            fields << SecretRedactor::redact(r.outcome.outputText);
        line(fields);
    }
}

void writeJson(QTextStream &out, const QList<core::CallRecord> &calls, bool withText,
    const QHash<qint64, core::CallGrade> &grades)
{
    Json array = Json::array();
    for (const core::CallRecord &r : calls) {
        const core::TokenUsage &t = r.outcome.tokens;
        const QString parameters = SecretRedactor::redactJson(r.start.parametersJson);
        Json parsed = Json::parse(parameters.toStdString(), nullptr, false);
        Json call {
            { "id", r.id },
            { "started_at", textJson(isoUtc(r.start.startedAt)) },
            { "finished_at", textJson(isoUtc(r.outcome.finishedAt)) },
            { "workspace", textJson(r.start.workspace) },
            { "prompt", textJson(r.start.promptPath) },
            { "revision", textJson(r.start.promptRevision) },
            { "provider", r.start.provider.toStdString() },
            { "model", r.start.model.toStdString() },
            { "run_id", textJson(r.start.runId) },
            { "purpose", textJson(r.start.purpose) },
            { "status", core::callStatusName(r.outcome.status).toStdString() },
            { "error", textJson(SecretRedactor::redact(r.outcome.error)) },
            { "latency_ms", optionalJson(r.outcome.latencyMs) },
            { "tokens",
                { { "input", optionalJson(t.inputUncached) },
                    { "cache_read", optionalJson(t.cacheRead) },
                    { "cache_write", optionalJson(t.cacheWrite) },
                    { "output", optionalJson(t.output) },
                    { "reasoning", optionalJson(t.reasoning) } } },
            { "cost_usd", optionalJson(r.outcome.costUsd) }, // null: unknown, not free
            { "cached", r.outcome.cached },
            { "cached_from", optionalJson(r.outcome.cachedFromId) },
            { "price_version", textJson(r.outcome.priceVersion) },
            { "parameters",
                parameters.isEmpty()        ? Json(nullptr)
                    : parsed.is_discarded() ? Json(parameters.toStdString())
                                            : parsed },
        };
        const auto grade = grades.constFind(r.id);
        call["grade"] = grade == grades.cend()
            ? Json(nullptr)
            : Json {
                  { "thumb", textJson(core::thumbName(grade->thumb)) },
                  { "score", optionalJson(grade->score) },
                  { "note", textJson(SecretRedactor::redact(grade->note)) },
                  { "updated_at", textJson(isoUtc(grade->updatedAt)) },
              };
        if (withText)
            call["output"] = SecretRedactor::redact(r.outcome.outputText).toStdString();
        array.push_back(std::move(call));
    }
    out << QString::fromStdString(array.dump(2)) << '\n';
}

} // namespace

QString csvField(const QString &text)
{
    const bool quote = text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"'))
        || text.contains(QLatin1Char('\r')) || text.contains(QLatin1Char('\n'));
    if (!quote)
        return text;
    QString doubled = text;
    doubled.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + doubled + QLatin1Char('"');
}

void writeExport(QTextStream &out, const QList<core::CallRecord> &calls,
    const ExportOptions &options, const QHash<qint64, core::CallGrade> &grades)
{
    if (options.format == ExportFormat::Csv)
        writeCsv(out, calls, options.withText, grades);
    else
        writeJson(out, calls, options.withText, grades);
}

} // namespace psm::cli
