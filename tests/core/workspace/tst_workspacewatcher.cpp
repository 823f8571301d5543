// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/workspace/workspacewatcher.h"

#include "core/workspace/atomicwrite.h"

#include "tests/support/scratchrepo.h"

#include <QSignalSpy>
#include <QTest>

using namespace psm::core;
using psm::test::ScratchRepo;

class TestWorkspaceWatcher final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { psm::test::isolateGitConfig(); }

    void noticesAnEditorWrite()
    {
        ScratchRepo repo;
        repo.write(QStringLiteral("prompts/a.prompt"), "a\n");
        repo.commitAll(QStringLiteral("c1"));
        WorkspaceWatcher watcher(repo.path());
        QSignalSpy files(&watcher, &WorkspaceWatcher::filesChanged);
        QSignalSpy repository(&watcher, &WorkspaceWatcher::repositoryChanged);

        // In place, as `echo >>` does (no directory event).
        QVERIFY(repo.write(QStringLiteral("prompts/a.prompt"), "edited\n"));
        QVERIFY(files.wait(5000));
        QTest::qWait(400);
        QCOMPARE(repository.size(), 0);

        // A new file in a new folder, then an edit inside it: the new folder is watched too.
        files.clear();
        QVERIFY(repo.write(QStringLiteral("prompts/new/b.prompt"), "b\n"));
        QVERIFY(files.wait(5000));
        QTest::qWait(400);
        files.clear();
        QVERIFY(repo.write(QStringLiteral("prompts/new/b.prompt"), "b2\n"));
        QVERIFY(files.wait(5000));
    }

    void followsAFileReplacedByRename()
    {
        // Editors (and our own writeFileAtomically) save by writing a new file and renaming it
        // over the old one; later in-place writes to the new file must still be seen.
        ScratchRepo repo;
        repo.write(QStringLiteral("a.prompt"), "a\n");
        repo.commitAll(QStringLiteral("c1"));
        WorkspaceWatcher watcher(repo.path());
        QSignalSpy files(&watcher, &WorkspaceWatcher::filesChanged);
        QVERIFY(writeFileAtomically(repo.filePath(QStringLiteral("a.prompt")), "saved\n"));
        QVERIFY(files.wait(5000));
        QTest::qWait(400);
        files.clear();
        QVERIFY(repo.write(QStringLiteral("a.prompt"), "in place\n"));
        QVERIFY(files.wait(5000));
    }

    void debouncesABurst()
    {
        ScratchRepo repo;
        WorkspaceWatcher watcher(repo.path());
        QSignalSpy files(&watcher, &WorkspaceWatcher::filesChanged);
        for (int i = 0; i < 20; ++i)
            repo.write(QStringLiteral("p%1.prompt").arg(i), "x\n");
        QVERIFY(files.wait(5000));
        QTest::qWait(500);
        QCOMPARE(files.size(), 1);
    }

    void noticesAnOutsideCommit()
    {
        ScratchRepo repo;
        repo.write(QStringLiteral("a.prompt"), "a\n");
        repo.commitAll(QStringLiteral("c1"));
        repo.write(QStringLiteral("a.prompt"), "b\n");
        WorkspaceWatcher watcher(repo.path());
        QSignalSpy repository(&watcher, &WorkspaceWatcher::repositoryChanged);
        QVERIFY(!repo.commitAll(QStringLiteral("c2")).isEmpty());
        QVERIFY(repository.wait(5000));

        repository.clear();
        repo.git({ QStringLiteral("tag"), QStringLiteral("v1") });
        QVERIFY(repository.wait(5000));

        // A checkout changes both the files and HEAD.
        repository.clear();
        QSignalSpy files(&watcher, &WorkspaceWatcher::filesChanged);
        repo.git({ QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("HEAD~1") });
        QCOMPARE(repo.lastExitCode(), 0);
        QVERIFY(repository.wait(5000));
        QVERIFY(files.size() > 0 || files.wait(5000));
    }
};

QTEST_GUILESS_MAIN(TestWorkspaceWatcher)
#include "tst_workspacewatcher.moc"
