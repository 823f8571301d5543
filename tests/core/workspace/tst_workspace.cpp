// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/workspace/workspace.h"

#include "tests/support/scratchrepo.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <atomic>
#include <thread>

using namespace psm::core;
using psm::test::ScratchRepo;

namespace {

QString pathsOf(const QList<FileStatus> &list)
{
    QStringList out;
    for (const FileStatus &s : list)
        out << s.path;
    return out.join(QLatin1Char(','));
}

const FileStatus *find(const QList<FileStatus> &list, const QString &path)
{
    for (const FileStatus &s : list) {
        if (s.path == path)
            return &s;
    }
    return nullptr;
}

} // namespace

class TestWorkspace final : public QObject {
    Q_OBJECT
private:
    QString m_home;

    void setGlobalIdentity(bool on)
    {
        QFile config(m_home + QStringLiteral("/.gitconfig"));
        QVERIFY(config.open(QIODevice::WriteOnly | QIODevice::Truncate));
        if (on)
            config.write("[user]\n\tname = Global Person\n\temail = global@example.com\n");
    }

private Q_SLOTS:
    void initTestCase() { m_home = psm::test::isolateGitConfig(); }

    void openFindsRepositoryAbove()
    {
        ScratchRepo repo;
        QVERIFY(repo.isValid());
        QVERIFY(repo.write(QStringLiteral("prompts/a.prompt"), "a\n"));
        const auto ws = Workspace::open(repo.filePath(QStringLiteral("prompts")));
        QVERIFY2(ws, qPrintable(ws ? QString() : ws.error().toString()));
        QCOMPARE(ws->root(), QDir(repo.path()).canonicalPath());
    }

    void openWithoutRepository()
    {
        QTemporaryDir plain;
        const auto ws = Workspace::open(plain.path());
        QVERIFY(!ws);
        QCOMPARE(ws.error().code, ErrorCode::NotFound);
        QVERIFY(ws.error().message.contains(QLatin1String("No git repository")));
        QCOMPARE(Workspace::open(plain.filePath(QStringLiteral("missing"))).error().code,
            ErrorCode::NotFound);
    }

    void listFilesClassifiesAndHonoursGitignore()
    {
        ScratchRepo repo;
        repo.write(QStringLiteral("promptsmith.yaml"), "x: 1\n");
        repo.write(QStringLiteral("prompts/triage.prompt"), "t\n");
        repo.write(QStringLiteral("prompts/triage.short.prompt"), "t\n");
        repo.write(QStringLiteral("prompts/_style.prompt"), "s\n");
        repo.write(QStringLiteral("evals/triage.yaml"), "tests: []\n");
        repo.write(QStringLiteral("evals/sub/more.yml"), "tests: []\n");
        repo.write(QStringLiteral("notes.yaml"), "not an eval\n");
        repo.write(QStringLiteral("README.md"), "readme\n");
        repo.write(QStringLiteral("scratch/ignored.prompt"), "ignored\n");
        repo.write(QStringLiteral("prompts/tmp.prompt"), "ignored\n");
        repo.write(QStringLiteral(".gitignore"), "scratch/\ntmp.prompt\n");
        repo.write(QStringLiteral("vendor/lib/.git/HEAD"), "ref: refs/heads/main\n");
        repo.write(QStringLiteral("vendor/lib/theirs.prompt"), "another repository's\n");
        const auto ws = Workspace::open(repo.path());
        QVERIFY(ws);
        const auto files = ws->listFiles();
        QVERIFY(files);
        QStringList got;
        for (const WorkspaceFile &f : *files)
            got << f.path + QLatin1Char('=') + QString::number(int(f.kind));
        const QStringList expected = {
            QStringLiteral("evals/sub/more.yml=%1").arg(int(FileKind::EvalSet)),
            QStringLiteral("evals/triage.yaml=%1").arg(int(FileKind::EvalSet)),
            QStringLiteral("prompts/_style.prompt=%1").arg(int(FileKind::Partial)),
            QStringLiteral("prompts/triage.prompt=%1").arg(int(FileKind::Prompt)),
            QStringLiteral("prompts/triage.short.prompt=%1").arg(int(FileKind::Prompt)),
            QStringLiteral("promptsmith.yaml=%1").arg(int(FileKind::Settings)),
        };
        QCOMPARE(got, expected);
    }

    void statusOfEachKind()
    {
        ScratchRepo repo;
        repo.write(QStringLiteral("keep.prompt"), "keep\n");
        repo.write(QStringLiteral("modify.prompt"), "one\n");
        repo.write(QStringLiteral("delete.prompt"), "gone soon\n");
        repo.write(QStringLiteral("rename.prompt"), "a long enough line to be recognised\n");
        repo.write(QStringLiteral("conflict.prompt"), "base\n");
        QVERIFY(!repo.commitAll(QStringLiteral("base")).isEmpty());

        // A conflict from a real merge.
        repo.git({ QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("-b"),
            QStringLiteral("side") });
        repo.write(QStringLiteral("conflict.prompt"), "side\n");
        QVERIFY(!repo.commitAll(QStringLiteral("side")).isEmpty());
        repo.git({ QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("main") });
        repo.write(QStringLiteral("conflict.prompt"), "main\n");
        QVERIFY(!repo.commitAll(QStringLiteral("main")).isEmpty());
        repo.git({ QStringLiteral("merge"), QStringLiteral("-q"), QStringLiteral("side") });
        QVERIFY(repo.lastExitCode() != 0);

        repo.write(QStringLiteral("modify.prompt"), "two\n");
        repo.remove(QStringLiteral("delete.prompt"));
        repo.git({ QStringLiteral("mv"), QStringLiteral("rename.prompt"),
            QStringLiteral("renamed.prompt") });
        repo.write(QStringLiteral("added.prompt"), "added\n");
        repo.git({ QStringLiteral("add"), QStringLiteral("added.prompt") });
        repo.write(QStringLiteral("new.prompt"), "new\n");
        repo.write(QStringLiteral(".gitignore"), "*.log\n");
        repo.write(QStringLiteral("debug.log"), "ignored\n");

        const auto ws = Workspace::open(repo.path());
        QVERIFY(ws);
        const auto status = ws->status();
        QVERIFY(status);
        QCOMPARE(pathsOf(*status),
            QStringLiteral(".gitignore,added.prompt,conflict.prompt,delete.prompt,"
                           "modify.prompt,new.prompt,renamed.prompt"));
        QCOMPARE(find(*status, QStringLiteral("added.prompt"))->change, ChangeKind::Added);
        QVERIFY(find(*status, QStringLiteral("added.prompt"))->staged);
        QCOMPARE(find(*status, QStringLiteral("conflict.prompt"))->change, ChangeKind::Conflicted);
        QCOMPARE(find(*status, QStringLiteral("delete.prompt"))->change, ChangeKind::Deleted);
        QVERIFY(!find(*status, QStringLiteral("delete.prompt"))->staged);
        QCOMPARE(find(*status, QStringLiteral("modify.prompt"))->change, ChangeKind::Modified);
        QCOMPARE(find(*status, QStringLiteral("new.prompt"))->change, ChangeKind::Untracked);
        const FileStatus *renamed = find(*status, QStringLiteral("renamed.prompt"));
        QCOMPARE(renamed->change, ChangeKind::Renamed);
        QCOMPARE(renamed->oldPath, QStringLiteral("rename.prompt"));
        QVERIFY(renamed->staged);
        QVERIFY(!find(*status, QStringLiteral("keep.prompt")));
    }

    void commitTakesOnlySelectedFiles()
    {
        ScratchRepo repo;
        repo.write(QStringLiteral("a.prompt"), "a1\n");
        repo.write(QStringLiteral("b.prompt"), "b1\n");
        repo.write(QStringLiteral("c.prompt"), "c1\n");
        repo.write(QStringLiteral("gone.prompt"), "bye\n");
        const QString base = repo.commitAll(QStringLiteral("base"));
        QVERIFY(!base.isEmpty());

        repo.write(QStringLiteral("a.prompt"), "a2\n"); // selected
        repo.write(QStringLiteral("b.prompt"), "b2\n"); // staged, not selected
        repo.git({ QStringLiteral("add"), QStringLiteral("b.prompt") });
        repo.write(QStringLiteral("c.prompt"), "c2\n"); // unstaged, not selected
        repo.remove(QStringLiteral("gone.prompt")); // selected deletion
        repo.write(QStringLiteral("new/fresh.prompt"), "fresh\n"); // selected untracked

        auto ws = Workspace::open(repo.path());
        QVERIFY(ws);
        const auto id = ws->commit({ QStringLiteral("a.prompt"), QStringLiteral("gone.prompt"),
                                       repo.filePath(QStringLiteral("new/fresh.prompt")) },
            QStringLiteral("Tighten a\n\nBody line."));
        QVERIFY2(id, qPrintable(id ? QString() : id.error().toString()));
        QCOMPARE(id->size(), 40);

        // The real git CLI sees an ordinary commit on main with exactly those files.
        QCOMPARE(repo.git({ QStringLiteral("rev-parse"), QStringLiteral("main") }), *id);
        QCOMPARE(repo.git({ QStringLiteral("rev-parse"), QStringLiteral("HEAD~1") }), base);
        QCOMPARE(repo.git({ QStringLiteral("show"), QStringLiteral("--name-status"),
                     QStringLiteral("--format="), QStringLiteral("HEAD") }),
            QStringLiteral("M\ta.prompt\nD\tgone.prompt\nA\tnew/fresh.prompt"));
        QCOMPARE(repo.git({ QStringLiteral("log"), QStringLiteral("-1"),
                              QStringLiteral("--format=%an <%ae>|%s|%b") })
                     .trimmed(),
            QStringLiteral("Test Author <author@example.com>|Tighten a|Body line."));
        QCOMPARE(repo.git({ QStringLiteral("show"), QStringLiteral("HEAD:a.prompt") }),
            QStringLiteral("a2"));
        // b stays staged and c stays modified; the committed paths are clean.
        QCOMPARE(repo.git({ QStringLiteral("status"), QStringLiteral("--porcelain") }),
            QStringLiteral("M  b.prompt\n M c.prompt"));
        QCOMPARE(repo.read(QStringLiteral("c.prompt")), QByteArray("c2\n"));
        repo.git({ QStringLiteral("fsck"), QStringLiteral("--strict") });
        QCOMPARE(repo.lastExitCode(), 0);

        // Nothing left to take for a: a clear error, no empty commit.
        const auto again = ws->commit({ QStringLiteral("a.prompt") }, QStringLiteral("again"));
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::InvalidInput);
        QVERIFY(again.error().message.contains(QLatin1String("Nothing to commit")));
        QCOMPARE(ws->commit({ QStringLiteral("missing.prompt") }, QStringLiteral("m")).error().code,
            ErrorCode::NotFound);
        QCOMPARE(ws->commit({ QStringLiteral("../outside") }, QStringLiteral("m")).error().code,
            ErrorCode::InvalidInput);
        QCOMPARE(ws->commit({ QStringLiteral("c.prompt") }, QStringLiteral("  ")).error().code,
            ErrorCode::InvalidInput);
    }

    void commitRefusesIgnoredFile()
    {
        ScratchRepo repo;
        repo.write(QStringLiteral(".gitignore"), "*.tmp\n");
        QVERIFY(!repo.commitAll(QStringLiteral("base")).isEmpty());
        repo.write(QStringLiteral("x.tmp"), "x\n");
        auto ws = Workspace::open(repo.path());
        QVERIFY(ws);
        const auto id = ws->commit({ QStringLiteral("x.tmp") }, QStringLiteral("m"));
        QVERIFY(!id);
        QVERIFY(id.error().message.contains(QLatin1String(".gitignore")));
    }

    void commitWholeRenameBySelectingNewPath()
    {
        ScratchRepo repo;
        repo.write(QStringLiteral("old.prompt"), "line one\nline two\nline three\n");
        QVERIFY(!repo.commitAll(QStringLiteral("base")).isEmpty());
        QVERIFY(QFile::rename(repo.filePath(QStringLiteral("old.prompt")),
            repo.filePath(QStringLiteral("new.prompt"))));
        auto ws = Workspace::open(repo.path());
        QVERIFY(ws);
        QVERIFY(ws->commit({ QStringLiteral("new.prompt") }, QStringLiteral("Rename")));
        QCOMPARE(repo.git({ QStringLiteral("show"), QStringLiteral("-M"),
                     QStringLiteral("--name-status"), QStringLiteral("--format=") }),
            QStringLiteral("R100\told.prompt\tnew.prompt"));
        QCOMPARE(repo.git({ QStringLiteral("status"), QStringLiteral("--porcelain") }), QString());
    }

    void firstCommitOnUnbornHead()
    {
        ScratchRepo repo;
        repo.write(QStringLiteral("first.prompt"), "hello\n");
        repo.write(QStringLiteral("later.prompt"), "later\n");
        auto ws = Workspace::open(repo.path());
        QVERIFY(ws);
        QCOMPARE(ws->history(QStringLiteral("first.prompt"))->size(), 0);
        QCOMPARE(ws->resolve(QStringLiteral("HEAD")).error().code, ErrorCode::NotFound);
        const auto id = ws->commit({ QStringLiteral("first.prompt") }, QStringLiteral("First"));
        QVERIFY2(id, qPrintable(id ? QString() : id.error().toString()));
        QCOMPARE(repo.git({ QStringLiteral("rev-list"), QStringLiteral("--count"),
                     QStringLiteral("main") }),
            QStringLiteral("1"));
        QCOMPARE(repo.git({ QStringLiteral("ls-tree"), QStringLiteral("--name-only"),
                     QStringLiteral("HEAD") }),
            QStringLiteral("first.prompt"));
        QCOMPARE(ws->status()->size(), 1); // later.prompt, still untracked
    }

    void identityMissingIsAClearError()
    {
        setGlobalIdentity(false);
        ScratchRepo repo(false);
        repo.write(QStringLiteral("a.prompt"), "a\n");
        auto ws = Workspace::open(repo.path());
        QVERIFY(ws);
        const auto who = ws->identity();
        QVERIFY(!who);
        QCOMPARE(who.error().code, ErrorCode::NotFound);
        QVERIFY(who.error().message.contains(QLatin1String("git config --global user.name")));
        QVERIFY(who.error().message.contains(QLatin1String("user.email")));

        const auto id = ws->commit({ QStringLiteral("a.prompt") }, QStringLiteral("m"));
        QVERIFY(!id);
        QCOMPARE(id.error().code, ErrorCode::InvalidInput);
        QVERIFY(id.error().message.contains(QLatin1String("git config --global user.name")));
        QCOMPARE(repo.git({ QStringLiteral("rev-list"), QStringLiteral("--all") }), QString());

        QCOMPARE(ws->setIdentity({ QStringLiteral("Repo Person"), QString() }).error().code,
            ErrorCode::InvalidInput);
        QVERIFY(
            ws->setIdentity({ QStringLiteral("Repo Person"), QStringLiteral("repo@example.com") }));
        QCOMPARE(repo.git({ QStringLiteral("config"), QStringLiteral("--local"),
                     QStringLiteral("user.email") }),
            QStringLiteral("repo@example.com"));
        QCOMPARE(ws->identity()->name, QStringLiteral("Repo Person"));
        QVERIFY(ws->commit({ QStringLiteral("a.prompt") }, QStringLiteral("m")));
        QCOMPARE(repo.git({ QStringLiteral("log"), QStringLiteral("-1"),
                     QStringLiteral("--format=%an <%ae>") }),
            QStringLiteral("Repo Person <repo@example.com>"));
    }

    void identityFromGlobalConfig()
    {
        setGlobalIdentity(true);
        ScratchRepo repo(false);
        auto ws = Workspace::open(repo.path());
        QVERIFY(ws);
        const auto who = ws->identity();
        setGlobalIdentity(false);
        QVERIFY(who);
        QCOMPARE(who->email, QStringLiteral("global@example.com"));
    }

    void historyFollowsRenames()
    {
        ScratchRepo repo;
        const QByteArray body = "line one\nline two\nline three\nline four\n";
        repo.write(QStringLiteral("prompts/old.prompt"), body);
        const QString c1 = repo.commitAll(QStringLiteral("create"));
        repo.write(QStringLiteral("prompts/old.prompt"), body + "five\n");
        const QString c2 = repo.commitAll(QStringLiteral("edit old"));
        repo.write(QStringLiteral("other.prompt"), "x\n");
        repo.commitAll(QStringLiteral("unrelated"));
        repo.git({ QStringLiteral("mv"), QStringLiteral("prompts/old.prompt"),
            QStringLiteral("prompts/new.prompt") });
        const QString c4 = repo.commitAll(QStringLiteral("rename"));
        repo.write(QStringLiteral("prompts/new.prompt"), body + "five\nsix\n");
        const QString c5 = repo.commitAll(QStringLiteral("edit new"));
        QVERIFY(!c5.isEmpty());

        auto ws = Workspace::open(repo.path());
        QVERIFY(ws);
        const auto history = ws->history(QStringLiteral("prompts/new.prompt"));
        QVERIFY2(history, qPrintable(history ? QString() : history.error().toString()));
        QStringList got;
        for (const CommitInfo &c : *history)
            got << c.id + QLatin1Char(' ') + c.path;
        QCOMPARE(got,
            QStringList({ c5 + QStringLiteral(" prompts/new.prompt"),
                c4 + QStringLiteral(" prompts/new.prompt"),
                c2 + QStringLiteral(" prompts/old.prompt"),
                c1 + QStringLiteral(" prompts/old.prompt") }));
        QCOMPARE(history->first().summary, QStringLiteral("edit new"));
        QCOMPARE(history->first().authorEmail, QStringLiteral("author@example.com"));
        QCOMPARE(history->first().shortId, c5.left(7));
        QVERIFY(history->first().when.isValid());
        QCOMPARE(ws->history(QStringLiteral("prompts/new.prompt"), 2)->size(), 2);
        QCOMPARE(ws->history(QStringLiteral("nothing.prompt"))->size(), 0);

        // Reading the old name at an old revision goes through the object database.
        QCOMPARE(*ws->readFile(c2, QStringLiteral("prompts/old.prompt")), body + "five\n");
    }

    void readFileAtRevisions()
    {
        ScratchRepo repo;
        repo.write(QStringLiteral("a.prompt"), "v1\n");
        const QString c1 = repo.commitAll(QStringLiteral("v1"));
        repo.write(QStringLiteral("a.prompt"), "v2\n");
        repo.commitAll(QStringLiteral("v2"));
        repo.write(QStringLiteral("a.prompt"), "working\n");
        auto ws = Workspace::open(repo.path());
        QVERIFY(ws);
        QCOMPARE(*ws->readFile(QStringLiteral("HEAD"), QStringLiteral("a.prompt")), "v2\n");
        QCOMPARE(*ws->readFile(QStringLiteral("HEAD~1"), QStringLiteral("a.prompt")), "v1\n");
        QCOMPARE(*ws->readFile(c1.left(8), QStringLiteral("a.prompt")), "v1\n");
        QCOMPARE(*ws->readFile(QString(), QStringLiteral("a.prompt")), "working\n");
        QCOMPARE(ws->readFile(QStringLiteral("nope"), QStringLiteral("a.prompt")).error().code,
            ErrorCode::NotFound);
        QCOMPARE(ws->readFile(QStringLiteral("HEAD"), QStringLiteral("b.prompt")).error().code,
            ErrorCode::NotFound);
        QCOMPARE(
            ws->readFile(QString(), QStringLiteral("b.prompt")).error().code, ErrorCode::NotFound);
        QCOMPARE(ws->commitInfo(QStringLiteral("HEAD~1"))->id, c1);
        QCOMPARE(*ws->resolve(c1.left(10)), c1);
    }

    void diffBetweenRevisionsAndWorkingCopy()
    {
        ScratchRepo repo;
        repo.write(QStringLiteral("a.prompt"), "one\ntwo\nthree\n");
        repo.write(QStringLiteral("b.prompt"), "bee\n");
        const QString c1 = repo.commitAll(QStringLiteral("c1"));
        repo.write(QStringLiteral("a.prompt"), "one\nTWO\nthree\n");
        const QString c2 = repo.commitAll(QStringLiteral("c2"));
        repo.write(QStringLiteral("a.prompt"), "one\nTWO\nthree\nfour\n");
        repo.write(QStringLiteral("untracked.prompt"), "new\n");
        auto ws = Workspace::open(repo.path());
        QVERIFY(ws);

        const auto revs = ws->diff(c1, c2);
        QVERIFY(revs);
        QCOMPARE(revs->size(), 1);
        const FileDiff &file = revs->first();
        QCOMPARE(file.newPath, QStringLiteral("a.prompt"));
        QCOMPARE(file.change, ChangeKind::Modified);
        QCOMPARE(file.hunks.size(), 1);
        const DiffHunk &hunk = file.hunks.first();
        QCOMPARE(hunk.header, QStringLiteral("@@ -1,3 +1,3 @@"));
        QCOMPARE(hunk.lines.size(), 4);
        QCOMPARE(hunk.lines.at(1).origin, '-');
        QCOMPARE(hunk.lines.at(1).text, QStringLiteral("two"));
        QCOMPARE(hunk.lines.at(1).oldLine, 2);
        QCOMPARE(hunk.lines.at(1).newLine, -1);
        QCOMPARE(hunk.lines.at(2).origin, '+');
        QCOMPARE(hunk.lines.at(2).text, QStringLiteral("TWO"));
        QCOMPARE(hunk.lines.at(2).newLine, 2);
        // The patch text is what the git CLI prints.
        QCOMPARE(file.patch.trimmed(),
            repo.git({ QStringLiteral("diff"), c1, c2, QStringLiteral("--"),
                QStringLiteral("a.prompt") }));

        const auto work = ws->diff(QString(), QString());
        QVERIFY(work);
        QCOMPARE(work->size(), 1); // untracked files stay out of a whole-workspace diff
        QCOMPARE(work->first().hunks.first().lines.last().text, QStringLiteral("four"));
        QCOMPARE(work->first().patch.trimmed(),
            repo.git({ QStringLiteral("diff"), QStringLiteral("HEAD") }));

        const auto fromOld = ws->diff(c1, QString(), { QStringLiteral("a.prompt") });
        QVERIFY(fromOld);
        QCOMPARE(fromOld->size(), 1);
        QCOMPARE(fromOld->first().hunks.first().newLines, 4);

        const auto added = ws->diff(QString(), QString(), { QStringLiteral("untracked.prompt") });
        QVERIFY(added);
        QCOMPARE(added->size(), 1);
        QCOMPARE(added->first().change, ChangeKind::Added);
        QCOMPARE(added->first().hunks.first().lines.first().text, QStringLiteral("new"));

        QCOMPARE(ws->diff(c1, c2, { QStringLiteral("b.prompt") })->size(), 0);
        QCOMPARE(ws->diff(QStringLiteral("nope"), QString()).error().code, ErrorCode::NotFound);
    }

    void diffDetectsRename()
    {
        ScratchRepo repo;
        repo.write(QStringLiteral("old.prompt"), "alpha\nbeta\ngamma\ndelta\n");
        const QString c1 = repo.commitAll(QStringLiteral("c1"));
        repo.git(
            { QStringLiteral("mv"), QStringLiteral("old.prompt"), QStringLiteral("new.prompt") });
        repo.write(QStringLiteral("new.prompt"), "alpha\nbeta\ngamma\ndelta\nepsilon\n");
        const QString c2 = repo.commitAll(QStringLiteral("c2"));
        auto ws = Workspace::open(repo.path());
        QVERIFY(ws);
        const auto diff = ws->diff(c1, c2, { QStringLiteral("new.prompt") });
        QVERIFY(diff);
        QCOMPARE(diff->size(), 1);
        QCOMPARE(diff->first().change, ChangeKind::Renamed);
        QCOMPARE(diff->first().oldPath, QStringLiteral("old.prompt"));
        QVERIFY(diff->first().patch.contains(QLatin1String("rename from old.prompt")));
    }

    void restoreReturnsBytesForUndo()
    {
        ScratchRepo repo;
        repo.write(QStringLiteral("p/a.prompt"), "old\n");
        const QString c1 = repo.commitAll(QStringLiteral("c1"));
        repo.write(QStringLiteral("p/a.prompt"), "new\n");
        repo.commitAll(QStringLiteral("c2"));
        repo.write(QStringLiteral("p/a.prompt"), "unsaved work\n");
        auto ws = Workspace::open(repo.path());
        QVERIFY(ws);
        const auto previous = ws->restore(c1, QStringLiteral("p/a.prompt"));
        QVERIFY(previous);
        QCOMPARE(*previous, "unsaved work\n");
        QCOMPARE(repo.read(QStringLiteral("p/a.prompt")), "old\n");
        // HEAD did not move and nothing was staged.
        QCOMPARE(repo.git({ QStringLiteral("status"), QStringLiteral("--porcelain") }),
            QStringLiteral(" M p/a.prompt"));

        // Restoring a file deleted from the working copy brings it back; undo bytes are empty.
        repo.remove(QStringLiteral("p/a.prompt"));
        const auto fromNothing = ws->restore(QStringLiteral("HEAD"), QStringLiteral("p/a.prompt"));
        QVERIFY(fromNothing);
        QVERIFY(fromNothing->isEmpty());
        QCOMPARE(repo.read(QStringLiteral("p/a.prompt")), "new\n");
        QCOMPARE(
            ws->restore(c1, QStringLiteral("p/none.prompt")).error().code, ErrorCode::NotFound);
    }

    void restoreAppliesCheckoutFilters()
    {
        ScratchRepo repo;
        repo.write(QStringLiteral(".gitattributes"), "*.prompt text eol=crlf\n");
        repo.write(QStringLiteral("a.prompt"), "one\r\ntwo\r\n");
        const QString c1 = repo.commitAll(QStringLiteral("c1"));
        auto ws = Workspace::open(repo.path());
        QVERIFY(ws);
        // git stores LF; the working copy gets CRLF, as `git checkout` would write it.
        QCOMPARE(*ws->readFile(c1, QStringLiteral("a.prompt")), "one\ntwo\n");
        repo.write(QStringLiteral("a.prompt"), "edited\r\n");
        QVERIFY(ws->restore(c1, QStringLiteral("a.prompt")));
        QCOMPARE(repo.read(QStringLiteral("a.prompt")), "one\r\ntwo\r\n");
        QCOMPARE(repo.git({ QStringLiteral("status"), QStringLiteral("--porcelain") }), QString());
    }

    void tagsCreateListDelete()
    {
        ScratchRepo repo;
        repo.write(QStringLiteral("a.prompt"), "a\n");
        const QString c1 = repo.commitAll(QStringLiteral("c1"));
        repo.write(QStringLiteral("a.prompt"), "b\n");
        const QString c2 = repo.commitAll(QStringLiteral("c2"));
        auto ws = Workspace::open(repo.path());
        QVERIFY(ws);
        const auto light = ws->createTag(QStringLiteral("v1"), c1);
        QVERIFY(light);
        QVERIFY(!light->annotated);
        QCOMPARE(light->targetId, c1);
        const auto annotated = ws->createTag(QStringLiteral("release/v2"), QStringLiteral("HEAD"),
            QStringLiteral("Shipped to prod"));
        QVERIFY2(annotated, qPrintable(annotated ? QString() : annotated.error().toString()));
        QVERIFY(annotated->annotated);
        QCOMPARE(annotated->targetId, c2);
        QCOMPARE(repo.git({ QStringLiteral("cat-file"), QStringLiteral("-t"),
                     QStringLiteral("release/v2") }),
            QStringLiteral("tag"));
        QCOMPARE(repo.git({ QStringLiteral("tag"), QStringLiteral("-l"), QStringLiteral("-n1"),
                              QStringLiteral("release/v2") })
                     .simplified(),
            QStringLiteral("release/v2 Shipped to prod"));

        const auto list = ws->tags();
        QVERIFY(list);
        QCOMPARE(list->size(), 2);
        QCOMPARE(list->at(0).name, QStringLiteral("release/v2"));
        QCOMPARE(list->at(0).message.trimmed(), QStringLiteral("Shipped to prod"));
        QCOMPARE(list->at(1).name, QStringLiteral("v1"));
        QCOMPARE(*ws->resolve(QStringLiteral("release/v2")), c2);

        QCOMPARE(ws->createTag(QStringLiteral("v1")).error().code, ErrorCode::Conflict);
        QCOMPARE(ws->createTag(QStringLiteral("bad name")).error().code, ErrorCode::InvalidInput);
        QCOMPARE(ws->createTag(QStringLiteral("v..x")).error().code, ErrorCode::InvalidInput);
        QCOMPARE(ws->createTag(QStringLiteral("v3"), QStringLiteral("nope")).error().code,
            ErrorCode::NotFound);

        QVERIFY(ws->deleteTag(QStringLiteral("v1")));
        QCOMPARE(repo.git({ QStringLiteral("tag"), QStringLiteral("-l") }),
            QStringLiteral("release/v2"));
        QCOMPARE(ws->deleteTag(QStringLiteral("v1")).error().code, ErrorCode::NotFound);
    }

    void seesChangesMadeOutside()
    {
        ScratchRepo repo;
        repo.write(QStringLiteral("a.prompt"), "a\n");
        repo.commitAll(QStringLiteral("c1"));
        auto ws = Workspace::open(repo.path());
        QVERIFY(ws);
        QCOMPARE(ws->status()->size(), 0);
        // Another program edits and commits while the workspace is open.
        repo.write(QStringLiteral("a.prompt"), "edited elsewhere\n");
        QCOMPARE(ws->status()->size(), 1);
        const QString c2 = repo.commitAll(QStringLiteral("from the command line"));
        QCOMPARE(ws->status()->size(), 0);
        QCOMPARE(*ws->resolve(QStringLiteral("HEAD")), c2);
        QCOMPARE(ws->history(QStringLiteral("a.prompt"))->first().summary,
            QStringLiteral("from the command line"));
        QCOMPARE(*ws->readFile(QStringLiteral("HEAD"), QStringLiteral("a.prompt")),
            "edited elsewhere\n");
        // And our next commit builds on theirs.
        repo.write(QStringLiteral("a.prompt"), "ours\n");
        const auto c3 = ws->commit({ QStringLiteral("a.prompt") }, QStringLiteral("ours"));
        QVERIFY(c3);
        QCOMPARE(repo.git({ QStringLiteral("rev-parse"), QStringLiteral("HEAD~1") }), c2);
    }

    void oneInstancePerThread()
    {
        ScratchRepo repo;
        for (int i = 0; i < 5; ++i) {
            repo.write(QStringLiteral("a.prompt"), QByteArray::number(i) + "\n");
            repo.commitAll(QStringLiteral("c%1").arg(i));
        }
        // libgit2 is initialised by whichever thread gets there first; each thread has its own
        // Workspace, as background tasks do.
        std::atomic<int> good { 0 };
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&] {
                for (int round = 0; round < 10; ++round) {
                    auto ws = Workspace::open(repo.path());
                    if (!ws)
                        return;
                    const auto history = ws->history(QStringLiteral("a.prompt"));
                    const auto bytes
                        = ws->readFile(QStringLiteral("HEAD~4"), QStringLiteral("a.prompt"));
                    if (!history || history->size() != 5 || !bytes || *bytes != "0\n")
                        return;
                }
                ++good;
            });
        }
        for (std::thread &thread : threads)
            thread.join();
        QCOMPARE(good.load(), 4);
    }

    void createFromSampleFolderAndResource()
    {
        setGlobalIdentity(true);
        QTemporaryDir parent;
        const QString dir = parent.filePath(QStringLiteral("ws"));
        const auto ws = Workspace::create(dir, QStringLiteral(":/test-samples"));
        setGlobalIdentity(false);
        QVERIFY2(ws, qPrintable(ws ? QString() : ws.error().toString()));
        const auto files = ws->listFiles();
        QVERIFY(files);
        QCOMPARE(files->size(), 4);
        QCOMPARE(ws->status()->size(), 0);
        const auto head = ws->commitInfo(QStringLiteral("HEAD"));
        QVERIFY(head);
        QCOMPARE(head->authorEmail, QStringLiteral("global@example.com"));
        QCOMPARE(
            *ws->readFile(QStringLiteral("HEAD"), QStringLiteral("prompts/greet/hello.prompt")),
            "---\nmodel: echo/test\n---\nHello {{name}}!\n");
        // The copied files are ordinary, writable files.
        QVERIFY(QFileInfo(dir + QStringLiteral("/promptsmith.yaml")).isWritable());
    }

    void createWithExplicitIdentityAndNoSamples()
    {
        QTemporaryDir dir;
        const auto ws = Workspace::create(
            dir.path(), QString(), { QStringLiteral("Given"), QStringLiteral("g@example.com") });
        QVERIFY2(ws, qPrintable(ws ? QString() : ws.error().toString()));
        QCOMPARE(ws->commitInfo(QStringLiteral("HEAD"))->authorName, QStringLiteral("Given"));
        QCOMPARE(ws->identity()->email, QStringLiteral("g@example.com"));
        // Not empty any more: a second create refuses.
        QCOMPARE(Workspace::create(dir.path()).error().code, ErrorCode::InvalidInput);
    }

    void createWithoutIdentityLeavesNothing()
    {
        setGlobalIdentity(false);
        QTemporaryDir parent;
        const QString dir = parent.filePath(QStringLiteral("ws"));
        const auto ws = Workspace::create(dir);
        QVERIFY(!ws);
        QCOMPARE(ws.error().code, ErrorCode::InvalidInput);
        QVERIFY(ws.error().message.contains(QLatin1String("git config --global user.email")));
        QVERIFY(!QFileInfo::exists(dir));
        QCOMPARE(Workspace::create(parent.filePath(QStringLiteral("x")), QStringLiteral("/no/such"),
                     { QStringLiteral("n"), QStringLiteral("e@x") })
                     .error()
                     .code,
            ErrorCode::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
