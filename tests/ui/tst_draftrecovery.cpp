// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Unsaved text survives the end of a session as a draft, is offered back when the workspace is
// opened again, and restores (or is discarded) on the user's word.
#include "uitestsupport.h"

#include "ui/codeeditor.h"
#include "ui/editortabs.h"
#include "ui/mainwindow.h"
#include "ui/recoverybar.h"

#include <QApplication>
#include <QPushButton>
#include <QTest>

using namespace psm;

class TstDraftRecovery final : public QObject {
    Q_OBJECT

private:
    static bool openAndWait(ui::MainWindow &window, const QString &root)
    {
        ui::StartupOptions options;
        options.workspace = root;
        window.start(options);
        return QTest::qWaitFor([&] { return window.workspaceRoot() == root; }, 10000);
    }

    // A first "session" that edits a file and ends without saving (as a crash would).
    static void leaveDraft(const QString &root, const QString &path, const QString &typed)
    {
        auto window = std::make_unique<ui::MainWindow>();
        window->show();
        QVERIFY(openAndWait(*window, root));
        window->editorTabs()->setDraftDelay(50);
        QVERIFY(window->editorTabs()->openFile(path));
        auto *editor = window->editorTabs()->currentEditor();
        editor->moveCursor(QTextCursor::End);
        QTest::keyClicks(editor, typed);
        QTRY_COMPARE_WITH_TIMEOUT(window->editorTabs()->draftStore().drafts(root)->size(), 1, 5000);
        window.reset(); // no close event: nothing asks, nothing is saved
    }

private Q_SLOTS:
    void init() { test::resetSettings(); }

    void draftIsOfferedAndRestored()
    {
        test::ScratchWorkspace scratch;
        const QString path = QStringLiteral("prompts/greet.prompt");
        leaveDraft(scratch.root(), path, QStringLiteral("Unsaved thought."));
        QCOMPARE(test::readFile(scratch.path(path)), test::kGreetPrompt); // the file is untouched

        ui::MainWindow window;
        window.show();
        QVERIFY(openAndWait(window, scratch.root()));
        auto *bar = window.findChild<ui::RecoveryBar *>(QStringLiteral("recoveryBar"));
        QVERIFY(bar);
        QVERIFY(bar->isVisible());
        QCOMPARE(bar->drafts().size(), 1);
        QCOMPARE(bar->drafts().first().path, path);
        QCOMPARE(window.editorTabs()->count(), 0); // offered, not forced

        QTest::mouseClick(
            bar->findChild<QPushButton *>(QStringLiteral("restoreDraftsButton")), Qt::LeftButton);
        QVERIFY(!bar->isVisible());
        auto *tabs = window.editorTabs();
        QCOMPARE(tabs->currentPath(), path);
        QCOMPARE(tabs->currentEditor()->toPlainText(),
            QString::fromUtf8(test::kGreetPrompt) + QStringLiteral("Unsaved thought."));
        QVERIFY(tabs->isDirty(0));
        // Undo goes back to the file as it is on disk.
        tabs->currentEditor()->undo();
        QCOMPARE(tabs->currentEditor()->toPlainText().toUtf8(), test::kGreetPrompt);
        tabs->currentEditor()->redo();

        // Saving writes the text and drops the draft.
        QVERIFY(tabs->save(0));
        QCOMPARE(test::readFile(scratch.path(path)), test::kGreetPrompt + "Unsaved thought.");
        QCOMPARE(tabs->draftStore().drafts(scratch.root())->size(), 0);
    }

    void draftCanBeDiscarded()
    {
        test::ScratchWorkspace scratch;
        const QString path = QStringLiteral("evals/greet.yaml");
        leaveDraft(scratch.root(), path, QStringLiteral("# not wanted"));

        ui::MainWindow window;
        window.show();
        QVERIFY(openAndWait(window, scratch.root()));
        auto *bar = window.recoveryBar();
        QVERIFY(bar->isVisible());
        QTest::mouseClick(
            bar->findChild<QPushButton *>(QStringLiteral("discardDraftsButton")), Qt::LeftButton);
        QVERIFY(!bar->isVisible());
        QCOMPARE(window.editorTabs()->count(), 0);
        QCOMPARE(window.editorTabs()->draftStore().drafts(scratch.root())->size(), 0);

        ui::MainWindow again;
        QVERIFY(openAndWait(again, scratch.root()));
        QVERIFY(again.recoveryBar()->drafts().isEmpty());
    }

    void revertDropsTheDraft()
    {
        test::ScratchWorkspace scratch;
        ui::MainWindow window;
        window.show();
        QVERIFY(openAndWait(window, scratch.root()));
        auto *tabs = window.editorTabs();
        tabs->setDraftDelay(20);
        QVERIFY(tabs->openFile(QStringLiteral("promptsmith.yaml")));
        tabs->currentEditor()->insertPlainText(QStringLiteral("budget: 5\n"));
        QTRY_COMPARE_WITH_TIMEOUT(tabs->draftStore().drafts(scratch.root())->size(), 1, 5000);
        tabs->revert(0);
        QCOMPARE(tabs->draftStore().drafts(scratch.root())->size(), 0);
        QVERIFY(!tabs->isDirty(0));
    }
};

int main(int argc, char **argv)
{
    psm::test::isolateEnvironment();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("promptsmith-tst-draftrecovery"));
    QApplication::setOrganizationName(QStringLiteral("Promptsmith"));
    TstDraftRecovery test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_draftrecovery.moc"
