// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/ledger/costquery.h"

#include "core/ledger/ledger.h"
#include "core/ledger/pricetable.h"
#include "core/ledger/sqlitedatabase.h"

#include <QHash>

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace psm::core {
namespace {

QString stored(const QDateTime &when)
{
    return when.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime hourFloor(const QDateTime &when)
{
    const QDateTime utc = when.toUTC();
    return QDateTime(utc.date(), QTime(utc.time().hour(), 0), QTimeZone::utc());
}

// "YYYY-MM-DDTHH", as cost_hours.hour holds it.
QString hourKey(const QDateTime &hourStart)
{
    return hourStart.toString(QStringLiteral("yyyy-MM-ddTHH"));
}

QString orNull(const QString &text)
{
    return text.isEmpty() ? QString() : text;
}

// Which rows a filter reads: the whole UTC hours inside [since, until) from cost_hours, the
// partial hours at either edge from the calls themselves.
struct TimeSplit {
    bool summary = true;
    QString hourFrom; // inclusive; null: open
    QString hourTo; // exclusive; null: open
    QString rawFrom[2]; // [from, to) ranges of started_at; null: none
    QString rawTo[2];
};

TimeSplit splitByHour(const CostFilter &filter)
{
    TimeSplit split;
    QDateTime sinceCeil;
    QDateTime untilFloor;
    if (filter.since.isValid()) {
        sinceCeil = hourFloor(filter.since);
        if (sinceCeil < filter.since.toUTC())
            sinceCeil = sinceCeil.addSecs(3600);
    }
    if (filter.until.isValid())
        untilFloor = hourFloor(filter.until);
    if (sinceCeil.isValid() && untilFloor.isValid() && sinceCeil >= untilFloor) {
        split.summary = false;
        if (filter.since < filter.until) {
            split.rawFrom[0] = stored(filter.since);
            split.rawTo[0] = stored(filter.until);
        }
        return split;
    }
    if (sinceCeil.isValid()) {
        split.hourFrom = hourKey(sinceCeil);
        if (sinceCeil != filter.since.toUTC()) {
            split.rawFrom[0] = stored(filter.since);
            split.rawTo[0] = stored(sinceCeil);
        }
    }
    if (untilFloor.isValid()) {
        split.hourTo = hourKey(untilFloor);
        if (untilFloor != filter.until.toUTC()) {
            split.rawFrom[1] = stored(untilFloor);
            split.rawTo[1] = stored(filter.until);
        }
    }
    return split;
}

// One call's share of the sums, in cost_hours' column order; must match migration 7.
constexpr const char *kRawContribution = R"sql(
    substr(c.started_at, 1, 13) AS hour, coalesce(c.workspace, '') AS workspace,
    c.provider AS provider, c.model AS model, coalesce(c.prompt_path, '') AS prompt_path,
    coalesce(c.prompt_revision, '') AS prompt_revision, coalesce(c.run_id, '') AS run_id,
    1 AS calls, (c.status = 'error') AS errors,
    (c.status IN ('ok', 'error') AND c.cached = 0) AS provider_calls,
    (c.cost_usd IS NOT NULL) AS priced_calls, coalesce(c.cost_usd, 0) AS cost_usd,
    (c.cost_usd IS NULL) AS unknown_calls,
    iif(c.cost_usd IS NULL, coalesce(c.input_tokens, 0) + coalesce(c.cache_read_tokens, 0)
        + coalesce(c.cache_write_tokens, 0), 0) AS unknown_input_tokens,
    iif(c.cost_usd IS NULL, coalesce(c.output_tokens, 0) + coalesce(c.reasoning_tokens, 0), 0)
        AS unknown_output_tokens,
    c.cached AS cached_calls,
    iif(c.cached, coalesce((SELECT o.cost_usd FROM calls o WHERE o.id = c.cached_from), 0), 0)
        AS cached_original_usd,
    iif(c.cached AND (SELECT o.cost_usd FROM calls o WHERE o.id = c.cached_from) IS NULL, 1, 0)
        AS cached_original_unknown,
    coalesce(c.input_tokens, 0) + coalesce(c.cache_read_tokens, 0)
        + coalesce(c.cache_write_tokens, 0) AS input_tokens,
    coalesce(c.output_tokens, 0) + coalesce(c.reasoning_tokens, 0) AS output_tokens,
    (c.status = 'ok' AND c.cached = 0 AND c.latency_ms IS NOT NULL) AS latency_calls,
    iif(c.status = 'ok' AND c.cached = 0 AND c.latency_ms IS NOT NULL, c.latency_ms, 0)
        AS latency_sum_ms)sql";

constexpr const char *kSummaryColumns = R"sql(
    hour, workspace, provider, model, prompt_path, prompt_revision, run_id, calls, errors,
    provider_calls, priced_calls, cost_usd, unknown_calls, unknown_input_tokens,
    unknown_output_tokens, cached_calls, cached_original_usd, cached_original_unknown,
    input_tokens, output_tokens, latency_calls, latency_sum_ms)sql";

// Parameters ?8..?12; `prefix` is "" for cost_hours (whose columns hold '' for NULL) or "c.".
QByteArray dimensionFilter(const char *prefix)
{
    const QByteArray p(prefix);
    return " AND (?8 IS NULL OR " + p + "workspace = ?8) AND (?9 IS NULL OR " + p
        + "provider = ?9) AND (?10 IS NULL OR " + p + "model = ?10) AND (?11 IS NULL OR " + p
        + "prompt_path = ?11) AND (?12 IS NULL OR " + p + "run_id = ?12)";
}

// The raw calls' time condition: the edge ranges ?4..?7.
constexpr const char *kRawTime = "((c.started_at >= ?4 AND c.started_at < ?5) "
                                 "OR (c.started_at >= ?6 AND c.started_at < ?7))";

std::pair<const char *, const char *> groupColumns(CostGroup group)
{
    switch (group) {
    case CostGroup::None:
        return { "''", "''" };
    case CostGroup::Model:
        return { "provider || '/' || model", "''" };
    case CostGroup::Prompt:
        return { "prompt_path", "workspace" };
    case CostGroup::Revision:
        return { "prompt_revision", "prompt_path" };
    case CostGroup::Workspace:
        return { "workspace", "''" };
    case CostGroup::Run:
        return { "run_id", "''" };
    }
    return { "''", "''" };
}

QString modelProvider(const QString &model)
{
    return model.isEmpty() ? QString() : model.section(QLatin1Char('/'), 0, 0);
}

QString modelName(const QString &model)
{
    return model.isEmpty() ? QString() : model.section(QLatin1Char('/'), 1);
}

Status bindCommon(SqliteStatement &stmt, const TimeSplit &split, const CostFilter &filter)
{
    Status s = stmt.bind(1, qint64(split.summary ? 1 : 0));
    const QString values[] = { split.hourFrom, split.hourTo, split.rawFrom[0], split.rawTo[0],
        split.rawFrom[1], split.rawTo[1], orNull(filter.workspace), modelProvider(filter.model),
        modelName(filter.model), orNull(filter.promptPath), orNull(filter.runId) };
    int index = 2;
    for (const QString &value : values) {
        if (!s)
            return s;
        s = stmt.bind(index++, value);
    }
    return s;
}

SpendTotals readTotals(const SqliteStatement &s, int first)
{
    SpendTotals t;
    t.calls = s.int64(first);
    t.errors = s.int64(first + 1);
    t.providerCalls = s.int64(first + 2);
    t.pricedCalls = s.int64(first + 3);
    t.knownUsd = s.optionalDouble(first + 4).value_or(0);
    t.unknownCostCalls = s.int64(first + 5);
    t.unknownInputTokens = s.int64(first + 6);
    t.unknownOutputTokens = s.int64(first + 7);
    t.cachedCalls = s.int64(first + 8);
    t.cachedOriginalUsd = s.optionalDouble(first + 9).value_or(0);
    t.cachedOriginalUnknown = s.int64(first + 10);
    t.inputTokens = s.int64(first + 11);
    t.outputTokens = s.int64(first + 12);
    t.latencyCalls = s.int64(first + 13);
    t.latencySumMs = s.int64(first + 14);
    return t;
}

using SpendKey = std::tuple<QDate, QString, QString>;

} // namespace

void SpendTotals::add(const SpendTotals &o)
{
    calls += o.calls;
    errors += o.errors;
    providerCalls += o.providerCalls;
    pricedCalls += o.pricedCalls;
    knownUsd += o.knownUsd;
    unknownCostCalls += o.unknownCostCalls;
    unknownInputTokens += o.unknownInputTokens;
    unknownOutputTokens += o.unknownOutputTokens;
    cachedCalls += o.cachedCalls;
    cachedOriginalUsd += o.cachedOriginalUsd;
    cachedOriginalUnknown += o.cachedOriginalUnknown;
    inputTokens += o.inputTokens;
    outputTokens += o.outputTokens;
    latencyCalls += o.latencyCalls;
    latencySumMs += o.latencySumMs;
}

CostQuery::CostQuery(const Ledger &ledger, QTimeZone zone)
    : m_ledger(ledger)
    , m_zone(std::move(zone))
{
}

QDate CostQuery::bucketStart(QDate day, TimeBucket bucket)
{
    switch (bucket) {
    case TimeBucket::None:
        return {};
    case TimeBucket::Day:
        return day;
    case TimeBucket::Week:
        return day.addDays(1 - day.dayOfWeek());
    case TimeBucket::Month:
        return QDate(day.year(), day.month(), 1);
    }
    return {};
}

Result<QList<SpendRow>> CostQuery::spend(
    const CostFilter &filter, CostGroup group, TimeBucket bucket) const
{
    const auto [key, context] = groupColumns(group);
    const QByteArray hour = bucket == TimeBucket::None ? "''" : "hour";
    const QByteArray sql = "SELECT " + hour + ", " + key + ", " + context + R"sql(,
    sum(calls), sum(errors), sum(provider_calls), sum(priced_calls), total(cost_usd),
    sum(unknown_calls), sum(unknown_input_tokens), sum(unknown_output_tokens), sum(cached_calls),
    total(cached_original_usd), sum(cached_original_unknown), sum(input_tokens),
    sum(output_tokens), sum(latency_calls), sum(latency_sum_ms)
FROM (SELECT )sql"
        + kSummaryColumns + R"sql( FROM cost_hours
      WHERE ?1 AND (?2 IS NULL OR hour >= ?2) AND (?3 IS NULL OR hour < ?3))sql"
        + dimensionFilter("") + "\n      UNION ALL SELECT " + kRawContribution
        + " FROM calls c WHERE " + kRawTime + dimensionFilter("c.") + R"sql()
GROUP BY 1, 2, 3)sql";
    auto stmt = m_ledger.m_db->prepare(sql.constData());
    if (!stmt)
        return tl::unexpected(stmt.error());
    if (Status s = bindCommon(*stmt, splitByHour(filter), filter); !s)
        return tl::unexpected(s.error());

    // Local days of UTC hours: few distinct hours, many rows each.
    QHash<QString, QDate> dayOfHour;
    std::map<SpendKey, SpendTotals> merged;
    for (;;) {
        const Result<bool> row = stmt->step();
        if (!row)
            return tl::unexpected(row.error());
        if (!*row)
            break;
        QDate start;
        if (bucket != TimeBucket::None) {
            const QString hourText = stmt->text(0);
            auto found = dayOfHour.constFind(hourText);
            if (found == dayOfHour.cend()) {
                const QDateTime utc
                    = QDateTime::fromString(hourText + QStringLiteral(":00:00Z"), Qt::ISODate);
                found = dayOfHour.insert(hourText, utc.toTimeZone(m_zone).date());
            }
            start = bucketStart(*found, bucket);
        }
        merged[{ start, stmt->text(1), stmt->text(2) }].add(readTotals(*stmt, 3));
    }
    QList<SpendRow> rows;
    rows.reserve(qsizetype(merged.size()));
    for (const auto &[k, totals] : merged)
        rows.append({ std::get<0>(k), std::get<1>(k), std::get<2>(k), totals });
    return rows;
}

Result<SpendTotals> CostQuery::total(const CostFilter &filter) const
{
    const auto rows = spend(filter, CostGroup::None);
    if (!rows)
        return tl::unexpected(rows.error());
    SpendTotals sum;
    for (const SpendRow &row : *rows)
        sum.add(row.totals);
    return sum;
}

Result<QList<ModelHealth>> CostQuery::healthByModel(const CostFilter &filter) const
{
    const auto rows = spend(filter, CostGroup::Model);
    if (!rows)
        return tl::unexpected(rows.error());
    // The k-th slowest call, read from the top of calls_latency: only the slowest 5% of the
    // model's calls are walked.
    const QByteArray sql = R"sql(
SELECT c.latency_ms FROM calls c
WHERE c.provider = ?9 AND c.model = ?10 AND c.status = 'ok' AND c.cached = 0
  AND c.latency_ms IS NOT NULL AND (?2 IS NULL OR c.started_at >= ?2)
  AND (?3 IS NULL OR c.started_at < ?3) AND (?8 IS NULL OR c.workspace = ?8)
  AND (?11 IS NULL OR c.prompt_path = ?11) AND (?12 IS NULL OR c.run_id = ?12)
ORDER BY c.latency_ms DESC LIMIT 1 OFFSET ?1)sql";
    auto stmt = m_ledger.m_db->prepare(sql.constData());
    if (!stmt)
        return tl::unexpected(stmt.error());
    QList<ModelHealth> out;
    for (const SpendRow &row : *rows) {
        ModelHealth h;
        h.model = row.key;
        h.providerCalls = row.totals.providerCalls;
        h.errors = row.totals.errors;
        h.errorRate = h.providerCalls > 0 ? double(h.errors) / double(h.providerCalls) : 0;
        h.latencyCalls = row.totals.latencyCalls;
        if (h.latencyCalls > 0) {
            h.meanLatencyMs = double(row.totals.latencySumMs) / double(h.latencyCalls);
            const qint64 rank = qint64(std::ceil(0.95 * double(h.latencyCalls)));
            stmt->reset();
            const QString values[] = { filter.since.isValid() ? stored(filter.since) : QString(),
                filter.until.isValid() ? stored(filter.until) : QString(), {}, {}, {}, {},
                orNull(filter.workspace), modelProvider(row.key), modelName(row.key),
                orNull(filter.promptPath), orNull(filter.runId) };
            Status s = stmt->bind(1, h.latencyCalls - rank);
            for (int i = 0; s && i < 11; ++i)
                s = stmt->bind(i + 2, values[i]);
            if (!s)
                return tl::unexpected(s.error());
            const Result<bool> found = stmt->step();
            if (!found)
                return tl::unexpected(found.error());
            if (*found)
                h.p95LatencyMs = stmt->int64(0);
        }
        out.append(h);
    }
    return out;
}

Result<QList<RepriceRow>> CostQuery::recomputeCosts(
    const CostFilter &filter, CostGroup group, const PriceTable &today) const
{
    // Tiers price a whole call by its prompt size, so calls are summed only within a band
    // between two consecutive thresholds of the table: inside one band every model's tier is
    // fixed and the price of a sum is the sum of the prices.
    const QList<qint64> thresholds = today.tierThresholds();
    QByteArray band = "0";
    for (const qint64 t : thresholds) {
        band += " + (coalesce(c.input_tokens, 0) + coalesce(c.cache_read_tokens, 0) "
                "+ coalesce(c.cache_write_tokens, 0) > "
            + QByteArray::number(t) + ")";
    }
    auto [key, context] = groupColumns(group);
    const auto prefixed = [](const char *column) {
        const QByteArray c(column);
        if (c == "''")
            return c;
        if (c == "provider || '/' || model")
            return QByteArray("c.provider || '/' || c.model");
        return "coalesce(c." + c + ", '')";
    };
    const QByteArray sql = "SELECT " + prefixed(key) + ", " + prefixed(context) + ", c.provider, "
        + "c.model, " + band + R"sql(, c.cached,
    c.input_tokens IS NOT NULL AND c.output_tokens IS NOT NULL, count(*), total(c.cost_usd),
    count(c.cost_usd), total(c.input_tokens), total(c.cache_read_tokens),
    total(c.cache_write_tokens), total(c.output_tokens), total(c.reasoning_tokens),
    group_concat(DISTINCT c.price_version)
FROM calls c
WHERE (?2 IS NULL OR c.started_at >= ?2) AND (?3 IS NULL OR c.started_at < ?3) AND ?1)sql"
        + dimensionFilter("c.") + " GROUP BY 1, 2, 3, 4, 5, 6, 7";
    auto stmt = m_ledger.m_db->prepare(sql.constData());
    if (!stmt)
        return tl::unexpected(stmt.error());
    {
        const QString values[] = { filter.since.isValid() ? stored(filter.since) : QString(),
            filter.until.isValid() ? stored(filter.until) : QString(), {}, {}, {}, {},
            orNull(filter.workspace), modelProvider(filter.model), modelName(filter.model),
            orNull(filter.promptPath), orNull(filter.runId) };
        Status s = stmt->bind(1, qint64(1));
        for (int i = 0; s && i < 11; ++i)
            s = stmt->bind(i + 2, values[i]);
        if (!s)
            return tl::unexpected(s.error());
    }

    std::map<std::pair<QString, QString>, RepriceRow> merged;
    for (;;) {
        const Result<bool> next = stmt->step();
        if (!next)
            return tl::unexpected(next.error());
        if (!*next)
            break;
        RepriceRow &row = merged[{ stmt->text(0), stmt->text(1) }];
        const QString provider = stmt->text(2);
        const QString model = stmt->text(3);
        const qint64 bandIndex = stmt->int64(4);
        const bool cached = stmt->int64(5) != 0;
        const bool tokensKnown = stmt->int64(6) != 0;
        const qint64 calls = stmt->int64(7);
        const double recorded = stmt->optionalDouble(8).value_or(0);
        const qint64 recordedKnown = stmt->int64(9);
        for (const QString &version : stmt->text(15).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            if (!row.recordedPriceVersions.contains(version))
                row.recordedPriceVersions.append(version);
        }
        row.calls += calls;
        if (cached) {
            row.cachedCalls += calls;
            continue;
        }
        const std::optional<ModelPrice> price
            = tokensKnown ? today.find(provider, model) : std::nullopt;
        std::optional<double> now;
        if (price) {
            // The tier every call of this band is priced at: the last whose threshold lies at
            // or below the band's lower edge.
            ModelPrice flat;
            flat.base = price->base;
            for (const ModelPrice::Tier &tier : price->tiers) {
                if (bandIndex > 0 && tier.abovePromptTokens <= thresholds.at(bandIndex - 1)) {
                    const BucketPrices &t = tier.prices;
                    BucketPrices &b = flat.base;
                    b.input = t.input ? t.input : price->base.input;
                    b.output = t.output ? t.output : price->base.output;
                    b.cacheRead = t.cacheRead ? t.cacheRead : price->base.cacheRead;
                    b.cacheWrite = t.cacheWrite ? t.cacheWrite : price->base.cacheWrite;
                    b.reasoning = t.reasoning ? t.reasoning : price->base.reasoning;
                }
            }
            TokenUsage sum;
            sum.inputUncached = qint64(stmt->optionalDouble(10).value_or(0));
            sum.cacheRead = qint64(stmt->optionalDouble(11).value_or(0));
            sum.cacheWrite = qint64(stmt->optionalDouble(12).value_or(0));
            sum.output = qint64(stmt->optionalDouble(13).value_or(0));
            sum.reasoning = qint64(stmt->optionalDouble(14).value_or(0));
            now = PriceTable::costOf(flat, sum);
        }
        if (now) {
            row.repricedCalls += calls;
            row.recordedUsd += recorded;
            row.recordedUnknownCalls += calls - recordedKnown;
            row.nowUsd += *now;
        } else {
            row.notRepricedCalls += calls;
            row.notRepricedRecordedUsd += recorded;
        }
    }
    QList<RepriceRow> rows;
    for (auto &[k, row] : merged) {
        row.key = k.first;
        row.context = k.second;
        std::sort(row.recordedPriceVersions.begin(), row.recordedPriceVersions.end());
        rows.append(row);
    }
    return rows;
}

} // namespace psm::core
