// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// The prompt tools wired into the main window: preview follows the editor, errors are marked in
// it, completion is attached, Ctrl+Enter runs, the menus have New Prompt and API Keys.
#include "providers/transport.h"
#include "tests/ui/uitestsupport.h"
#include "ui/codeeditor.h"
#include "ui/editortabs.h"
#include "ui/mainwindow.h"
#include "ui/preview/editordiagnostics.h"
#include "ui/preview/promptcompleter.h"
#include "ui/preview/promptpreviewpane.h"
#include "ui/preview/variablesform.h"
#include "ui/run/runpanel.h"
#include "ui/workbench/promptworkbench.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTest>

using namespace psm;

class TstPromptWorkbench final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() { test::resetSettings(); }

    // The workbench attaches through the window's typed API: New Prompt heads the File menu,
    // the preview and run toggles are in the View menu, the run dock is a tab beside the
    // history; the workbench is the window's own, not something to look up by name.
    void attachesThroughTheWindowApi()
    {
        ui::MainWindow window;
        ui::PromptWorkbench *workbench = window.workbench();
        QVERIFY(workbench);
        QCOMPARE(
            window.fileMenu()->actions().first()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_N));
        const QList<QAction *> view = window.viewMenu()->actions();
        QVERIFY(view.contains(workbench->previewDock()->toggleViewAction()));
        QVERIFY(view.contains(workbench->runDock()->toggleViewAction()));
        QVERIFY(window.tabifiedDockWidgets(window.historyDock()).contains(workbench->runDock()));
        QCOMPARE(window.dockWidgetArea(workbench->previewDock()), Qt::RightDockWidgetArea);
    }

    // Run → Compare… (Ctrl+Shift+Enter) shows the grid dock, hidden until asked for.
    void compareOpensTheGridDock()
    {
        ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ui::PromptWorkbench *workbench = window.workbench();
        QVERIFY(workbench->gridPanel());
        QVERIFY(!workbench->gridDock()->isVisible());
        QVERIFY(window.viewMenu()->actions().contains(workbench->gridDock()->toggleViewAction()));
        auto *compare = window.findChild<QAction *>(QStringLiteral("actionCompare"));
        QVERIFY(compare);
        QCOMPARE(compare->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return));
        QTest::keyClick(&window, Qt::Key_Return, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(workbench->gridDock()->isVisible());
    }

    void toolsFollowTheEditor()
    {
        test::ScratchWorkspace scratch;
        QVERIFY(scratch.isValid());
        ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ui::StartupOptions options;
        options.workspace = scratch.root();
        window.start(options);
        QTRY_COMPARE_WITH_TIMEOUT(window.workspaceRoot(), scratch.root(), 10000);

        ui::PromptWorkbench *workbench = window.workbench();
        QVERIFY(workbench);
        QVERIFY(workbench->previewDock());
        QVERIFY(workbench->runDock());
        auto *newPrompt = window.findChild<QAction *>(QStringLiteral("actionNewPrompt"));
        QVERIFY(newPrompt);
        QCOMPARE(newPrompt->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_N));
        QVERIFY(window.findChild<QAction *>(QStringLiteral("actionApiKeys")));

        ui::EditorTabs *tabs = window.editorTabs();
        QVERIFY(tabs->openFile(QStringLiteral("prompts/greet.prompt")));
        ui::CodeEditor *editor = tabs->currentEditor();
        auto *preview = workbench->previewPane();
        QTRY_VERIFY_WITH_TIMEOUT(
            preview->messagesText().contains(QStringLiteral("You are terse.")), 5000);
        QVERIFY(editor->findChild<ui::PromptCompleter *>());
        auto *marks = editor->findChild<ui::EditorDiagnostics *>();
        QVERIFY(marks);

        // A broken block gets a mark in the editor; fixing it removes the mark.
        editor->setFocus();
        editor->moveCursor(QTextCursor::End);
        QTest::keyClicks(editor, QStringLiteral("{{#if name}}"));
        QTRY_VERIFY_WITH_TIMEOUT(!marks->diagnostics().isEmpty(), 5000);
        bool underlined = false;
        for (const auto &selection : editor->extraSelections())
            underlined
                = underlined || selection.format.underlineStyle() == QTextCharFormat::WaveUnderline;
        QVERIFY(underlined);
        QTest::keyClicks(editor, QStringLiteral("hi{{/if}}"));
        QTRY_VERIFY_WITH_TIMEOUT(marks->diagnostics().isEmpty(), 5000);

        // Ctrl+Enter from the editor runs the unsaved text through the echo provider, with the
        // preview's variables; a missing required one is reported in place first.
        auto *run = workbench->runPanel();
        QApplication::setActiveWindow(&window);
        QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
        auto *runError = run->findChild<QLabel *>(QStringLiteral("runError"));
        // Planned off the GUI thread: the plan's error arrives through the engine's signal.
        QTRY_VERIFY2_WITH_TIMEOUT(runError->text().contains(QStringLiteral("'name' is required")),
            qPrintable(runError->text()), 5000);
        QTRY_VERIFY(!run->isRunning());
        QVERIFY(run->outputText().isEmpty());
        QTRY_VERIFY(preview->variablesForm()->editorFor(QStringLiteral("name")));
        qobject_cast<QPlainTextEdit *>(preview->variablesForm()->editorFor(QStringLiteral("name")))
            ->setPlainText(QStringLiteral("Ada"));
        QSignalSpy finished(run, &ui::RunPanel::runFinished);
        QApplication::setActiveWindow(&window);
        QTest::keyClick(editor, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY2(run->isRunning(),
            qPrintable(run->findChild<QLabel *>(QStringLiteral("runError"))->text()));
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 10000);
        QVERIFY2(run->outputText().contains(QStringLiteral("Say hello to Ada.")),
            qPrintable(run->outputText() + run->statsText()));
        QVERIFY(editor->toPlainText().endsWith(QStringLiteral("{{#if name}}hi{{/if}}")));
    }

    // The window's run panel runs through the process's one transport it was given (so the
    // grid and eval runs share its per-provider limits) and makes none of its own.
    void runPanelUsesTheGivenTransport()
    {
        test::ScratchWorkspace scratch;
        QVERIFY(scratch.isValid());
        providers::Transport transport;
        ui::MainWindow window(&transport);
        QCOMPARE(window.transport(), &transport);
        QVERIFY(window.findChildren<providers::Transport *>().isEmpty());

        ui::RunPanel *run = window.workbench()->runPanel();
        run->setPrompt(scratch.root(), QStringLiteral("prompts/greet.prompt"));
        run->setVariablesProvider([] { return nlohmann::ordered_json { { "name", "Ada" } }; });
        QSignalSpy callsFinished(&transport, &providers::Transport::finished);
        QSignalSpy runFinished(run, &ui::RunPanel::runFinished);
        run->run();
        QTRY_VERIFY_WITH_TIMEOUT(!runFinished.isEmpty(), 10000);
        QVERIFY2(run->outputText().contains(QStringLiteral("Say hello to Ada.")),
            qPrintable(run->outputText() + run->statsText()));
        QCOMPARE(callsFinished.size(), 1);
    }
};

int main(int argc, char **argv)
{
    psm::test::isolateEnvironment();
    qputenv("PROMPTSMITH_LEDGER",
        (QDir::tempPath() + QStringLiteral("/psm-tst-workbench-ledger.sqlite3")).toUtf8());
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("promptsmith-tst-promptworkbench"));
    QApplication::setOrganizationName(QStringLiteral("Promptsmith"));
    TstPromptWorkbench test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_promptworkbench.moc"
