// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"

#include <QDateTime>
#include <QString>
#include <QTimeZone>

namespace psm::core {

class CostQuery;

// A spending limit: per workspace per local day or month, or per run.
struct Budget {
    enum class Period { Day, Month, Run };
    Period period = Period::Month;
    double limitUsd = 0;
    QString workspace; // Day, Month: the workspace whose calls count; empty: every workspace
    QString runId; // Run: the run whose calls count
};

// The local day or month holding `now`, as [from, until) instants.
struct BudgetWindow {
    QDateTime from;
    QDateTime until;
};
BudgetWindow budgetWindow(Budget::Period period, const QDateTime &now, const QTimeZone &zone);

// Spent so far in the budget's current period. Calls of unknown cost are counted apart: they
// may have cost something, but no amount can be charged against the limit for them.
struct BudgetStatus {
    double limitUsd = 0;
    double spentUsd = 0;
    qint64 unknownCostCalls = 0;
    BudgetWindow window; // invalid instants for a run budget
};
Result<BudgetStatus> budgetStatus(
    const CostQuery &query, const Budget &budget, const QDateTime &now, const QTimeZone &zone);

// Whether a call estimated at `estimatedUsd` would take the spend past the limit, and by how
// much. Reaching the limit exactly is not crossing it. Pure: the caller decides what to stop.
struct BudgetCrossing {
    bool crosses = false;
    double spentAfterUsd = 0;
    double overByUsd = 0; // 0 unless crosses
};
BudgetCrossing wouldCross(const BudgetStatus &status, double estimatedUsd);

} // namespace psm::core
