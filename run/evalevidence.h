// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/eval/evaltrailers.h"
#include "run/evalresult.h"

// The evidence a gated commit carries (core/eval/evaltrailers.h), taken from a finished eval
// run. Shared by the commit dialog and anything else that gates a commit on an eval run.
namespace psm::run {

// Pass counts per candidate column (labelled by model, and by prompt when several prompts ran),
// regressions, improvements and flips summed over every comparison, the baseline commit, the
// sets and the run id. `overriddenBy` is left empty: accepting regressions is the caller's call.
core::eval::EvalEvidence evidenceOf(const EvalRunResult &result);

} // namespace psm::run
