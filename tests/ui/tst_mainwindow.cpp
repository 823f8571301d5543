// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// The main flow a user goes through: open a workspace, open a prompt from the tree, edit, save,
// commit through the commit dialog, find the commit in the history, view its diff, restore an
// older version and undo that. Drives the widgets; waits for the background git jobs.
#include "uitestsupport.h"

#include "ui/codeeditor.h"
#include "ui/commitdialog.h"
#include "ui/diffview.h"
#include "ui/editortabs.h"
#include "ui/historypanel.h"
#include "ui/logpanel.h"
#include "ui/mainwindow.h"
#include "ui/workspacetree.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace psm;

class TstMainWindow final : public QObject {
    Q_OBJECT

private:
    static void clickTreeItem(ui::WorkspaceTree *tree, const QString &path)
    {
        QTreeWidgetItem *item = tree->itemForPath(path);
        QVERIFY2(item, qPrintable(path));
        tree->scrollToItem(item);
        QTest::mouseClick(
            tree->viewport(), Qt::LeftButton, {}, tree->visualItemRect(item).center());
    }

    static bool openAndWait(ui::MainWindow &window, const QString &root)
    {
        ui::StartupOptions options;
        options.workspace = root;
        window.start(options);
        return QTest::qWaitFor([&] { return window.workspaceRoot() == root; }, 10000);
    }

private Q_SLOTS:
    void init() { test::resetSettings(); }

    void editSaveCommitAndHistory()
    {
        test::ScratchWorkspace scratch;
        QVERIFY(scratch.isValid());
        ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(openAndWait(window, scratch.root()));

        auto *tree = window.findChild<ui::WorkspaceTree *>(QStringLiteral("workspaceTree"));
        QVERIFY(tree);
        QVERIFY(tree->itemForPath(QStringLiteral("prompts/_header.prompt")));
        QVERIFY(tree->itemForPath(QStringLiteral("evals/greet.yaml")));
        QVERIFY(tree->itemForPath(QStringLiteral("promptsmith.yaml")));
        const QString prompt = QStringLiteral("prompts/greet.prompt");
        clickTreeItem(tree, prompt);

        auto *tabs = window.findChild<ui::EditorTabs *>(QStringLiteral("editorTabs"));
        QVERIFY(tabs);
        QCOMPARE(tabs->count(), 1);
        QCOMPARE(tabs->currentPath(), prompt);
        auto *editor = tabs->currentEditor();
        QCOMPARE(editor->toPlainText().toUtf8(), test::kGreetPrompt);
        QCOMPARE(tabs->tabText(0), QStringLiteral("greet.prompt"));

        // Edit at the end of the file; the tab gets the dirty marker.
        editor->setFocus();
        editor->moveCursor(QTextCursor::End);
        QTest::keyClicks(editor, QStringLiteral("Keep it short."));
        QVERIFY(tabs->isDirty(0));
        QVERIFY(tabs->tabText(0).contains(QStringLiteral("●")));

        // Ctrl+S saves to disk and clears the marker; git status then marks the file modified.
        QApplication::setActiveWindow(&window);
        QTest::keyClick(editor, Qt::Key_S, Qt::ControlModifier);
        const QByteArray edited = test::kGreetPrompt + "Keep it short.";
        QCOMPARE(test::readFile(scratch.path(prompt)), edited);
        QVERIFY(!tabs->isDirty(0));
        QCOMPARE(tabs->tabText(0), QStringLiteral("greet.prompt"));
        QTRY_COMPARE_WITH_TIMEOUT(tree->markerFor(prompt), QStringLiteral("M"), 10000);

        // Commit through the dialog (Ctrl+K).
        QTest::keyClick(editor, Qt::Key_K, Qt::ControlModifier);
        QTRY_VERIFY(window.commitDialog());
        ui::CommitDialog *dialog = window.commitDialog();
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isLoaded(), 10000);
        auto *files = dialog->findChild<QListWidget *>(QStringLiteral("commitFileList"));
        auto *message = dialog->findChild<QPlainTextEdit *>(QStringLiteral("commitMessage"));
        auto *commit = dialog->findChild<QPushButton *>(QStringLiteral("commitButton"));
        auto *identity = dialog->findChild<QGroupBox *>(QStringLiteral("identityBox"));
        QVERIFY(files && message && commit && identity);
        QVERIFY(identity->isHidden()); // the scratch repo has an identity
        QCOMPARE(files->count(), 1);
        QVERIFY(files->item(0)->text().startsWith(prompt));
        QCOMPARE(files->item(0)->checkState(), Qt::Checked);
        QVERIFY(!commit->isEnabled()); // no message yet
        QTest::keyClicks(message, QStringLiteral("Ask for brevity"));
        // evals/greet.yaml covers the prompt, so the commit gate runs it (against the echo
        // provider: the set names none) and Commit waits for its verdict.
        QTRY_VERIFY_WITH_TIMEOUT(commit->isEnabled(), 10000);
        files->item(0)->setCheckState(Qt::Unchecked);
        QVERIFY(!commit->isEnabled()); // no file
        files->item(0)->setCheckState(Qt::Checked);
        QVERIFY(commit->isEnabled());
        QTest::mouseClick(commit, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!window.commitDialog(), 10000);

        // Plain git sees an ordinary commit.
        QCOMPARE(
            test::git(scratch.root(),
                { QStringLiteral("log"), QStringLiteral("-1"), QStringLiteral("--format=%s|%an") })
                .trimmed(),
            QStringLiteral("Ask for brevity|Test Author"));
        QTRY_COMPARE_WITH_TIMEOUT(tree->markerFor(prompt), QString(), 10000);

        // The history panel lists both commits, newest first.
        auto *history = window.findChild<ui::HistoryPanel *>(QStringLiteral("historyPanel"));
        QVERIFY(history);
        QTRY_COMPARE_WITH_TIMEOUT(history->commits().size(), 2, 10000);
        QCOMPARE(history->commits().at(0).summary, QStringLiteral("Ask for brevity"));
        QCOMPARE(history->commits().at(1).summary, QStringLiteral("Initial prompts"));
        auto *list = history->findChild<QListWidget *>(QStringLiteral("historyList"));
        QVERIFY(list->item(0)->text().contains(QStringLiteral("Ask for brevity")));
        QVERIFY(list->item(0)->text().contains(QStringLiteral("Test Author")));

        // Picking the newest commit shows what it added, side by side and inline.
        list->item(0)->setSelected(true);
        auto *diff = history->diffView();
        QTRY_VERIFY_WITH_TIMEOUT(
            diff->rightEditor()->toPlainText().contains(QStringLiteral("+ Keep it short.")), 10000);
        QTest::mouseClick(
            history->findChild<QWidget *>(QStringLiteral("inlineButton")), Qt::LeftButton);
        QCOMPARE(diff->mode(), ui::DiffView::Mode::Inline);
        QVERIFY(diff->inlineEditor()->toPlainText().contains(QStringLiteral("+ Keep it short.")));

        // Two commits: the diff between them.
        auto *diffTitle = history->findChild<QLabel *>(QStringLiteral("diffTitle"));
        const auto &commits = history->commits();
        list->item(1)->setSelected(true);
        QTRY_COMPARE(diffTitle->text(),
            QStringLiteral("%1 → %2").arg(commits[1].shortId, commits[0].shortId));
        QTRY_VERIFY_WITH_TIMEOUT(
            diff->inlineEditor()->toPlainText().contains(QStringLiteral("+ Keep it short.")),
            10000);
        // The root commit alone: everything it has is an addition.
        list->item(0)->setSelected(false);
        QTRY_VERIFY_WITH_TIMEOUT(
            diff->inlineEditor()->toPlainText().contains(QStringLiteral("+ {{role \"system\"}}")),
            10000);
        QVERIFY(!diff->inlineEditor()->toPlainText().contains(QStringLiteral("Keep it short.")));
        // Against the working copy: what changed since then.
        auto *workingCopy = history->findChild<QCheckBox *>(QStringLiteral("compareWorkingCopy"));
        workingCopy->setChecked(true);
        QTRY_VERIFY_WITH_TIMEOUT(
            diff->inlineEditor()->toPlainText().contains(QStringLiteral("+ Keep it short.")),
            10000);
        QVERIFY(diffTitle->text().contains(QStringLiteral("working copy")));
        workingCopy->setChecked(false);

        // Restore the initial version: the file and the clean tab follow; Undo brings it back.
        QTest::mouseClick(
            history->findChild<QPushButton *>(QStringLiteral("restoreButton")), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(test::readFile(scratch.path(prompt)), test::kGreetPrompt, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(editor->toPlainText().toUtf8(), test::kGreetPrompt, 10000);
        QVERIFY(window.logPanel()->triggerLastAction());
        QCOMPARE(test::readFile(scratch.path(prompt)), edited);
        QTRY_COMPARE_WITH_TIMEOUT(editor->toPlainText().toUtf8(), edited, 10000);
    }

    void revertAndRefuseRestoreOverUnsavedEdits()
    {
        test::ScratchWorkspace scratch;
        ui::MainWindow window;
        window.show();
        QVERIFY(openAndWait(window, scratch.root()));
        auto *tabs = window.editorTabs();
        QVERIFY(tabs->openFile(QStringLiteral("prompts/greet.prompt")));
        tabs->currentEditor()->insertPlainText(QStringLiteral("draft text "));
        QVERIFY(tabs->isDirty(0));

        auto *history = window.historyPanel();
        QTRY_COMPARE_WITH_TIMEOUT(history->commits().size(), 1, 10000);
        history->selectRows({ 0 });
        auto *restore = history->findChild<QPushButton *>(QStringLiteral("restoreButton"));
        QVERIFY(restore->isEnabled());
        const int before = int(window.logPanel()->messages().size());
        QTest::mouseClick(restore, Qt::LeftButton);
        QCOMPARE(window.logPanel()->messages().size(), before + 1);
        QVERIFY(window.logPanel()->messages().last().contains(QStringLiteral("unsaved edits")));
        QVERIFY(tabs->currentEditor()->toPlainText().startsWith(QStringLiteral("draft text ")));

        window.findChild<QAction *>(QStringLiteral("actionRevert"))->trigger();
        QVERIFY(!tabs->isDirty(0));
        QCOMPARE(tabs->currentEditor()->toPlainText().toUtf8(), test::kGreetPrompt);
    }

    void tabShortcuts()
    {
        test::ScratchWorkspace scratch;
        ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(openAndWait(window, scratch.root()));
        auto *tabs = window.editorTabs();
        QVERIFY(tabs->openFile(QStringLiteral("prompts/greet.prompt")));
        QVERIFY(tabs->openFile(QStringLiteral("evals/greet.yaml")));
        QVERIFY(tabs->openFile(QStringLiteral("promptsmith.yaml")));
        QCOMPARE(tabs->currentIndex(), 2);
        QWidget *editor = tabs->currentEditor();
        QTest::keyClick(editor, Qt::Key_PageDown, Qt::ControlModifier);
        QCOMPARE(tabs->currentPath(), QStringLiteral("prompts/greet.prompt"));
        QTest::keyClick(tabs->currentEditor(), Qt::Key_Tab, Qt::ControlModifier);
        QCOMPARE(tabs->currentPath(), QStringLiteral("evals/greet.yaml"));
        QTest::keyClick(
            tabs->currentEditor(), Qt::Key_Backtab, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(tabs->currentPath(), QStringLiteral("prompts/greet.prompt"));
        QTest::keyClick(tabs->currentEditor(), Qt::Key_PageUp, Qt::ControlModifier);
        QCOMPARE(tabs->currentPath(), QStringLiteral("promptsmith.yaml"));
        QTest::keyClick(
            tabs->currentEditor(), Qt::Key_W, Qt::ControlModifier); // clean: no question
        QCOMPARE(tabs->count(), 2);
        QVERIFY(tabs->indexOf(QStringLiteral("promptsmith.yaml")) < 0);
        QTest::keyClick(tabs->currentEditor(), Qt::Key_E, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY(window.workspaceTree()->hasFocus());
        QTest::keyClick(window.workspaceTree(), Qt::Key_E, Qt::ControlModifier);
        QVERIFY(tabs->currentEditor()->hasFocus());
    }

    void externalChangeReloadsCleanTab()
    {
        test::ScratchWorkspace scratch;
        ui::MainWindow window;
        window.show();
        QVERIFY(openAndWait(window, scratch.root()));
        auto *tabs = window.editorTabs();
        QVERIFY(tabs->openFile(QStringLiteral("evals/greet.yaml")));
        const QByteArray changed = "description: changed elsewhere\n";
        QVERIFY(test::writeFile(scratch.path(QStringLiteral("evals/greet.yaml")), changed));
        // Nobody tells the window: the WorkspaceWatcher notices the write.
        QTRY_COMPARE_WITH_TIMEOUT(tabs->currentEditor()->toPlainText().toUtf8(), changed, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(
            window.workspaceTree()->markerFor(QStringLiteral("evals/greet.yaml")),
            QStringLiteral("M"), 10000);
    }

    void commitWithoutIdentityAsksForOne()
    {
        test::ScratchWorkspace scratch(/*identity=*/false);
        QVERIFY(scratch.isValid());
        QVERIFY(test::writeFile(scratch.path(QStringLiteral("prompts/new.prompt")), "Hi {{x}}\n"));
        ui::MainWindow window;
        window.show();
        QVERIFY(openAndWait(window, scratch.root()));
        window.openCommitDialog();
        ui::CommitDialog *dialog = window.commitDialog();
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->isLoaded(), 10000);
        auto *identity = dialog->findChild<QGroupBox *>(QStringLiteral("identityBox"));
        QVERIFY(!identity->isHidden());
        QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("identityError"))
                    ->text()
                    .contains(QStringLiteral("user.name")));
        auto *files = dialog->findChild<QListWidget *>(QStringLiteral("commitFileList"));
        QCOMPARE(files->count(), 1);
        auto *commit = dialog->findChild<QPushButton *>(QStringLiteral("commitButton"));
        QTest::keyClicks(dialog->findChild<QPlainTextEdit *>(QStringLiteral("commitMessage")),
            QStringLiteral("Add a prompt"));
        QVERIFY(!commit->isEnabled()); // identity still missing
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("identityName")),
            QStringLiteral("Grace Hopper"));
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("identityEmail")),
            QStringLiteral("grace@example.com"));
        QVERIFY(commit->isEnabled());
        QTest::mouseClick(commit, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!window.commitDialog(), 10000);
        QCOMPARE(test::git(scratch.root(),
                     { QStringLiteral("log"), QStringLiteral("-1"),
                         QStringLiteral("--format=%s|%an|%ae") })
                     .trimmed(),
            QStringLiteral("Add a prompt|Grace Hopper|grace@example.com"));
        QCOMPARE(test::git(scratch.root(),
                     { QStringLiteral("config"), QStringLiteral("--local"),
                         QStringLiteral("user.name") })
                     .trimmed(),
            QStringLiteral("Grace Hopper"));
    }

    void openingANonRepositoryReportsIt()
    {
        QTemporaryDir plain;
        ui::MainWindow window;
        window.show();
        QSignalSpy failed(&window, &ui::MainWindow::workspaceFailed);
        ui::StartupOptions options;
        options.workspace = plain.path();
        window.start(options);
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
        QVERIFY(window.workspaceRoot().isEmpty());
        QVERIFY(window.logPanel()->messages().last().contains(plain.path()));
    }
};

int main(int argc, char **argv)
{
    psm::test::isolateEnvironment();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("promptsmith-tst-mainwindow"));
    QApplication::setOrganizationName(QStringLiteral("Promptsmith"));
    TstMainWindow test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_mainwindow.moc"
