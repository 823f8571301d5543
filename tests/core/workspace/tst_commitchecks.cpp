// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Workspace::commit refuses what `git commit` would refuse or do differently: a merge, rebase,
// cherry-pick, revert or bisect in progress, unmerged index entries, and conflict-marker lines.
// The states are made with the real git CLI; each refusal must leave HEAD and git's state files
// exactly as they were.
#include "core/workspace/workspace.h"

#include "tests/support/scratchrepo.h"

#include <QFileInfo>
#include <QTest>

using namespace psm::core;
using psm::test::ScratchRepo;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

// main and side both change a.prompt's only line, so merging, rebasing or picking one onto the
// other stops with a conflict. Leaves main checked out; other.prompt is changed in the working
// copy, a file the user might try to commit meanwhile.
bool seedDivergedBranches(const ScratchRepo &repo)
{
    return repo.write(s("other.prompt"), "other\n")
        && !repo.divergeBranches(s("a.prompt")).isEmpty()
        && repo.write(s("other.prompt"), "other, edited\n");
}

} // namespace

class TestCommitChecks final : public QObject {
    Q_OBJECT
private:
    // Commits `paths` and checks the refusal: Conflict, the expected words, nothing moved.
    static void expectRefused(
        const ScratchRepo &repo, const QStringList &paths, const QStringList &expectedWords)
    {
        const QString headBefore = repo.git({ s("rev-parse"), s("HEAD") });
        const QString statusBefore = repo.git({ s("status"), s("--porcelain=v2"), s("--branch") });
        auto ws = Workspace::open(repo.path());
        QVERIFY(ws);
        const auto id = ws->commit(paths, s("should not happen\n"));
        QVERIFY2(!id, qPrintable(id ? *id : QString()));
        QCOMPARE(id.error().code, ErrorCode::Conflict);
        for (const QString &word : expectedWords)
            QVERIFY2(id.error().message.contains(word), qPrintable(id.error().toString()));
        QCOMPARE(repo.git({ s("rev-parse"), s("HEAD") }), headBefore);
        QCOMPARE(repo.git({ s("status"), s("--porcelain=v2"), s("--branch") }), statusBefore);
    }

private Q_SLOTS:
    void initTestCase() { psm::test::isolateGitConfig(); }

    void mergeInProgressIsRefused()
    {
        ScratchRepo repo;
        QVERIFY(seedDivergedBranches(repo));
        repo.git({ s("merge"), s("side") });
        QVERIFY(repo.lastExitCode() != 0); // stopped on the conflict
        // Resolved and staged: only MERGE_HEAD says a merge is still open.
        repo.write(s("a.prompt"), "main and side\n");
        repo.git({ s("add"), s("a.prompt") });
        const QString mergeHead = s(".git/MERGE_HEAD");
        const QByteArray mergeHeadBefore = repo.read(mergeHead);
        QVERIFY(!mergeHeadBefore.isEmpty());

        expectRefused(repo, { s("a.prompt") },
            { s("A merge is in progress (.git/MERGE_HEAD)"), s("git merge --abort"),
                s("git commit") });
        expectRefused(repo, { s("other.prompt") }, { s("A merge is in progress") });
        QCOMPARE(repo.read(mergeHead), mergeHeadBefore);

        auto ws = Workspace::open(repo.path());
        const Status committable = ws->checkCommittable();
        QVERIFY(!committable);
        QCOMPARE(committable.error().code, ErrorCode::Conflict);

        // git itself can still finish it, as a two-parent commit.
        repo.git({ s("commit"), s("-q"), s("--no-edit") });
        QCOMPARE(repo.lastExitCode(), 0);
        QCOMPARE(
            repo.git({ s("rev-list"), s("--parents"), s("-n1"), s("HEAD") }).split(' ').size(), 3);
        QVERIFY(ws->checkCommittable());
        QVERIFY(ws->commit({ s("other.prompt") }, s("now it works\n")));
    }

    void cleanMergeWithoutCommitIsRefused()
    {
        ScratchRepo repo;
        repo.write(s("a.prompt"), "a\n");
        QVERIFY(!repo.commitAll(s("base")).isEmpty());
        repo.git({ s("checkout"), s("-q"), s("-b"), s("side") });
        repo.write(s("b.prompt"), "b\n");
        QVERIFY(!repo.commitAll(s("side")).isEmpty());
        repo.git({ s("checkout"), s("-q"), s("main") });
        repo.write(s("c.prompt"), "c\n");
        QVERIFY(!repo.commitAll(s("main")).isEmpty());
        repo.git({ s("merge"), s("--no-commit"), s("--no-ff"), s("side") });
        QCOMPARE(repo.lastExitCode(), 0);
        QVERIFY(QFileInfo::exists(repo.filePath(s(".git/MERGE_HEAD"))));
        expectRefused(repo, { s("b.prompt") }, { s("A merge is in progress") });
        QVERIFY(QFileInfo::exists(repo.filePath(s(".git/MERGE_HEAD"))));
    }

    void unmergedEntriesAreRefused()
    {
        // `git stash pop` onto a conflicting change leaves unmerged entries and no MERGE_HEAD.
        ScratchRepo repo;
        repo.write(s("a.prompt"), "base\n");
        repo.write(s("other.prompt"), "other\n");
        QVERIFY(!repo.commitAll(s("base")).isEmpty());
        repo.write(s("a.prompt"), "stashed\n");
        repo.git({ s("stash"), s("-q") });
        QCOMPARE(repo.lastExitCode(), 0);
        repo.write(s("a.prompt"), "committed\n");
        QVERIFY(!repo.commitAll(s("change")).isEmpty());
        repo.git({ s("stash"), s("pop") });
        QVERIFY(repo.lastExitCode() != 0);
        QVERIFY(!QFileInfo::exists(repo.filePath(s(".git/MERGE_HEAD"))));
        repo.write(s("other.prompt"), "other, edited\n");

        expectRefused(repo, { s("other.prompt") },
            { s("Unmerged files in the index: a.prompt"), s("git add") });
    }

    void rebaseStopIsRefused()
    {
        ScratchRepo repo;
        QVERIFY(seedDivergedBranches(repo));
        repo.git({ s("stash"), s("-q") });
        repo.git({ s("checkout"), s("-q"), s("side") });
        repo.git({ s("rebase"), s("main") });
        QVERIFY(repo.lastExitCode() != 0);
        QCOMPARE(repo.git({ s("symbolic-ref"), s("-q"), s("HEAD") }), QString()); // detached
        repo.write(s("a.prompt"), "resolved\n");
        repo.git({ s("add"), s("a.prompt") });
        repo.write(s("other.prompt"), "edited during the rebase\n");
        expectRefused(repo, { s("other.prompt") },
            { s("rebase is in progress"), s("git rebase --continue"), s("git rebase --abort") });
        QVERIFY(QFileInfo::exists(repo.filePath(s(".git/rebase-merge"))));
    }

    void cherryPickConflictIsRefused()
    {
        ScratchRepo repo;
        QVERIFY(seedDivergedBranches(repo));
        repo.git({ s("cherry-pick"), s("side") });
        QVERIFY(repo.lastExitCode() != 0);
        repo.write(s("a.prompt"), "resolved\n");
        repo.git({ s("add"), s("a.prompt") });
        const QByteArray pickHead = repo.read(s(".git/CHERRY_PICK_HEAD"));
        QVERIFY(!pickHead.isEmpty());
        expectRefused(repo, { s("a.prompt") },
            { s("cherry-pick is in progress"), s("git cherry-pick --abort") });
        QCOMPARE(repo.read(s(".git/CHERRY_PICK_HEAD")), pickHead);
    }

    void revertConflictIsRefused()
    {
        ScratchRepo repo;
        QVERIFY(seedDivergedBranches(repo));
        repo.write(s("a.prompt"), "after main\n");
        QVERIFY(!repo.commitAll(s("again")).isEmpty());
        repo.git({ s("revert"), s("--no-edit"), s("HEAD~1") });
        QVERIFY(repo.lastExitCode() != 0);
        repo.write(s("other.prompt"), "edited during the revert\n");
        expectRefused(
            repo, { s("other.prompt") }, { s("revert is in progress"), s("git revert --abort") });
    }

    void bisectIsRefused()
    {
        ScratchRepo repo;
        QVERIFY(seedDivergedBranches(repo));
        repo.git({ s("bisect"), s("start") });
        QCOMPARE(repo.lastExitCode(), 0);
        expectRefused(
            repo, { s("other.prompt") }, { s("bisect is in progress"), s("git bisect reset") });
    }

    void conflictMarkerLinesAreRefused()
    {
        ScratchRepo repo;
        repo.write(s("prompts/a.prompt"), "keep\n");
        QVERIFY(!repo.commitAll(s("base")).isEmpty());
        repo.write(
            s("prompts/a.prompt"), "keep\n<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> side\n");
        repo.write(s("b.prompt"), "<<<<<<< ours\nfine\n>>>>>>> theirs\n");
        expectRefused(repo, { s("prompts/a.prompt"), s("b.prompt") },
            { s("prompts/a.prompt:2"), s("prompts/a.prompt:4"), s("prompts/a.prompt:6"),
                s("b.prompt:1"), s("b.prompt:3"), s("remove the marker lines") });
    }

    void conflictMarkerDetection_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("refused");
        QTest::newRow("conflict")
            << QByteArray("<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> side\n") << true;
        QTest::newRow("conflict, CRLF")
            << QByteArray("<<<<<<< HEAD\r\nmine\r\n=======\r\ntheirs\r\n>>>>>>> side\r\n") << true;
        QTest::newRow("diff3 conflict")
            << QByteArray("<<<<<<< HEAD\na\n||||||| base\nb\n=======\nc\n>>>>>>> side\n") << true;
        // Marker-shaped lines that are no conflict: a setext heading, a divider, half a conflict.
        QTest::newRow("setext heading") << QByteArray("Title\n=======\nText\n") << false;
        QTest::newRow("divider") << QByteArray("======= INPUT =======\n{{input}}\n") << false;
        QTest::newRow("ours alone") << QByteArray("<<<<<<< HEAD\n") << false;
        QTest::newRow("theirs alone") << QByteArray(">>>>>>> branch\n") << false;
        QTest::newRow("six <") << QByteArray("<<<<<< x\n>>>>>>> y\n") << false;
        QTest::newRow("indented") << QByteArray(" <<<<<<< x\n>>>>>>> y\n") << false;
        QTest::newRow("no space") << QByteArray("<<<<<<<x\n>>>>>>> y\n") << false;
        QTest::newRow("last line, no newline") << QByteArray("<<<<<<< a\nb\n>>>>>>>") << false;
        QTest::newRow("prose") << QByteArray("a = b\n") << false;
    }
    void conflictMarkerDetection()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, refused);
        ScratchRepo repo;
        repo.write(s("a.prompt"), "base\n");
        QVERIFY(!repo.commitAll(s("base")).isEmpty());
        repo.write(s("a.prompt"), text);
        auto ws = Workspace::open(repo.path());
        QVERIFY(ws);
        const auto id = ws->commit({ s("a.prompt") }, s("edit\n"));
        QCOMPARE(!id, refused);
        if (refused)
            QCOMPARE(id.error().code, ErrorCode::Conflict);
    }

    void onlyAddedLinesAreChecked()
    {
        // A marker-shaped line already committed (say, by plain git) does not block the next
        // edit of another line, as `git diff --check` reports only what the change adds.
        ScratchRepo repo;
        repo.write(s("a.prompt"), "title\n=======\nbody\n");
        QVERIFY(!repo.commitAll(s("base")).isEmpty());
        repo.write(s("a.prompt"), "title\n=======\nbody, edited\n");
        auto ws = Workspace::open(repo.path());
        QVERIFY(ws);
        const auto id = ws->commit({ s("a.prompt") }, s("edit\n"));
        QVERIFY2(id, qPrintable(id ? QString() : id.error().toString()));
        // A rename of the same file is not an addition of its lines either.
        repo.git({ s("mv"), s("a.prompt"), s("b.prompt") });
        const auto renamed = ws->commit({ s("b.prompt") }, s("rename\n"));
        QVERIFY2(renamed, qPrintable(renamed ? QString() : renamed.error().toString()));
    }
};

QTEST_GUILESS_MAIN(TestCommitChecks)
#include "tst_commitchecks.moc"
