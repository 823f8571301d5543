// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// `promptsmith cost`: spend from the ledger grouped by model, prompt or day. Calls without a
// known price are counted apart and never added in as $0.
#include "app/cli/cmdsupport.h"
#include "app/cli/commands.h"
#include "app/cli/ledgercli.h"

#include <QCommandLineParser>
#include <QSet>

#include <nlohmann/json.hpp>

#include <cmath>

namespace psm::cli {
namespace {

using Json = nlohmann::ordered_json;

QString costText(const core::CostRow &row)
{
    const qint64 known = row.calls - row.unknownCostCalls;
    if (known == 0)
        return QStringLiteral("unknown");
    return formatUsd(row.knownUsd);
}

} // namespace

int cmdCost(CliContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Sum the cost of recorded calls. Calls whose model has no known price "
                       "are counted separately as unknown, never as $0. Days are UTC."));
    const QCommandLineOption by(QStringLiteral("by"),
        QStringLiteral("Group by model, prompt or day (default model)."),
        QStringLiteral("model|prompt|day"), QStringLiteral("model"));
    const QCommandLineOption since(QStringLiteral("since"),
        QStringLiteral("Only calls started at or after DATE "
                       "(YYYY-MM-DD or ISO 8601; UTC unless an offset "
                       "is given)."),
        QStringLiteral("DATE"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    parser.addOptions({ by, since, json });
    if (const auto stop = parseArguments(context, parser,
            QStringLiteral("promptsmith cost [--by model|prompt|day] [--since DATE] [--json]")))
        return *stop;
    if (!parser.positionalArguments().isEmpty())
        return context.usageError(QStringLiteral("cost takes no arguments, got '%1'")
                                      .arg(parser.positionalArguments().first()));

    const QString byValue = parser.value(by);
    core::CostGrouping grouping;
    if (byValue == QLatin1String("model"))
        grouping = core::CostGrouping::Model;
    else if (byValue == QLatin1String("prompt"))
        grouping = core::CostGrouping::Prompt;
    else if (byValue == QLatin1String("day"))
        grouping = core::CostGrouping::Day;
    else
        return context.usageError(
            QStringLiteral("--by: '%1' is not one of model, prompt, day").arg(byValue));
    QDateTime from;
    if (parser.isSet(since)) {
        from = parseSince(parser.value(since));
        if (!from.isValid())
            return context.usageError(QStringLiteral("--since: '%1' is not a date "
                                                     "(YYYY-MM-DD) or ISO 8601 date-time")
                                          .arg(parser.value(since)));
    }

    auto ledger = openLedgerIfPresent();
    if (!ledger)
        return context.report(ledger.error());
    QList<core::CostRow> rows;
    if (*ledger) {
        core::CallQuery filter;
        filter.since = from;
        auto found = (*ledger)->costBy(grouping, filter);
        if (!found)
            return context.report(found.error());
        rows = std::move(*found);
    }

    core::CostRow total;
    for (const core::CostRow &row : rows) {
        total.calls += row.calls;
        total.knownUsd += row.knownUsd;
        total.unknownCostCalls += row.unknownCostCalls;
        total.inputTokens += row.inputTokens;
        total.outputTokens += row.outputTokens;
    }

    if (parser.isSet(json)) {
        const auto rowJson = [&](const core::CostRow &row, const char *keyName) {
            Json object;
            if (keyName)
                object[keyName] = row.key.toStdString();
            if (grouping == core::CostGrouping::Prompt && keyName)
                object["workspace"] = row.workspace.toStdString();
            object["calls"] = row.calls;
            // null when no call in the group had a known price: unknown, not $0.
            // Rounded to nano-dollars so float sums print as 0.005028, not 0.0050279999999.
            object["known_cost_usd"] = row.calls > row.unknownCostCalls
                ? Json(std::round(row.knownUsd * 1e9) / 1e9)
                : Json(nullptr);
            object["unknown_cost_calls"] = row.unknownCostCalls;
            object["input_tokens"] = row.inputTokens;
            object["output_tokens"] = row.outputTokens;
            return object;
        };
        Json doc;
        doc["by"] = byValue.toStdString();
        doc["since"] = from.isValid() ? Json(from.toUTC().toString(Qt::ISODate).toStdString())
                                      : Json(nullptr);
        doc["rows"] = Json::array();
        for (const core::CostRow &row : rows)
            doc["rows"].push_back(rowJson(row, byValue.toUtf8().constData()));
        doc["total"] = rowJson(total, nullptr);
        context.out << QString::fromStdString(doc.dump(2)) << '\n';
        return ExitOk;
    }

    if (rows.isEmpty()) {
        context.out << "No calls recorded" << (from.isValid() ? " since then" : "")
                    << " (ledger: " << core::Ledger::defaultPath() << ")\n";
        return ExitOk;
    }
    const QString header
        = grouping == core::CostGrouping::Day ? QStringLiteral("DAY (UTC)") : byValue.toUpper();
    qsizetype width = header.size();
    // The ledger is per user: the same prompt path may exist in several workspaces.
    QSet<QString> workspaces;
    for (const core::CostRow &row : rows)
        workspaces.insert(row.workspace);
    const auto label = [&](const core::CostRow &row) {
        QString key = row.key.isEmpty() ? QStringLiteral("(no prompt)") : row.key;
        if (workspaces.size() > 1)
            key = (row.workspace.isEmpty() ? QStringLiteral("(no workspace)") : row.workspace)
                + QStringLiteral(": ") + key;
        return key;
    };
    for (const core::CostRow &row : rows)
        width = std::max(width, label(row).size());
    width = std::min<qsizetype>(width, 60);
    const auto line = [&](const QString &key, const QString &calls, const QString &cost,
                          const QString &unknown, const QString &in, const QString &out) {
        context.out << key.leftJustified(width) << "  " << calls.rightJustified(6) << "  "
                    << cost.rightJustified(12) << "  " << unknown.rightJustified(8) << "  "
                    << in.rightJustified(12) << "  " << out.rightJustified(10) << '\n';
    };
    line(header, QStringLiteral("CALLS"), QStringLiteral("KNOWN COST"), QStringLiteral("UNPRICED"),
        QStringLiteral("IN TOKENS"), QStringLiteral("OUT TOKENS"));
    for (const core::CostRow &row : rows) {
        line(label(row), QString::number(row.calls), costText(row),
            QString::number(row.unknownCostCalls), QString::number(row.inputTokens),
            QString::number(row.outputTokens));
    }
    line(QStringLiteral("TOTAL"), QString::number(total.calls), costText(total),
        QString::number(total.unknownCostCalls), QString::number(total.inputTokens),
        QString::number(total.outputTokens));
    if (total.unknownCostCalls > 0) {
        context.out << '\n'
                    << total.unknownCostCalls
                    << (total.unknownCostCalls == 1 ? " call has" : " calls have")
                    << " no known price, so KNOWN COST leaves them out: their cost is unknown, "
                       "not $0.\nPrices for other models can be added under 'prices:' in "
                       "promptsmith.yaml.\n";
    }
    return ExitOk;
}

} // namespace psm::cli
