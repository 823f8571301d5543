// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/eval/evalstats.h"

#include <algorithm>
#include <cmath>

namespace psm::core::eval {

PassRate passRate(int passed, int total, double z)
{
    PassRate result { passed, total, 0.0, 0.0, 0.0 };
    if (total <= 0)
        return result;
    const double n = total;
    const double p = double(passed) / n;
    const double z2 = z * z;
    const double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    const double half = z / (1 + z2 / n) * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
    result.rate = p;
    result.low = std::max(0.0, centre - half);
    result.high = std::min(1.0, centre + half);
    return result;
}

Outcome outcomeOf(const QList<bool> &repeats)
{
    if (repeats.isEmpty())
        return Outcome::NoResult;
    const auto passes = std::count(repeats.begin(), repeats.end(), true);
    if (passes == repeats.size())
        return Outcome::Pass;
    return passes == 0 ? Outcome::Fail : Outcome::Flip;
}

PassRate columnPassRate(const ColumnResults &column)
{
    int passed = 0;
    int total = 0;
    for (const QList<bool> &repeats : column) {
        passed += int(std::count(repeats.begin(), repeats.end(), true));
        total += int(repeats.size());
    }
    return passRate(passed, total);
}

Comparison compareResults(const ColumnResults &baseline, const ColumnResults &candidate)
{
    Comparison comparison;
    for (auto it = candidate.cbegin(); it != candidate.cend(); ++it) {
        const QString &key = it.key();
        if (!baseline.contains(key)) {
            comparison.added.append(key);
            continue;
        }
        const Outcome before = outcomeOf(baseline.value(key));
        const Outcome now = outcomeOf(it.value());
        if (before == Outcome::NoResult || now == Outcome::NoResult)
            comparison.unrun.append(key);
        else if (now == Outcome::Flip)
            comparison.flips.append(key);
        else if (now == before)
            comparison.unchanged.append(key);
        else if (now == Outcome::Fail)
            comparison.regressions.append(key);
        else
            comparison.improvements.append(key);
    }
    for (auto it = baseline.cbegin(); it != baseline.cend(); ++it) {
        if (!candidate.contains(it.key()))
            comparison.removed.append(it.key());
    }
    return comparison;
}

} // namespace psm::core::eval
