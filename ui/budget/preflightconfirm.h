// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"
#include "run/costestimate.h"
#include "run/runengine.h"

#include <QDialog>
#include <QList>

class QWidget;

namespace psm::ui {

// A set of engine runs' pre-flight estimate, with the output-token range the cost range
// stands on.
struct PreflightEstimate {
    run::RunCostEstimate cost;
    qint64 lowOutputTokens = 0; // of the calls that will be sent
    qint64 highOutputTokens = 0;
    double thresholdUsd = 0; // budgets.confirm_above_usd (workspace or user), else the default
    bool asks() const { return cost.highUsd > thresholdUsd; }
};

// Plans the specs with `engine`, takes earlier output sizes and cache hits from the ledger at
// `ledgerPath` (none when there is no file), and the threshold from the first spec's
// promptsmith.yaml and the user's budgets.yaml. Calls nothing.
core::Result<PreflightEstimate> estimatePreflight(const run::RunEngine &engine,
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

// Before a run that costs: true to go ahead. Asks (modal) only when the estimate's upper bound
// is above the threshold; Cancel is false. A spec that does not plan is true (the run reports
// the same error where the caller shows run errors); a ledger that cannot be read asks whether
// to run without an estimate. For any window that starts runs.
bool confirmRunCost(QWidget *parent, const run::RunEngine &engine, const QList<run::RunSpec> &specs,
    const QString &ledgerPath = {}, const QString &userBudgetsPath = {});

} // namespace psm::ui
