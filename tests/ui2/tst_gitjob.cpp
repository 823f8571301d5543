// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// An exception in a GitJob's task never reaches the GUI thread as QUnhandledException (which
// ends the app): a Result task gets it as an error value, any other task's `done` is skipped.
#include "ui/gitjob.h"

#include <QRegularExpression>
#include <QTest>

#include <atomic>
#include <stdexcept>

using namespace psm;

class TstGitJob final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void exceptionBecomesAnError()
    {
        QObject context;
        std::optional<core::Result<int>> got;
        ui::GitJob::run(
            &context, []() -> core::Result<int> { throw std::runtime_error("boom"); },
            [&](core::Result<int> result) { got = std::move(result); });
        QTRY_VERIFY(got.has_value());
        QVERIFY(!got->has_value());
        QCOMPARE(got->error().code, core::ErrorCode::Internal);
        QCOMPARE(got->error().detail, QStringLiteral("boom"));
    }

    void otherResultTypesSkipDone()
    {
        QObject context;
        bool called = false;
        std::atomic<bool> finished { false };
        QTest::ignoreMessage(
            QtCriticalMsg, QRegularExpression(QStringLiteral("^a background git task failed")));
        ui::GitJob::run(
            &context,
            [&]() -> int {
                finished = true;
                throw std::runtime_error("boom");
            },
            [&](int) { called = true; });
        QTRY_VERIFY(finished);
        QTest::qWait(100); // the finished handler has run by now
        QVERIFY(!called);
    }
};

QTEST_MAIN(TstGitJob)
#include "tst_gitjob.moc"
