// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// An edit survives `kill -9` one second after it was typed: a real child process (this test
// binary in --child mode) opens the workspace offscreen and types into a prompt; the test
// SIGKILLs it a second later, then a fresh window on the same workspace and app-data folder
// offers the draft back with exactly the typed text.
#include "uitestsupport.h"

#include "ui/codeeditor.h"
#include "ui/editortabs.h"
#include "ui/mainwindow.h"
#include "ui/recoverybar.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTest>

#include <csignal>
#include <cstdio>

using namespace psm;

namespace {

const QString kPath = QStringLiteral("prompts/greet.prompt");
const QString kTyped = QStringLiteral("Unsaved, then the power went out.");

void setAppIdentity()
{
    QApplication::setApplicationName(QStringLiteral("promptsmith-tst-draftcrash"));
    QApplication::setOrganizationName(QStringLiteral("Promptsmith"));
}

// The child: opens ROOT, types kTyped at the end of kPath, says "typed" and keeps running
// until it is killed (or gives up after a minute).
int runChild(int argc, char **argv, const QString &root)
{
    QStandardPaths::setTestModeEnabled(true); // HOME and XDG_* come from the parent
    QApplication app(argc, argv);
    setAppIdentity();
    ui::MainWindow window;
    window.show();
    ui::StartupOptions options;
    options.workspace = root;
    window.start(options);
    if (!QTest::qWaitFor([&] { return window.workspaceRoot() == root; }, 20000)
        || !window.editorTabs()->openFile(kPath)) {
        std::fprintf(stdout, "failed to open\n");
        return 1;
    }
    ui::CodeEditor *editor = window.editorTabs()->currentEditor();
    editor->moveCursor(QTextCursor::End);
    QTest::keyClicks(editor, kTyped);
    std::fprintf(stdout, "typed\n");
    std::fflush(stdout);
    QTest::qWait(60000);
    return 2;
}

} // namespace

class TstDraftCrash final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void editSurvivesKillNine()
    {
        test::resetSettings();
        test::ScratchWorkspace scratch;
        QVERIFY(scratch.isValid());

        QProcess child;
        child.setProgram(QCoreApplication::applicationFilePath());
        child.setArguments({ QStringLiteral("--child"), scratch.root() });
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(); // inherits HOME, XDG_* and QT_QPA_PLATFORM from this process
        QVERIFY(child.waitForStarted(10000));
        QElapsedTimer waited;
        waited.start();
        while (!child.canReadLine() && waited.elapsed() < 60000)
            child.waitForReadyRead(1000);
        const QByteArray line = child.readLine().trimmed();
        QCOMPARE(line, QByteArray("typed"));

        QTest::qWait(1000);
        ::kill(pid_t(child.processId()), SIGKILL);
        QVERIFY(child.waitForFinished(10000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        ui::MainWindow window;
        window.show();
        ui::StartupOptions options;
        options.workspace = scratch.root();
        window.start(options);
        QTRY_COMPARE_WITH_TIMEOUT(window.workspaceRoot(), scratch.root(), 10000);
        ui::RecoveryBar *bar = window.recoveryBar();
        QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible(), 5000);
        QCOMPARE(bar->drafts().size(), 1);
        QCOMPARE(bar->drafts().first().path, kPath);
        QCOMPARE(bar->drafts().first().text, QString::fromUtf8(test::kGreetPrompt) + kTyped);
        QCOMPARE(test::readFile(scratch.path(kPath)), test::kGreetPrompt); // file untouched
    }
};

int main(int argc, char **argv)
{
    if (argc == 3 && qstrcmp(argv[1], "--child") == 0)
        return runChild(argc, argv, QString::fromLocal8Bit(argv[2]));
    psm::test::isolateEnvironment();
    QApplication app(argc, argv);
    setAppIdentity();
    TstDraftCrash test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_draftcrash.moc"
