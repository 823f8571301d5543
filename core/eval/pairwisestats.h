// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QtGlobal>

#include <optional>

// The maths of blind pairwise (A/B) judgements: A's win rate with ties split, its Wilson
// interval, and how many more judgements would separate A from B at that rate. Pure functions.
namespace psm::core::eval {

inline constexpr double kZ95 = 1.959963984540054;

struct Interval {
    double low = 0.0;
    double high = 1.0;
};

// Wilson score interval for `successes` (may be fractional: a tie counts half) out of n > 0.
// n <= 0 gives [0, 1].
Interval wilsonInterval(double successes, qint64 n, double z = kZ95);

struct PairwiseStats {
    int wins = 0; // A preferred
    int losses = 0; // B preferred
    int ties = 0;
    int judgements = 0;
    double winRate = 0.5; // (wins + ties / 2) / judgements; 0.5 before any judgement
    Interval interval; // 95% Wilson on winRate
    // The smallest number of further judgements at the same rate after which the interval
    // excludes 0.5 (0 once it already does); nullopt when no rate can separate: no judgement
    // yet, or a rate of exactly 0.5.
    std::optional<qint64> moreNeeded;

    bool separated() const { return interval.low > 0.5 || interval.high < 0.5; }
};

PairwiseStats pairwiseStats(int wins, int losses, int ties, double z = kZ95);

// The smallest total count at which a rate `rate` has a Wilson interval excluding 0.5; nullopt
// for a rate of 0.5 (or outside [0, 1]).
std::optional<qint64> judgementsToSeparate(double rate, double z = kZ95);

} // namespace psm::core::eval
