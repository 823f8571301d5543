// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/mainwindow.h"

#include "core/workspace/worktreefiles.h"
#include "core/workspace/workspacewatcher.h"
#include "ui/budget/budgetstatuslabel.h"
#include "ui/codeeditor.h"
#include "ui/commitdialog.h"
#include "ui/dashboard/dashboardwindow.h"
#include "ui/editortabs.h"
#include "ui/gitjob.h"
#include "ui/grid/gridpanel.h"
#include "ui/historypanel.h"
#include "ui/identitybar.h"
#include "ui/logpanel.h"
#include "ui/recentworkspaces.h"
#include "ui/recoverybar.h"
#include "ui/run/runpanel.h"
#include "ui/workbench/promptworkbench.h"
#include "ui/workspacetree.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QShowEvent>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTextDocument>
#include <QVBoxLayout>

#include <optional>

namespace psm::ui {
namespace {

struct Snapshot {
    QString root;
    QList<core::WorkspaceFile> files;
    QList<core::FileStatus> status;
};

struct Created {
    QString root; // set when a repository exists at the folder, even if create() failed
    std::optional<core::Error> error;
};

core::Result<Snapshot> readSnapshot(const core::Workspace &ws)
{
    auto files = ws.listFiles();
    if (!files)
        return tl::unexpected<core::Error>(files.error());
    auto status = ws.status();
    if (!status)
        return tl::unexpected<core::Error>(status.error());
    return Snapshot { ws.root(), *files, *status };
}

bool isEmptyOrMissingDir(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return true;
    return info.isDir()
        && QDir(path).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
}

QString identityHelp()
{
    return MainWindow::tr(
        "Git needs your name and email to record commits. Set them once with\n"
        "  git config --global user.name \"Your Name\"\n"
        "  git config --global user.email you@example.com\n"
        "or enter them in the commit dialog (Ctrl+K), which stores them for this workspace only.");
}

} // namespace

MainWindow::MainWindow(providers::Transport *transport, QWidget *parent)
    : QMainWindow(parent)
    , m_transport(transport)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("Promptsmith"));
    resize(1280, 800);

    m_log = new LogPanel(this);
    m_tabs = new EditorTabs(m_log, this);
    m_tree = new WorkspaceTree(this);
    m_history = new HistoryPanel(m_log, this);
    m_recovery = new RecoveryBar(this);
    m_identityBar = new IdentityBar(this);

    m_emptyEditor = new QLabel(this);
    m_emptyEditor->setObjectName(QStringLiteral("emptyEditorLabel"));
    m_emptyEditor->setAlignment(Qt::AlignCenter);
    m_emptyEditor->setWordWrap(true);
    m_emptyEditor->setForegroundRole(QPalette::PlaceholderText);
    updateEmptyState();
    m_centre = new QStackedWidget(this);
    m_centre->addWidget(m_emptyEditor);
    m_centre->addWidget(m_tabs);
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_identityBar);
    layout->addWidget(m_recovery);
    layout->addWidget(m_centre, 1);
    setCentralWidget(central);

    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("workspaceStatusLabel"));
    statusBar()->addPermanentWidget(m_statusLabel);
    m_budgetStatus = new BudgetStatusLabel({}, {}, this);
    statusBar()->addPermanentWidget(m_budgetStatus);

    createDocks();
    createActions();
    m_workbench = new PromptWorkbench(this); // preview, run panel, completion, New prompt, keys
    connect(m_workbench->runPanel(), &RunPanel::runFinished, m_budgetStatus,
        &BudgetStatusLabel::refresh);
    connect(m_workbench->gridPanel(), &GridPanel::runFinished, m_budgetStatus,
        &BudgetStatusLabel::refresh);

    connect(m_tree, &WorkspaceTree::fileActivated, this,
        [this](const QString &path) { m_tabs->openFile(path); });
    connect(m_tabs, &EditorTabs::currentFileChanged, this, [this](const QString &path) {
        m_centre->setCurrentIndex(m_tabs->count() > 0 ? 1 : 0);
        m_history->setFile(path);
        m_tree->selectPath(path);
        updateActions();
    });
    connect(m_tabs, &EditorTabs::dirtyStateChanged, this, [this] {
        setWindowModified(!m_tabs->dirtyPaths().isEmpty());
        updateActions();
    });
    connect(m_tabs, &EditorTabs::fileSaved, this, [this](const QString &path) {
        statusBar()->showMessage(tr("Saved %1").arg(path), 3000);
        refresh();
    });
    connect(m_history, &HistoryPanel::restoreRequested, this, &MainWindow::restoreVersion);
    connect(
        m_recovery, &RecoveryBar::restoreRequested, this, [this](const QList<core::Draft> &drafts) {
            for (const auto &draft : drafts)
                m_tabs->restoreDraft(draft);
            m_log->info(drafts.size() == 1
                    ? tr("Restored the unsaved draft; save to keep it.")
                    : tr("Restored %1 unsaved drafts; save to keep them.").arg(drafts.size()));
        });
    connect(
        m_recovery, &RecoveryBar::discardRequested, this, [this](const QList<core::Draft> &drafts) {
            for (const auto &draft : drafts)
                if (auto done = m_tabs->draftStore().discard(draft.workspaceRoot, draft.path);
                    !done)
                    m_log->error(
                        tr("Could not discard the draft of %1").arg(draft.path), done.error());
            m_log->info(drafts.size() == 1 ? tr("Discarded the draft.")
                                           : tr("Discarded %1 drafts.").arg(drafts.size()));
        });

    m_tree->clearWorkspace(tr("No workspace open.\nFile ▸ Open workspace (Ctrl+O)"));
    const QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray());
    m_layoutRestored
        = restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
    updateActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::createDocks()
{
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);

    m_treeDock = new QDockWidget(tr("Workspace"), this);
    m_treeDock->setObjectName(QStringLiteral("workspaceDock"));
    m_treeDock->setWidget(m_tree);
    addDockWidget(Qt::LeftDockWidgetArea, m_treeDock);

    addDockWidget(Qt::LeftDockWidgetArea, m_log);
    splitDockWidget(m_treeDock, m_log, Qt::Vertical);

    m_historyDock = new QDockWidget(tr("History"), this);
    m_historyDock->setObjectName(QStringLiteral("historyDock"));
    m_historyDock->setWidget(m_history);
    addDockWidget(Qt::BottomDockWidgetArea, m_historyDock);
}

void MainWindow::addFileAction(QAction *action)
{
    const QList<QAction *> actions = m_fileMenu->actions();
    m_fileMenu->insertAction(actions.isEmpty() ? nullptr : actions.first(), action);
}

void MainWindow::addBottomDock(QDockWidget *dock)
{
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    tabifyDockWidget(m_historyDock, dock);
}

void MainWindow::createActions()
{
    // Each key sequence appears once: a sequence listed twice (say F5 and QKeySequence::Refresh,
    // which is F5 on Linux) makes Qt report an ambiguous shortcut and trigger nothing.
    auto add = [this](QMenu *menu, const QString &text, const QList<QKeySequence> &keys, auto slot,
                   const QString &name) {
        auto *action = menu->addAction(text);
        action->setObjectName(name);
        action->setShortcuts(keys);
        action->setShortcutContext(Qt::WindowShortcut);
        connect(action, &QAction::triggered, this, slot);
        return action;
    };

    QMenu *file = m_fileMenu = menuBar()->addMenu(tr("&File"));
    add(
        file, tr("&New Workspace…"), { QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N) },
        [this] { newWorkspaceDialog(); }, QStringLiteral("actionNewWorkspace"));
    add(
        file, tr("&Open Workspace…"), { QKeySequence::Open }, [this] { openWorkspaceDialog(); },
        QStringLiteral("actionOpenWorkspace"));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, [this] { updateRecentMenu(); });
    file->addSeparator();
    m_save = add(
        file, tr("&Save"), { QKeySequence::Save }, [this] { m_tabs->save(m_tabs->currentIndex()); },
        QStringLiteral("actionSave"));
    m_saveAll = add(
        file, tr("Save A&ll"), { QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S) },
        [this] { m_tabs->saveAll(); }, QStringLiteral("actionSaveAll"));
    m_revert = add(
        file, tr("Re&vert to Saved"), { QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R) },
        [this] { m_tabs->revert(m_tabs->currentIndex()); }, QStringLiteral("actionRevert"));
    m_closeTab = add(
        file, tr("&Close Tab"), { QKeySequence(Qt::CTRL | Qt::Key_W) },
        [this] { m_tabs->closeTabAsking(m_tabs->currentIndex()); },
        QStringLiteral("actionCloseTab"));
    file->addSeparator();
    add(
        file, tr("&Quit"), { QKeySequence::Quit }, [this] { close(); },
        QStringLiteral("actionQuit"));

    QMenu *git = menuBar()->addMenu(tr("&Git"));
    m_commit = add(
        git, tr("&Commit…"),
        { QKeySequence(Qt::CTRL | Qt::Key_K), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C) },
        [this] { openCommitDialog(); }, QStringLiteral("actionCommit"));
    m_refresh = add(
        git, tr("&Refresh"), { QKeySequence(Qt::Key_F5) },
        [this] {
            refresh();
            m_tabs->checkDisk();
            m_history->refresh();
        },
        QStringLiteral("actionRefresh"));

    QMenu *view = m_viewMenu = menuBar()->addMenu(tr("&View"));
    add(
        view, tr("Focus &Workspace Tree"), { QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E) },
        [this] {
            m_treeDock->show();
            m_tree->setFocus();
        },
        QStringLiteral("actionFocusTree"));
    add(
        view, tr("Focus &Editor"), { QKeySequence(Qt::CTRL | Qt::Key_E) },
        [this] {
            if (auto *editor = m_tabs->currentEditor())
                editor->setFocus();
        },
        QStringLiteral("actionFocusEditor"));
    add(
        view, tr("&Next Tab"),
        { QKeySequence(Qt::CTRL | Qt::Key_Tab), QKeySequence(Qt::CTRL | Qt::Key_PageDown) },
        [this] {
            if (m_tabs->count() > 1)
                m_tabs->setCurrentIndex((m_tabs->currentIndex() + 1) % m_tabs->count());
        },
        QStringLiteral("actionNextTab"));
    add(
        view, tr("&Previous Tab"),
        { QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab),
            QKeySequence(Qt::CTRL | Qt::Key_PageUp) },
        [this] {
            if (m_tabs->count() > 1)
                m_tabs->setCurrentIndex(
                    (m_tabs->currentIndex() + m_tabs->count() - 1) % m_tabs->count());
        },
        QStringLiteral("actionPreviousTab"));
    view->addSeparator();
    QAction *history = m_historyDock->toggleViewAction();
    history->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    view->addAction(history);
    QAction *log = m_log->toggleViewAction();
    log->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    view->addAction(log);
    view->addAction(m_treeDock->toggleViewAction());
    view->addSeparator();
    add(
        view, tr("Cost &Dashboard"), { QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D) },
        [this] { openCostDashboard(); }, QStringLiteral("actionCostDashboard"));
}

void MainWindow::updateEmptyState()
{
    m_emptyEditor->setText(m_root.isEmpty()
            ? tr("No workspace open.\n\nOpen a folder with prompts (Ctrl+O) or start a new "
                 "workspace from the samples (Ctrl+Shift+N).")
            : tr("Open a prompt from the workspace tree (Ctrl+Shift+E).\n\n"
                 "Ctrl+S saves, Ctrl+K commits, F5 re-reads the workspace."));
}

void MainWindow::updateActions()
{
    const bool haveWorkspace = !m_root.isEmpty();
    const bool haveTab = m_tabs->currentIndex() >= 0;
    m_save->setEnabled(haveTab);
    m_saveAll->setEnabled(!m_tabs->dirtyPaths().isEmpty());
    m_revert->setEnabled(haveTab && m_tabs->isDirty(m_tabs->currentIndex()));
    m_closeTab->setEnabled(haveTab);
    m_commit->setEnabled(haveWorkspace);
    m_refresh->setEnabled(haveWorkspace);
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = RecentWorkspaces().list();
    for (const QString &root : recent) {
        QAction *action = m_recentMenu->addAction(QDir::toNativeSeparators(root));
        connect(action, &QAction::triggered, this, [this, root] { openWorkspace(root); });
    }
    if (recent.isEmpty())
        m_recentMenu->addAction(tr("(none yet)"))->setEnabled(false);
}

void MainWindow::start(const StartupOptions &options)
{
    m_pendingOpenFile = options.openFile;
    m_demo = options.demo;
    if (!options.workspace.isEmpty()) {
        openWorkspace(QFileInfo(options.workspace).absoluteFilePath());
        return;
    }
    const QString recent = RecentWorkspaces().mostRecent();
    if (!recent.isEmpty()) {
        openWorkspace(recent);
        return;
    }
    QString parent = options.samplesParent;
    if (parent.isEmpty())
        parent = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (parent.isEmpty())
        parent = QDir::homePath();
    const QString dir = firstStartFolder(parent);
    m_log->info(tr("Welcome to Promptsmith. Copying the sample workspace to %1.")
                    .arg(QDir::toNativeSeparators(dir)));
    createWorkspace(dir, options.samplesDir);
}

QString MainWindow::firstStartFolder(const QString &parent)
{
    const QString base = QDir(parent).filePath(QStringLiteral("Promptsmith Samples"));
    if (isEmptyOrMissingDir(base))
        return base;
    for (int n = 2;; ++n) {
        const QString candidate = base + QLatin1Char(' ') + QString::number(n);
        if (isEmptyOrMissingDir(candidate))
            return candidate;
    }
}

void MainWindow::openWorkspace(const QString &path)
{
    if (!m_root.isEmpty() && !m_tabs->confirmCloseAll())
        return;
    statusBar()->showMessage(tr("Opening %1…").arg(QDir::toNativeSeparators(path)));
    GitJob::run(
        this,
        [path]() -> core::Result<Snapshot> {
            auto ws = core::Workspace::open(path);
            if (!ws)
                return tl::unexpected<core::Error>(ws.error());
            return readSnapshot(*ws);
        },
        [this, path](core::Result<Snapshot> result) {
            statusBar()->clearMessage();
            if (!result) {
                m_log->error(
                    tr("Could not open %1 as a workspace").arg(QDir::toNativeSeparators(path)),
                    result.error());
                if (result.error().code == core::ErrorCode::NotFound)
                    RecentWorkspaces().remove(path);
                if (m_root.isEmpty())
                    m_tree->clearWorkspace(
                        tr("No workspace open.\nFile ▸ Open workspace (Ctrl+O)"));
                Q_EMIT workspaceFailed(path);
                return;
            }
            applyWorkspace(result->root, result->files, result->status);
        });
}

void MainWindow::applyWorkspace(const QString &root, const QList<core::WorkspaceFile> &files,
    const QList<core::FileStatus> &status)
{
    m_root = root;
    updateEmptyState();
    m_budgetStatus->setWorkspace(root);
    m_tabs->setWorkspace(root);
    m_history->setWorkspace(root);
    m_tree->setFiles(files);
    applyStatus(status);
    RecentWorkspaces().add(root);
    setWindowTitle(tr("%1[*] — Promptsmith").arg(QFileInfo(root).fileName()));
    setWindowModified(false);

    m_watcher = std::make_unique<core::WorkspaceWatcher>(root);
    connect(m_watcher.get(), &core::WorkspaceWatcher::filesChanged, this, [this] {
        refresh();
        m_tabs->checkDisk();
        m_history->refresh();
    });
    connect(m_watcher.get(), &core::WorkspaceWatcher::repositoryChanged, this, [this] {
        refresh();
        m_history->refresh();
    });

    m_log->info(tr("Opened workspace %1 (%2).")
                    .arg(QDir::toNativeSeparators(root),
                        files.size() == 1 ? tr("1 file") : tr("%1 files").arg(files.size())));
    offerDrafts();
    updateActions();

    QString toOpen = m_pendingOpenFile;
    m_pendingOpenFile.clear();
    if (toOpen.isEmpty() && m_demo) {
        for (const auto &f : files)
            if (f.kind == core::FileKind::Prompt) {
                toOpen = f.path;
                break;
            }
    }
    if (!toOpen.isEmpty())
        m_tabs->openFile(toOpen);
    if (m_demo) {
        m_demo = false;
        runDemo();
    }
    Q_EMIT workspaceOpened(root);
}

void MainWindow::runDemo()
{
    // Screenshot state: the newest commit of the open file selected, its diff shown.
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(m_history, &HistoryPanel::historyLoaded, this, [this, connection] {
        disconnect(*connection);
        m_history->selectRows({ 0 });
        m_historyDock->raise(); // it may share a tab with the run panel
    });
    if (CodeEditor *editor = m_tabs->currentEditor()) {
        QTextCursor found = editor->document()->find(QStringLiteral("{{role \"user\"}}"));
        if (!found.isNull()) {
            found.clearSelection();
            editor->setTextCursor(found);
            editor->centerCursor();
        }
    }
}

void MainWindow::applyStatus(const QList<core::FileStatus> &status)
{
    m_tree->setStatus(status);
    m_statusLabel->setText(status.isEmpty()
            ? tr("%1 · no uncommitted changes").arg(QDir::toNativeSeparators(m_root))
            : tr("%1 · %2").arg(QDir::toNativeSeparators(m_root),
                status.size() == 1 ? tr("1 uncommitted change")
                                   : tr("%1 uncommitted changes").arg(status.size())));
}

void MainWindow::refresh()
{
    if (m_root.isEmpty())
        return;
    const quint64 generation = ++m_refreshGeneration;
    const QString root = m_root;
    GitJob::onWorkspace(
        this, root, [](core::Workspace &ws) { return readSnapshot(ws); },
        [this, generation, root](core::Result<Snapshot> result) {
            if (generation != m_refreshGeneration || root != m_root)
                return;
            if (!result) {
                m_log->error(tr("Could not read the workspace"), result.error());
                return;
            }
            m_tree->setFiles(result->files);
            applyStatus(result->status);
        });
}

void MainWindow::offerDrafts()
{
    const auto drafts = m_tabs->draftStore().drafts(m_root);
    if (!drafts) {
        m_log->error(tr("Could not read the saved drafts"), drafts.error());
        return;
    }
    m_recovery->offer(*drafts);
    if (!drafts->isEmpty())
        m_log->info(
            tr("Unsaved drafts from an earlier session can be restored: %1.").arg(drafts->size()));
}

void MainWindow::createWorkspace(
    const QString &dir, const QString &samplesDir, const std::optional<core::Identity> &identity)
{
    if (!samplesDir.isEmpty() && !QFileInfo(samplesDir).isDir())
        m_log->warning(tr("The sample files (%1) are missing from this build; creating an empty "
                          "workspace.")
                           .arg(samplesDir));
    const QString samples = QFileInfo(samplesDir).isDir() ? samplesDir : QString();
    GitJob::run(
        this,
        [dir, samples, identity]() -> Created {
            auto ws = identity ? core::Workspace::create(dir, samples, *identity)
                               : core::Workspace::create(dir, samples);
            if (ws)
                return Created { ws->root(), std::nullopt };
            Created created { {}, ws.error() };
            // Should creation stop after git init, the folder is still a repository worth opening.
            if (auto opened = core::Workspace::open(dir); opened
                && QFileInfo(opened->root()).canonicalFilePath()
                    == QFileInfo(dir).canonicalFilePath())
                created.root = opened->root();
            return created;
        },
        [this, dir, samplesDir](Created created) {
            if (created.error) {
                const QString what
                    = tr("Could not create the workspace at %1").arg(QDir::toNativeSeparators(dir));
                // A missing identity is not a failure to shout about: the identity bar below
                // already asks for it, so the log only records why.
                if (created.root.isEmpty() && isIdentityError(*created.error))
                    m_log->info(what + QStringLiteral(": ") + created.error->toString());
                else
                    m_log->error(what, *created.error);
            } else {
                m_log->info(
                    tr("Created workspace %1.").arg(QDir::toNativeSeparators(created.root)));
            }
            if (!created.root.isEmpty()) {
                openWorkspace(created.root);
                return;
            }
            if (created.error && isIdentityError(*created.error)) {
                // The core's message usually says how already; do not repeat it.
                if (!created.error->toString().contains(QLatin1String("git config")))
                    m_log->warning(identityHelp());
                // Ask here rather than leave the user with nothing open: the bar retries the
                // creation with the identity they enter (stored in the new .git/config).
                disconnect(m_identityBar, &IdentityBar::submitted, this, nullptr);
                connect(m_identityBar, &IdentityBar::submitted, this,
                    [this, dir, samplesDir](const core::Identity &identity) {
                        createWorkspace(dir, samplesDir, identity);
                    });
                m_identityBar->ask(
                    tr("<b>Git needs your name and email</b> to record the first commit of the "
                       "workspace at %1. They are saved in that workspace only; the log shows "
                       "how to set them for every repository.")
                        .arg(QDir::toNativeSeparators(dir).toHtmlEscaped()),
                    tr("Create workspace"));
            }
            if (m_root.isEmpty()) {
                m_tree->clearWorkspace(tr("No workspace open.\nFile ▸ Open workspace (Ctrl+O)"));
                Q_EMIT workspaceFailed(dir);
            }
        });
}

bool MainWindow::isIdentityError(const core::Error &error)
{
    const QString text = error.message + error.detail;
    return text.contains(QLatin1String("user.name")) || text.contains(QLatin1String("user.email"));
}

void MainWindow::openWorkspaceDialog()
{
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("Open Workspace"), m_root.isEmpty() ? QDir::homePath() : QFileInfo(m_root).path());
    if (!dir.isEmpty())
        openWorkspace(dir);
}

void MainWindow::newWorkspaceDialog()
{
    const QString dir = QFileDialog::getExistingDirectory(this,
        tr("New Workspace: choose or create an empty folder"),
        m_root.isEmpty() ? QDir::homePath() : QFileInfo(m_root).path());
    if (dir.isEmpty())
        return;
    if (!isEmptyOrMissingDir(dir)) {
        m_log->error(tr("%1 is not empty; a new workspace needs an empty folder.")
                         .arg(QDir::toNativeSeparators(dir)));
        return;
    }
    if (!m_root.isEmpty() && !m_tabs->confirmCloseAll())
        return;
    createWorkspace(dir, QStringLiteral(":/samples"));
}

void MainWindow::openCostDashboard()
{
    if (!m_costDashboard) {
        DashboardOptions options;
        options.workspaceRoot = m_root;
        m_costDashboard = new DashboardWindow(std::move(options), this);
        m_costDashboard->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_costDashboard->show();
    m_costDashboard->raise();
    m_costDashboard->activateWindow();
}

void MainWindow::openCommitDialog()
{
    if (m_root.isEmpty())
        return;
    if (m_commitDialog) {
        m_commitDialog->raise();
        m_commitDialog->activateWindow();
        return;
    }
    run::RunEngineOptions evalEngine;
    evalEngine.transport = m_transport; // the process's one, so provider limits hold across runs
    m_commitDialog = new CommitDialog(m_root, m_tabs->dirtyPaths(), m_log, evalEngine, this);
    m_commitDialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_commitDialog, &CommitDialog::committed, this,
        [this](const QString &id, const QString &summary) {
            m_log->info(tr("Committed %1: %2").arg(id.left(7), summary));
            statusBar()->showMessage(tr("Committed %1").arg(id.left(7)), 5000);
            refresh();
            m_history->refresh();
        });
    m_commitDialog->show();
}

void MainWindow::restoreVersion(const QString &commitId, const QString &path)
{
    const int tab = m_tabs->indexOf(path);
    if (tab >= 0 && m_tabs->isDirty(tab)) {
        m_log->error(tr("%1 has unsaved edits: save or revert them before restoring an older "
                        "version.")
                         .arg(path));
        return;
    }
    const QString root = m_root;
    GitJob::onWorkspace(
        this, root, [commitId, path](core::Workspace &ws) { return ws.restore(commitId, path); },
        [this, commitId, path, root](core::Result<QByteArray> previous) {
            if (!previous) {
                m_log->error(tr("Could not restore %1").arg(path), previous.error());
                return;
            }
            m_tabs->checkDisk();
            refresh();
            const QByteArray before = *previous;
            m_log->withAction(LogPanel::Level::Info,
                tr("Restored %1 to version %2.").arg(path, commitId.left(7)), tr("Undo"),
                [this, root, path, before] {
                    if (root != m_root)
                        return;
                    const auto written = core::writeWorkTreeFile(root, path, before);
                    if (!written) {
                        m_log->error(
                            tr("Could not undo the restore of %1").arg(path), written.error());
                        return;
                    }
                    m_tabs->checkDisk();
                    refresh();
                    m_log->info(tr("Undid the restore of %1.").arg(path));
                });
            statusBar()->showMessage(tr("Restored %1 (undo from the log)").arg(path), 5000);
        });
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    // Dock sizes only stick once the window has its real size; a saved layout wins.
    if (!m_layoutRestored) {
        m_layoutRestored = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                resizeDocks({ m_treeDock }, { 280 }, Qt::Horizontal);
                resizeDocks({ m_treeDock, m_log }, { 520, 200 }, Qt::Vertical);
                resizeDocks({ m_historyDock }, { 330 }, Qt::Vertical);
            },
            Qt::QueuedConnection);
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_tabs->confirmCloseAll()) {
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    event->accept();
}

} // namespace psm::ui
