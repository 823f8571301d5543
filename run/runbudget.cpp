// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "run/runbudget.h"

#include "core/ledger/costquery.h"
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
    const QString &runId, const QString &workspace)
{
    QList<RunBudget> out;
    std::optional<double> perRun = settings.budgets().perRunUsd;
    if (spec.budgetUsd)
        perRun = perRun ? std::min(*perRun, *spec.budgetUsd) : *spec.budgetUsd;
    if (perRun) {
        core::Budget b;
        b.period = core::Budget::Period::Run;
        b.limitUsd = *perRun;
        b.runId = runId;
        out.append({ QStringLiteral("the per-run budget"), b, { *perRun, 0, 0, {} } });
    }
    if (const auto monthly = settings.budgets().monthlyUsd) {
        core::Budget b;
        b.period = core::Budget::Period::Month;
        b.limitUsd = *monthly;
        b.workspace = workspace;
        out.append({ QStringLiteral("the workspace's monthly budget"), b, { *monthly, 0, 0, {} } });
    }
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
    for (const RunBudget &b : budgets) {
        core::BudgetStatus status = b.status;
        status.spentUsd += runUsd;
        const core::BudgetCrossing crossing = core::wouldCross(status, callUsd);
        if (crossing.crosses)
            return BudgetStop { b.name, status.limitUsd, status.spentUsd, callUsd,
                crossing.overByUsd };
    }
    return std::nullopt;
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
