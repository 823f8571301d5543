// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/ledger/costsummarytriggers.h"

#include <QList>

#include <utility>

namespace psm::core {
namespace {

// A column and its SQL expression over one calls row, written with "@" for the row ("NEW" or
// "OLD"). The same expressions as schema 7's triggers and its backfill.
using Column = std::pair<QByteArray, QByteArray>;

// What a call adds to each summary row it counts in, in the tables' column order.
const QList<Column> &measures()
{
    static const QList<Column> list {
        { "calls", "1" },
        { "errors", "(@.status = 'error')" },
        { "provider_calls", "(@.status IN ('ok', 'error') AND @.cached = 0)" },
        { "priced_calls", "(@.cost_usd IS NOT NULL)" },
        { "cost_usd", "coalesce(@.cost_usd, 0)" },
        { "unknown_calls", "(@.cost_usd IS NULL)" },
        { "unknown_input_tokens",
            "iif(@.cost_usd IS NULL, coalesce(@.input_tokens, 0) + coalesce(@.cache_read_tokens, "
            "0) + coalesce(@.cache_write_tokens, 0), 0)" },
        { "unknown_output_tokens",
            "iif(@.cost_usd IS NULL, coalesce(@.output_tokens, 0) + coalesce(@.reasoning_tokens, "
            "0), 0)" },
        { "cached_calls", "@.cached" },
        { "cached_original_usd",
            "iif(@.cached, coalesce((SELECT o.cost_usd FROM calls o WHERE o.id = @.cached_from), "
            "0), 0)" },
        { "cached_original_unknown",
            "iif(@.cached AND (SELECT o.cost_usd FROM calls o WHERE o.id = @.cached_from) IS "
            "NULL, 1, 0)" },
        { "input_tokens",
            "(coalesce(@.input_tokens, 0) + coalesce(@.cache_read_tokens, 0) + "
            "coalesce(@.cache_write_tokens, 0))" },
        { "output_tokens", "(coalesce(@.output_tokens, 0) + coalesce(@.reasoning_tokens, 0))" },
        { "latency_calls", "(@.status = 'ok' AND @.cached = 0 AND @.latency_ms IS NOT NULL)" },
        { "latency_sum_ms",
            "iif(@.status = 'ok' AND @.cached = 0 AND @.latency_ms IS NOT NULL, @.latency_ms, "
            "0)" },
    };
    return list;
}

// One summary row a call counts in: its table and its primary key's columns and values.
struct SummaryRow {
    QByteArray table;
    QList<Column> key;
};

// The eleven rows: cost_hours' one, and cost_rollup's per dimension per hour of day and per day.
const QList<SummaryRow> &summaryRows()
{
    static const QList<SummaryRow> rows = [] {
        QList<SummaryRow> out;
        out.append({ "cost_hours",
            {
                { "hour", "substr(@.started_at, 1, 13)" },
                { "workspace", "coalesce(@.workspace, '')" },
                { "provider", "@.provider" },
                { "model", "@.model" },
                { "prompt_path", "coalesce(@.prompt_path, '')" },
                { "prompt_revision", "coalesce(@.prompt_revision, '')" },
                { "run_id", "coalesce(@.run_id, '')" },
            } });
        const QList<std::pair<QByteArray, Column>> dimensions {
            { "model", { "@.provider || '/' || @.model", "coalesce(@.workspace, '')" } },
            { "prompt", { "coalesce(@.prompt_path, '')", "coalesce(@.workspace, '')" } },
            { "revision", { "coalesce(@.prompt_revision, '')", "coalesce(@.prompt_path, '')" } },
            { "workspace", { "coalesce(@.workspace, '')", "''" } },
            { "run", { "coalesce(@.run_id, '')", "''" } },
        };
        for (const auto &[dim, keyAndContext] : dimensions) {
            for (const QByteArray hod :
                { QByteArray("CAST(substr(@.started_at, 12, 2) AS INTEGER)"), QByteArray("-1") }) {
                out.append({ "cost_rollup",
                    {
                        { "dim", "'" + dim + "'" },
                        { "hod", hod },
                        { "period", "substr(@.started_at, 1, 10)" },
                        { "key", keyAndContext.first },
                        { "context", keyAndContext.second },
                    } });
            }
        }
        return out;
    }();
    return rows;
}

QByteArray of(QByteArray expression, const char *row)
{
    return expression.replace('@', row);
}

QByteArray keyMatches(const SummaryRow &summary, const char *row)
{
    QByteArrayList terms;
    for (const auto &[column, expression] : summary.key)
        terms << column + " = " + of(expression, row);
    return terms.join(" AND ");
}

// The summary columns cover every key column of calls: cost_hours' key names them all.
QByteArray keysChanged()
{
    QByteArrayList terms;
    for (const auto &[column, expression] : summaryRows().first().key)
        terms << of(expression, "OLD") + " IS NOT " + of(expression, "NEW");
    return terms.join("\n    OR ");
}

} // namespace

QByteArray costSummaryTriggersV9()
{
    QByteArray sql = "DROP TRIGGER cost_summary_update;\nDROP TRIGGER cost_summary_delete;\n";

    sql += "CREATE TRIGGER calls_summary_keys_fixed BEFORE UPDATE OF started_at, workspace, "
           "provider, model, prompt_path, prompt_revision, run_id ON calls\nWHEN "
        + keysChanged()
        + "\nBEGIN\n    SELECT RAISE(ABORT, 'A ledger call''s start hour, workspace, provider, "
          "model, prompt, revision and run are fixed once recorded: the cost summaries are "
          "kept by them');\nEND;\n";

    // Keys unchanged, so every row is already counted (calls stays as it is) and no row can
    // fall to zero calls.
    sql += "CREATE TRIGGER cost_summary_update AFTER UPDATE ON calls BEGIN\n";
    for (const SummaryRow &summary : summaryRows()) {
        QByteArrayList sets;
        for (const auto &[column, expression] : measures().mid(1))
            sets << column + " = " + column + " + (" + of(expression, "NEW") + ") - ("
                    + of(expression, "OLD") + ")";
        sql += "    UPDATE " + summary.table + " SET " + sets.join(",\n        ") + "\n    WHERE "
            + keyMatches(summary, "NEW") + ";\n";
    }
    sql += "END;\n";

    sql += "CREATE TRIGGER cost_summary_delete AFTER DELETE ON calls BEGIN\n";
    for (const SummaryRow &summary : summaryRows()) {
        QByteArrayList sets;
        for (const auto &[column, expression] : measures())
            sets << column + " = " + column + " - (" + of(expression, "OLD") + ")";
        const QByteArray where = keyMatches(summary, "OLD");
        sql += "    UPDATE " + summary.table + " SET " + sets.join(",\n        ") + "\n    WHERE "
            + where + ";\n";
        sql += "    DELETE FROM " + summary.table + " WHERE " + where + " AND calls = 0;\n";
    }
    sql += "END;\n";
    return sql;
}

} // namespace psm::core
