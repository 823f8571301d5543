// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "run/runbudget.h"

#include "core/ledger/costquery.h"
#include "core/settings/userbudgets.h"
#include "core/settings/workspacesettings.h"

#include <QDateTime>
#include <QTimeZone>

namespace psm::run {
namespace {

QString usd(double amount)
{
    return QStringLiteral("$") + QString::number(amount, 'f', 6);
}

} // namespace

QList<RunBudget> budgetsForRun(const RunSpec &spec, const core::WorkspaceSettings &settings,
    const core::UserBudgets &user, const QString &runId, const QString &workspace)
{
    QList<RunBudget> out;
    const auto add = [&](const QString &name, core::Budget::Period period, double limit,
                         const QString &scope) {
        core::Budget b;
        b.period = period;
        b.limitUsd = limit;
        if (period == core::Budget::Period::Run)
            b.runId = runId;
        else
            b.workspace = scope;
        out.append({ name, b, { limit, 0, 0, {} } });
    };
    std::optional<double> perRun = settings.budgets().perRunUsd;
    if (spec.budgetUsd)
        perRun = perRun ? std::min(*perRun, *spec.budgetUsd) : *spec.budgetUsd;
    if (perRun)
        add(QStringLiteral("the per-run budget"), core::Budget::Period::Run, *perRun, {});
    if (const auto daily = settings.budgets().dailyUsd)
        add(QStringLiteral("the workspace's daily budget"), core::Budget::Period::Day, *daily,
            workspace);
    if (const auto monthly = settings.budgets().monthlyUsd)
        add(QStringLiteral("the workspace's monthly budget"), core::Budget::Period::Month, *monthly,
            workspace);
    // The user's budgets count every workspace's calls: an empty scope.
    const QString where = QStringLiteral(" (%1)").arg(user.filePath());
    if (const auto perRunUser = user.budgets().perRunUsd)
        add(QStringLiteral("the user's per-run budget") + where, core::Budget::Period::Run,
            *perRunUser, {});
    if (const auto daily = user.budgets().dailyUsd)
        add(QStringLiteral("the user's daily budget") + where, core::Budget::Period::Day, *daily,
            {});
    if (const auto monthly = user.budgets().monthlyUsd)
        add(QStringLiteral("the user's monthly budget") + where, core::Budget::Period::Month,
            *monthly, {});
    return out;
}

core::Status readBudgetStatus(const core::Ledger &ledger, QList<RunBudget> &budgets)
{
    const core::CostQuery query(ledger);
    const QDateTime now = QDateTime::currentDateTime();
    for (RunBudget &b : budgets) {
        auto status = core::budgetStatus(query, b.budget, now, QTimeZone::systemTimeZone());
        if (!status)
            return tl::unexpected(status.error());
        b.status = *status;
    }
    return {};
}

std::optional<BudgetStop> budgetStop(const QList<RunBudget> &budgets, double runUsd, double callUsd)
{
    std::optional<BudgetStop> worst;
    for (const RunBudget &b : budgets) {
        core::BudgetStatus status = b.status;
        status.spentUsd += runUsd;
        const core::BudgetCrossing crossing = core::wouldCross(status, callUsd);
        if (crossing.crosses && (!worst || crossing.overByUsd > worst->overByUsd))
            worst = BudgetStop { b.name, status.limitUsd, status.spentUsd, callUsd,
                crossing.overByUsd };
    }
    return worst;
}

QString BudgetStop::message(int unsentCalls) const
{
    return QStringLiteral("stopped by %1: %2 spent of %3, and the next call (up to %4) would "
                          "cross it by %5; %6 call%7 not sent")
        .arg(name, usd(spentUsd), usd(limitUsd), usd(callUsd), usd(overByUsd))
        .arg(unsentCalls)
        .arg(unsentCalls == 1 ? QString() : QStringLiteral("s"));
}

} // namespace psm::run
