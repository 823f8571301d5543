// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// The workspace subcommands end to end: the built `promptsmith` binary run as a user would,
// against real repositories checked with the real git CLI.
#include "tests/support/scratchrepo.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using psm::test::ScratchRepo;

namespace {

struct Run {
    int code = -1;
    QByteArray out;
    QByteArray err;
};

Run promptsmith(const QStringList &args, const QString &workingDirectory)
{
    QProcess process;
    process.setWorkingDirectory(workingDirectory);
    process.start(QStringLiteral(PSM_PROMPTSMITH), args);
    Run run;
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit) {
        run.err = process.errorString().toUtf8();
        return run;
    }
    run.code = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QJsonDocument json(const QByteArray &bytes)
{
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning() << "not JSON:" << error.errorString() << bytes;
    return document;
}

#define CHECK_RUN(run, expectedCode)                                                               \
    QVERIFY2((run).code == (expectedCode),                                                         \
        qPrintable(QStringLiteral("exit %1, expected %2; stdout: %3; stderr: %4")                  \
                       .arg((run).code)                                                            \
                       .arg(expectedCode)                                                          \
                       .arg(QString::fromUtf8((run).out), QString::fromUtf8((run).err))))

} // namespace

class TestCliWorkspace final : public QObject {
    Q_OBJECT
private:
    QString m_home;

    // A repository with a prompt renamed once and a few commits, as most commands need.
    static void seed(const ScratchRepo &repo)
    {
        repo.write(QStringLiteral("prompts/old.prompt"), "alpha\nbeta\ngamma\ndelta\n");
        repo.commitAll(QStringLiteral("Create prompt"));
        repo.git({ QStringLiteral("mv"), QStringLiteral("prompts/old.prompt"),
            QStringLiteral("prompts/triage.prompt") });
        repo.commitAll(QStringLiteral("Rename to triage"));
        repo.write(QStringLiteral("prompts/triage.prompt"), "alpha\nBETA\ngamma\ndelta\n");
        repo.commitAll(QStringLiteral("Shout beta"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_home = psm::test::isolateGitConfig();
        QVERIFY(QFileInfo::exists(QStringLiteral(PSM_PROMPTSMITH)));
    }

    void helpForEachCommand_data()
    {
        QTest::addColumn<QString>("command");
        for (const char *name : { "init", "status", "log", "show", "diff", "commit", "tag" })
            QTest::newRow(name) << QString::fromLatin1(name);
    }
    void helpForEachCommand()
    {
        QFETCH(QString, command);
        const Run run = promptsmith({ command, QStringLiteral("--help") }, QDir::tempPath());
        CHECK_RUN(run, 0);
        QVERIFY(run.out.startsWith("Usage: promptsmith " + command.toUtf8()));
        QVERIFY(run.err.isEmpty());
        const Run bad
            = promptsmith({ command, QStringLiteral("--no-such-option") }, QDir::tempPath());
        CHECK_RUN(bad, 2);
        QVERIFY(bad.err.contains("no-such-option"));
    }

    void noWorkspaceIsUsageError_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("status") << QStringList { QStringLiteral("status") };
        QTest::newRow("log") << QStringList { QStringLiteral("log"), QStringLiteral("a.prompt") };
        QTest::newRow("show") << QStringList { QStringLiteral("show"), QStringLiteral("HEAD:a") };
        QTest::newRow("diff") << QStringList { QStringLiteral("diff") };
        QTest::newRow("commit") << QStringList { QStringLiteral("commit"), QStringLiteral("-m"),
            QStringLiteral("x") };
        QTest::newRow("tag") << QStringList { QStringLiteral("tag") };
    }
    void noWorkspaceIsUsageError()
    {
        QFETCH(QStringList, args);
        QTemporaryDir plain;
        const Run run = promptsmith(args, plain.path());
        CHECK_RUN(run, 2);
        QVERIFY(run.err.contains("No git repository"));
        const Run named = promptsmith(
            QStringList { QStringLiteral("--workspace"), plain.path() } + args, QDir::tempPath());
        CHECK_RUN(named, 2);
    }

    void initCreatesAWorkspace()
    {
        QTemporaryDir parent;
        const QString dir = parent.filePath(QStringLiteral("ws"));

        // No identity anywhere: a clear error naming the git config commands, nothing created.
        const Run noIdentity = promptsmith({ QStringLiteral("init"), dir }, parent.path());
        CHECK_RUN(noIdentity, 2);
        QVERIFY(noIdentity.err.contains("git config --global user.name"));
        QVERIFY(noIdentity.err.contains("--name and --email"));
        QVERIFY(!QFileInfo::exists(dir));

        const Run noSamples = promptsmith(
            { QStringLiteral("init"), dir, QStringLiteral("--samples"), QStringLiteral("--name"),
                QStringLiteral("N"), QStringLiteral("--email"), QStringLiteral("n@example.com") },
            parent.path());
        if (noSamples.code == 3)
            QVERIFY(noSamples.err.contains("--samples-from"));
        else
            CHECK_RUN(noSamples, 0); // the integrator bundled :/samples

        const QString dir2 = parent.filePath(QStringLiteral("ws2"));
        const Run run
            = promptsmith({ QStringLiteral("init"), dir2, QStringLiteral("--samples-from"),
                              QStringLiteral(PSM_SOURCE_DIR "/tests/core/workspace/samples"),
                              QStringLiteral("--name"), QStringLiteral("Ada Lovelace"),
                              QStringLiteral("--email"), QStringLiteral("ada@example.com") },
                parent.path());
        CHECK_RUN(run, 0);
        QVERIFY(run.out.startsWith("Created workspace "));
        QProcess git;
        git.setWorkingDirectory(dir2);
        git.start(QStringLiteral("git"),
            { QStringLiteral("log"), QStringLiteral("--format=%an|%s"),
                QStringLiteral("--name-only") });
        QVERIFY(git.waitForFinished(10000));
        const QByteArray log = git.readAllStandardOutput();
        QVERIFY2(log.startsWith("Ada Lovelace|Create Promptsmith workspace"), log.constData());
        QVERIFY(log.contains("prompts/greet/hello.prompt"));
        QVERIFY(log.contains("evals/hello.yaml"));

        CHECK_RUN(promptsmith(
                      { QStringLiteral("init"), dir2, QStringLiteral("--name"), QStringLiteral("N"),
                          QStringLiteral("--email"), QStringLiteral("n@example.com") },
                      parent.path()),
            2); // not empty
        CHECK_RUN(promptsmith({ QStringLiteral("init") }, parent.path()), 2);
        CHECK_RUN(promptsmith({ QStringLiteral("init"), dir, QStringLiteral("--name"),
                                  QStringLiteral("only a name") },
                      parent.path()),
            2);
    }

    void statusTextAndJson()
    {
        ScratchRepo repo;
        seed(repo);
        repo.write(QStringLiteral("prompts/triage.prompt"), "changed\n");
        repo.write(QStringLiteral("prompts/new.prompt"), "new\n");
        repo.write(QStringLiteral("evals/e.yaml"), "tests: []\n");
        repo.git({ QStringLiteral("add"), QStringLiteral("evals/e.yaml") });

        const Run text = promptsmith({ QStringLiteral("status") }, repo.path());
        CHECK_RUN(text, 0);
        QCOMPARE(QString::fromUtf8(text.out),
            QStringLiteral("added      evals/e.yaml (staged)\n"
                           "untracked  prompts/new.prompt\n"
                           "modified   prompts/triage.prompt\n"));

        const Run run = promptsmith({ QStringLiteral("status"), QStringLiteral("--json") },
            repo.filePath(QStringLiteral("prompts")));
        CHECK_RUN(run, 0);
        const QJsonObject object = json(run.out).object();
        QCOMPARE(QDir(object.value(QStringLiteral("root")).toString()).canonicalPath(),
            QDir(repo.path()).canonicalPath());
        const QJsonArray files = object.value(QStringLiteral("files")).toArray();
        QCOMPARE(files.size(), 3);
        QCOMPARE(files.at(0).toObject().value(QStringLiteral("path")).toString(),
            QStringLiteral("evals/e.yaml"));
        QCOMPARE(files.at(0).toObject().value(QStringLiteral("change")).toString(),
            QStringLiteral("added"));
        QCOMPARE(files.at(0).toObject().value(QStringLiteral("staged")).toBool(), true);
        QCOMPARE(files.at(2).toObject().value(QStringLiteral("change")).toString(),
            QStringLiteral("modified"));

        repo.commitAll(QStringLiteral("everything"));
        const Run clean
            = promptsmith({ QStringLiteral("status"), QStringLiteral("--json") }, repo.path());
        CHECK_RUN(clean, 0);
        QCOMPARE(json(clean.out).object().value(QStringLiteral("files")).toArray().size(), 0);
        CHECK_RUN(
            promptsmith({ QStringLiteral("status"), QStringLiteral("extra") }, repo.path()), 2);
    }

    void logFollowsRenames()
    {
        ScratchRepo repo;
        seed(repo);
        const Run text = promptsmith({ QStringLiteral("log"), QStringLiteral("triage.prompt") },
            repo.filePath(QStringLiteral("prompts")));
        CHECK_RUN(text, 0);
        const QStringList lines = QString::fromUtf8(text.out).trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines.at(0).endsWith(QLatin1String("Test Author Shout beta")));
        QVERIFY(lines.at(2).endsWith(QLatin1String("Create prompt [as prompts/old.prompt]")));

        const Run run
            = promptsmith({ QStringLiteral("log"), QStringLiteral("prompts/triage.prompt"),
                              QStringLiteral("--json"), QStringLiteral("-n"), QStringLiteral("2") },
                repo.path());
        CHECK_RUN(run, 0);
        const QJsonObject object = json(run.out).object();
        QCOMPARE(object.value(QStringLiteral("path")).toString(),
            QStringLiteral("prompts/triage.prompt"));
        const QJsonArray commits = object.value(QStringLiteral("commits")).toArray();
        QCOMPARE(commits.size(), 2);
        const QJsonObject first = commits.at(0).toObject();
        QCOMPARE(first.value(QStringLiteral("id")).toString(),
            repo.git({ QStringLiteral("rev-parse"), QStringLiteral("HEAD") }));
        QCOMPARE(first.value(QStringLiteral("summary")).toString(), QStringLiteral("Shout beta"));
        QCOMPARE(first.value(QStringLiteral("author")).toObject().value(QStringLiteral("email")),
            QStringLiteral("author@example.com"));
        QVERIFY(QDateTime::fromString(first.value(QStringLiteral("date")).toString(), Qt::ISODate)
                    .isValid());

        CHECK_RUN(promptsmith({ QStringLiteral("log") }, repo.path()), 2);
        const Run missing
            = promptsmith({ QStringLiteral("log"), QStringLiteral("nothing.prompt") }, repo.path());
        CHECK_RUN(missing, 2);
        QVERIFY(missing.err.contains("no such file"));
        CHECK_RUN(promptsmith({ QStringLiteral("log"), QStringLiteral("x"), QStringLiteral("-n"),
                                  QStringLiteral("lots") },
                      repo.path()),
            2);
    }

    void showPrintsRawBytes()
    {
        ScratchRepo repo;
        const QByteArray bytes("no final newline \xe2\x9c\x93\r\n\x01tail", 26);
        repo.write(QStringLiteral("p/a.prompt"), bytes);
        repo.commitAll(QStringLiteral("c1"));
        repo.write(QStringLiteral("p/a.prompt"), "working copy\n");
        const Run run = promptsmith({ QStringLiteral("show"), QStringLiteral("HEAD:p/a.prompt") },
            repo.filePath(QStringLiteral("p")));
        CHECK_RUN(run, 0);
        QCOMPARE(run.out, bytes);
        QVERIFY(run.err.isEmpty());

        const Run relative
            = promptsmith({ QStringLiteral("show"), QStringLiteral("HEAD~0:./a.prompt") },
                repo.filePath(QStringLiteral("p")));
        CHECK_RUN(relative, 0);
        QCOMPARE(relative.out, bytes);

        const Run unknown = promptsmith(
            { QStringLiteral("show"), QStringLiteral("nope:p/a.prompt") }, repo.path());
        CHECK_RUN(unknown, 2);
        QVERIFY(unknown.err.contains("Unknown revision 'nope'"));
        QVERIFY(unknown.out.isEmpty());
        CHECK_RUN(
            promptsmith({ QStringLiteral("show"), QStringLiteral("HEAD:missing") }, repo.path()),
            2);
        CHECK_RUN(
            promptsmith({ QStringLiteral("show"), QStringLiteral("p/a.prompt") }, repo.path()), 2);
    }

    void diffMatchesGit()
    {
        ScratchRepo repo;
        seed(repo);
        repo.write(QStringLiteral("prompts/triage.prompt"), "alpha\nBETA\ngamma\ndelta\nepsilon\n");
        repo.write(QStringLiteral("other.prompt"), "untracked\n");
        // libgit2 and git score similarity differently; everything else must match byte for byte.
        const QRegularExpression similarity(QStringLiteral("similarity index \\d+%"));
        auto normalised = [&](QString text) {
            return text.replace(similarity, QStringLiteral("similarity index N%"));
        };
        auto git = [&](QStringList args) {
            return normalised(
                repo.git(QStringList { QStringLiteral("diff"), QStringLiteral("-M") } + args)
                + QLatin1Char('\n'));
        };

        const Run work = promptsmith({ QStringLiteral("diff") }, repo.path());
        CHECK_RUN(work, 0);
        QCOMPARE(QString::fromUtf8(work.out), git({ QStringLiteral("HEAD") }));

        const Run oneRev
            = promptsmith({ QStringLiteral("diff"), QStringLiteral("HEAD~2") }, repo.path());
        CHECK_RUN(oneRev, 0);
        QCOMPARE(normalised(QString::fromUtf8(oneRev.out)), git({ QStringLiteral("HEAD~2") }));
        QVERIFY(oneRev.out.contains("rename from prompts/old.prompt"));

        const Run twoRevs = promptsmith(
            { QStringLiteral("diff"), QStringLiteral("HEAD~2"), QStringLiteral("HEAD~1") },
            repo.path());
        CHECK_RUN(twoRevs, 0);
        QCOMPARE(normalised(QString::fromUtf8(twoRevs.out)),
            git({ QStringLiteral("HEAD~2"), QStringLiteral("HEAD~1") }));

        const Run limited = promptsmith(
            { QStringLiteral("diff"), QStringLiteral("--"), QStringLiteral("other.prompt") },
            repo.path());
        CHECK_RUN(limited, 0);
        QVERIFY(limited.out.contains("+++ b/other.prompt"));
        QVERIFY(!limited.out.contains("triage"));

        const Run asJson
            = promptsmith({ QStringLiteral("diff"), QStringLiteral("--json") }, repo.path());
        CHECK_RUN(asJson, 0);
        const QJsonArray files = json(asJson.out).array();
        QCOMPARE(files.size(), 1);
        QCOMPARE(files.at(0).toObject().value(QStringLiteral("change")).toString(),
            QStringLiteral("modified"));

        const Run unknown
            = promptsmith({ QStringLiteral("diff"), QStringLiteral("nope") }, repo.path());
        CHECK_RUN(unknown, 2);
        QVERIFY(unknown.err.contains("nope"));
        CHECK_RUN(promptsmith({ QStringLiteral("diff"), QStringLiteral("HEAD"),
                                  QStringLiteral("HEAD"), QStringLiteral("HEAD") },
                      repo.path()),
            2);
    }

    void commitSelectedAndDefault()
    {
        ScratchRepo repo;
        seed(repo);
        repo.write(QStringLiteral("prompts/triage.prompt"), "rewritten\n");
        repo.write(QStringLiteral("prompts/draft.prompt"), "draft\n");
        repo.write(QStringLiteral("notes.txt"), "not a workspace file\n");

        CHECK_RUN(promptsmith({ QStringLiteral("commit") }, repo.path()), 2);
        const Run noMessage = promptsmith(
            { QStringLiteral("commit"), QStringLiteral("-m"), QStringLiteral("  ") }, repo.path());
        CHECK_RUN(noMessage, 2);
        QVERIFY(noMessage.err.contains("message"));

        // Named paths: only that file, relative to the current directory.
        const Run named
            = promptsmith({ QStringLiteral("commit"), QStringLiteral("-m"),
                              QStringLiteral("Add a draft"), QStringLiteral("draft.prompt") },
                repo.filePath(QStringLiteral("prompts")));
        CHECK_RUN(named, 0);
        QVERIFY(named.out.startsWith("[main "));
        QVERIFY(named.out.contains("] Add a draft\n  prompts/draft.prompt\n"));
        QCOMPARE(repo.git({ QStringLiteral("show"), QStringLiteral("--name-only"),
                     QStringLiteral("--format=%s") }),
            QStringLiteral("Add a draft\n\nprompts/draft.prompt"));
        // The plain git CLI reads the commit and its patch.
        const QString log
            = repo.git({ QStringLiteral("log"), QStringLiteral("-p"), QStringLiteral("-1") });
        QVERIFY(log.contains(QLatin1String("Author: Test Author <author@example.com>")));
        QVERIFY(log.contains(QLatin1String("+++ b/prompts/draft.prompt\n@@ -0,0 +1 @@\n+draft")));

        // No paths: tracked changes plus untracked workspace files, never notes.txt.
        repo.write(QStringLiteral("evals/new.yaml"), "tests: []\n");
        const Run all
            = promptsmith({ QStringLiteral("commit"), QStringLiteral("-m"),
                              QStringLiteral("Rewrite"), QStringLiteral("-m"),
                              QStringLiteral("Second paragraph."), QStringLiteral("--json") },
                repo.path());
        CHECK_RUN(all, 0);
        const QJsonObject object = json(all.out).object();
        QCOMPARE(object.value(QStringLiteral("branch")).toString(), QStringLiteral("main"));
        QCOMPARE(object.value(QStringLiteral("id")).toString(),
            repo.git({ QStringLiteral("rev-parse"), QStringLiteral("HEAD") }));
        QCOMPARE(object.value(QStringLiteral("files")).toArray().toVariantList(),
            QVariantList(
                { QStringLiteral("evals/new.yaml"), QStringLiteral("prompts/triage.prompt") }));
        QCOMPARE(repo.git({ QStringLiteral("log"), QStringLiteral("-1"),
                     QStringLiteral("--format=%B") }),
            QStringLiteral("Rewrite\n\nSecond paragraph.\n"));
        QCOMPARE(repo.git({ QStringLiteral("status"), QStringLiteral("--porcelain") }),
            QStringLiteral("?? notes.txt"));

        const Run nothing = promptsmith(
            { QStringLiteral("commit"), QStringLiteral("-m"), QStringLiteral("again") },
            repo.path());
        CHECK_RUN(nothing, 1);
        QVERIFY(nothing.err.contains("nothing to commit"));
        CHECK_RUN(promptsmith({ QStringLiteral("commit"), QStringLiteral("-m"), QStringLiteral("x"),
                                  QStringLiteral("prompts/triage.prompt") },
                      repo.path()),
            1);
        CHECK_RUN(promptsmith({ QStringLiteral("commit"), QStringLiteral("-m"), QStringLiteral("x"),
                                  QStringLiteral("missing.prompt") },
                      repo.path()),
            2);
    }

    void commitWithoutIdentity()
    {
        ScratchRepo repo(false);
        repo.write(QStringLiteral("a.prompt"), "a\n");
        const Run run = promptsmith(
            { QStringLiteral("commit"), QStringLiteral("-m"), QStringLiteral("first") },
            repo.path());
        CHECK_RUN(run, 2);
        QVERIFY(run.err.contains("git config --global user.email"));
        // With an identity for this repository, the first commit (unborn HEAD) works.
        repo.git({ QStringLiteral("config"), QStringLiteral("user.name"), QStringLiteral("Late") });
        repo.git({ QStringLiteral("config"), QStringLiteral("user.email"),
            QStringLiteral("late@example.com") });
        const Run first = promptsmith({ QStringLiteral("commit"), QStringLiteral("-m"),
                                          QStringLiteral("first"), QStringLiteral("a.prompt") },
            repo.path());
        CHECK_RUN(first, 0);
        QVERIFY(first.out.endsWith("] first\n  a.prompt\n"));
        QCOMPARE(repo.git({ QStringLiteral("log"), QStringLiteral("--format=%an %s") }),
            QStringLiteral("Late first"));
    }

    void commitRefusedWhereGitWouldRefuse()
    {
        // A merge stopped on a conflict: with no PATH, and with a PATH, exit 3 and nothing moves.
        ScratchRepo repo;
        const QString head = repo.divergeBranches(QStringLiteral("a.prompt"));
        QVERIFY(!head.isEmpty());
        repo.git({ QStringLiteral("merge"), QStringLiteral("side") });
        QVERIFY(repo.lastExitCode() != 0);
        const QByteArray mergeHead = repo.read(QStringLiteral(".git/MERGE_HEAD"));
        QVERIFY(!mergeHead.isEmpty());
        for (const QStringList &extra : { QStringList {}, QStringList { QStringLiteral("a.prompt") } }) {
            const Run run = promptsmith(
                QStringList { QStringLiteral("commit"), QStringLiteral("-m"), QStringLiteral("x") }
                    + extra,
                repo.path());
            CHECK_RUN(run, 3);
            QVERIFY2(run.err.contains("A merge is in progress (.git/MERGE_HEAD)"), run.err.constData());
            QVERIFY(run.err.contains("git merge --abort"));
            QCOMPARE(repo.git({ QStringLiteral("rev-parse"), QStringLiteral("HEAD") }), head);
            QCOMPARE(repo.read(QStringLiteral(".git/MERGE_HEAD")), mergeHead);
        }

        // Conflict markers left in a file after the merge was abandoned.
        repo.git({ QStringLiteral("merge"), QStringLiteral("--abort") });
        QCOMPARE(repo.lastExitCode(), 0);
        repo.write(QStringLiteral("a.prompt"), "<<<<<<< HEAD\nmain\n=======\nside\n>>>>>>> side\n");
        const Run markers = promptsmith(
            { QStringLiteral("commit"), QStringLiteral("-m"), QStringLiteral("x") }, repo.path());
        CHECK_RUN(markers, 3);
        QVERIFY2(markers.err.contains("a.prompt:1, a.prompt:3, a.prompt:5"), markers.err.constData());
        QCOMPARE(repo.git({ QStringLiteral("rev-parse"), QStringLiteral("HEAD") }), head);
    }

    void runRefusesAPromptLinkedOutside()
    {
        // The run reads the prompt itself and sends it to a model: a link out of the
        // workspace is refused before anything is sent (echo would print it back).
        ScratchRepo repo;
        QTemporaryDir outside;
        const QString secret = outside.filePath(QStringLiteral("secret.prompt"));
        QFile file(secret);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not for a model\n");
        file.close();
        QVERIFY(QFile::link(secret, repo.filePath(QStringLiteral("hello.prompt"))));
        const Run run = promptsmith({ QStringLiteral("run"), QStringLiteral("hello.prompt"),
                                        QStringLiteral("--model"), QStringLiteral("echo/echo") },
            repo.path());
        CHECK_RUN(run, 2);
        QVERIFY2(run.err.contains("outside the workspace"), run.err.constData());
        QVERIFY(!run.out.contains("not for a model"));
    }

    void tagLifecycle()
    {
        ScratchRepo repo;
        seed(repo);
        const QString head = repo.git({ QStringLiteral("rev-parse"), QStringLiteral("HEAD") });
        const QString first = repo.git({ QStringLiteral("rev-parse"), QStringLiteral("HEAD~2") });

        const Run light = promptsmith({ QStringLiteral("tag"), QStringLiteral("v1") }, repo.path());
        CHECK_RUN(light, 0);
        QCOMPARE(
            QString::fromUtf8(light.out), QStringLiteral("Tagged %1 as v1\n").arg(head.left(7)));
        const Run annotated
            = promptsmith({ QStringLiteral("tag"), QStringLiteral("v0"), QStringLiteral("HEAD~2"),
                              QStringLiteral("-m"), QStringLiteral("First cut") },
                repo.path());
        CHECK_RUN(annotated, 0);
        QCOMPARE(
            repo.git({ QStringLiteral("cat-file"), QStringLiteral("-t"), QStringLiteral("v0") }),
            QStringLiteral("tag"));
        QCOMPARE(repo.git({ QStringLiteral("rev-parse"), QStringLiteral("v0^{commit}") }), first);

        const Run list
            = promptsmith({ QStringLiteral("tag"), QStringLiteral("--list") }, repo.path());
        CHECK_RUN(list, 0);
        QCOMPARE(QString::fromUtf8(list.out),
            QStringLiteral("v0\t%1\tFirst cut\nv1\t%2\n").arg(first.left(7), head.left(7)));
        const Run listJson = promptsmith(
            { QStringLiteral("tag"), QStringLiteral("--list"), QStringLiteral("--json") },
            repo.path());
        CHECK_RUN(listJson, 0);
        const QJsonArray tags = json(listJson.out).array();
        QCOMPARE(tags.size(), 2);
        QCOMPARE(
            tags.at(0).toObject().value(QStringLiteral("name")).toString(), QStringLiteral("v0"));
        QCOMPARE(tags.at(0).toObject().value(QStringLiteral("annotated")).toBool(), true);
        QCOMPARE(tags.at(0).toObject().value(QStringLiteral("target")).toString(), first);
        QCOMPARE(tags.at(1).toObject().value(QStringLiteral("annotated")).toBool(), false);

        const Run badName
            = promptsmith({ QStringLiteral("tag"), QStringLiteral("bad..name") }, repo.path());
        CHECK_RUN(badName, 2);
        QVERIFY(badName.err.contains("not a valid tag name"));
        const Run exists
            = promptsmith({ QStringLiteral("tag"), QStringLiteral("v1") }, repo.path());
        CHECK_RUN(exists, 3);
        QVERIFY(exists.err.contains("already exists"));
        CHECK_RUN(
            promptsmith({ QStringLiteral("tag"), QStringLiteral("v9"), QStringLiteral("nope") },
                repo.path()),
            2);

        CHECK_RUN(
            promptsmith({ QStringLiteral("tag"), QStringLiteral("--delete"), QStringLiteral("v1") },
                repo.path()),
            0);
        QCOMPARE(repo.git({ QStringLiteral("tag"), QStringLiteral("-l") }), QStringLiteral("v0"));
        CHECK_RUN(
            promptsmith({ QStringLiteral("tag"), QStringLiteral("--delete"), QStringLiteral("v1") },
                repo.path()),
            2);
        CHECK_RUN(
            promptsmith({ QStringLiteral("tag"), QStringLiteral("--delete") }, repo.path()), 2);
    }
};

QTEST_GUILESS_MAIN(TestCliWorkspace)
#include "tst_cliworkspace.moc"
