// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"
#include "run/grid.h"

namespace psm::core {
class Ledger;
}

namespace psm::run {

// Rebuilds a comparison grid from the ledger's call rows of one run, calling nothing: each
// row's `cell` ({"revision","model","params","input","repeat"}, written by RunEngine) places
// it; the shape is the largest index + 1 on each axis. A column takes its revision id,
// "provider/model" and parameters from its rows (the ledger keeps the request's parameters,
// not the --set text). Row inputs are not in the ledger; rows are known by their index and
// the inputHash() of their variables (Grid::rowInputHash; empty for older calls).
// Grader calls (purpose "grading") are not part of the grid. Samples never sent (cancelled
// before their call) have no row and stay Pending. A run with no rows, or rows without a
// cell, is a NotFound / InvalidInput error.
core::Result<Grid> gridFromLedger(const core::Ledger &ledger, const QString &runId);

} // namespace psm::run
