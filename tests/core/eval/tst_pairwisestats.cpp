// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Blind A/B maths: win rate with ties split, its Wilson interval, judgements still needed.
#include "core/eval/pairwisestats.h"

#include <QTest>

#include <cmath>

using namespace psm::core::eval;

class TestPairwiseStats : public QObject {
    Q_OBJECT

private slots:
    void tiesCountHalfAndTheIntervalIsWilsons()
    {
        // 7 wins, 2 losses, 1 tie: n = 10, rate = (7 + 1/2) / 10 = 0.75.
        // z = 1.959963984540054, z^2 = 3.8414588206941254
        // denominator = 1 + z^2/n = 1.38414588206941254
        // centre = (0.75 + z^2/(2n)) / denominator = (0.75 + 0.19207294103470627) / 1.384145882
        //        = 0.68061680003
        // half   = z * sqrt(0.75 * 0.25 / 10 + z^2 / 400) / denominator
        //        = 1.959963985 * sqrt(0.01875 + 0.00960364705) / 1.384145882 = 0.23843537576
        // interval = [0.44218142428, 0.91905217579]: it holds 0.5, not yet separated.
        // Needed: n > z^2 / (4 (0.75 - 0.5)^2) = 3.8414588 / 0.25 = 15.37, so n = 16: 6 more.
        const PairwiseStats s = pairwiseStats(7, 2, 1);
        QCOMPARE(s.judgements, 10);
        QCOMPARE(s.winRate, 0.75);
        QVERIFY(std::abs(s.interval.low - 0.44218142428) < 1e-9);
        QVERIFY(std::abs(s.interval.high - 0.91905217579) < 1e-9);
        QVERIFY(!s.separated());
        QCOMPARE(s.moreNeeded, std::optional<qint64>(6));
    }

    void losingSideNeedsItsOwnCount()
    {
        // 1 win, 7 losses, 2 ties: rate = (1 + 2/2) / 10 = 0.2.
        // centre = (0.2 + 0.19207294103) / 1.38414588207 = 0.28325983996
        // half = 1.959963985 * sqrt(0.2 * 0.8 / 10 + 0.00960364705) / 1.38414588207
        //      = 1.959963985 * sqrt(0.02560364705) / 1.38414588207 = 0.22657768850
        // interval = [0.05668215145, 0.50983752846]: the top is just above 0.5.
        // Needed: n > 3.8414588 / (4 * 0.3^2) = 3.8414588 / 0.36 = 10.67, so n = 11: 1 more.
        const PairwiseStats s = pairwiseStats(1, 7, 2);
        QCOMPARE(s.winRate, 0.2);
        QVERIFY(std::abs(s.interval.low - 0.05668215145) < 1e-9);
        QVERIFY(std::abs(s.interval.high - 0.50983752846) < 1e-9);
        QCOMPARE(s.moreNeeded, std::optional<qint64>(1));
        // And at 11 judgements with the same rate (2.2 of 11) the interval does exclude 0.5,
        // while at 10 it did not: the count is the smallest.
        const Interval at11 = wilsonInterval(2.2, 11);
        QVERIFY2(at11.high < 0.5, qPrintable(QString::number(at11.high, 'g', 12)));
    }

    void allWinsSeparateAfterFour()
    {
        // 3 of 3: rate 1; low = n / (n + z^2) = 3 / 6.8414588 = 0.43850296824, below 0.5.
        // Needed: n > z^2 / (4 * 0.25) = 3.84, so n = 4 (low = 4 / 7.8414588 = 0.5101), 1 more.
        const PairwiseStats s = pairwiseStats(3, 0, 0);
        QVERIFY(std::abs(s.interval.low - 0.43850296824) < 1e-9);
        QCOMPARE(s.interval.high, 1.0);
        QCOMPARE(s.moreNeeded, std::optional<qint64>(1));
        const PairwiseStats four = pairwiseStats(4, 0, 0);
        QVERIFY(four.separated());
        QCOMPARE(four.moreNeeded, std::optional<qint64>(0));
    }

    void evenRateCannotSeparate()
    {
        const PairwiseStats even = pairwiseStats(4, 4, 2); // (4 + 1) / 10 = 0.5 exactly
        QCOMPARE(even.winRate, 0.5);
        QCOMPARE(even.moreNeeded, std::nullopt);
        const PairwiseStats tiesOnly = pairwiseStats(0, 0, 3);
        QCOMPARE(tiesOnly.winRate, 0.5);
        QCOMPARE(tiesOnly.moreNeeded, std::nullopt);
        const PairwiseStats none = pairwiseStats(0, 0, 0);
        QCOMPARE(none.judgements, 0);
        QCOMPARE(none.moreNeeded, std::nullopt);
        QVERIFY(!none.separated());
    }

    void countNearEvenIsLargeButFinite()
    {
        // rate 0.51: n > 3.8414588 / (4 * 0.0001) = 9603.65, so 9604.
        QCOMPARE(judgementsToSeparate(0.51), std::optional<qint64>(9604));
        QCOMPARE(judgementsToSeparate(0.49), std::optional<qint64>(9604));
    }
};

QTEST_APPLESS_MAIN(TestPairwiseStats)
#include "tst_pairwisestats.moc"
