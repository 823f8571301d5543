// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Not a test of the product: a Qt Test whose outcome PSM_SKIPPROBE_MODE chooses, so that
// checkskips.cmake can run it under CTest and see how each kind of skip is reported.
#include <QTest>

class SkipProbe final : public QObject {
    Q_OBJECT

    static bool mode(const char *name) { return qgetenv("PSM_SKIPPROBE_MODE") == name; }

private slots:
    void initTestCase()
    {
        if (mode("skip-all"))
            QSKIP("skip-all: the whole test is skipped");
    }
    void plain()
    {
        if (mode("skip-functions"))
            QSKIP("skip-functions: every function skips");
        QCOMPARE(1 + 1, 2);
    }
    void rows_data()
    {
        QTest::addColumn<int>("row");
        QTest::newRow("first") << 1;
        QTest::newRow("second") << 2;
    }
    void rows()
    {
        QFETCH(int, row);
        if (mode("skip-functions") || (row == 2 && mode("skip-row"))
            || (row == 2 && mode("skip-row-and-fail")))
            QSKIP("a skipped row");
        if (mode("skip-row-and-fail"))
            QCOMPARE(row, 0);
        QVERIFY(row > 0);
    }
};

QTEST_GUILESS_MAIN(SkipProbe)
#include "skipprobe.moc"
