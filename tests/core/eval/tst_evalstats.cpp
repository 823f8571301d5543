// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Pass rates with Wilson intervals, flips across repeats, and baseline comparisons.
#include "core/eval/evalstats.h"

#include <QTest>

using namespace psm::core::eval;

Q_DECLARE_METATYPE(psm::core::eval::Outcome)

class TestEvalStats : public QObject {
    Q_OBJECT

private slots:
    void wilsonInterval_data()
    {
        QTest::addColumn<int>("passed");
        QTest::addColumn<int>("total");
        QTest::addColumn<double>("low");
        QTest::addColumn<double>("high");
        // Reference values from the closed form (z = 1.959964), e.g. R's prop.test without
        // continuity correction / statsmodels proportion_confint(method="wilson").
        QTest::newRow("8 of 10") << 8 << 10 << 0.4901625 << 0.9433178;
        QTest::newRow("0 of 10") << 0 << 10 << 0.0 << 0.2775328;
        QTest::newRow("10 of 10") << 10 << 10 << 0.7224672 << 1.0;
        QTest::newRow("1 of 2") << 1 << 2 << 0.0945312 << 0.9054688;
        QTest::newRow("50 of 100") << 50 << 100 << 0.4038315 << 0.5961685;
    }

    void wilsonInterval()
    {
        QFETCH(int, passed);
        QFETCH(int, total);
        QFETCH(double, low);
        QFETCH(double, high);
        const PassRate rate = passRate(passed, total);
        QCOMPARE(rate.rate, double(passed) / total);
        QVERIFY2(qAbs(rate.low - low) < 1e-6, qPrintable(QString::number(rate.low, 'f', 7)));
        QVERIFY2(qAbs(rate.high - high) < 1e-6, qPrintable(QString::number(rate.high, 'f', 7)));
    }

    void noRunsIsNoRate()
    {
        const PassRate rate = passRate(0, 0);
        QCOMPARE(rate.total, 0);
        QCOMPARE(rate.low, 0.0);
        QCOMPARE(rate.high, 0.0);
    }

    void outcomes_data()
    {
        QTest::addColumn<QList<bool>>("repeats");
        QTest::addColumn<Outcome>("outcome");
        QTest::newRow("single pass") << QList<bool> { true } << Outcome::Pass;
        QTest::newRow("all pass") << QList<bool> { true, true, true } << Outcome::Pass;
        QTest::newRow("all fail") << QList<bool> { false, false } << Outcome::Fail;
        QTest::newRow("one failure is a flip")
            << QList<bool> { true, true, false } << Outcome::Flip;
        QTest::newRow("one pass is a flip") << QList<bool> { false, true } << Outcome::Flip;
        QTest::newRow("no verdict is no pass") << QList<bool> {} << Outcome::NoResult;
    }

    void outcomes()
    {
        QFETCH(QList<bool>, repeats);
        QFETCH(Outcome, outcome);
        QCOMPARE(outcomeOf(repeats), outcome);
    }

    void columnRateCountsEveryRepeat()
    {
        const ColumnResults column { { QStringLiteral("a"), { true, true, false } },
            { QStringLiteral("b"), { true, true, true } } };
        const PassRate rate = columnPassRate(column);
        QCOMPARE(rate.passed, 5);
        QCOMPARE(rate.total, 6);
    }

    void comparison()
    {
        const ColumnResults baseline { { QStringLiteral("kept"), { true, true } },
            { QStringLiteral("broke"), { true, true } },
            { QStringLiteral("fixed"), { false, false } },
            { QStringLiteral("shaky"), { true, true } },
            { QStringLiteral("settled"), { true, false } }, { QStringLiteral("gone"), { true } },
            { QStringLiteral("settledBad"), { true, false } } };
        const ColumnResults candidate { { QStringLiteral("kept"), { true, true } },
            { QStringLiteral("broke"), { false, false } },
            { QStringLiteral("fixed"), { true, true } },
            { QStringLiteral("shaky"), { true, false } },
            { QStringLiteral("settled"), { true, true } }, { QStringLiteral("new"), { true } },
            { QStringLiteral("settledBad"), { false, false } } };
        const Comparison c = compareResults(baseline, candidate);
        QCOMPARE(c.unchanged, QStringList { QStringLiteral("kept") });
        QCOMPARE(
            c.regressions, QStringList({ QStringLiteral("broke"), QStringLiteral("settledBad") }));
        QCOMPARE(
            c.improvements, QStringList({ QStringLiteral("fixed"), QStringLiteral("settled") }));
        QCOMPARE(c.flips, QStringList { QStringLiteral("shaky") });
        QCOMPARE(c.added, QStringList { QStringLiteral("new") });
        QCOMPARE(c.removed, QStringList { QStringLiteral("gone") });
    }

    // Every sample cancelled or failed to run: not an improvement over a failing baseline, not
    // a regression from a passing one.
    void noVerdictIsUnrun()
    {
        const ColumnResults baseline { { QStringLiteral("was failing"), { false } },
            { QStringLiteral("never ran"), {} } };
        const ColumnResults candidate { { QStringLiteral("was failing"), {} },
            { QStringLiteral("never ran"), { true } } };
        const Comparison c = compareResults(baseline, candidate);
        QCOMPARE(c.unrun, QStringList({ QStringLiteral("never ran"), QStringLiteral("was failing") }));
        QVERIFY(c.improvements.isEmpty());
        QVERIFY(c.regressions.isEmpty());
    }

    void flipStaysAFlipEvenIfTheBaselineFlipped()
    {
        const ColumnResults both { { QStringLiteral("t"), { true, false } } };
        const Comparison c = compareResults(both, both);
        QCOMPARE(c.flips, QStringList { QStringLiteral("t") });
        QVERIFY(c.unchanged.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestEvalStats)
#include "tst_evalstats.moc"
