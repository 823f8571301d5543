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

// Local buckets of UTC hours and days, cached: a query meets few distinct hours, many rows each.
class Buckets final {
public:
    Buckets(QTimeZone zone, TimeBucket bucket)
        : m_zone(std::move(zone))
        , m_bucket(bucket)
    {
    }
    bool none() const { return m_bucket == TimeBucket::None; }
    // The bucket of UTC hour `hod` of UTC day `day` ("YYYY-MM-DD").
    QDate ofHour(const QString &day, int hod)
    {
        if (none())
            return {};
        const QString text
            = day + QLatin1Char('T') + QString::number(hod).rightJustified(2, QLatin1Char('0'));
        auto found = m_cache.constFind(text);
        if (found == m_cache.cend()) {
            const QDateTime utc(
                QDate::fromString(day, Qt::ISODate), QTime(hod, 0), QTimeZone::utc());
            found = m_cache.insert(
                text, CostQuery::bucketStart(utc.toTimeZone(m_zone).date(), m_bucket));
        }
        return *found;
    }
    // A whole UTC day goes to the bucket of its noon; the hours it lends to a neighbour are
    // moved by the correction rows.
    QDate ofDay(const QString &day) { return ofHour(day, 12); }

    // UTC hours of day whose local day may differ from that of the day's noon, for every
    // offset the zone has between `from` and `to`.
    QList<int> lentHours(const QDateTime &from, const QDateTime &to) const
    {
        QList<int> offsets { m_zone.offsetFromUtc(from), m_zone.offsetFromUtc(to) };
        for (const QTimeZone::OffsetData &t : m_zone.transitions(from, to))
            offsets.append(t.offsetFromUtc);
        QList<int> hours;
        for (int h = 0; h < 24; ++h) {
            for (const int o : std::as_const(offsets)) {
                const auto dayOf
                    = [o](int hour) { return int(std::floor((hour * 3600.0 + o) / 86400.0)); };
                if (dayOf(h) != dayOf(12) && !hours.contains(h))
                    hours.append(h);
            }
        }
        return hours;
    }

private:
    QTimeZone m_zone;
    TimeBucket m_bucket;
    QHash<QString, QDate> m_cache;
};

SpendTotals negated(const SpendTotals &t)
{
    SpendTotals n;
    n.calls = -t.calls;
    n.errors = -t.errors;
    n.providerCalls = -t.providerCalls;
    n.pricedCalls = -t.pricedCalls;
    n.knownUsd = -t.knownUsd;
    n.unknownCostCalls = -t.unknownCostCalls;
    n.unknownInputTokens = -t.unknownInputTokens;
    n.unknownOutputTokens = -t.unknownOutputTokens;
    n.cachedCalls = -t.cachedCalls;
    n.cachedOriginalUsd = -t.cachedOriginalUsd;
    n.cachedOriginalUnknown = -t.cachedOriginalUnknown;
    n.inputTokens = -t.inputTokens;
    n.outputTokens = -t.outputTokens;
    n.latencyCalls = -t.latencyCalls;
    n.latencySumMs = -t.latencySumMs;
    return n;
}

constexpr const char *kSums = R"sql(sum(calls), sum(errors), sum(provider_calls),
    sum(priced_calls), total(cost_usd), sum(unknown_calls), sum(unknown_input_tokens),
    sum(unknown_output_tokens), sum(cached_calls), total(cached_original_usd),
    sum(cached_original_unknown), sum(input_tokens), sum(output_tokens), sum(latency_calls),
    sum(latency_sum_ms))sql";

constexpr const char *kRollupSums = R"sql(calls, errors, provider_calls, priced_calls,
    cost_usd, unknown_calls, unknown_input_tokens, unknown_output_tokens, cached_calls,
    cached_original_usd, cached_original_unknown, input_tokens, output_tokens, latency_calls,
    latency_sum_ms)sql";

// A view with at most one filter, grouped by that filter's dimension or by none, reads
// cost_rollup's rows of one dimension; `key`/`context` select the filtered value.
struct RollupPlan {
    const char *dim;
    QString key;
    QString context;
};

const char *dimensionName(CostGroup group)
{
    switch (group) {
    case CostGroup::None:
        return nullptr;
    case CostGroup::Model:
        return "model";
    case CostGroup::Prompt:
        return "prompt";
    case CostGroup::Revision:
        return "revision";
    case CostGroup::Workspace:
        return "workspace";
    case CostGroup::Run:
        return "run";
    }
    return nullptr;
}

std::optional<RollupPlan> rollupFor(const CostFilter &f, CostGroup group)
{
    const int filters = int(!f.workspace.isEmpty()) + int(!f.model.isEmpty())
        + int(!f.promptPath.isEmpty()) + int(!f.runId.isEmpty());
    const char *grouped = dimensionName(group);
    if (filters == 0)
        return RollupPlan { grouped ? grouped : "workspace", {}, {} };
    if (filters > 1)
        return std::nullopt;
    // A revision's context is its prompt path, a model's its workspace: one prompt's
    // revisions and one workspace's models are slices too.
    if (group == CostGroup::Revision && !f.promptPath.isEmpty())
        return RollupPlan { "revision", {}, f.promptPath };
    if (group == CostGroup::Model && !f.workspace.isEmpty())
        return RollupPlan { "model", {}, f.workspace };
    RollupPlan plan { nullptr, {}, {} };
    if (!f.workspace.isEmpty())
        plan = { "workspace", f.workspace, {} };
    else if (!f.model.isEmpty())
        plan = { "model", f.model, {} };
    else if (!f.promptPath.isEmpty())
        plan = { "prompt", f.promptPath, {} };
    else
        plan = { "run", f.runId, {} };
    if (grouped && qstrcmp(grouped, plan.dim) != 0)
        return std::nullopt;
    return plan;
}

std::pair<QByteArray, QByteArray> rawDimension(const char *dim)
{
    const QByteArray d(dim);
    if (d == "model")
        return { "c.provider || '/' || c.model", "coalesce(c.workspace, '')" };
    if (d == "prompt")
        return { "coalesce(c.prompt_path, '')", "coalesce(c.workspace, '')" };
    if (d == "revision")
        return { "coalesce(c.prompt_revision, '')", "coalesce(c.prompt_path, '')" };
    if (d == "workspace")
        return { "coalesce(c.workspace, '')", "''" };
    return { "coalesce(c.run_id, '')", "''" };
}

QDateTime earliest()
{
    return QDateTime(QDate(1990, 1, 1), QTime(0, 0), QTimeZone::utc());
}

QDateTime latest()
{
    return QDateTime::currentDateTimeUtc().addYears(2);
}

// Sums `rows` (kind, day, hod, key, context, sums...) into `merged`: kind 0 a whole UTC day,
// 1 an hour, 2 an hour the day lent to another bucket (moved there from the day's bucket).
Status mergeRows(SqliteStatement &stmt, CostGroup group, Buckets &buckets,
    std::map<SpendKey, SpendTotals> &merged)
{
    for (;;) {
        const Result<bool> row = stmt.step();
        if (!row)
            return tl::unexpected(row.error());
        if (!*row)
            return {};
        const qint64 kind = stmt.int64(0);
        const QString day = stmt.text(1);
        const int hod = int(stmt.int64(2));
        const QString key = group == CostGroup::None ? QString() : stmt.text(3);
        // Only prompts and revisions show their context; a model's workspace is for slicing.
        const QString context
            = group == CostGroup::Prompt || group == CostGroup::Revision ? stmt.text(4) : QString();
        const SpendTotals totals = readTotals(stmt, 5);
        if (kind == 0) {
            merged[{ buckets.ofDay(day), key, context }].add(totals);
        } else if (kind == 1) {
            merged[{ buckets.ofHour(day, hod), key, context }].add(totals);
        } else {
            const QDate from = buckets.ofDay(day);
            const QDate to = buckets.ofHour(day, hod);
            if (from != to) {
                merged[{ from, key, context }].add(negated(totals));
                merged[{ to, key, context }].add(totals);
            }
        }
    }
}

Status spendFromRollup(SqliteDatabase &db, const RollupPlan &plan, const CostFilter &filter,
    CostGroup group, Buckets &buckets, std::map<SpendKey, SpendTotals> &merged)
{
    const TimeSplit split = splitByHour(filter);
    // The summary's hours [hFrom, hTo) as whole UTC days plus the hours at either end.
    QString dayFrom; // inclusive
    QString dayTo; // exclusive
    QString beforeDay, afterDay;
    int beforeFrom = 0, afterTo = 0;
    QString hoursDay;
    int hoursFrom = 0, hoursTo = 0;
    if (split.summary) {
        const QDateTime from = split.hourFrom.isNull()
            ? QDateTime()
            : QDateTime::fromString(split.hourFrom + QStringLiteral(":00:00Z"), Qt::ISODate);
        const QDateTime to = split.hourTo.isNull()
            ? QDateTime()
            : QDateTime::fromString(split.hourTo + QStringLiteral(":00:00Z"), Qt::ISODate);
        if (from.isValid() && to.isValid() && from.date() == to.date()) {
            hoursDay = from.date().toString(Qt::ISODate);
            hoursFrom = from.time().hour();
            hoursTo = to.time().hour();
        } else {
            dayFrom = QStringLiteral("0000-00-00");
            dayTo = QStringLiteral("9999-99-99");
            if (from.isValid()) {
                dayFrom = from.date().addDays(from.time().hour() > 0 ? 1 : 0).toString(Qt::ISODate);
                if (from.time().hour() > 0) {
                    beforeDay = from.date().toString(Qt::ISODate);
                    beforeFrom = from.time().hour();
                }
            }
            if (to.isValid()) {
                dayTo = to.date().toString(Qt::ISODate);
                if (to.time().hour() > 0) {
                    afterDay = dayTo;
                    afterTo = to.time().hour();
                }
            }
        }
    }
    QByteArray lent;
    if (!buckets.none() && !dayFrom.isNull()) {
        const QList<int> hours
            = buckets.lentHours(filter.since.isValid() ? filter.since : earliest(),
                filter.until.isValid() ? filter.until : latest());
        for (const int h : hours)
            lent += (lent.isEmpty() ? "" : ", ") + QByteArray::number(h);
    }

    const QByteArray slice = " AND (?2 IS NULL OR key = ?2) AND (?3 IS NULL OR context = ?3)";
    // A rollup row is unique per (dim, hod, period, key, context): read as it is, no grouping.
    const QByteArray columns = QByteArray(" AS kind, period, hod, key, context, ") + kRollupSums
        + " FROM cost_rollup WHERE dim = ?1" + slice;
    QByteArray sql = "SELECT 0" + columns + " AND hod = -1 AND period >= ?4 AND period < ?5";
    // Hours as IN lists with the day fixed, so each is a seek on (dim, hod, period); only the
    // arms that exist: a range over hod alone would walk every hour row of the dimension.
    const auto hourArm = [&](const QString &day, int from, int to, int dayParameter) {
        if (day.isNull() || from >= to)
            return;
        QByteArray hods;
        for (int h = from; h < to; ++h)
            hods += (hods.isEmpty() ? "" : ", ") + QByteArray::number(h);
        sql += " UNION ALL SELECT 1" + columns + " AND hod IN (" + hods + ") AND period = ?"
            + QByteArray::number(dayParameter);
    };
    hourArm(beforeDay, beforeFrom, 24, 6);
    hourArm(afterDay, 0, afterTo, 8);
    hourArm(hoursDay, hoursFrom, hoursTo, 10);
    if (!lent.isEmpty()) {
        sql += " UNION ALL SELECT 2" + columns + " AND hod IN (" + lent
            + ") AND period >= ?4 AND period < ?5";
    }
    const auto [rawKey, rawContext] = rawDimension(plan.dim);
    for (int i = 0; i < 2; ++i) {
        if (split.rawFrom[i].isNull())
            continue;
        const QByteArray from = "?" + QByteArray::number(13 + 2 * i);
        const QByteArray to = "?" + QByteArray::number(14 + 2 * i);
        sql += " UNION ALL SELECT 1, substr(hour, 1, 10), CAST(substr(hour, 12, 2) AS INTEGER), "
               "rkey, rcontext, "
            + QByteArray(kSums) + " FROM (SELECT " + rawKey + " AS rkey, " + rawContext
            + " AS rcontext, " + kRawContribution + " FROM calls c WHERE c.started_at >= " + from
            + " AND c.started_at < " + to + ") WHERE (?2 IS NULL OR rkey = ?2)"
            + " AND (?3 IS NULL OR rcontext = ?3) GROUP BY 2, 3, 4, 5";
    }
    // Without buckets SQLite sums the days itself: far fewer rows reach mergeRows.
    if (buckets.none()) {
        sql = "SELECT 0, '', -1, key, context, " + QByteArray(kSums) + " FROM (" + sql
            + ") GROUP BY key, context";
    }
    auto stmt = db.prepare(sql.constData());
    if (!stmt)
        return tl::unexpected(stmt.error());
    Status s = stmt->bind(1, QString::fromLatin1(plan.dim));
    const auto text = [&](int index, const QString &value) {
        if (s)
            s = stmt->bind(index, value);
    };
    text(2, orNull(plan.key));
    text(3, orNull(plan.context));
    text(4, dayFrom);
    text(5, dayTo);
    // Only the parameters of arms that exist: SQLite refuses a bind past the highest one used.
    if (!beforeDay.isNull() && beforeFrom < 24)
        text(6, beforeDay);
    if (!afterDay.isNull() && afterTo > 0)
        text(8, afterDay);
    if (!hoursDay.isNull() && hoursFrom < hoursTo)
        text(10, hoursDay);
    for (int i = 0; i < 2; ++i) {
        if (!split.rawFrom[i].isNull()) {
            text(13 + 2 * i, split.rawFrom[i]);
            text(14 + 2 * i, split.rawTo[i]);
        }
    }
    if (!s)
        return s;
    return mergeRows(*stmt, group, buckets, merged);
}

// Several filters: cost_hours, where every dimension is a column.
Status spendFromHours(SqliteDatabase &db, const CostFilter &filter, CostGroup group,
    Buckets &buckets, std::map<SpendKey, SpendTotals> &merged)
{
    const TimeSplit split = splitByHour(filter);
    const auto [key, context] = groupColumns(group);
    const QByteArray hour = buckets.none() ? "''" : "hour";
    QByteArray sources = QByteArray("SELECT ") + kSummaryColumns + R"sql( FROM cost_hours
      WHERE ?1 AND (?2 IS NULL OR hour >= ?2) AND (?3 IS NULL OR hour < ?3))sql"
        + dimensionFilter("");
    // Only the edge ranges that exist: a condition on NULL parameters would scan every call.
    for (int i = 0; i < 2; ++i) {
        if (split.rawFrom[i].isNull())
            continue;
        sources += "\n UNION ALL SELECT " + QByteArray(kRawContribution)
            + " FROM calls c WHERE c.started_at >= ?" + QByteArray::number(4 + 2 * i)
            + " AND c.started_at < ?" + QByteArray::number(5 + 2 * i) + dimensionFilter("c.");
    }
    const QByteArray sql = "SELECT 1, substr(" + hour + ", 1, 10), CAST(substr(" + hour
        + ", 12, 2) AS INTEGER), " + key + ", " + context + ", " + kSums + " FROM (" + sources
        + ") GROUP BY 2, 3, 4, 5";
    auto stmt = db.prepare(sql.constData());
    if (!stmt)
        return tl::unexpected(stmt.error());
    if (Status s = bindCommon(*stmt, split, filter); !s)
        return s;
    return mergeRows(*stmt, group, buckets, merged);
}

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
    SqliteDatabase &db = *m_ledger.m_db;
    Buckets buckets(m_zone, bucket);
    std::map<SpendKey, SpendTotals> merged;
    const Status read = [&]() -> Status {
        if (const std::optional<RollupPlan> plan = rollupFor(filter, group))
            return spendFromRollup(db, *plan, filter, group, buckets, merged);
        return spendFromHours(db, filter, group, buckets, merged);
    }();
    if (!read)
        return tl::unexpected(read.error());
    QList<SpendRow> rows;
    rows.reserve(qsizetype(merged.size()));
    for (const auto &[k, totals] : merged) {
        if (totals.calls != 0) // a bucket whose hours all moved to a neighbour
            rows.append({ std::get<0>(k), std::get<1>(k), std::get<2>(k), totals });
    }
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
