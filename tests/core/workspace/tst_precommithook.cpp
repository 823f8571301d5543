// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// The pre-commit hook, end to end with the real git: installed where git looks for hooks
// (plain, core.hooksPath, a linked worktree, a .git file), it runs `promptsmith eval --gate
// --staged` and a real `git commit` stops on its non-zero exit and goes through on zero. The
// promptsmith it runs is a fake script that records its arguments and exits as told. A hook
// that is not ours is never overwritten.
#include "core/workspace/githooks.h"
#include "core/workspace/precommithook.h"

#include "tests/support/scratchrepo.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace psm::core;
using psm::test::ScratchRepo;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

struct Ran {
    int code = -1;
    QString err;
};

Ran run(const QString &program, const QStringList &args, const QString &cwd,
    const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(cwd);
    process.start(program, args);
    Ran ran;
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit)
        return ran;
    ran.code = process.exitCode();
    ran.err = QString::fromUtf8(process.readAllStandardError());
    return ran;
}

bool writeExecutable(const QString &path, const QByteArray &script)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(script) < 0)
        return false;
    file.close();
    return file.setPermissions(file.permissions() | QFile::ExeOwner | QFile::ExeUser);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A stand-in for the promptsmith binary: appends its arguments to calls.log beside itself and
// exits with the number in exit-code beside itself (0 when missing).
class FakePromptsmith {
public:
    explicit FakePromptsmith(const QString &folderName = s("bin"))
        : m_folder(m_dir.filePath(folderName))
    {
        m_valid = writeExecutable(path(),
            "#!/bin/sh\n"
            "here=$(dirname \"$0\")\n"
            "echo \"$*\" >> \"$here/calls.log\"\n"
            "[ -f \"$here/exit-code\" ] && exit \"$(cat \"$here/exit-code\")\"\n"
            "exit 0\n");
    }
    bool isValid() const { return m_valid; }
    QString folder() const { return m_folder; }
    QString path() const { return m_folder + s("/promptsmith"); }
    void exitWith(int code) const
    {
        QFile file(m_folder + s("/exit-code"));
        if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            file.write(QByteArray::number(code));
    }
    QStringList calls() const
    {
        return QString::fromUtf8(readAll(m_folder + s("/calls.log")))
            .split(u'\n', Qt::SkipEmptyParts);
    }

private:
    QTemporaryDir m_dir;
    QString m_folder;
    bool m_valid = false;
};

// Stages a change to a prompt and runs `git commit` in `cwd`; the HEAD before and after tell
// whether the hook let it through.
struct CommitAttempt {
    Ran ran;
    bool committed = false;
};

CommitAttempt tryCommit(const QString &cwd, const QString &content,
    const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    QFile prompt(cwd + s("/prompts/triage.prompt"));
    QDir().mkpath(cwd + s("/prompts"));
    if (!prompt.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    prompt.write(content.toUtf8());
    prompt.close();
    const auto head = [&] {
        QProcess git;
        git.setWorkingDirectory(cwd);
        git.start(s("git"), { s("rev-parse"), s("HEAD") });
        git.waitForFinished();
        return git.readAllStandardOutput().trimmed();
    };
    const QByteArray before = head();
    run(s("git"), { s("add"), s("prompts/triage.prompt") }, cwd, env);
    CommitAttempt attempt;
    attempt.ran = run(s("git"), { s("commit"), s("-q"), s("-m"), s("Change triage") }, cwd, env);
    attempt.committed = head() != before;
    return attempt;
}

} // namespace

class TestPreCommitHook final : public QObject {
    Q_OBJECT
private:
    static bool seed(const ScratchRepo &repo)
    {
        return repo.isValid() && repo.write(s("prompts/triage.prompt"), "v0\n")
            && !repo.commitAll(s("Initial")).isEmpty();
    }

private Q_SLOTS:
    void initTestCase() { psm::test::isolateGitConfig(); }

    // Our answer is git's own: `git rev-parse --git-path hooks`.
    void hooksDirectoryIsGits_data()
    {
        QTest::addColumn<QString>("setup"); // how the repository is arranged
        QTest::newRow("plain") << s("plain");
        QTest::newRow("core.hooksPath relative") << s("relative");
        QTest::newRow("core.hooksPath absolute") << s("absolute");
        QTest::newRow("core.hooksPath ~") << s("home");
        QTest::newRow("linked worktree") << s("worktree");
        QTest::newRow(".git file (separate git dir)") << s("gitfile");
    }

    void hooksDirectoryIsGits()
    {
        QFETCH(QString, setup);
        ScratchRepo repo;
        QVERIFY(seed(repo));
        QTemporaryDir elsewhere;
        QString where = repo.path();
        if (setup == u"relative") {
            repo.git({ s("config"), s("core.hooksPath"), s(".githooks") });
        } else if (setup == u"absolute") {
            repo.git({ s("config"), s("core.hooksPath"), elsewhere.filePath(s("hooks")) });
        } else if (setup == u"home") {
            repo.git({ s("config"), s("core.hooksPath"), s("~/my-hooks") });
        } else if (setup == u"worktree") {
            where = elsewhere.filePath(s("wt"));
            repo.git({ s("worktree"), s("add"), s("-q"), where });
        } else if (setup == u"gitfile") {
            where = elsewhere.filePath(s("clone"));
            const Ran cloned = run(s("git"),
                { s("clone"), s("-q"),
                    s("--separate-git-dir=") + elsewhere.filePath(s("clone.git")), repo.path(),
                    where },
                repo.path());
            QCOMPARE(cloned.code, 0);
            QVERIFY(QFileInfo(where + s("/.git")).isFile());
        }
        QCOMPARE(repo.lastExitCode(), 0);
        QProcess git;
        git.setWorkingDirectory(where);
        git.start(
            s("git"), { s("rev-parse"), s("--path-format=absolute"), s("--git-path"), s("hooks") });
        QVERIFY(git.waitForFinished());
        const QString byGit = QString::fromUtf8(git.readAllStandardOutput().trimmed());
        QVERIFY(!byGit.isEmpty());
        const auto ours = hooksDirectory(where + s("/prompts"));
        QVERIFY2(ours, qPrintable(ours ? QString() : ours.error().toString()));
        QCOMPARE(*ours, QDir::cleanPath(byGit));
    }

    void gitCommitIsGatedByTheExitCode()
    {
        ScratchRepo repo;
        QVERIFY(seed(repo));
        FakePromptsmith fake;
        QVERIFY(fake.isValid());
        const auto installed = installPreCommitHook(repo.path(), fake.path());
        QVERIFY2(installed, qPrintable(installed ? QString() : installed.error().toString()));
        QCOMPARE(installed->hookPath, repo.path() + s("/.git/hooks/pre-commit"));
        QVERIFY(QFileInfo(installed->hookPath).isExecutable());

        fake.exitWith(1);
        CommitAttempt attempt = tryCommit(repo.path(), s("v1\n"));
        QVERIFY2(!attempt.committed, qPrintable(attempt.ran.err));
        QCOMPARE(attempt.ran.code, 1);
        QCOMPARE(fake.calls(), QStringList { s("eval --gate --staged") });

        fake.exitWith(3);
        attempt = tryCommit(repo.path(), s("v2\n"));
        QVERIFY(!attempt.committed);

        fake.exitWith(0);
        attempt = tryCommit(repo.path(), s("v3\n"));
        QVERIFY2(attempt.committed, qPrintable(attempt.ran.err));
        QCOMPARE(fake.calls().size(), 3);
    }

    void aMovedBinaryFallsBackToPath()
    {
        ScratchRepo repo;
        QVERIFY(seed(repo));
        FakePromptsmith fake;
        QVERIFY(fake.isValid());
        QVERIFY(installPreCommitHook(repo.path(), s("/nonexistent/promptsmith")));

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(s("PATH"), fake.folder() + u':' + env.value(s("PATH")));
        fake.exitWith(1);
        QVERIFY(!tryCommit(repo.path(), s("v1\n"), env).committed);
        fake.exitWith(0);
        QVERIFY(tryCommit(repo.path(), s("v2\n"), env).committed);
        QCOMPARE(fake.calls().size(), 2);

        // Found nowhere: the commit stops and says why.
        env.insert(s("PATH"), s("/usr/bin:/bin"));
        const CommitAttempt attempt = tryCommit(repo.path(), s("v3\n"), env);
        QVERIFY(!attempt.committed);
        QVERIFY2(attempt.ran.err.contains(s("/nonexistent/promptsmith"))
                && attempt.ran.err.contains(s("hook uninstall")),
            qPrintable(attempt.ran.err));
    }

    void aPathWithQuotesAndSpaces()
    {
        ScratchRepo repo;
        QVERIFY(seed(repo));
        FakePromptsmith fake(s("it's a \"bin\" $HOME"));
        QVERIFY(fake.isValid());
        QVERIFY(installPreCommitHook(repo.path(), fake.path()));
        fake.exitWith(1);
        QVERIFY(!tryCommit(repo.path(), s("v1\n")).committed);
        QCOMPARE(fake.calls().size(), 1);
    }

    void reinstallingIsIdempotent()
    {
        ScratchRepo repo;
        QVERIFY(seed(repo));
        const auto first = installPreCommitHook(repo.path(), s("/opt/a/promptsmith"));
        QVERIFY(first);
        QVERIFY(!first->reinstalled);
        const QByteArray once = readAll(first->hookPath);
        const auto second = installPreCommitHook(repo.path(), s("/opt/a/promptsmith"));
        QVERIFY(second);
        QVERIFY(second->reinstalled);
        QVERIFY(second->movedAside.isEmpty());
        QCOMPARE(readAll(second->hookPath), once);
        QCOMPARE(
            QDir(repo.path() + s("/.git/hooks")).entryList({ s("*promptsmith*") }), QStringList {});
        // A newer binary path replaces the old one.
        QVERIFY(installPreCommitHook(repo.path(), s("/opt/b/promptsmith")));
        QVERIFY(readAll(first->hookPath).contains("'/opt/b/promptsmith'"));
    }

    void aForeignHookIsNeverClobbered()
    {
        ScratchRepo repo;
        QVERIFY(seed(repo));
        const QString hook = repo.path() + s("/.git/hooks/pre-commit");
        const QByteArray theirs = "#!/bin/sh\necho theirs\nexit 0\n";
        QVERIFY(writeExecutable(hook, theirs));
        const auto refused = installPreCommitHook(repo.path(), s("/opt/promptsmith"));
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, ErrorCode::Conflict);
        QVERIFY2(refused.error().message.contains(hook)
                && refused.error().message.contains(s("--chain")),
            qPrintable(refused.error().message));
        QCOMPARE(readAll(hook), theirs);

        const auto notOurs = uninstallPreCommitHook(repo.path());
        QVERIFY(!notOurs);
        QCOMPARE(notOurs.error().code, ErrorCode::Conflict);
        QCOMPARE(readAll(hook), theirs);
    }

    void chainingRunsTheirsFirst()
    {
        ScratchRepo repo;
        QVERIFY(seed(repo));
        FakePromptsmith fake;
        QVERIFY(fake.isValid());
        const QString hook = repo.path() + s("/.git/hooks/pre-commit");
        const QString theirsLog = repo.path() + s("/.git/theirs.log");
        const QByteArray theirs = "#!/bin/sh\necho ran >> .git/theirs.log\n"
                                  "[ -f .git/theirs-fail ] && exit 5\nexit 0\n";
        QVERIFY(writeExecutable(hook, theirs));
        const auto installed = installPreCommitHook(repo.path(), fake.path(), ExistingHook::Chain);
        QVERIFY2(installed, qPrintable(installed ? QString() : installed.error().toString()));
        QCOMPARE(
            installed->movedAside, repo.path() + s("/.git/hooks/pre-commit.promptsmith-chained"));

        // Theirs fails: the commit stops with its code and ours does not run.
        QVERIFY(repo.write(s(".git/theirs-fail"), "x"));
        CommitAttempt attempt = tryCommit(repo.path(), s("v1\n"));
        QVERIFY(!attempt.committed);
        QCOMPARE(attempt.ran.code, 1); // git reports a failed hook as 1 whatever its code
        QCOMPARE(readAll(theirsLog), QByteArray("ran\n"));
        QVERIFY(fake.calls().isEmpty());

        // Theirs passes: ours decides.
        QVERIFY(repo.remove(s(".git/theirs-fail")));
        fake.exitWith(1);
        QVERIFY(!tryCommit(repo.path(), s("v2\n")).committed);
        QCOMPARE(fake.calls().size(), 1);
        fake.exitWith(0);
        QVERIFY(tryCommit(repo.path(), s("v3\n")).committed);
        QCOMPARE(readAll(theirsLog), QByteArray("ran\nran\nran\n"));

        // Re-installing keeps the chain; uninstalling puts theirs back.
        QVERIFY(installPreCommitHook(repo.path(), fake.path(), ExistingHook::Chain));
        const auto removed = uninstallPreCommitHook(repo.path());
        QVERIFY(removed);
        QVERIFY(removed->removed);
        QCOMPARE(removed->restored, installed->movedAside);
        QCOMPARE(readAll(hook), theirs);
        QVERIFY(!QFileInfo::exists(installed->movedAside));
    }

    void forceSetsTheirsAsideUntilUninstall()
    {
        ScratchRepo repo;
        QVERIFY(seed(repo));
        FakePromptsmith fake;
        QVERIFY(fake.isValid());
        const QString hook = repo.path() + s("/.git/hooks/pre-commit");
        const QByteArray theirs = "#!/bin/sh\nexit 7\n";
        QVERIFY(writeExecutable(hook, theirs));
        const auto installed
            = installPreCommitHook(repo.path(), fake.path(), ExistingHook::Replace);
        QVERIFY(installed);
        QCOMPARE(readAll(installed->movedAside), theirs);
        fake.exitWith(0);
        QVERIFY(tryCommit(repo.path(), s("v1\n")).committed); // theirs (exit 7) did not run

        // A second foreign hook cannot be set aside over the first.
        QVERIFY(writeExecutable(hook, "#!/bin/sh\nexit 0\n"));
        const auto taken = installPreCommitHook(repo.path(), fake.path(), ExistingHook::Replace);
        QVERIFY(!taken);
        QCOMPARE(taken.error().code, ErrorCode::Conflict);
        QCOMPARE(readAll(installed->movedAside), theirs);
    }

    void uninstallWithoutAHook()
    {
        ScratchRepo repo;
        QVERIFY(seed(repo));
        const auto removed = uninstallPreCommitHook(repo.path());
        QVERIFY(removed);
        QVERIFY(!removed->removed);
    }

    void coreHooksPathIsHonoured()
    {
        ScratchRepo repo;
        QVERIFY(seed(repo));
        repo.git({ s("config"), s("core.hooksPath"), s(".githooks") });
        FakePromptsmith fake;
        QVERIFY(fake.isValid());
        const auto installed = installPreCommitHook(repo.path(), fake.path());
        QVERIFY(installed);
        QCOMPARE(installed->hookPath, repo.path() + s("/.githooks/pre-commit"));
        QVERIFY(!QFileInfo::exists(repo.path() + s("/.git/hooks/pre-commit")));
        fake.exitWith(1);
        QVERIFY(!tryCommit(repo.path(), s("v1\n")).committed);
        QCOMPARE(fake.calls().size(), 1);
    }

    void aLinkedWorktreeIsGatedToo()
    {
        ScratchRepo repo;
        QVERIFY(seed(repo));
        QTemporaryDir elsewhere;
        const QString worktree = elsewhere.filePath(s("wt"));
        repo.git({ s("worktree"), s("add"), s("-q"), worktree });
        QCOMPARE(repo.lastExitCode(), 0);
        FakePromptsmith fake;
        QVERIFY(fake.isValid());
        const auto installed = installPreCommitHook(worktree, fake.path());
        QVERIFY(installed);
        QCOMPARE(installed->hookPath, repo.path() + s("/.git/hooks/pre-commit"));
        fake.exitWith(1);
        QVERIFY(!tryCommit(worktree, s("v1\n")).committed);
        fake.exitWith(0);
        QVERIFY(tryCommit(worktree, s("v2\n")).committed);
    }

    void outsideARepositoryIsNotFound()
    {
        QTemporaryDir dir;
        const auto installed = installPreCommitHook(dir.path(), s("/opt/promptsmith"));
        QVERIFY(!installed);
        QCOMPARE(installed.error().code, ErrorCode::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestPreCommitHook)
#include "tst_precommithook.moc"
