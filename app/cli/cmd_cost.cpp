// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// `promptsmith cost`: spend from the ledger grouped by model, prompt, revision, run, workspace
// or local day, week or month; a sparkline of spend over time; a budget check; and what the
// calls would cost at today's prices. Calls without a known price are counted apart and never
// added in as $0.
#include "app/cli/cmdsupport.h"
#include "app/cli/commands.h"
#include "app/cli/ledgercli.h"
#include "app/cli/sparkline.h"
#include "core/ledger/costquery.h"

#include <QCommandLineParser>
#include <QSet>
#include <QTemporaryDir>

#include <nlohmann/json.hpp>

#include <cmath>

namespace psm::cli {
namespace {

using Json = nlohmann::ordered_json;

constexpr int kChartWidth = 60; // buckets shown, the most recent

struct Grouping {
    const char *name;
    core::CostGroup group;
    core::TimeBucket bucket;
};

const Grouping kGroupings[] = {
    { "model", core::CostGroup::Model, core::TimeBucket::None },
    { "prompt", core::CostGroup::Prompt, core::TimeBucket::None },
    { "day", core::CostGroup::None, core::TimeBucket::Day },
    { "week", core::CostGroup::None, core::TimeBucket::Week },
    { "month", core::CostGroup::None, core::TimeBucket::Month },
    { "revision", core::CostGroup::Revision, core::TimeBucket::None },
    { "run", core::CostGroup::Run, core::TimeBucket::None },
    { "workspace", core::CostGroup::Workspace, core::TimeBucket::None },
};

// Rounded to nano-dollars so float sums print as 0.005028, not 0.0050279999999.
Json usdJson(double usd)
{
    return Json(std::round(usd * 1e9) / 1e9);
}

QString bucketKey(QDate start, core::TimeBucket bucket)
{
    return start.toString(bucket == core::TimeBucket::Month ? QStringLiteral("yyyy-MM")
                                                            : QStringLiteral("yyyy-MM-dd"));
}

QDate nextBucket(QDate start, core::TimeBucket bucket)
{
    if (bucket == core::TimeBucket::Month)
        return start.addMonths(1);
    return start.addDays(bucket == core::TimeBucket::Week ? 7 : 1);
}

QString costText(const core::SpendTotals &t)
{
    return t.pricedCalls == 0 ? QStringLiteral("unknown") : formatUsd(t.knownUsd);
}

// Budget amounts as typed: "20", "20.50", "$20".
std::optional<double> parseAmount(QString text)
{
    if (text.startsWith(QLatin1Char('$')))
        text.remove(0, 1);
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || !std::isfinite(value) || value < 0)
        return std::nullopt;
    return value;
}

struct Chart {
    core::TimeBucket bucket = core::TimeBucket::Day;
    QDate from;
    QDate to;
    QList<std::optional<double>> values; // nullopt: the bucket's calls are all unpriced
    double highest = 0;
};

// Every bucket from the first with a call to the last, the empty ones included, so the line
// reads as time; the most recent kChartWidth of them.
core::Result<Chart> chartOf(
    const core::CostQuery &query, const core::CostFilter &filter, core::TimeBucket bucket)
{
    Chart chart;
    chart.bucket = bucket == core::TimeBucket::None ? core::TimeBucket::Day : bucket;
    const auto rows = query.spend(filter, core::CostGroup::None, chart.bucket);
    if (!rows)
        return tl::unexpected(rows.error());
    if (rows->isEmpty())
        return chart;
    QHash<QDate, core::SpendTotals> byStart;
    for (const core::SpendRow &row : *rows)
        byStart.insert(row.bucket, row.totals);
    QList<QDate> starts;
    for (QDate d = rows->first().bucket; d <= rows->last().bucket; d = nextBucket(d, chart.bucket))
        starts.append(d);
    if (starts.size() > kChartWidth)
        starts = starts.mid(starts.size() - kChartWidth);
    chart.from = starts.first();
    chart.to = starts.last();
    for (const QDate &d : std::as_const(starts)) {
        const core::SpendTotals t = byStart.value(d);
        if (t.calls > 0 && t.pricedCalls == 0) {
            chart.values.append(std::nullopt);
        } else {
            chart.values.append(t.knownUsd);
            chart.highest = std::max(chart.highest, t.knownUsd);
        }
    }
    return chart;
}

int printRecompute(CliContext &context, const Grouping &by, const core::CostQuery &query,
    const core::CostFilter &filter, bool json)
{
    const auto prices = todaysPrices(context);
    if (!prices)
        return context.report(prices.error());
    const auto rows = query.recomputeCosts(filter, by.group, *prices);
    if (!rows)
        return context.report(rows.error());
    core::RepriceRow total;
    for (const core::RepriceRow &r : *rows) {
        total.calls += r.calls;
        total.repricedCalls += r.repricedCalls;
        total.recordedUsd += r.recordedUsd;
        total.recordedUnknownCalls += r.recordedUnknownCalls;
        total.nowUsd += r.nowUsd;
        total.cachedCalls += r.cachedCalls;
        total.notRepricedCalls += r.notRepricedCalls;
        total.notRepricedRecordedUsd += r.notRepricedRecordedUsd;
    }
    if (json) {
        const auto rowJson = [&](const core::RepriceRow &r, bool keyed) {
            Json o;
            if (keyed) {
                o[by.name] = r.key.toStdString();
                if (by.group == core::CostGroup::Prompt)
                    o["workspace"] = r.context.toStdString();
                if (by.group == core::CostGroup::Revision)
                    o["prompt"] = r.context.toStdString();
            }
            o["calls"] = r.calls;
            o["repriced_calls"] = r.repricedCalls;
            o["recorded_cost_usd"] = usdJson(r.recordedUsd);
            o["recorded_unknown_calls"] = r.recordedUnknownCalls;
            o["cost_at_todays_prices_usd"] = usdJson(r.nowUsd);
            o["cached_calls"] = r.cachedCalls;
            o["not_repriced_calls"] = r.notRepricedCalls;
            o["not_repriced_recorded_cost_usd"] = usdJson(r.notRepricedRecordedUsd);
            if (keyed) {
                Json versions = Json::array();
                for (const QString &v : r.recordedPriceVersions)
                    versions.push_back(v.toStdString());
                o["recorded_price_versions"] = versions;
            }
            return o;
        };
        Json doc;
        doc["by"] = by.name;
        doc["price_version"] = prices->version().toStdString();
        doc["rows"] = Json::array();
        for (const core::RepriceRow &r : *rows)
            doc["rows"].push_back(rowJson(r, true));
        doc["total"] = rowJson(total, false);
        context.out << QString::fromStdString(doc.dump(2)) << '\n';
        return ExitOk;
    }
    if (rows->isEmpty()) {
        context.out << "No calls recorded (ledger: " << core::Ledger::defaultPath() << ")\n";
        return ExitOk;
    }
    const auto label = [&](const core::RepriceRow &r) {
        QString key = r.key.isEmpty() ? QStringLiteral("(none)") : r.key;
        if (by.group == core::CostGroup::Revision)
            key = r.context + QLatin1Char('@') + key.left(12);
        return key;
    };
    qsizetype width = QByteArray(by.name).size();
    for (const core::RepriceRow &r : *rows)
        width = std::max(width, label(r).size());
    width = std::min<qsizetype>(width, 60);
    const auto line = [&](const QString &key, const QString &calls, const QString &repriced,
                          const QString &recorded, const QString &now, const QString &left) {
        context.out << key.leftJustified(width) << "  " << calls.rightJustified(6) << "  "
                    << repriced.rightJustified(8) << "  " << recorded.rightJustified(12) << "  "
                    << now.rightJustified(12) << "  " << left.rightJustified(12) << '\n';
    };
    line(QString::fromLatin1(by.name).toUpper(), QStringLiteral("CALLS"),
        QStringLiteral("REPRICED"), QStringLiteral("RECORDED"), QStringLiteral("TODAY"),
        QStringLiteral("NOT REPRICED"));
    const auto recordedText = [](const core::RepriceRow &r) {
        QString text = formatUsd(r.recordedUsd);
        if (r.recordedUnknownCalls > 0)
            text += QStringLiteral(" +%1?").arg(r.recordedUnknownCalls);
        return text;
    };
    for (const core::RepriceRow &r : *rows) {
        line(label(r), QString::number(r.calls), QString::number(r.repricedCalls), recordedText(r),
            formatUsd(r.nowUsd), QString::number(r.notRepricedCalls));
    }
    line(QStringLiteral("TOTAL"), QString::number(total.calls),
        QString::number(total.repricedCalls), recordedText(total), formatUsd(total.nowUsd),
        QString::number(total.notRepricedCalls));
    context.out << "\nRECORDED and TODAY cover the repriced calls only; \"+N?\" counts calls "
                   "recorded without a price that today's table prices.\nToday's prices: "
                << prices->version() << ". " << total.cachedCalls
                << " cache hits cost $0 then and now. NOT REPRICED: no token counts, or a "
                   "model today's table does not know (recorded "
                << formatUsd(total.notRepricedRecordedUsd) << ").\n";
    return ExitOk;
}

} // namespace

int cmdCost(CliContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Sum the cost of recorded calls. Calls whose model has no known price "
                       "are counted separately as unknown, never as $0; response-cache hits "
                       "count as $0. Days, weeks (from Monday) and months are local time."));
    const QCommandLineOption by(QStringLiteral("by"),
        QStringLiteral("Group by model, prompt, day, week, month, prompt revision, run or "
                       "workspace (default model)."),
        QStringLiteral("model|prompt|day|week|month|revision|run|workspace"),
        QStringLiteral("model"));
    const QCommandLineOption since(QStringLiteral("since"),
        QStringLiteral("Only calls started at or after DATE "
                       "(YYYY-MM-DD or ISO 8601; UTC unless an offset "
                       "is given)."),
        QStringLiteral("DATE"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    const QCommandLineOption chart(QStringLiteral("chart"),
        QStringLiteral("Also draw spend over time as a sparkline (per day, or per week or "
                       "month with --by week|month); ASCII when the locale is not UTF-8."));
    const QCommandLineOption budget(QStringLiteral("budget"),
        QStringLiteral("Show the known spend against AMOUNT USD and exit 1 when it is over."),
        QStringLiteral("AMOUNT"));
    const QCommandLineOption recompute(QStringLiteral("recompute"),
        QStringLiteral("Show what the calls were recorded at next to what they would cost at "
                       "today's prices (bundled, imported and the workspace's prices:)."));
    parser.addOptions({ by, since, json, chart, budget, recompute });
    if (const auto stop = parseArguments(context, parser,
            QStringLiteral("promptsmith cost [--by model|prompt|day|week|month|revision|run|"
                           "workspace] [--since DATE] [--chart] [--budget AMOUNT] [--recompute] "
                           "[--json]")))
        return *stop;
    if (!parser.positionalArguments().isEmpty())
        return context.usageError(QStringLiteral("cost takes no arguments, got '%1'")
                                      .arg(parser.positionalArguments().first()));

    const QString byValue = parser.value(by);
    const Grouping *grouping = nullptr;
    for (const Grouping &g : kGroupings) {
        if (byValue == QLatin1String(g.name))
            grouping = &g;
    }
    if (!grouping)
        return context.usageError(QStringLiteral("--by: '%1' is not one of model, prompt, day, "
                                                 "week, month, revision, run, workspace")
                                      .arg(byValue));
    core::CostFilter filter;
    if (parser.isSet(since)) {
        filter.since = parseSince(parser.value(since));
        if (!filter.since.isValid())
            return context.usageError(QStringLiteral("--since: '%1' is not a date "
                                                     "(YYYY-MM-DD) or ISO 8601 date-time")
                                          .arg(parser.value(since)));
    }
    std::optional<double> budgetUsd;
    if (parser.isSet(budget)) {
        budgetUsd = parseAmount(parser.value(budget));
        if (!budgetUsd)
            return context.usageError(
                QStringLiteral("--budget: '%1' is not an amount in USD").arg(parser.value(budget)));
    }
    const bool repricing = parser.isSet(recompute);
    if (repricing && grouping->bucket != core::TimeBucket::None)
        return context.usageError(QStringLiteral(
            "--recompute groups by model, prompt, revision, run or workspace, not by time"));
    if (repricing && (parser.isSet(chart) || budgetUsd))
        return context.usageError(
            QStringLiteral("--recompute cannot be combined with --chart or --budget"));

    auto ledger = openLedgerIfPresent();
    if (!ledger)
        return context.report(ledger.error());
    // No ledger yet: an empty one, thrown away afterwards, answers every query with nothing
    // (a read-only command does not create the user's ledger).
    QTemporaryDir scratch;
    if (!*ledger) {
        auto empty = core::Ledger::open(scratch.filePath(QStringLiteral("empty.sqlite3")));
        if (!empty)
            return context.report(empty.error());
        *ledger = std::move(*empty);
    }
    const core::CostQuery query(**ledger);
    if (repricing)
        return printRecompute(context, *grouping, query, filter, parser.isSet(json));

    const auto found = query.spend(filter, grouping->group, grouping->bucket);
    if (!found)
        return context.report(found.error());
    QList<core::SpendRow> rows = *found;
    const bool timed = grouping->bucket != core::TimeBucket::None;
    for (core::SpendRow &row : rows) {
        if (timed)
            row.key = bucketKey(row.bucket, grouping->bucket);
    }
    core::SpendTotals total;
    for (const core::SpendRow &row : rows)
        total.add(row.totals);
    std::optional<Chart> drawn;
    if (parser.isSet(chart)) {
        auto made = chartOf(query, filter, grouping->bucket);
        if (!made)
            return context.report(made.error());
        drawn = std::move(*made);
    }
    const bool over = budgetUsd && total.knownUsd > *budgetUsd;

    if (parser.isSet(json)) {
        const auto rowJson = [&](const core::SpendRow &row, bool keyed) {
            const core::SpendTotals &t = row.totals;
            Json object;
            if (keyed) {
                object[grouping->name] = row.key.toStdString();
                if (grouping->group == core::CostGroup::Prompt)
                    object["workspace"] = row.context.toStdString();
                if (grouping->group == core::CostGroup::Revision)
                    object["prompt"] = row.context.toStdString();
            }
            object["calls"] = t.calls;
            // null when no call in the group had a known price: unknown, not $0.
            object["known_cost_usd"] = t.pricedCalls > 0 ? usdJson(t.knownUsd) : Json(nullptr);
            object["unknown_cost_calls"] = t.unknownCostCalls;
            object["unknown_cost_input_tokens"] = t.unknownInputTokens;
            object["unknown_cost_output_tokens"] = t.unknownOutputTokens;
            object["cached_calls"] = t.cachedCalls;
            object["cached_original_cost_usd"] = usdJson(t.cachedOriginalUsd);
            object["errors"] = t.errors;
            object["input_tokens"] = t.inputTokens;
            object["output_tokens"] = t.outputTokens;
            return object;
        };
        Json doc;
        doc["by"] = byValue.toStdString();
        doc["since"] = filter.since.isValid()
            ? Json(filter.since.toUTC().toString(Qt::ISODate).toStdString())
            : Json(nullptr);
        doc["rows"] = Json::array();
        for (const core::SpendRow &row : rows)
            doc["rows"].push_back(rowJson(row, true));
        doc["total"] = rowJson({ {}, {}, {}, total }, false);
        if (drawn) {
            Json values = Json::array();
            for (const auto &v : drawn->values)
                values.push_back(v ? usdJson(*v) : Json(nullptr));
            const Grouping *bucketName = nullptr;
            for (const Grouping &g : kGroupings) {
                if (g.bucket == drawn->bucket)
                    bucketName = &g;
            }
            doc["chart"] = { { "bucket", bucketName->name },
                { "from",
                    drawn->values.isEmpty()
                        ? Json(nullptr)
                        : Json(bucketKey(drawn->from, drawn->bucket).toStdString()) },
                { "known_cost_usd", values } };
        }
        if (budgetUsd) {
            doc["budget"]
                = { { "amount_usd", *budgetUsd }, { "known_cost_usd", usdJson(total.knownUsd) },
                      { "unknown_cost_calls", total.unknownCostCalls }, { "over", over },
                      { "over_by_usd", over ? usdJson(total.knownUsd - *budgetUsd) : Json(0) } };
        }
        context.out << QString::fromStdString(doc.dump(2)) << '\n';
        return over ? ExitCheckFailed : ExitOk;
    }

    if (rows.isEmpty()) {
        context.out << "No calls recorded" << (filter.since.isValid() ? " since then" : "")
                    << " (ledger: " << core::Ledger::defaultPath() << ")\n";
    } else {
        const QString header = grouping->bucket == core::TimeBucket::Week
            ? QStringLiteral("WEEK OF")
            : byValue.toUpper();
        qsizetype width = header.size();
        // The ledger is per user: the same prompt path may exist in several workspaces.
        QSet<QString> workspaces;
        for (const core::SpendRow &row : rows)
            workspaces.insert(row.context);
        const auto label = [&](const core::SpendRow &row) {
            QString key = row.key.isEmpty()
                ? (grouping->group == core::CostGroup::Prompt ? QStringLiteral("(no prompt)")
                                                              : QStringLiteral("(none)"))
                : row.key;
            if (grouping->group == core::CostGroup::Prompt && workspaces.size() > 1)
                key = (row.context.isEmpty() ? QStringLiteral("(no workspace)") : row.context)
                    + QStringLiteral(": ") + key;
            if (grouping->group == core::CostGroup::Revision)
                key = row.context + QLatin1Char('@') + key.left(12);
            return key;
        };
        for (const core::SpendRow &row : rows)
            width = std::max(width, label(row).size());
        width = std::min<qsizetype>(width, 60);
        const auto line = [&](const QString &key, const QString &calls, const QString &cost,
                              const QString &unknown, const QString &in, const QString &out) {
            context.out << key.leftJustified(width) << "  " << calls.rightJustified(6) << "  "
                        << cost.rightJustified(12) << "  " << unknown.rightJustified(8) << "  "
                        << in.rightJustified(12) << "  " << out.rightJustified(10) << '\n';
        };
        line(header, QStringLiteral("CALLS"), QStringLiteral("KNOWN COST"),
            QStringLiteral("UNPRICED"), QStringLiteral("IN TOKENS"), QStringLiteral("OUT TOKENS"));
        for (const core::SpendRow &row : rows) {
            const core::SpendTotals &t = row.totals;
            line(label(row), QString::number(t.calls), costText(t),
                QString::number(t.unknownCostCalls), QString::number(t.inputTokens),
                QString::number(t.outputTokens));
        }
        line(QStringLiteral("TOTAL"), QString::number(total.calls), costText(total),
            QString::number(total.unknownCostCalls), QString::number(total.inputTokens),
            QString::number(total.outputTokens));
        if (total.unknownCostCalls > 0) {
            context.out << '\n'
                        << total.unknownCostCalls
                        << (total.unknownCostCalls == 1 ? " call has" : " calls have")
                        << " no known price, so KNOWN COST leaves them out: their cost is "
                           "unknown, not $0.\nPrices for other models can be added under "
                           "'prices:' in promptsmith.yaml.\n";
        }
        if (total.cachedCalls > 0) {
            context.out << '\n'
                        << total.cachedCalls
                        << (total.cachedCalls == 1 ? " response-cache hit counts"
                                                   : " response-cache hits count")
                        << " as $0; the calls they repeat cost "
                        << formatUsd(total.cachedOriginalUsd) << " when they were made.\n";
        }
    }
    if (drawn && !drawn->values.isEmpty()) {
        const Grouping *bucketName = nullptr;
        for (const Grouping &g : kGroupings) {
            if (g.bucket == drawn->bucket)
                bucketName = &g;
        }
        const bool unicode = localeIsUtf8();
        context.out << "\nKnown spend per " << bucketName->name << ", "
                    << bucketKey(drawn->from, drawn->bucket) << " to "
                    << bucketKey(drawn->to, drawn->bucket) << " (highest "
                    << formatUsd(drawn->highest) << "; '?' = only calls of unknown cost):\n"
                    << (unicode ? QStringLiteral("│") : QStringLiteral("|"))
                    << sparkline(drawn->values, unicode)
                    << (unicode ? QStringLiteral("│") : QStringLiteral("|")) << '\n';
    }
    if (budgetUsd) {
        const double share = *budgetUsd > 0 ? total.knownUsd / *budgetUsd * 100.0 : 0;
        context.out << "\nBudget: " << formatUsd(total.knownUsd) << " of " << formatUsd(*budgetUsd);
        if (*budgetUsd > 0)
            context.out << " (" << QString::number(share, 'f', 1) << "%)";
        if (total.unknownCostCalls > 0)
            context.out << ", plus " << total.unknownCostCalls << " calls of unknown cost";
        context.out << '\n';
        if (over)
            context.out << "Over budget by " << formatUsd(total.knownUsd - *budgetUsd) << '\n';
    }
    return over ? ExitCheckFailed : ExitOk;
}

} // namespace psm::cli
