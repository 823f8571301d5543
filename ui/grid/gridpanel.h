// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "run/grid.h"
#include "run/runengine.h"

#include <QHash>
#include <QPoint>
#include <QWidget>

#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableView;
class QTableWidget;

namespace psm::ui {

class GridGrading;
class GridCompare;
class PreflightCheck;
class GridRowSource;
class GridTableModel;

// The comparison grid: a column editor (model, parameters as key=value, revision), the rows
// (the variables form, or an eval set's tests with their checks: GridRowSource), repeats,
// Run / Run missing / Cancel all, the grid itself (GridTableModel) with a context menu to run
// one cell again, a detail pane paging through the selected cell's samples, and a history of
// the prompt's earlier grid runs that reopens one from the ledger without calling anything.
// The listed columns run as one RunSpec, so the grid is the product of their distinct
// revisions, models and parameter sets (what `promptsmith compare` runs and what the ledger's
// cell indices can rebuild). GUI thread; owns its RunEngine on the options' transport.
class GridPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GridPanel)
public:
    explicit GridPanel(run::RunEngineOptions options = {}, QWidget *parent = nullptr);
    ~GridPanel() override;

    void setPrompt(const QString &workspaceRoot, const QString &relativePath);
    // Unsaved editor text to run for "working copy" columns; a null QString runs the file.
    void setTextProvider(std::function<QString()> provider)
    {
        m_textProvider = std::move(provider);
    }
    // The row's variables (the preview's form).
    void setVariablesProvider(std::function<nlohmann::ordered_json()> provider)
    {
        m_variablesProvider = std::move(provider);
    }

    // The column editor's rows. `parameters`: "key=value; key=value"; `revision`: "working
    // copy" (or empty), HEAD, a commit, tag or branch.
    void addColumn(const QString &modelRef, const QString &parameters, const QString &revision);
    void clearColumns();
    void setRepeats(int repeats);
    // The column editor's rows as written: {model, parameters, revision ("" = working copy)}.
    QList<QStringList> columnTexts() const;
    int repeats() const;
    QString workspaceRoot() const { return m_root; }

    void run();
    void runMissing();
    void cancelAll();
    // Stops one column's calls (of the grid run and of its cells run again); the rest go on.
    void cancelColumn(int column);
    void rerunCell(int row, int column);
    void reopen(const QString &runId);
    void refreshHistory();

    bool isRunning() const { return !m_mainRun.isEmpty() || !m_cellRuns.isEmpty(); }
    // Run was clicked and the pre-flight cost check (off the GUI thread) has not decided yet.
    bool isEstimating() const;
    QString runId() const { return m_gridRunId; }
    QString promptPath() const { return m_path; } // relative to workspaceRoot()
    GridTableModel *model() const { return m_model; }
    GridGrading *grading() const { return m_grading; }
    GridCompare *compare() const { return m_compare; } // output diffs of cells and runs
    GridRowSource *rowSource() const { return m_rows; }
    QString statusText() const;
    QString detailText() const;

Q_SIGNALS:
    void runFinished();
    void historyLoaded(int runs);
    void reopened(const QString &runId);

private:
    core::Result<run::RunSpec> specFromColumns() const;
    void startGrid(run::RunSpec spec);
    void populateModels();
    void setStatus(const QString &text, bool error = false);
    void updateButtons();
    void showDetail();
    void showContextMenu(const QPoint &pos);
    void useEvalSetRows();
    // The selected eval set's checks on the grid shown, when its rows are that set's tests.
    bool attachChecks();
    // Where a sample of a run lands in the grid; nullopt for another panel's run.
    std::optional<run::GridShape::Position> place(const QString &runId, int sample) const;

    run::RunEngineOptions m_options;
    run::RunEngine *m_engine;
    GridTableModel *m_model;
    QString m_root;
    QString m_path;
    std::function<QString()> m_textProvider;
    std::function<nlohmann::ordered_json()> m_variablesProvider;
    std::optional<run::RunSpec> m_spec; // of the grid shown; none when reopened from history
    QString m_gridRunId; // of the grid shown
    QString m_mainRun; // running whole-grid run
    QHash<QString, QPoint> m_cellRuns; // running one-cell runs -> (column, row)
    bool m_historyReading = false;
    bool m_historyAgain = false;

    QTableWidget *m_columns;
    QComboBox *m_modelPick;
    QLineEdit *m_params;
    QComboBox *m_revision;
    QPushButton *m_addColumn;
    QPushButton *m_removeColumn;
    QSpinBox *m_repeats;
    QPushButton *m_runButton;
    QPushButton *m_runMissingButton;
    QPushButton *m_cancelButton;
    QLabel *m_status;
    QTableView *m_table;
    QSpinBox *m_detailSample;
    QLabel *m_detailMeta;
    QPlainTextEdit *m_detailText;
    QComboBox *m_history;
    QPushButton *m_openHistory;
    GridGrading *m_grading = nullptr; // grades and blind A/B (gridgrading.h)
    GridCompare *m_compare;
    PreflightCheck *m_preflight = nullptr; // made on the first run
    GridRowSource *m_rows;
};

} // namespace psm::ui
