// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Reads and saves of workspace files may not leave the work tree through symbolic links; links
// that stay inside keep working.
#include "core/workspace/workspace.h"
#include "core/workspace/worktreefiles.h"

#include "tests/support/scratchrepo.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace psm::core;
using psm::test::ScratchRepo;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestWorkTreeFiles final : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_outside; // a folder beside the repository, never inside it
    QString m_secret;

private Q_SLOTS:
    void initTestCase()
    {
        psm::test::isolateGitConfig();
        QVERIFY(m_outside.isValid());
        m_secret = m_outside.filePath(QStringLiteral("secret.txt"));
        QFile file(m_secret);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not for a model\n");
    }

    void readThroughOutwardLinkIsRefused()
    {
        ScratchRepo repo;
        QVERIFY(repo.isValid());
        QVERIFY(QDir().mkpath(repo.filePath(QStringLiteral("prompts"))));
        QVERIFY(QFile::link(m_secret, repo.filePath(QStringLiteral("prompts/_env.prompt"))));

        const auto bytes = readWorkTreeFile(repo.path(), QStringLiteral("prompts/_env.prompt"));
        QVERIFY(!bytes);
        QCOMPARE(bytes.error().code, ErrorCode::InvalidInput);
        const QString message = bytes.error().message;
        QVERIFY2(message.contains(QLatin1String("prompts/_env.prompt")), qPrintable(message));
        QVERIFY2(message.contains(QFileInfo(m_secret).canonicalFilePath()), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("symbolic link")), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("outside the workspace")), qPrintable(message));

        // The same through the Workspace API the history panel and run engine use.
        auto ws = Workspace::open(repo.path());
        QVERIFY(ws);
        const auto viaWorkspace = ws->readFile({}, QStringLiteral("prompts/_env.prompt"));
        QVERIFY(!viaWorkspace);
        QCOMPARE(viaWorkspace.error().code, ErrorCode::InvalidInput);
    }

    void readThroughLinkIsRefused_data()
    {
        QTest::addColumn<QString>("link");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("read");
        QTest::addColumn<QString>("because");
        // The case from the issue: the process environment, keys and all.
        QTest::newRow("environ") << QStringLiteral("environ.prompt")
                                 << QStringLiteral("/proc/self/environ")
                                 << QStringLiteral("environ.prompt") << QStringLiteral("/proc/");
        QTest::newRow("linked folder")
            << QStringLiteral("prompts") << m_outside.path() << QStringLiteral("prompts/secret.txt")
            << QStringLiteral("through a symbolic link");
        QTest::newRow("into .git") << QStringLiteral("c.prompt") << QStringLiteral(".git/config")
                                   << QStringLiteral("c.prompt") << QStringLiteral(".git folder");
    }
    void readThroughLinkIsRefused()
    {
        QFETCH(QString, link);
        QFETCH(QString, target);
        QFETCH(QString, read);
        QFETCH(QString, because);
        ScratchRepo repo;
        QVERIFY(QFile::link(target, repo.filePath(link)));
        const auto bytes = readWorkTreeFile(repo.path(), read);
        QVERIFY(!bytes);
        QCOMPARE(bytes.error().code, ErrorCode::InvalidInput);
        QVERIFY2(bytes.error().message.contains(because), qPrintable(bytes.error().message));
    }

    void saveThroughOutwardLinkIsRefused()
    {
        ScratchRepo repo;
        QVERIFY(QFile::link(m_secret, repo.filePath(QStringLiteral("a.prompt"))));
        const QByteArray before = readAll(m_secret);

        const Status saved
            = writeWorkTreeFile(repo.path(), QStringLiteral("a.prompt"), "overwritten\n");
        QVERIFY(!saved);
        QCOMPARE(saved.error().code, ErrorCode::InvalidInput);
        QVERIFY2(saved.error().message.contains(QLatin1String("a.prompt")),
            qPrintable(saved.error().message));
        QCOMPARE(readAll(m_secret), before);
        QVERIFY(QFileInfo(repo.filePath(QStringLiteral("a.prompt"))).isSymLink());
    }

    void saveThroughDanglingOutwardLinkCreatesNothing()
    {
        // QSaveFile would create the link's target: a new file outside the workspace.
        ScratchRepo repo;
        const QString target = m_outside.filePath(QStringLiteral("created-by-save.txt"));
        QVERIFY(QFile::link(target, repo.filePath(QStringLiteral("new.prompt"))));
        QVERIFY(!writeWorkTreeFile(repo.path(), QStringLiteral("new.prompt"), "x\n"));
        QVERIFY(!QFileInfo::exists(target));
    }

    void restoreThroughOutwardLinkIsRefused()
    {
        ScratchRepo repo;
        repo.write(QStringLiteral("a.prompt"), "committed\n");
        QVERIFY(!repo.commitAll(QStringLiteral("one")).isEmpty());
        QVERIFY(QFile::remove(repo.filePath(QStringLiteral("a.prompt"))));
        QVERIFY(QFile::link(m_secret, repo.filePath(QStringLiteral("a.prompt"))));
        const QByteArray before = readAll(m_secret);
        auto ws = Workspace::open(repo.path());
        QVERIFY(ws);
        const auto restored = ws->restore(QStringLiteral("HEAD"), QStringLiteral("a.prompt"));
        QVERIFY(!restored);
        QCOMPARE(restored.error().code, ErrorCode::InvalidInput);
        QCOMPARE(readAll(m_secret), before);
    }

    void inTreeLinksKeepWorking()
    {
        ScratchRepo repo;
        repo.write(QStringLiteral("prompts/real.prompt"), "real text\n");
        QVERIFY(QFile::link(
            QStringLiteral("real.prompt"), repo.filePath(QStringLiteral("prompts/alias.prompt"))));
        QVERIFY(QFile::link(QStringLiteral("prompts"), repo.filePath(QStringLiteral("p"))));

        const auto bytes = readWorkTreeFile(repo.path(), QStringLiteral("prompts/alias.prompt"));
        QVERIFY2(bytes, qPrintable(bytes ? QString() : bytes.error().toString()));
        QCOMPARE(*bytes, QByteArray("real text\n"));
        QCOMPARE(*readWorkTreeFile(repo.path(), QStringLiteral("p/real.prompt")),
            QByteArray("real text\n"));

        // A save through the link replaces the file it names and leaves the link a link.
        QVERIFY(writeWorkTreeFile(repo.path(), QStringLiteral("prompts/alias.prompt"), "new\n"));
        QCOMPARE(repo.read(QStringLiteral("prompts/real.prompt")), QByteArray("new\n"));
        QVERIFY(QFileInfo(repo.filePath(QStringLiteral("prompts/alias.prompt"))).isSymLink());

        // A new file in a linked in-tree folder, and in a folder that does not exist yet.
        QVERIFY(writeWorkTreeFile(repo.path(), QStringLiteral("p/made.prompt"), "m\n"));
        QCOMPARE(repo.read(QStringLiteral("prompts/made.prompt")), QByteArray("m\n"));
        QVERIFY(writeWorkTreeFile(repo.path(), QStringLiteral("deep/er/x.prompt"), "x\n"));
        QCOMPARE(repo.read(QStringLiteral("deep/er/x.prompt")), QByteArray("x\n"));

        auto ws = Workspace::open(repo.path());
        QVERIFY(ws);
        QCOMPARE(*ws->readFile({}, QStringLiteral("prompts/alias.prompt")), QByteArray("new\n"));
    }

    void linkLoopIsAnError()
    {
        ScratchRepo repo;
        QVERIFY(QFile::link(QStringLiteral("b"), repo.filePath(QStringLiteral("a"))));
        QVERIFY(QFile::link(QStringLiteral("a"), repo.filePath(QStringLiteral("b"))));
        const auto bytes = readWorkTreeFile(repo.path(), QStringLiteral("a"));
        QVERIFY(!bytes);
        QVERIFY2(bytes.error().message.contains(QLatin1String("loop")),
            qPrintable(bytes.error().message));
    }

    void missingFileIsNotFound()
    {
        ScratchRepo repo;
        const auto bytes = readWorkTreeFile(repo.path(), QStringLiteral("nothing.prompt"));
        QVERIFY(!bytes);
        QCOMPARE(bytes.error().code, ErrorCode::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestWorkTreeFiles)
#include "tst_worktreefiles.moc"
