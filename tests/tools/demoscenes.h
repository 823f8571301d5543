// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QWidget>

#include <optional>

namespace psm::ui {
class GridPanel;
class MainWindow;
} // namespace psm::ui

namespace psm::demo {

// What grid_demo shows (its argument): the grid after a run, or one of the windows the grid
// opens on its results.
enum class Scene { Grid, OutputDiff, OutputDiffInline, OutputDiffJson, PromptDiff, Blind };

std::optional<Scene> sceneFromName(const QString &name);
QStringList sceneNames(); // "grid", "outputdiff", ... in the order of Scene

// Drives the real main window as a user would, to one scene: opens the workspace and the
// scene's prompt, opens Compare, adds the columns, runs the grid against the test server and
// waits for it, then selects a cell or opens the scene's dialog through the grid's own actions.
// Emits ready() when the scene is on screen, failed() with the reason otherwise. GUI thread;
// a child of nothing, it must not outlive the window.
class SceneDirector final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SceneDirector)
public:
    SceneDirector(ui::MainWindow *window, QString workspaceRoot);

    void start(Scene scene);
    ui::GridPanel *gridPanel() const;
    // Index of the grid column running `model` (a kModels entry) at `temperature` ("0" or
    // "0.8"), at `revision` (empty: any); -1 when there is none.
    int column(
        const QString &model, const QString &temperature, const QString &revision = {}) const;
    // The dialog the scene opened (null for the grid scene).
    QWidget *dialog() const { return m_dialog; }

Q_SIGNALS:
    void ready();
    void failed(const QString &why);

private:
    void openCompare();
    void gridFinished();
    void openDialog();
    void waitForDialog(const char *className, int triesLeft);

    ui::MainWindow *m_window;
    QString m_root;
    Scene m_scene = Scene::Grid;
    int m_tries = 0; // of waiting for the prompt to open
    QPointer<QWidget> m_dialog;
};

} // namespace psm::demo
