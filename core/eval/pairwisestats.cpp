// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/eval/pairwisestats.h"

#include <cmath>
#include <limits>

namespace psm::core::eval {

Interval wilsonInterval(double successes, qint64 n, double z)
{
    if (n <= 0)
        return {};
    const double nn = double(n);
    const double p = successes / nn;
    const double z2 = z * z;
    const double denominator = 1.0 + z2 / nn;
    const double centre = (p + z2 / (2.0 * nn)) / denominator;
    const double half
        = z * std::sqrt(std::max(0.0, p * (1.0 - p) / nn + z2 / (4.0 * nn * nn))) / denominator;
    return { std::max(0.0, centre - half), std::min(1.0, centre + half) };
}

std::optional<qint64> judgementsToSeparate(double rate, double z)
{
    if (!(rate >= 0.0 && rate <= 1.0) || rate == 0.5)
        return std::nullopt;
    // The Wilson interval is every pi with (rate - pi)^2 <= z^2 pi (1 - pi) / n, so 0.5 is
    // outside it exactly when (rate - 0.5)^2 > z^2 / (4 n), i.e. n > z^2 / (4 (rate - 0.5)^2).
    const double d = rate - 0.5;
    const double bound = z * z / (4.0 * d * d);
    if (bound >= double(std::numeric_limits<qint64>::max() / 2))
        return std::nullopt; // a rate a hair from 0.5: no count anyone could reach
    qint64 n = std::max<qint64>(1, qint64(std::floor(bound)) + 1);
    // Guard the closed form against rounding at the boundary with the interval itself.
    const auto excludes = [&](qint64 count) {
        const Interval i = wilsonInterval(rate * double(count), count, z);
        return i.low > 0.5 || i.high < 0.5;
    };
    while (n > 1 && excludes(n - 1))
        --n;
    while (!excludes(n))
        ++n;
    return n;
}

PairwiseStats pairwiseStats(int wins, int losses, int ties, double z)
{
    PairwiseStats s;
    s.wins = wins;
    s.losses = losses;
    s.ties = ties;
    s.judgements = wins + losses + ties;
    if (s.judgements <= 0)
        return s;
    const double successes = wins + ties / 2.0;
    s.winRate = successes / s.judgements;
    s.interval = wilsonInterval(successes, s.judgements, z);
    if (const auto total = judgementsToSeparate(s.winRate, z))
        s.moreNeeded = std::max<qint64>(0, *total - s.judgements);
    return s;
}

} // namespace psm::core::eval
