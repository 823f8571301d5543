// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "tests/tools/demoscenes.h"

#include "tests/tools/demoworkspace.h"
#include "ui/diff/gridcompare.h"
#include "ui/diff/outputdiffdialog.h"
#include "ui/diff/outputdiffview.h"
#include "ui/diff/promptdiffdialog.h"
#include "ui/grid/blindpairdialog.h"
#include "ui/grid/gridgrading.h"
#include "ui/grid/gridpanel.h"
#include "ui/grid/gridtablemodel.h"
#include "ui/logpanel.h"
#include "ui/mainwindow.h"
#include "ui/workbench/promptworkbench.h"

#include <QDockWidget>
#include <QHeaderView>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>

#include <utility>

namespace psm::demo {
namespace {

const QString kWorkingCopy = QStringLiteral("working copy");
constexpr int kPollMs = 100;
constexpr int kPollTries = 100; // 10 s for the prompt to open or a dialog to be read from git
constexpr int kSettleMs = 400; // a repaint or two before a screenshot may be taken

QString promptFor(Scene scene)
{
    return scene == Scene::OutputDiffJson ? kFieldsPrompt : kReplyPrompt;
}

} // namespace

std::optional<Scene> sceneFromName(const QString &name)
{
    const int i = int(sceneNames().indexOf(name));
    return i < 0 ? std::nullopt : std::optional<Scene>(Scene(i));
}

QStringList sceneNames()
{
    return { QStringLiteral("grid"), QStringLiteral("outputdiff"),
        QStringLiteral("outputdiff-inline"), QStringLiteral("outputdiff-json"),
        QStringLiteral("promptdiff"), QStringLiteral("blind") };
}

SceneDirector::SceneDirector(ui::MainWindow *window, QString workspaceRoot)
    : m_window(window)
    , m_root(std::move(workspaceRoot))
{
}

ui::GridPanel *SceneDirector::gridPanel() const
{
    return m_window->workbench()->gridPanel();
}

int SceneDirector::column(
    const QString &model, const QString &temperature, const QString &revision) const
{
    const run::Grid &grid = gridPanel()->model()->grid();
    for (int c = 0; c < grid.columns(); ++c) {
        const run::GridColumn &col = grid.column(c);
        const auto params = nlohmann::json::parse(col.parametersJson.toStdString(), nullptr, false);
        const bool sameTemperature = params.is_object() && params.contains("temperature")
            && QString::fromStdString(params["temperature"].dump()) == temperature;
        const bool workingCopy = col.revision.isEmpty() || col.revision == kWorkingCopy;
        const bool sameRevision = revision.isEmpty()
            || (revision == kWorkingCopy ? workingCopy : col.revision == revision);
        if (col.modelRef == model && sameTemperature && sameRevision)
            return c;
    }
    return -1;
}

void SceneDirector::start(Scene scene)
{
    m_scene = scene;
    connect(
        m_window, &ui::MainWindow::workspaceOpened, this,
        [this] { QTimer::singleShot(0, this, &SceneDirector::openCompare); },
        Qt::SingleShotConnection);
    connect(m_window, &ui::MainWindow::workspaceFailed, this, [this](const QString &path) {
        Q_EMIT failed(
            QStringLiteral("the workspace %1 did not open (see the log panel)").arg(path));
    });
    ui::StartupOptions options;
    options.workspace = m_root;
    options.openFile = promptFor(scene);
    m_window->start(options);
}

void SceneDirector::openCompare()
{
    ui::PromptWorkbench *workbench = m_window->workbench();
    ui::GridPanel *panel = workbench->gridPanel();
    // The editor tab opens after the workspace; the grid follows the current tab.
    if (panel->promptPath() != promptFor(m_scene)) {
        if (++m_tries > kPollTries)
            return Q_EMIT failed(
                QStringLiteral("%1 did not open in the editor").arg(promptFor(m_scene)));
        QTimer::singleShot(kPollMs, this, &SceneDirector::openCompare);
        return;
    }
    if (m_scene == Scene::Grid) {
        // The grid wants width (six 260 px columns and the detail pane): as a user would, close
        // the workspace tree and the log (View menu) so four columns show at 1600 px.
        m_window->workspaceDock()->hide();
        m_window->logPanel()->hide();
    }
    workbench->openCompare(); // Run → Compare…
    // As a user drags the dock's edge: the grid wants height for its column editor, table
    // and detail pane.
    m_window->resizeDocks({ workbench->gridDock() }, { m_window->height() * 3 / 5 }, Qt::Vertical);

    panel->clearColumns();
    QStringList temperatures { QStringLiteral("temperature=0"), QStringLiteral("temperature=0.8") };
    QStringList models = kModels;
    QStringList revisions { QString() };
    int repeats = 3;
    if (m_scene == Scene::OutputDiffJson) {
        models = kModels.mid(0, 2);
        temperatures = temperatures.mid(0, 1);
        repeats = 1;
    } else if (m_scene == Scene::PromptDiff) {
        temperatures = temperatures.mid(0, 1);
        revisions = { QStringLiteral("HEAD~1"), QString() };
        repeats = 1;
    }
    for (const QString &revision : std::as_const(revisions))
        for (const QString &model : std::as_const(models))
            for (const QString &temperature : std::as_const(temperatures))
                panel->addColumn(model, temperature, revision);
    panel->setRepeats(repeats);
    connect(panel, &ui::GridPanel::runFinished, this, &SceneDirector::gridFinished,
        Qt::SingleShotConnection);
    panel->findChild<QPushButton *>(QStringLiteral("gridRunButton"))->click();
    if (!panel->isEstimating() && !panel->isRunning()) // the cost estimate comes first
        Q_EMIT failed(QStringLiteral("the grid did not start: %1").arg(panel->statusText()));
}

void SceneDirector::gridFinished()
{
    ui::GridPanel *panel = gridPanel();
    if (m_scene == Scene::Grid) {
        // A cell whose three repeats disagree: the detail pane pages through them.
        const int c = column(kModels[1], QStringLiteral("0.8"));
        auto *table = panel->findChild<QTableView *>(QStringLiteral("gridTable"));
        table->setFocus();
        table->setCurrentIndex(panel->model()->index(0, c));
        // Scrolled so qwen's and mistral's columns show: the disagreeing cell and the error.
        const int first = column(kModels[1], QStringLiteral("0"));
        table->horizontalScrollBar()->setValue(
            table->horizontalScrollMode() == QAbstractItemView::ScrollPerItem
                ? first
                : table->horizontalHeader()->sectionPosition(first));
        QTimer::singleShot(kSettleMs, this, &SceneDirector::ready);
        return;
    }
    openDialog();
}

void SceneDirector::openDialog()
{
    ui::GridPanel *panel = gridPanel();
    ui::GridCompare *compare = panel->compare();
    const QString cold = QStringLiteral("0");
    const QString hot = QStringLiteral("0.8");
    switch (m_scene) {
    case Scene::OutputDiff:
    case Scene::OutputDiffInline: {
        // One model at two temperatures: what sampling changed in the answer.
        compare->compareCells(0, column(kModels[0], cold), 0, column(kModels[0], hot));
        const auto dialogs = panel->findChildren<ui::OutputDiffDialog *>();
        if (dialogs.isEmpty())
            return Q_EMIT failed(
                QStringLiteral("no output diff opened: %1").arg(panel->statusText()));
        m_dialog = dialogs.constLast();
        if (m_scene == Scene::OutputDiffInline)
            dialogs.constLast()->view()->setMode(ui::OutputDiffView::Mode::Inline);
        break;
    }
    case Scene::OutputDiffJson: {
        compare->compareCells(0, column(kModels[0], cold), 0, column(kModels[1], cold));
        const auto dialogs = panel->findChildren<ui::OutputDiffDialog *>();
        if (dialogs.isEmpty())
            return Q_EMIT failed(
                QStringLiteral("no output diff opened: %1").arg(panel->statusText()));
        m_dialog = dialogs.constLast();
        break;
    }
    case Scene::PromptDiff:
        // The header menu's "Diff prompt with column": read from git on a worker.
        compare->diffPromptWithColumn(column(kModels[0], cold, QStringLiteral("HEAD~1")),
            column(kModels[0], cold, kWorkingCopy));
        return waitForDialog("psm::ui::PromptDiffDialog", kPollTries);
    case Scene::Blind: {
        // Fixed seed: the same order and sides every time. qwen (A) against llama (B) at 0.8,
        // judged as a reader of HEAD's prompt would: an answer that promises "Friday" loses.
        auto *blind = panel->grading()->openBlindPair(7);
        if (!blind || !blind->start(column(kModels[1], hot), column(kModels[0], hot)))
            return Q_EMIT failed(
                QStringLiteral("the blind A/B dialog did not start: %1").arg(panel->statusText()));
        for (int judged = 0; judged < 2 && !blind->isFinished(); ++judged) {
            const bool leftPromises = blind->leftText().contains(QLatin1String("Friday"));
            const bool rightPromises = blind->rightText().contains(QLatin1String("Friday"));
            blind->judge(leftPromises == rightPromises ? core::PairChoice::Tie
                    : leftPromises                     ? core::PairChoice::Right
                                                       : core::PairChoice::Left);
        }
        m_dialog = blind;
        break;
    }
    case Scene::Grid:
        break;
    }
    QTimer::singleShot(kSettleMs, this, &SceneDirector::ready);
}

void SceneDirector::waitForDialog(const char *className, int triesLeft)
{
    for (QObject *child : gridPanel()->children()) {
        if (child->inherits(className)) {
            m_dialog = qobject_cast<QWidget *>(child);
            QTimer::singleShot(kSettleMs, this, &SceneDirector::ready);
            return;
        }
    }
    if (triesLeft <= 0)
        return Q_EMIT failed(QStringLiteral("no %1 opened: %2")
                                 .arg(QLatin1String(className), gridPanel()->statusText()));
    QTimer::singleShot(
        kPollMs, this, [this, className, triesLeft] { waitForDialog(className, triesLeft - 1); });
}

} // namespace psm::demo
