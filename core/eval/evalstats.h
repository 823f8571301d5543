// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

// The maths over eval results: pass rates with confidence intervals, flips across repeats,
// and the baseline-vs-candidate comparison the commit gate shows. Pure values and functions.
namespace psm::core::eval {

struct PassRate {
    int passed = 0;
    int total = 0;
    double rate = 0.0; // passed / total; 0 when total is 0
    double low = 0.0; // 95% Wilson score interval
    double high = 0.0;
};

// Wilson's interval rather than the normal approximation: it stays inside [0, 1] and is not
// zero-width at 0/n or n/n, which is what small repeat counts produce.
PassRate passRate(int passed, int total, double z = 1.959963984540054);

enum class Outcome {
    Pass, // passed in every repeat
    Fail, // failed in every repeat
    Flip, // passed in some repeats and failed in others: not a pass
    NoResult, // no repeat gave a verdict (all cancelled or failed to run): never a pass
};

// The outcome of one test in one column over its repeats.
Outcome outcomeOf(const QList<bool> &repeats);

// One column's results: test key -> pass/fail per repeat. The key identifies the test case
// (eval file, test index, vars) so the same test lines up across revisions.
using ColumnResults = QMap<QString, QList<bool>>;

// Pass rate over every run in the column (each repeat counts).
PassRate columnPassRate(const ColumnResults &column);

struct Comparison {
    QStringList regressions; // passed in the baseline, fails now
    QStringList improvements; // failed in the baseline, passes now
    QStringList flips; // mixed in the candidate's repeats, or newly mixed
    QStringList unchanged; // same stable outcome
    QStringList added; // only in the candidate
    QStringList removed; // only in the baseline
    QStringList unrun; // no verdict on one side or both: neither a regression nor a pass
};

// Baseline vs candidate per test key. A candidate that flips is listed as a flip whatever the
// baseline did: a gate must not count it as a pass or hide it as unchanged. A baseline flip
// resolved into a stable pass is an improvement, into a stable fail a regression.
Comparison compareResults(const ColumnResults &baseline, const ColumnResults &candidate);

} // namespace psm::core::eval
