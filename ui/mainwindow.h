// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"
#include "core/workspace/workspace.h"
#include "ui/commitdialog.h"

#include <QMainWindow>
#include <QPointer>

#include <memory>
#include <optional>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QStackedWidget;

namespace psm::core {
class WorkspaceWatcher;
}

namespace psm::providers {
class Transport;
}

namespace psm::ui {

class BudgetStatusLabel;
class DashboardWindow;
class EditorTabs;
class HistoryPanel;
class IdentityBar;
class LogPanel;
class PromptWorkbench;
class RecoveryBar;
class WorkspaceTree;

// Where the window starts: an explicit workspace, else the most recent one, else a fresh copy of
// the samples under `samplesParent` (first start).
struct StartupOptions {
    QString workspace;
    QString samplesDir = QStringLiteral(":/samples");
    QString samplesParent; // empty: the user's Documents folder
    QString openFile; // a workspace-relative file to open once the workspace is loaded
    bool demo = false; // open the first prompt and select its newest commit (screenshots)
};

// The main window: arranges the workspace tree, editor tabs, history panel and log, owns the
// actions and shortcuts, and runs workspace-level git work (open, create, refresh, restore) in
// GitJobs. A WorkspaceWatcher on the GUI thread triggers refreshes. GUI thread.
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    // `transport` is the process's one transport (see runApplication), handed to every run
    // engine the window's tools make so per-provider limits hold across them; it must outlive
    // the window, whose engines cancel and record their calls through it as they go. nullptr
    // (tests of a bare window): each engine makes its own.
    explicit MainWindow(providers::Transport *transport = nullptr, QWidget *parent = nullptr);
    ~MainWindow() override;

    void start(const StartupOptions &options);
    void openWorkspace(const QString &path);
    // Workspace::create in the background, then opens the result. Without a git identity
    // create() makes nothing, so the identity bar asks for one and creation is retried with it.
    void createWorkspace(const QString &dir, const QString &samplesDir,
        const std::optional<core::Identity> &identity = std::nullopt);
    static QString firstStartFolder(const QString &parent);

    QString workspaceRoot() const { return m_root; }
    LogPanel *logPanel() const { return m_log; }
    WorkspaceTree *workspaceTree() const { return m_tree; }
    EditorTabs *editorTabs() const { return m_tabs; }
    HistoryPanel *historyPanel() const { return m_history; }
    RecoveryBar *recoveryBar() const { return m_recovery; }
    IdentityBar *identityBar() const { return m_identityBar; }
    CommitDialog *commitDialog() const { return m_commitDialog; }
    PromptWorkbench *workbench() const { return m_workbench; }
    providers::Transport *transport() const { return m_transport; }
    // Today's spend against the budget, in the status bar; refresh() it after a run.
    BudgetStatusLabel *budgetStatus() const { return m_budgetStatus; }

    // What other parts attach to (the workbench adds its docks, actions and menus here), named
    // by type rather than found by object name, so a rename cannot silently drop them.
    QMenu *fileMenu() const { return m_fileMenu; }
    QMenu *viewMenu() const { return m_viewMenu; }
    QDockWidget *historyDock() const { return m_historyDock; }
    QDockWidget *workspaceDock() const { return m_treeDock; }
    // Adds `action` at the top of the File menu (before New Workspace…).
    void addFileAction(QAction *action);
    // Adds `dock` to the bottom area as a tab beside the history.
    void addBottomDock(QDockWidget *dock);

    void openCommitDialog();
    void refresh();
    // The Cost Dashboard window (one, raised when open again), over the user's ledger.
    void openCostDashboard();

Q_SIGNALS:
    void workspaceOpened(const QString &root);
    void workspaceFailed(const QString &path);

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void createActions();
    void createDocks();
    void updateActions();
    void updateEmptyState();
    void updateRecentMenu();
    void applyWorkspace(const QString &root, const QList<core::WorkspaceFile> &files,
        const QList<core::FileStatus> &status);
    void applyStatus(const QList<core::FileStatus> &status);
    void offerDrafts();
    void restoreVersion(const QString &commitId, const QString &path);
    void openWorkspaceDialog();
    void newWorkspaceDialog();
    static bool isIdentityError(const core::Error &error);
    void runDemo();

    providers::Transport *m_transport; // not owned
    QString m_root;
    QString m_pendingOpenFile;
    bool m_demo = false;
    bool m_layoutRestored = false;
    quint64 m_refreshGeneration = 0;
    std::unique_ptr<core::WorkspaceWatcher> m_watcher;

    LogPanel *m_log = nullptr;
    WorkspaceTree *m_tree = nullptr;
    EditorTabs *m_tabs = nullptr;
    HistoryPanel *m_history = nullptr;
    RecoveryBar *m_recovery = nullptr;
    IdentityBar *m_identityBar = nullptr;
    QStackedWidget *m_centre = nullptr;
    QLabel *m_emptyEditor = nullptr;
    QLabel *m_statusLabel = nullptr;
    BudgetStatusLabel *m_budgetStatus = nullptr;
    QDockWidget *m_treeDock = nullptr;
    QDockWidget *m_historyDock = nullptr;
    QMenu *m_recentMenu = nullptr;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    PromptWorkbench *m_workbench = nullptr;
    QPointer<CommitDialog> m_commitDialog;
    QPointer<DashboardWindow> m_costDashboard;

    QAction *m_save = nullptr;
    QAction *m_saveAll = nullptr;
    QAction *m_revert = nullptr;
    QAction *m_closeTab = nullptr;
    QAction *m_commit = nullptr;
    QAction *m_refresh = nullptr;
};

} // namespace psm::ui
