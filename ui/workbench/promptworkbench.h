// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QObject>
#include <QPointer>

class QDockWidget;
class QPlainTextEdit;

namespace psm::ui {

class EvalWindow;
class GridPanel;
class MainWindow;
class PromptPreviewPane;
class RunPanel;

// Attaches the prompt tools to the main window: the preview dock beside the editor, the run
// dock, the comparison grid dock (Run → Compare…), completion and error marks on the current
// editor, File → New Prompt… and Settings → API Keys…. Follows the window's current tab and
// workspace. A child of the MainWindow, GUI thread; the window creates it with one line.
class PromptWorkbench final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PromptWorkbench)
public:
    explicit PromptWorkbench(MainWindow *window);

    PromptPreviewPane *previewPane() const { return m_preview; }
    RunPanel *runPanel() const { return m_run; }
    GridPanel *gridPanel() const { return m_grid; }
    QDockWidget *gridDock() const { return m_gridDock; }
    QDockWidget *previewDock() const { return m_previewDock; }
    QDockWidget *runDock() const { return m_runDock; }

    void newPrompt();
    void openApiKeys();
    // Shows and raises the comparison grid (Run → Compare…, Ctrl+Shift+Enter).
    void openCompare();
    // The eval result window for the current prompt's eval sets (Run → Run Eval Sets…).
    void openEvals();

private:
    EvalWindow *evalWindow();
    void createDocks();
    void createActions();
    void followCurrentFile(const QString &path);

    MainWindow *m_window;
    PromptPreviewPane *m_preview;
    RunPanel *m_run;
    GridPanel *m_grid;
    QDockWidget *m_previewDock = nullptr;
    QDockWidget *m_runDock = nullptr;
    QDockWidget *m_gridDock = nullptr;
    QPointer<QPlainTextEdit> m_editor;
    QString m_path;
};

} // namespace psm::ui
