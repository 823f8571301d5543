// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// CostQuery::calls: the click-through from a dashboard figure to the calls behind it.
#include "core/ledger/costquery.h"

#include "core/ledger/ledger.h"
#include "core/ledger/sqlitedatabase.h"

namespace psm::core {
namespace {

QString storedTime(const QDateTime &when)
{
    return when.isValid() ? when.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QString nullIfEmpty(const QString &text)
{
    return text.isEmpty() ? QString() : text;
}

// The slice's condition on ?7 (key) and ?8 (context), written as spend() groups, so a group's
// "" (no prompt, no run) selects the calls that have none.
QByteArray sliceCondition(CostGroup group)
{
    switch (group) {
    case CostGroup::None:
        return "1";
    case CostGroup::Model:
        return "c.provider || '/' || c.model = ?7";
    case CostGroup::Prompt:
        return "coalesce(c.prompt_path, '') = ?7 AND coalesce(c.workspace, '') = ?8";
    case CostGroup::Revision:
        return "coalesce(c.prompt_revision, '') = ?7 AND coalesce(c.prompt_path, '') = ?8";
    case CostGroup::Workspace:
        return "coalesce(c.workspace, '') = ?7";
    case CostGroup::Run:
        return "coalesce(c.run_id, '') = ?7";
    }
    return "1";
}

// Only the bounds that are set: "(?1 IS NULL OR started_at >= ?1)" would hide the range from
// the planner, which then walks every call of the ledger for a one-day click.
QByteArray timeCondition(const CostFilter &filter)
{
    QByteArray sql = "1"; // ?1 and ?2 may go unused: ?10, the highest, sets how many are bound
    if (filter.since.isValid())
        sql += " AND c.started_at >= ?1";
    if (filter.until.isValid())
        sql += " AND c.started_at < ?2";
    return sql;
}

std::optional<qint64> sumOfKnown(const SqliteStatement &s, int first, int count)
{
    std::optional<qint64> sum;
    for (int i = first; i < first + count; ++i) {
        if (const std::optional<qint64> v = s.optionalInt64(i))
            sum = sum.value_or(0) + *v;
    }
    return sum;
}

} // namespace

Result<QList<CostCall>> CostQuery::calls(
    const CostFilter &filter, const CallSlice &slice, int limit) const
{
    // The filter's model is "provider/model" and a model name may itself hold a '/', so it is
    // compared whole, as the slice's is.
    const QByteArray sql = R"sql(
SELECT c.id, c.started_at, c.provider || '/' || c.model, coalesce(c.workspace, ''),
    coalesce(c.prompt_path, ''), coalesce(c.prompt_revision, ''), coalesce(c.run_id, ''),
    c.input_tokens, c.cache_read_tokens, c.cache_write_tokens, c.output_tokens,
    c.reasoning_tokens, c.cost_usd, c.latency_ms, c.status, c.cached
FROM calls c
WHERE )sql"
        + timeCondition(filter) + R"sql(
  AND (?3 IS NULL OR c.workspace = ?3) AND (?4 IS NULL OR c.provider || '/' || c.model = ?4)
  AND (?5 IS NULL OR c.prompt_path = ?5) AND (?6 IS NULL OR c.run_id = ?6)
  AND (?9 = 0 OR c.cost_usd IS NULL) AND )sql"
        + sliceCondition(slice.group) + R"sql(
ORDER BY c.started_at DESC, c.id DESC LIMIT ?10)sql";
    auto stmt = m_ledger.m_db->prepare(sql.constData());
    if (!stmt)
        return tl::unexpected(stmt.error());
    const QString values[] = { storedTime(filter.since), storedTime(filter.until),
        nullIfEmpty(filter.workspace), nullIfEmpty(filter.model), nullIfEmpty(filter.promptPath),
        nullIfEmpty(filter.runId) };
    Status s;
    for (int i = 0; s && i < 6; ++i)
        s = stmt->bind(i + 1, values[i]);
    // Bound even when the conditions do not use them: ?10, the highest index, is always there.
    if (s)
        s = stmt->bind(7, slice.key);
    if (s)
        s = stmt->bind(8, slice.context);
    if (s)
        s = stmt->bind(9, qint64(slice.unknownCostOnly ? 1 : 0));
    if (s)
        s = stmt->bind(10, qint64(limit > 0 ? limit : -1));
    if (!s)
        return tl::unexpected(s.error());
    QList<CostCall> out;
    for (;;) {
        const Result<bool> row = stmt->step();
        if (!row)
            return tl::unexpected(row.error());
        if (!*row)
            return out;
        CostCall call;
        call.id = stmt->int64(0);
        call.startedAt = QDateTime::fromString(stmt->text(1), Qt::ISODateWithMs).toUTC();
        call.model = stmt->text(2);
        call.workspace = stmt->text(3);
        call.promptPath = stmt->text(4);
        call.promptRevision = stmt->text(5);
        call.runId = stmt->text(6);
        call.inputTokens = sumOfKnown(*stmt, 7, 3);
        call.outputTokens = sumOfKnown(*stmt, 10, 2);
        call.costUsd = stmt->optionalDouble(12);
        call.latencyMs = stmt->optionalInt64(13);
        call.status = stmt->text(14);
        call.cached = stmt->int64(15) != 0;
        out.append(call);
    }
}

} // namespace psm::core
