// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"
#include "core/ledger/budget.h"
#include "run/runspec.h"

#include <QList>
#include <QString>

#include <optional>

namespace psm::core {
class Ledger;
class UserBudgets;
class WorkspaceSettings;
} // namespace psm::core

namespace psm::run {

// A budget a run is held to, with what the ledger had spent against it when the run started.
struct RunBudget {
    QString name; // as said to the user: "the per-run budget", "the workspace's monthly budget"
    core::Budget budget;
    core::BudgetStatus status;
};

// The budgets that apply to a run: a per-run one (the lower of RunSpec::budgetUsd and
// `budgets: per_run_usd`), the workspace's `daily_usd` and `monthly_usd` over its calls this
// local day and month, and the user's budgets.yaml (per run, and the day and month over the
// calls of every workspace). All of them hold, so the strictest decides.
QList<RunBudget> budgetsForRun(const RunSpec &spec, const core::WorkspaceSettings &settings,
    const core::UserBudgets &user, const QString &runId, const QString &workspace);

// Fills each budget's status from the ledger. Runs on the ledger thread.
core::Status readBudgetStatus(const core::Ledger &ledger, QList<RunBudget> &budgets);

// Why a call is not sent: the budget it would cross and by how much.
struct BudgetStop {
    QString name;
    double limitUsd = 0;
    double spentUsd = 0; // before the run plus this run's calls, in flight at their estimate
    double callUsd = 0; // the call's estimate
    double overByUsd = 0;
    QString message(int unsentCalls) const;
};

// The budget that `callUsd` more would cross by the most (the strictest), given that this run has
// already spent or committed `runUsd` (counted in every budget: the run's calls are in each one's
// window).
std::optional<BudgetStop> budgetStop(
    const QList<RunBudget> &budgets, double runUsd, double callUsd);

} // namespace psm::run
