// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "run/evalresult.h"

namespace psm::run {

using core::eval::Outcome;

QString EvalColumn::title() const
{
    return QStringLiteral("%1 @ %2 · %3").arg(prompt, revisionLabel, model);
}

core::eval::ColumnResults EvalColumn::results(const QList<EvalTestInfo> &tests) const
{
    core::eval::ColumnResults out;
    for (int t = 0; t < cells.size() && t < tests.size(); ++t) {
        QList<bool> verdicts;
        for (const EvalSample &s : cells[t].samples)
            if (s.hasVerdict())
                verdicts.append(s.status == EvalSampleStatus::Passed);
        out.insert(tests[t].key, verdicts);
    }
    return out;
}

void summarise(EvalSetResult &set)
{
    for (EvalColumn &column : set.columns) {
        column.inputTokens = column.outputTokens = 0;
        column.costUsd = 0.0;
        column.unknownCostCalls = column.cachedCalls = column.notRun = 0;
        const auto addCall
            = [&column](const core::TokenUsage &tokens, const std::optional<double> &cost) {
                  column.inputTokens += tokens.promptTokens();
                  column.outputTokens += tokens.output.value_or(0) + tokens.reasoning.value_or(0);
                  if (cost)
                      column.costUsd += *cost;
                  else
                      ++column.unknownCostCalls;
              };
        for (EvalCell &cell : column.cells) {
            QList<bool> verdicts;
            for (const EvalSample &s : cell.samples) {
                if (!s.hasVerdict()) {
                    ++column.notRun;
                    continue;
                }
                verdicts.append(s.status == EvalSampleStatus::Passed);
                addCall(s.tokens, s.costUsd);
                column.cachedCalls += s.cached ? 1 : 0;
                for (const EvalGrading &g : s.gradings)
                    if (g.error.isEmpty())
                        addCall(g.tokens, g.costUsd);
            }
            cell.outcome = core::eval::outcomeOf(verdicts);
        }
        column.passRate = core::eval::columnPassRate(column.results(set.tests));
    }
    set.comparisons.clear();
    for (int c = 0; c < set.columns.size(); ++c) {
        const EvalColumn &candidate = set.columns[c];
        if (candidate.baseline)
            continue;
        for (int b = 0; b < set.columns.size(); ++b) {
            const EvalColumn &baseline = set.columns[b];
            if (!baseline.baseline || baseline.prompt != candidate.prompt
                || baseline.model != candidate.model)
                continue;
            EvalComparison comparison;
            comparison.candidateColumn = c;
            comparison.baselineColumn = b;
            const auto base = baseline.results(set.tests);
            comparison.comparison = core::eval::compareResults(base, candidate.results(set.tests));
            for (const QString &key : comparison.comparison.flips)
                if (core::eval::outcomeOf(base.value(key)) == Outcome::Pass)
                    comparison.newFlips.append(key);
            set.comparisons.append(comparison);
        }
    }
}

bool EvalRunResult::allCandidatesPassed() const
{
    for (const EvalSetResult &set : sets)
        for (const EvalColumn &column : set.columns) {
            if (column.baseline)
                continue;
            for (const EvalCell &cell : column.cells)
                if (cell.outcome != Outcome::Pass)
                    return false;
        }
    return true;
}

int EvalRunResult::notRunCount() const
{
    int n = 0;
    for (const EvalSetResult &set : sets)
        for (const EvalColumn &column : set.columns)
            n += column.notRun;
    return n;
}

int EvalRunResult::regressionCount() const
{
    int n = 0;
    for (const EvalSetResult &set : sets)
        for (const EvalComparison &c : set.comparisons)
            n += int(c.comparison.regressions.size());
    return n;
}

int EvalRunResult::newFlipCount() const
{
    int n = 0;
    for (const EvalSetResult &set : sets)
        for (const EvalComparison &c : set.comparisons)
            n += int(c.newFlips.size());
    return n;
}

} // namespace psm::run
