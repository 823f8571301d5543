// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// `promptsmith hook install|uninstall` end to end: the built binary installs the pre-commit hook
// with its own absolute path, refuses to overwrite a foreign hook, chains it on request, puts it
// back on uninstall; and a real `git commit` goes through exactly when the binary's own
// `eval --gate --staged` exits 0 (the gating itself, with a fake binary: tst_precommithook).
#include "tests/support/scratchrepo.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTest>

using psm::test::ScratchRepo;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

struct Run {
    int code = -1;
    QString out;
    QString err;
};

Run runIn(const QString &program, const QStringList &args, const QString &cwd)
{
    QProcess process;
    process.setWorkingDirectory(cwd);
    process.start(program, args);
    Run run;
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit)
        return run;
    run.code = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

Run promptsmith(const QStringList &args, const QString &cwd)
{
    return runIn(s(PSM_PROMPTSMITH), args, cwd);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

#define CHECK_RUN(run, expectedCode)                                                               \
    QVERIFY2((run).code == (expectedCode),                                                         \
        qPrintable(QStringLiteral("exit %1, expected %2; stdout: %3; stderr: %4")                  \
                       .arg((run).code)                                                            \
                       .arg(expectedCode)                                                          \
                       .arg((run).out, (run).err)))

} // namespace

class TestCliHook final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { psm::test::isolateGitConfig(); }

    void installUpdateUninstall()
    {
        ScratchRepo repo;
        QVERIFY(repo.isValid());
        const QString hook = repo.path() + s("/.git/hooks/pre-commit");
        Run run = promptsmith({ s("hook"), s("install") }, repo.path());
        CHECK_RUN(run, 0);
        QCOMPARE(run.out, s("Installed %1\n").arg(hook));
        QVERIFY(QFileInfo(hook).isExecutable());
        const QString binary = QFileInfo(s(PSM_PROMPTSMITH)).canonicalFilePath();
        QVERIFY2(readAll(hook).contains("installed='" + binary.toUtf8() + "'\n"),
            readAll(hook).constData());

        run = promptsmith({ s("hook"), s("install") }, repo.path());
        CHECK_RUN(run, 0);
        QCOMPARE(run.out, s("Updated %1\n").arg(hook));

        run = promptsmith({ s("hook"), s("uninstall") }, repo.path());
        CHECK_RUN(run, 0);
        QVERIFY(!QFileInfo::exists(hook));
        run = promptsmith({ s("hook"), s("uninstall") }, repo.path());
        CHECK_RUN(run, 0);
        QVERIFY(run.out.startsWith(s("No Promptsmith pre-commit hook")));
    }

    void foreignHookRefusedThenChained()
    {
        ScratchRepo repo;
        QVERIFY(repo.isValid());
        const QString hook = repo.path() + s("/.git/hooks/pre-commit");
        const QByteArray theirs = "#!/bin/sh\nexit 0\n";
        QVERIFY(repo.write(s(".git/hooks/pre-commit"), theirs));

        Run run = promptsmith({ s("hook"), s("install") }, repo.path());
        CHECK_RUN(run, 3);
        QVERIFY2(run.err.contains(hook) && run.err.contains(s("--chain")), qPrintable(run.err));
        QCOMPARE(readAll(hook), theirs);

        run = promptsmith({ s("hook"), s("uninstall") }, repo.path());
        CHECK_RUN(run, 3);
        QCOMPARE(readAll(hook), theirs);

        run = promptsmith({ s("hook"), s("install"), s("--chain") }, repo.path());
        CHECK_RUN(run, 0);
        QVERIFY2(run.out.contains(s("pre-commit.promptsmith-chained and runs first")),
            qPrintable(run.out));
        run = promptsmith({ s("hook"), s("uninstall") }, repo.path());
        CHECK_RUN(run, 0);
        QCOMPARE(readAll(hook), theirs);
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no action") << QStringList { s("hook") };
        QTest::newRow("unknown action") << QStringList { s("hook"), s("frobnicate") };
        QTest::newRow("two actions") << QStringList { s("hook"), s("install"), s("uninstall") };
        QTest::newRow("chain and force")
            << QStringList { s("hook"), s("install"), s("--chain"), s("--force") };
        QTest::newRow("uninstall --force")
            << QStringList { s("hook"), s("uninstall"), s("--force") };
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        ScratchRepo repo;
        QVERIFY(repo.isValid());
        const Run run = promptsmith(args, repo.path());
        CHECK_RUN(run, 2);
        QVERIFY(!QFileInfo::exists(repo.path() + s("/.git/hooks/pre-commit")));
    }

    // With the real binary: git commits exactly when `promptsmith eval --gate --staged` passes.
    void theRealBinaryDecidesTheCommit()
    {
        ScratchRepo repo;
        QVERIFY(repo.isValid());
        QVERIFY(repo.write(s("prompts/triage.prompt"), "v0\n"));
        const QString initial = repo.commitAll(s("Initial"));
        QVERIFY(!initial.isEmpty());
        CHECK_RUN(promptsmith({ s("hook"), s("install") }, repo.path()), 0);

        QVERIFY(repo.write(s("prompts/triage.prompt"), "v1\n"));
        repo.git({ s("add"), s("prompts/triage.prompt") });
        const Run gate = promptsmith({ s("eval"), s("--gate"), s("--staged") }, repo.path());
        QVERIFY(gate.code >= 0);
        const Run commit = runIn(s("git"), { s("commit"), s("-q"), s("-m"), s("v1") }, repo.path());
        const bool committed = repo.git({ s("rev-parse"), s("HEAD") }) != initial;
        QVERIFY2(committed == (gate.code == 0),
            qPrintable(s("gate exit %1 (%2); git commit exit %3 (%4)")
                           .arg(gate.code)
                           .arg(gate.err)
                           .arg(commit.code)
                           .arg(commit.err)));
        if (!committed)
            QVERIFY2(commit.err.contains(gate.err.trimmed()), qPrintable(commit.err));
    }
};

QTEST_GUILESS_MAIN(TestCliHook)
#include "tst_clihook.moc"
