// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "run/evalresult.h"

#include <QString>

// The commit gate's text: what an eval run found, for the dialog's details pane and summary.
namespace psm::ui {

// Per set: pass rate per prompt and model (working copy vs HEAD), regressions and new flips by
// test name with the failing assertion and reason, improvements, tests not run with why; then
// input tokens per call per prompt before and after, from the provider-reported usage of the
// two runs (grader calls left out); then the run's errors.
QString evalGateReport(const run::EvalRunResult &result);

// The first reason any test of the run has no verdict (a call's error); empty when none.
QString firstNotRunReason(const run::EvalRunResult &result);

// `reason`'s first line, cut to fit a one-line summary.
QString briefReason(const QString &reason);

} // namespace psm::ui
