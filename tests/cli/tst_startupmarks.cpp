// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// The start-up marks bench_startup reads: with PSM_REPORT_FIRST_PAINT=1 the real window, run
// offscreen, reports its phases in order, ending with the painted workspace; without it, none.
#include "promptsmithprocess.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestStartupMarks final : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_home;
    QString m_workspace;

    QProcessEnvironment environment(bool report) const
    {
        QProcessEnvironment env = psm::test::headlessEnvironment(m_home.path());
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        if (report)
            env.insert(QStringLiteral("PSM_REPORT_FIRST_PAINT"), QStringLiteral("1"));
        return env;
    }

    // The window's stderr until `until` appears (or 20 s pass); the process is then stopped.
    QByteArray windowStderr(bool report, const QByteArray &until) const
    {
        QProcess process;
        process.setProcessEnvironment(environment(report));
        process.setReadChannel(QProcess::StandardError);
        process.start(
            QStringLiteral(PSM_PROMPTSMITH), { QStringLiteral("--workspace"), m_workspace });
        QByteArray err;
        while (!err.contains(until) && process.waitForReadyRead(20000))
            err += process.readAllStandardError();
        process.kill();
        process.waitForFinished();
        return err + process.readAllStandardError();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_workspace = m_home.filePath(QStringLiteral("ws"));
        const psm::test::Ran init = psm::test::runProgram(QStringLiteral(PSM_PROMPTSMITH),
            { QStringLiteral("init"), m_workspace, QStringLiteral("--samples"),
                QStringLiteral("--name"), QStringLiteral("T"), QStringLiteral("--email"),
                QStringLiteral("t@example.com") },
            environment(false));
        QVERIFY2(init.code == 0, qPrintable(psm::test::describe(init)));
    }

    void marksComeInOrderUpToThePaintedWorkspace()
    {
        const QByteArray err = windowStderr(true, "psm-startup workspace-painted ");
        QStringList names;
        qint64 previous = 0;
        for (const QByteArray &line : err.split('\n')) {
            const QList<QByteArray> parts = line.split(' ');
            if (parts.size() != 3 || parts[0] != "psm-startup")
                continue;
            const qint64 ns = parts[2].toLongLong();
            QVERIFY2(ns >= previous, line.constData());
            previous = ns;
            names << QString::fromLatin1(parts[1]);
        }
        // The workspace may open before the first frame is painted; the rest is in order.
        const QStringList inOrder { QStringLiteral("main"), QStringLiteral("qapplication"),
            QStringLiteral("transport-started"), QStringLiteral("window-constructed"),
            QStringLiteral("window-shown"), QStringLiteral("started"),
            QStringLiteral("first-paint"), QStringLiteral("workspace-painted") };
        QCOMPARE(names.size(), inOrder.size() + 1);
        qsizetype at = -1;
        for (const QString &name : inOrder) {
            QVERIFY2(names.indexOf(name) > at, qPrintable(names.join(QLatin1Char(' '))));
            at = names.indexOf(name);
        }
        const qsizetype opened = names.indexOf(QStringLiteral("workspace-opened"));
        QVERIFY2(opened > names.indexOf(QStringLiteral("started"))
                && opened < names.indexOf(QStringLiteral("workspace-painted")),
            qPrintable(names.join(QLatin1Char(' '))));
    }

    void noMarksUnlessAsked()
    {
        // The window logs nothing on stderr by itself; wait long enough for it to paint.
        QProcess process;
        process.setProcessEnvironment(environment(false));
        process.start(
            QStringLiteral(PSM_PROMPTSMITH), { QStringLiteral("--workspace"), m_workspace });
        QVERIFY(process.waitForStarted());
        QTest::qWait(1500);
        process.kill();
        process.waitForFinished();
        QVERIFY(!process.readAllStandardError().contains("psm-startup"));
    }
};

QTEST_GUILESS_MAIN(TestStartupMarks)
#include "tst_startupmarks.moc"
