// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/workspace/atomicwrite.h"

#include <QDir>
#include <QFile>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

#include <sys/resource.h>

using namespace psm::core;

class TestAtomicWrite final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void writesAndReplaces()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("deep/er/a.prompt"));
        QVERIFY(writeFileAtomically(path, "first\n"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("first\n"));
        file.close();
        QVERIFY(writeFileAtomically(path, QByteArray()));
        QCOMPARE(QFileInfo(path).size(), 0);
        // No temporary files are left next to the target.
        QCOMPARE(QDir(dir.filePath(QStringLiteral("deep/er"))).entryList(QDir::Files),
            QStringList { QStringLiteral("a.prompt") });
    }

    // The write fails part-way, as on a full disk: the old content must survive, whole, and no
    // temporary file may be left. The failure comes from a file-size limit (RLIMIT_FSIZE), which
    // binds root too, so this runs in CI (as root) where a read-only folder would not stop it.
    void keepsOldFileWhenTheWriteFails()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("folder/a.prompt"));
        QVERIFY(writeFileAtomically(path, "precious\n"));

        rlimit saved {};
        QCOMPARE(getrlimit(RLIMIT_FSIZE, &saved), 0);
        rlimit small = saved;
        small.rlim_cur = 4096;
        // Past the limit write() fails with EFBIG, once SIGXFSZ no longer kills the process.
        const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
        const auto restore = qScopeGuard([&] {
            setrlimit(RLIMIT_FSIZE, &saved);
            std::signal(SIGXFSZ, oldHandler);
        });
        const Status status = writeFileAtomically(path, QByteArray(256 * 1024, 'r'));
        setrlimit(RLIMIT_FSIZE, &saved);

        QVERIFY(!status);
        QCOMPARE(status.error().code, ErrorCode::Io);
        QVERIFY2(status.error().message.contains(path), qPrintable(status.error().message));
        QVERIFY(!status.error().detail.isEmpty()); // the system's reason
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("precious\n"));
        QCOMPARE(QDir(dir.filePath(QStringLiteral("folder"))).entryList(QDir::Files | QDir::Hidden),
            QStringList { QStringLiteral("a.prompt") });
    }

    void reportsAParentThatIsAFile()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("plain"));
        QVERIFY(writeFileAtomically(file, "x"));
        const Status status = writeFileAtomically(file + QStringLiteral("/child.prompt"), "y");
        QVERIFY(!status);
        QCOMPARE(status.error().code, ErrorCode::Io);
    }

    void refusesAFolder()
    {
        QTemporaryDir dir;
        const Status status = writeFileAtomically(dir.path(), "x");
        QVERIFY(!status);
        QCOMPARE(status.error().code, ErrorCode::InvalidInput);
    }
};

QTEST_GUILESS_MAIN(TestAtomicWrite)
#include "tst_atomicwrite.moc"
