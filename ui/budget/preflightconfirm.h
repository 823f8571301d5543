// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"
#include "run/costestimate.h"
#include "run/runengine.h"

#include <QDialog>
#include <QList>

#include <optional>

class QWidget;

namespace psm::ui {

// A set of engine runs' pre-flight estimate, with the output-token range the cost range
// stands on.
struct PreflightEstimate {
    run::RunCostEstimate cost;
    qint64 lowOutputTokens = 0; // of the calls that will be sent
    qint64 highOutputTokens = 0;
    double thresholdUsd = 0; // budgets.confirm_above_usd (workspace or user), else the default
    // Set when a spec did not plan: nothing is estimated, and the run, which plans the same
    // spec, reports the error where its window shows run errors.
    std::optional<core::Error> planError;
    bool asks() const { return !planError && cost.highUsd > thresholdUsd; }
};

// Plans the specs with `planner`, takes earlier output sizes and cache hits from the ledger at
// `ledgerPath` (none when there is no file yet), and the threshold from the first spec's
// promptsmith.yaml and the user's budgets.yaml. Calls nothing. Reads git, YAML and SQLite and
// opens its own read-only ledger connection: for a worker thread (PreflightCheck). An error
// is a ledger that cannot be read; a spec that does not plan is `planError`.
core::Result<PreflightEstimate> estimatePreflight(const run::RunEngine::PlanFunction &planner,
    const QList<run::RunSpec> &specs, const QString &ledgerPath = {},
    const QString &userBudgetsPath = {});

// The question itself: the calls, tokens, cost range and cache hits, Run or Cancel.
class PreflightDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreflightDialog)
public:
    explicit PreflightDialog(const PreflightEstimate &estimate, QWidget *parent = nullptr);
    ~PreflightDialog() override;
};

} // namespace psm::ui
