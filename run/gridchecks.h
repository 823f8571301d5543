// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/eval/evalset.h"
#include "run/grid.h"

#include <optional>

// An eval set's deterministic checks on the samples of a comparison grid whose rows are the
// set's tests: `promptsmith compare --eval` and the grid panel's eval-set rows. Model-graded
// checks are not run here (no grader calls); the eval runner runs those. Pure functions of
// their arguments, any thread.
namespace psm::run {

// The verdict of `test`'s assertions on one finished sample: nullopt when the test has no
// assertions, or some that need a grader; a failed or cancelled call fails.
std::optional<bool> checkSample(const core::eval::EvalTest &test, const GridSample &sample);

// The first model-graded assertion of the set (for a one-time "not graded here" note), or none.
const core::eval::AssertionSpec *firstModelGraded(const core::eval::EvalSet &set);

// Whether the grid's rows are `tests`, in order: as many rows as tests, and each row's
// recorded inputHash() equal to that of the test's vars. A row whose hash is unknown (a grid
// recorded before hashes were) does not match: no verdict is better than a wrong one.
bool rowsAreTests(const Grid &grid, const QList<core::eval::EvalTest> &tests);

// Sets GridSample::passed on every finished sample from its row's test (rowsAreTests must
// hold); pending samples keep none. Returns how many samples got a verdict.
int applyChecks(Grid &grid, const QList<core::eval::EvalTest> &tests);

} // namespace psm::run
