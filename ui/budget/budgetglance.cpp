// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/budget/budgetglance.h"

#include "core/ledger/budget.h"
#include "core/ledger/costquery.h"
#include "core/ledger/ledger.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace psm::ui {

QString formatGlanceUsd(double usd)
{
    // A spend too small for four decimals is still a spend: "$0.0000" would read as nothing.
    if (usd > 0 && usd < 0.00005)
        return QStringLiteral("< $0.0001");
    return QStringLiteral("$") + QString::number(usd, 'f', usd > 0 && usd < 0.01 ? 4 : 2);
}

QString BudgetGlance::text() const
{
    QString out = period + QLatin1Char(' ') + formatGlanceUsd(spentUsd);
    if (limitUsd)
        out += QStringLiteral(" / ") + formatGlanceUsd(*limitUsd);
    if (unpricedCalls > 0)
        out += QCoreApplication::translate("BudgetGlance", " +%1 unpriced").arg(unpricedCalls);
    return out;
}

QString BudgetGlance::toolTip() const
{
    QString out = budgetName.isEmpty()
        ? QCoreApplication::translate(
            "BudgetGlance", "Spent today in every workspace; no budget set")
        : QCoreApplication::translate("BudgetGlance", "Spent against %1").arg(budgetName);
    if (level == Level::Over)
        out += QCoreApplication::translate("BudgetGlance", " — over the limit");
    if (unpricedCalls > 0)
        out += QCoreApplication::translate("BudgetGlance",
            "\n%n call(s) of unknown price are not in the amount", nullptr, int(unpricedCalls));
    return out;
}

namespace {

struct Candidate {
    QString name;
    core::Budget budget;
};

} // namespace

core::Result<BudgetGlance> readBudgetGlance(const QString &ledgerPath, const QString &workspace,
    const core::BudgetSettings &workspaceBudgets, const core::BudgetSettings &userBudgets,
    const QDateTime &now, const QTimeZone &zone)
{
    using Period = core::Budget::Period;
    const auto candidates = [&](Period period) {
        QList<Candidate> out;
        const auto add
            = [&](const std::optional<double> &limit, const QString &name, const QString &scope) {
                  if (limit)
                      out.append({ name, core::Budget { period, *limit, scope, {} } });
              };
        const bool day = period == Period::Day;
        if (!workspace.isEmpty())
            add(day ? workspaceBudgets.dailyUsd : workspaceBudgets.monthlyUsd,
                day ? QStringLiteral("the workspace's daily budget")
                    : QStringLiteral("the workspace's monthly budget"),
                workspace);
        add(day ? userBudgets.dailyUsd : userBudgets.monthlyUsd,
            day ? QStringLiteral("the user's daily budget")
                : QStringLiteral("the user's monthly budget"),
            {});
        return out;
    };
    QList<Candidate> shown = candidates(Period::Day);
    Period period = Period::Day;
    if (shown.isEmpty()) {
        shown = candidates(Period::Month);
        period = shown.isEmpty() ? Period::Day : Period::Month;
    }

    BudgetGlance glance;
    glance.period = period == Period::Day ? QCoreApplication::translate("BudgetGlance", "Today")
                                          : QCoreApplication::translate("BudgetGlance", "Month");
    std::optional<core::Ledger> ledger;
    if (QFileInfo::exists(ledgerPath)) {
        // Read-only, as the dashboard reads: this runs every minute, and Ledger::open on a fresh
        // connection would run a whole-file quick_check (seconds on a large ledger) and could
        // migrate the file from a status-bar refresh.
        auto opened = core::Ledger::openReadOnly(ledgerPath, core::kCostQuerySchema);
        if (opened)
            ledger = std::move(*opened);
        else if (opened.error().code != core::ErrorCode::NotFound) // NotFound: still empty
            return tl::unexpected(opened.error());
    }
    if (shown.isEmpty()) {
        if (!ledger)
            return glance;
        core::CostFilter filter;
        const core::BudgetWindow day = core::budgetWindow(Period::Day, now, zone);
        filter.since = day.from;
        filter.until = day.until;
        const auto total = core::CostQuery(*ledger).total(filter);
        if (!total)
            return tl::unexpected(total.error());
        glance.spentUsd = total->knownUsd;
        glance.unpricedCalls = total->unknownCostCalls;
        return glance;
    }
    double worstShare = -1;
    for (const Candidate &c : shown) {
        core::BudgetStatus status { c.budget.limitUsd, 0, 0, {} };
        if (ledger) {
            auto read = core::budgetStatus(core::CostQuery(*ledger), c.budget, now, zone);
            if (!read)
                return tl::unexpected(read.error());
            status = *read;
        }
        // The share of the limit used; a $0 limit is full at once.
        const double share = status.limitUsd > 0 ? status.spentUsd / status.limitUsd
            : status.spentUsd > 0                ? 2.0
                                                 : 1.0;
        if (share <= worstShare)
            continue;
        worstShare = share;
        glance.budgetName = c.name;
        glance.spentUsd = status.spentUsd;
        glance.limitUsd = status.limitUsd;
        glance.unpricedCalls = status.unknownCostCalls;
        glance.level = status.spentUsd > status.limitUsd ? BudgetGlance::Level::Over
            : status.spentUsd > 0.8 * status.limitUsd    ? BudgetGlance::Level::Near
                                                         : BudgetGlance::Level::Fine;
    }
    return glance;
}

} // namespace psm::ui
