// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/dashboard/dashboarddata.h"

#include "core/ledger/ledger.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>

#include <algorithm>
#include <future>
#include <map>
#include <vector>

namespace psm::ui {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("psm::ui::DashboardData", text);
}

core::Result<core::Ledger> openForReading(const QString &path)
{
    auto ledger = core::Ledger::openReadOnly(path, core::kCostQuerySchema);
    if (ledger || ledger.error().code != core::ErrorCode::Conflict)
        return ledger;
    core::Error e = ledger.error();
    e.message += tr(". Promptsmith upgrades it the next time it records a call; the dashboard "
                    "only reads.");
    return tl::unexpected(e);
}

int rangeDays(DashboardRange range)
{
    switch (range) {
    case DashboardRange::Last7Days:
        return 7;
    case DashboardRange::Last30Days:
        return 30;
    case DashboardRange::Last90Days:
        return 90;
    case DashboardRange::All:
        return 0;
    }
    return 0;
}

QString errorText(const core::Error &e)
{
    return e.detail.isEmpty() ? e.message : e.message + QStringLiteral("\n") + e.detail;
}

using GroupKey = std::pair<QString, QString>;

} // namespace

core::CostFilter dashboardFilter(const DashboardRequest &request)
{
    core::CostFilter filter;
    const int days = rangeDays(request.range);
    if (days > 0) {
        const QDateTime now
            = (request.now.isValid() ? request.now : QDateTime::currentDateTimeUtc());
        const QDate today = now.toTimeZone(request.zone).date();
        filter.since = QDateTime(today.addDays(1 - days), QTime(0, 0), request.zone);
    }
    return filter;
}

QDate nextBucketStart(QDate start, core::TimeBucket bucket)
{
    switch (bucket) {
    case core::TimeBucket::Month:
        return start.addMonths(1);
    case core::TimeBucket::Week:
        return start.addDays(7);
    default:
        return start.addDays(1);
    }
}

QString bucketLabel(QDate start, core::TimeBucket bucket)
{
    switch (bucket) {
    case core::TimeBucket::Month:
        return start.toString(QStringLiteral("yyyy-MM"));
    case core::TimeBucket::Week:
        return tr("wk %1").arg(start.toString(QStringLiteral("MM-dd")));
    default:
        return start.toString(QStringLiteral("MM-dd"));
    }
}

QString groupLabel(core::CostGroup group, const QString &key, const QString &context)
{
    switch (group) {
    case core::CostGroup::None:
        return tr("All calls");
    case core::CostGroup::Revision:
        if (key.isEmpty())
            return tr("%1 (no revision)").arg(context.isEmpty() ? tr("(no prompt)") : context);
        // Unsaved text is "sha256:<hex>": say so rather than show a hash.
        if (key.startsWith(QLatin1String("sha256:")))
            return tr("%1 @ unsaved %2").arg(context, key.mid(7, 7));
        return QStringLiteral("%1 @ %2").arg(context, key.left(10));
    case core::CostGroup::Prompt:
        if (key.isEmpty())
            return tr("(no prompt)");
        return context.isEmpty()
            ? key
            : QStringLiteral("%1 (%2)").arg(key, QFileInfo(context).fileName());
    case core::CostGroup::Run:
        return key.isEmpty() ? tr("(not in a grid or eval run)") : key;
    case core::CostGroup::Workspace:
        return key.isEmpty() ? tr("(no workspace)") : key;
    case core::CostGroup::Model:
        return key;
    }
    return key;
}

DashboardSnapshot loadDashboard(const DashboardRequest &request)
{
    QElapsedTimer clock;
    clock.start();
    DashboardSnapshot snap;
    snap.filter = dashboardFilter(request);
    if (!QFileInfo::exists(request.ledgerPath)) {
        snap.state = DashboardSnapshot::State::NoLedger;
        snap.message = tr("No calls recorded yet.\n\nEvery call you run from the Run panel, "
                          "the comparison grid, `promptsmith run` or `promptsmith eval` is "
                          "recorded in the ledger (%1) and its cost shows here.")
                           .arg(request.ledgerPath);
        return snap;
    }
    auto ledger = openForReading(request.ledgerPath);
    if (!ledger) {
        snap.message = tr("The ledger cannot be read.\n\n%1").arg(errorText(ledger.error()));
        return snap;
    }
    const core::CostQuery query(*ledger, request.zone);
    const auto fail = [&](const core::Error &e) {
        snap.state = DashboardSnapshot::State::Failed;
        snap.message = tr("The ledger cannot be read.\n\n%1").arg(errorText(e));
        return snap;
    };
    const auto total = query.total(snap.filter);
    if (!total)
        return fail(total.error());
    snap.totals = *total;
    if (snap.totals.calls == 0) {
        snap.state = DashboardSnapshot::State::Empty;
        snap.message = request.range == DashboardRange::All
            ? tr("The ledger holds no calls yet.\n\nRun a prompt (Run panel, grid or "
                 "`promptsmith run`) and its cost shows here.")
            : tr("No calls in this range.\n\nChoose a longer range, or \"All\".");
        return snap;
    }
    // Latency and errors on a second connection and thread while this one sums the series:
    // the two take about as long each, so the window waits for the slower, not their sum.
    std::future<core::Result<QList<core::ModelHealth>>> health
        = std::async(std::launch::async, [&request, filter = snap.filter] {
              auto own = openForReading(request.ledgerPath);
              if (!own)
                  return core::Result<QList<core::ModelHealth>>(tl::unexpected(own.error()));
              return core::CostQuery(*own, request.zone).healthByModel(filter);
          });
    const auto rows = query.spend(snap.filter, request.group, request.bucket);
    const auto models = health.get();
    if (!rows)
        return fail(rows.error());
    if (!models)
        return fail(models.error());
    snap.health = *models;

    // Every bucket from the range's first (or the first with a call) to today's.
    QDate first = rows->isEmpty() ? QDate() : rows->first().bucket;
    QDate last = first;
    for (const core::SpendRow &row : *rows)
        last = std::max(last, row.bucket);
    if (snap.filter.since.isValid())
        first = core::CostQuery::bucketStart(
            snap.filter.since.toTimeZone(request.zone).date(), request.bucket);
    const QDateTime now = request.now.isValid() ? request.now : QDateTime::currentDateTimeUtc();
    last = std::max(
        last, core::CostQuery::bucketStart(now.toTimeZone(request.zone).date(), request.bucket));
    QHash<QDate, int> bucketIndex;
    for (QDate d = first; d.isValid() && d <= last; d = nextBucketStart(d, request.bucket)) {
        bucketIndex.insert(d, int(snap.buckets.size()));
        snap.buckets.append(d);
    }
    const qsizetype n = snap.buckets.size();
    snap.unknownCostCalls.fill(0, n);

    // Series by their spend over the range (then calls), so the legend reads biggest first.
    // Ranked on their totals first: only the series drawn get a value per bucket, as a run or
    // revision grouping can have tens of thousands of groups.
    std::map<GroupKey, core::SpendTotals> totalsByGroup;
    for (const core::SpendRow &row : *rows) {
        totalsByGroup[{ row.key, row.context }].add(row.totals);
        if (const int i = bucketIndex.value(row.bucket, -1); i >= 0)
            snap.unknownCostCalls[i] += row.totals.unknownCostCalls;
    }
    std::vector<std::pair<GroupKey, core::SpendTotals>> ranked(
        totalsByGroup.begin(), totalsByGroup.end());
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto &a, const auto &b) {
        if (a.second.knownUsd != b.second.knownUsd)
            return a.second.knownUsd > b.second.knownUsd;
        return a.second.calls > b.second.calls;
    });
    const bool withOther = qsizetype(ranked.size()) > kMaxSeries;
    const qsizetype shown = withOther ? kMaxSeries - 1 : qsizetype(ranked.size());
    QHash<GroupKey, qsizetype> seriesOf;
    for (qsizetype g = 0; g < shown; ++g) {
        DashboardSeries series;
        series.key = ranked[g].first.first;
        series.context = ranked[g].first.second;
        series.label = groupLabel(request.group, series.key, series.context);
        series.totals = ranked[g].second;
        seriesOf.insert(ranked[g].first, g);
        snap.series.append(series);
    }
    if (withOther) {
        DashboardSeries other;
        other.other = true;
        other.label = tr("Other (%1 groups)").arg(qsizetype(ranked.size()) - shown);
        for (qsizetype g = shown; g < qsizetype(ranked.size()); ++g)
            other.totals.add(ranked[g].second);
        snap.series.append(other);
    }
    for (DashboardSeries &series : snap.series) {
        series.knownUsd.fill(0, n);
        series.tokens.fill(0, n);
        series.unknownCostCalls.fill(0, n);
    }
    for (const core::SpendRow &row : *rows) {
        const int i = bucketIndex.value(row.bucket, -1);
        if (i < 0)
            continue;
        DashboardSeries &series
            = snap.series[seriesOf.value({ row.key, row.context }, snap.series.size() - 1)];
        series.knownUsd[i] += row.totals.knownUsd;
        series.tokens[i] += row.totals.inputTokens + row.totals.outputTokens;
        series.unknownCostCalls[i] += row.totals.unknownCostCalls;
    }

    if (request.recompute) {
        snap.recomputed = true;
        const auto prices = request.prices
            ? request.prices()
            : core::Result<core::PriceTable>(core::PriceTable::bundled());
        if (!prices) {
            snap.repriceError = errorText(prices.error());
        } else {
            snap.currentPriceVersion = prices->version();
            const core::CostGroup by
                = request.group == core::CostGroup::None ? core::CostGroup::Model : request.group;
            const auto reprice = query.recomputeCosts(snap.filter, by, *prices);
            if (!reprice)
                snap.repriceError = errorText(reprice.error());
            else
                snap.reprice = *reprice;
        }
    }
    snap.state = DashboardSnapshot::State::Ready;
    snap.elapsedMs = clock.elapsed();
    return snap;
}

core::Result<QList<core::CostCall>> loadCalls(const QString &ledgerPath, const QTimeZone &zone,
    const core::CostFilter &filter, const core::CallSlice &slice, int limit)
{
    auto ledger = openForReading(ledgerPath);
    if (!ledger)
        return tl::unexpected(ledger.error());
    return core::CostQuery(*ledger, zone).calls(filter, slice, limit);
}

} // namespace psm::ui
