// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/workspace/atomicwrite.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

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

    void keepsOldFileWhenTheWriteFails()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("locked/a.prompt"));
        QVERIFY(writeFileAtomically(path, "precious\n"));
        // A folder that cannot take a new file: the old content must survive.
        QFile::setPermissions(
            dir.filePath(QStringLiteral("locked")), QFile::ReadOwner | QFile::ExeOwner);
        const Status status = writeFileAtomically(path, "replacement\n");
        QFile::setPermissions(dir.filePath(QStringLiteral("locked")),
            QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        if (status)
            QSKIP("running with permissions that ignore a read-only folder (root?)");
        QCOMPARE(status.error().code, ErrorCode::Io);
        QVERIFY(status.error().message.contains(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("precious\n"));
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
