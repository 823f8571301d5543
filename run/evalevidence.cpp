// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "run/evalevidence.h"

#include <QSet>

namespace psm::run {

core::eval::EvalEvidence evidenceOf(const EvalRunResult &result)
{
    core::eval::EvalEvidence evidence;
    evidence.runId = result.runId;
    QSet<QString> prompts;
    int candidates = 0;
    for (const EvalSetResult &set : result.sets)
        for (const EvalColumn &column : set.columns)
            if (!column.baseline) {
                prompts.insert(column.prompt);
                ++candidates;
            }
    for (const EvalSetResult &set : result.sets) {
        evidence.evalSets << set.file;
        for (const EvalColumn &column : set.columns) {
            if (column.baseline) {
                if (evidence.baseline.isEmpty())
                    evidence.baseline = column.revisionId;
                continue;
            }
            // A lone column needs no label; several are told apart by what differs.
            QString label;
            if (candidates > 1)
                label = prompts.size() > 1 ? column.prompt + QLatin1Char(' ') + column.model
                                           : column.model;
            evidence.pass.append({ label, column.passRate.passed, column.passRate.total });
        }
        for (const EvalComparison &c : set.comparisons) {
            evidence.regressions += int(c.comparison.regressions.size());
            evidence.improvements += int(c.comparison.improvements.size());
            evidence.flips += int(c.comparison.flips.size());
        }
    }
    evidence.evalSets.removeDuplicates();
    return evidence;
}

} // namespace psm::run
