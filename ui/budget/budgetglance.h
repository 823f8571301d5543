// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"
#include "core/settings/workspacesettings.h"

#include <QDateTime>
#include <QString>
#include <QTimeZone>

#include <optional>

namespace psm::ui {

// What the status bar says about spend: today's spend against a daily budget, else this
// month's against a monthly one, else just today's. Of several budgets of the period (the
// workspace's, the user's) the one nearest its limit is shown.
struct BudgetGlance {
    enum class Level { Fine, Near, Over }; // Near: above 80% of the limit
    QString period; // "Today" or "Month"
    QString budgetName; // "the workspace's daily budget", ...; empty without a budget
    double spentUsd = 0;
    std::optional<double> limitUsd;
    qint64 unpricedCalls = 0; // unknown cost: not in spentUsd
    Level level = Level::Fine;

    QString text() const; // "Today $0.42 / $5.00 +3 unpriced"
    QString toolTip() const;
};

// Reads the ledger at `ledgerPath` (no file: nothing spent). Any thread: opens its own handle.
// `workspace` scopes the workspace's budgets; the user's and the plain "today" count every
// workspace.
core::Result<BudgetGlance> readBudgetGlance(const QString &ledgerPath, const QString &workspace,
    const core::BudgetSettings &workspaceBudgets, const core::BudgetSettings &userBudgets,
    const QDateTime &now, const QTimeZone &zone);

// "$0.42"; below a cent with four decimals so a small spend does not read as nothing.
QString formatGlanceUsd(double usd);

} // namespace psm::ui
