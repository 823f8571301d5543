// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/common/result.h"

#include <QTest>

using namespace psm::core;

class TestResult final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void errorText_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("detail");
        QTest::addColumn<QString>("expected");
        QTest::newRow("bare") << QString() << 0 << 0 << QString() << "bad";
        QTest::newRow("file") << "a.prompt" << 0 << 0 << QString() << "a.prompt: bad";
        QTest::newRow("line") << "a.prompt" << 3 << 0 << QString() << "a.prompt:3: bad";
        QTest::newRow("column") << "a.prompt" << 3 << 7 << QString() << "a.prompt:3:7: bad";
        QTest::newRow("detail") << QString() << 0 << 0 << "errno 2" << "bad (errno 2)";
    }
    void errorText()
    {
        QFETCH(QString, file);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, detail);
        QFETCH(QString, expected);
        const Result<int> r = failAt(ErrorCode::InvalidInput, QStringLiteral("bad"), file, line,
                                     column, detail);
        QVERIFY(!r.has_value());
        QCOMPARE(r.error().toString(), expected);
        QCOMPARE(r.error().code, ErrorCode::InvalidInput);
    }
};

QTEST_GUILESS_MAIN(TestResult)
#include "tst_result.moc"
