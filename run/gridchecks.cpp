// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "run/gridchecks.h"

#include "core/eval/assertions.h"
#include "run/requesthash.h"

#include <algorithm>

namespace psm::run {

std::optional<bool> checkSample(const core::eval::EvalTest &test, const GridSample &sample)
{
    if (test.asserts.isEmpty())
        return std::nullopt;
    if (sample.state != SampleState::Ok)
        return false;
    core::eval::Observation observation;
    observation.output = sample.text;
    if (sample.latencyMs)
        observation.latencyMs = double(*sample.latencyMs);
    observation.costUsd = sample.costUsd;
    observation.vars = test.vars;
    const core::eval::TestVerdict verdict
        = core::eval::evaluateTest(test.asserts, observation, test.threshold);
    if (verdict.pendingGrader)
        return std::nullopt;
    return verdict.pass && !verdict.error;
}

const core::eval::AssertionSpec *firstModelGraded(const core::eval::EvalSet &set)
{
    for (const core::eval::EvalTest &test : set.tests) {
        const auto graded = std::find_if(
            test.asserts.cbegin(), test.asserts.cend(), [](const core::eval::AssertionSpec &a) {
                return core::eval::assertionSupport(a.type)
                    == core::eval::AssertionSupport::ModelGraded;
            });
        if (graded != test.asserts.cend())
            return &*graded;
    }
    return nullptr;
}

bool rowsAreTests(const Grid &grid, const QList<core::eval::EvalTest> &tests)
{
    if (tests.isEmpty() || grid.rows() != int(tests.size()))
        return false;
    for (int row = 0; row < grid.rows(); ++row) {
        const QString hash = grid.rowInputHash(row);
        if (hash.isEmpty() || hash != inputHash(tests[row].vars))
            return false;
    }
    return true;
}

int applyChecks(Grid &grid, const QList<core::eval::EvalTest> &tests)
{
    int verdicts = 0;
    for (int row = 0; row < grid.rows() && row < int(tests.size()); ++row)
        for (int column = 0; column < grid.columns(); ++column)
            for (int repeat = 0; repeat < grid.shape().repeats; ++repeat) {
                GridSample &s = grid.sample(row, column, repeat);
                s.passed = s.finished() ? checkSample(tests[row], s) : std::nullopt;
                verdicts += s.passed.has_value();
            }
    return verdicts;
}

} // namespace psm::run
