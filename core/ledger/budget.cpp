// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/ledger/budget.h"

#include "core/ledger/costquery.h"

namespace psm::core {

BudgetWindow budgetWindow(Budget::Period period, const QDateTime &now, const QTimeZone &zone)
{
    if (period == Budget::Period::Run)
        return {};
    const QDate today = now.toTimeZone(zone).date();
    const QDate first
        = period == Budget::Period::Day ? today : QDate(today.year(), today.month(), 1);
    const QDate next = period == Budget::Period::Day ? first.addDays(1) : first.addMonths(1);
    // startOfDay: the first valid local instant, even where a DST change skips midnight.
    return { first.startOfDay(zone), next.startOfDay(zone) };
}

Result<BudgetStatus> budgetStatus(
    const CostQuery &query, const Budget &budget, const QDateTime &now, const QTimeZone &zone)
{
    BudgetStatus status;
    status.limitUsd = budget.limitUsd;
    CostFilter filter;
    if (budget.period == Budget::Period::Run) {
        if (budget.runId.isEmpty())
            return fail(ErrorCode::InvalidInput, QStringLiteral("A run budget needs a run id"));
        filter.runId = budget.runId;
    } else {
        status.window = budgetWindow(budget.period, now, zone);
        filter.since = status.window.from;
        filter.until = status.window.until;
        filter.workspace = budget.workspace;
    }
    const Result<SpendTotals> total = query.total(filter);
    if (!total)
        return tl::unexpected(total.error());
    status.spentUsd = total->knownUsd;
    status.unknownCostCalls = total->unknownCostCalls;
    return status;
}

BudgetCrossing wouldCross(const BudgetStatus &status, double estimatedUsd)
{
    BudgetCrossing crossing;
    crossing.spentAfterUsd = status.spentUsd + estimatedUsd;
    crossing.crosses = crossing.spentAfterUsd > status.limitUsd;
    if (crossing.crosses)
        crossing.overByUsd = crossing.spentAfterUsd - status.limitUsd;
    return crossing;
}

} // namespace psm::core
