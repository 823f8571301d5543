// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/workbench/promptworkbench.h"

#include "core/settings/workspacesettings.h"
#include "providers/providersconfig.h"
#include "ui/budget/budgetstatuslabel.h"
#include "ui/codeeditor.h"
#include "ui/editortabs.h"
#include "ui/eval/evalwindow.h"
#include "ui/grid/gridpanel.h"
#include "ui/logpanel.h"
#include "ui/mainwindow.h"
#include "ui/preview/editordiagnostics.h"
#include "ui/preview/newpromptdialog.h"
#include "ui/preview/promptcompleter.h"
#include "ui/preview/promptpreviewpane.h"
#include "ui/preview/variablesform.h"
#include "ui/run/runpanel.h"
#include "ui/settings/apikeysdialog.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QMenu>
#include <QMenuBar>

namespace psm::ui {
namespace {

run::RunEngineOptions runOptions(MainWindow *window)
{
    run::RunEngineOptions options;
    options.transport = window->transport(); // the process's one, shared with later engines
    return options;
}

} // namespace

PromptWorkbench::PromptWorkbench(MainWindow *window)
    : QObject(window)
    , m_window(window)
    , m_preview(new PromptPreviewPane(window))
    , m_run(new RunPanel(runOptions(window), window))
    , m_grid(new GridPanel(runOptions(window), window))
{
    setObjectName(QStringLiteral("promptWorkbench"));
    m_run->setLogPanel(window->logPanel());
    createDocks();
    createActions();

    EditorTabs *tabs = window->editorTabs();
    connect(tabs, &EditorTabs::currentFileChanged, this, &PromptWorkbench::followCurrentFile);
    connect(window, &MainWindow::workspaceOpened, this,
        [this] { followCurrentFile(m_window->editorTabs()->currentPath()); });
    connect(m_preview, &PromptPreviewPane::diagnosticsChanged, this,
        [this](const QList<Diagnostic> &diagnostics) {
            if (m_editor) {
                if (auto *marks = m_editor->findChild<EditorDiagnostics *>())
                    marks->setDiagnostics(diagnostics);
            }
        });
    connect(m_preview, &PromptPreviewPane::rendered, this, [this] {
        if (!m_editor)
            return;
        if (auto *completer = m_editor->findChild<PromptCompleter *>()) {
            QStringList variables = m_preview->variablesForm()->fieldNames();
            for (const QString &used : m_preview->lastResult().variablesUsed) {
                if (!variables.contains(used))
                    variables.append(used);
            }
            completer->setVariables(variables);
        }
    });
    // Unsaved edits are what the user sees, so they are what runs; a clean tab runs the file
    // (recorded against HEAD's revision).
    m_run->setTextProvider([this] {
        EditorTabs *tabs = m_window->editorTabs();
        if (m_editor && tabs->isDirty(tabs->currentIndex()))
            return m_editor->toPlainText();
        return QString();
    });
    m_run->setVariablesProvider([this] { return m_preview->variableValues(); });
    m_grid->setTextProvider([this] {
        EditorTabs *tabs = m_window->editorTabs();
        if (m_editor && tabs->isDirty(tabs->currentIndex()))
            return m_editor->toPlainText();
        return QString();
    });
    m_grid->setVariablesProvider([this] { return m_preview->variableValues(); });
    followCurrentFile(tabs->currentPath());
}

void PromptWorkbench::createDocks()
{
    m_previewDock = new QDockWidget(tr("Preview"), m_window);
    m_previewDock->setObjectName(QStringLiteral("previewDock"));
    m_previewDock->setWidget(m_preview);
    m_window->addDockWidget(Qt::RightDockWidgetArea, m_previewDock);

    // The run panel shares the bottom area with the file history: both are about "what came
    // out", and the preview keeps the whole right side for the messages.
    m_runDock = new QDockWidget(tr("Run"), m_window);
    m_runDock->setObjectName(QStringLiteral("runDock"));
    m_runDock->setWidget(m_run);
    m_window->addBottomDock(m_runDock);
    m_runDock->raise();

    // The grid wants width more than the run panel does; it tabs with it at the bottom and is
    // hidden until Compare… asks for it.
    m_gridDock = new QDockWidget(tr("Compare"), m_window);
    m_gridDock->setObjectName(QStringLiteral("gridDock"));
    m_gridDock->setWidget(m_grid);
    m_window->addBottomDock(m_gridDock);
    m_gridDock->hide();
    m_runDock->raise();
    m_window->resizeDocks({ m_previewDock }, { 520 }, Qt::Horizontal);
}

void PromptWorkbench::createActions()
{
    auto *newPrompt = new QAction(tr("New &Prompt…"), m_window);
    newPrompt->setObjectName(QStringLiteral("actionNewPrompt"));
    newPrompt->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    connect(newPrompt, &QAction::triggered, this, &PromptWorkbench::newPrompt);
    m_window->addAction(newPrompt);
    m_window->addFileAction(newPrompt);

    QAction *run = m_run->runAction();
    QMenu *view = m_window->viewMenu();
    view->addSeparator();
    QAction *preview = m_previewDock->toggleViewAction();
    preview->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    view->addAction(preview);
    view->addAction(m_runDock->toggleViewAction());
    QMenu *runMenu = m_window->menuBar()->addMenu(tr("&Run"));
    runMenu->addAction(run);
    auto *compare = runMenu->addAction(tr("&Compare…"));
    compare->setObjectName(QStringLiteral("actionCompare"));
    compare->setShortcuts({ QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return),
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Enter) });
    compare->setShortcutContext(Qt::WindowShortcut);
    connect(compare, &QAction::triggered, this, &PromptWorkbench::openCompare);
    m_window->addAction(compare);
    // Ctrl+Shift+E is View → Focus Workspace Tree; the eval window takes Ctrl+Alt+E.
    auto *evals = runMenu->addAction(tr("Run &Eval Sets…"));
    evals->setObjectName(QStringLiteral("actionRunEvalSets"));
    evals->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_E));
    connect(evals, &QAction::triggered, this, &PromptWorkbench::openEvals);
    m_window->addAction(evals);
    auto *openEval = runMenu->addAction(tr("Open E&val Set…"));
    openEval->setObjectName(QStringLiteral("actionOpenEvalSet"));
    connect(openEval, &QAction::triggered, this, [this] {
        if (!m_window->workspaceRoot().isEmpty())
            evalWindow()->chooseEvalFile();
    });
    view->addAction(m_gridDock->toggleViewAction());
    QMenu *settings = m_window->menuBar()->addMenu(tr("&Settings"));
    auto *keys = settings->addAction(tr("&API Keys…"));
    keys->setObjectName(QStringLiteral("actionApiKeys"));
    connect(keys, &QAction::triggered, this, &PromptWorkbench::openApiKeys);
}

void PromptWorkbench::followCurrentFile(const QString &path)
{
    const QString root = m_window->workspaceRoot();
    CodeEditor *editor = m_window->editorTabs()->currentEditor();
    const bool isPrompt = editor && path.endsWith(QLatin1String(".prompt"));
    m_editor = isPrompt ? editor : nullptr;
    m_path = isPrompt ? path : QString();
    m_preview->setEnabled(isPrompt);
    m_run->setEnabled(isPrompt);
    m_grid->setEnabled(isPrompt);
    if (!isPrompt) {
        m_preview->setEditor(nullptr);
        return;
    }
    // One completer and one set of marks per editor, owned by it.
    if (!editor->findChild<PromptCompleter *>()) {
        auto *completer = new PromptCompleter(editor);
        completer->setWorkspaceRoot(root);
    }
    if (!editor->findChild<EditorDiagnostics *>())
        new EditorDiagnostics(editor);
    m_preview->setPrompt(root, path);
    m_preview->setEditor(editor);
    m_run->setPrompt(root, path);
    m_grid->setPrompt(root, path);
}

void PromptWorkbench::openCompare()
{
    m_gridDock->show();
    m_gridDock->raise();
}

// The eval window (one per main window), with its runs refreshing the status bar's spend.
EvalWindow *PromptWorkbench::evalWindow()
{
    EvalWindow *window = EvalWindow::showFor(m_window, runOptions(m_window));
    connect(window, &EvalWindow::finished, m_window->budgetStatus(), &BudgetStatusLabel::refresh,
        Qt::UniqueConnection);
    return window;
}

void PromptWorkbench::openEvals()
{
    const QString root = m_window->workspaceRoot();
    if (root.isEmpty())
        return;
    EvalWindow *window = evalWindow();
    if (!window->isRunning() && !m_path.isEmpty())
        window->setPrompt(root, m_path);
    // What the editors show is the candidate, as in the run panel and the grid.
    window->setUnsavedTextProvider([tabs = QPointer<EditorTabs>(m_window->editorTabs())] {
        QMap<QString, QString> texts;
        for (const QString &path : tabs ? tabs->dirtyPaths() : QStringList())
            if (path.endsWith(QLatin1String(".prompt")))
                texts.insert(path, tabs->editorAt(tabs->indexOf(path))->toPlainText());
        return texts;
    });
}

void PromptWorkbench::newPrompt()
{
    const QString root = m_window->workspaceRoot();
    if (root.isEmpty())
        return;
    QStringList models = { QStringLiteral("echo/echo"), QStringLiteral("openai/gpt-4o-mini"),
        QStringLiteral("anthropic/claude-haiku-4-5"), QStringLiteral("gemini/gemini-2.5-flash"),
        QStringLiteral("ollama/llama3.2") };
    NewPromptDialog dialog(root, models, m_window);
    if (dialog.exec() == QDialog::Accepted)
        m_window->editorTabs()->openFile(dialog.createdPath());
}

void PromptWorkbench::openApiKeys()
{
    // The built-ins at least; a broken `providers:` is said in the log, not dropped.
    providers::ProvidersConfig config;
    if (!m_window->workspaceRoot().isEmpty()) {
        const auto settings = core::WorkspaceSettings::load(m_window->workspaceRoot());
        if (auto parsed = providers::ProvidersConfig::fromSettings(settings))
            config = *parsed;
        else
            m_window->logPanel()->error(tr("The providers in promptsmith.yaml"), parsed.error());
    }
    auto *dialog = new ApiKeysDialog(config, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace psm::ui
