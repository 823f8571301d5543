// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

#include <optional>

class QComboBox;
class QMenu;
class QSpinBox;
class QTableView;

namespace psm::run {
class Grid;
}

namespace psm::ui {

class GridPanel;

// The grid window's output comparisons, opened as OutputDiffDialogs: two cells (the second picked
// by clicking it, or marked beforehand), two samples of one cell, or one cell against the same
// variant and row in an earlier grid run read from the ledger (calling nothing). Kept apart from
// GridPanel, which only adds these actions to its cell menu. GUI thread.
class GridCompare final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GridCompare)
public:
    // `table` shows the panel's model; `history` lists earlier runs (run id as item data);
    // `detailSample` is the detail pane's sample (1-based) of the table's current cell.
    GridCompare(GridPanel *panel, QTableView *table, QComboBox *history, QSpinBox *detailSample,
        QString ledgerPath);

    // "Compare with…", "Mark for compare", "Compare with marked", "Compare samples" and
    // "Compare with run" for the cell at (row, column).
    void addCellActions(QMenu *menu, int row, int column);

    void compareCells(int row, int column, int otherRow, int otherColumn);
    // The next cell clicked in the table is compared with this one.
    void pickCellToCompare(int row, int column);
    bool isPicking() const { return m_pickFrom.has_value(); }
    // Keeps a copy of the cell's output, so the mark survives a new run or a reopened grid.
    void markForCompare(int row, int column);
    bool hasMark() const { return m_mark.has_value(); }
    void compareWithMarked(int row, int column);
    void compareSamples(int row, int column, int firstSample, int secondSample);
    // Reads `runId` from the ledger on a worker; the dialog opens when it is read.
    void compareWithRun(int row, int column, const QString &runId);

    // "Diff prompt with column" for a column header: the columns of another revision.
    void addColumnActions(QMenu *menu, int column);
    // The prompt at the two columns' revisions, for the first row's variables, in a
    // PromptDiffDialog; read and compared on a worker.
    void diffPromptWithColumn(int column, int otherColumn);

Q_SIGNALS:
    // For the panel's status line; `error` when the comparison could not be made.
    void message(const QString &text, bool error);

private:
    struct Side {
        QString title;
        QString text;
        int sample = 0;
    };
    // Without `sample`: the one the detail pane shows when the cell is the current one (the
    // user paged to it), else comparedSample().
    std::optional<Side> cellSide(int row, int column, std::optional<int> sample = {}) const;
    void open(const Side &left, const Side &right);
    void cellClicked(int row, int column);
    void showHeaderMenu(const QPoint &pos);

    GridPanel *m_panel;
    QTableView *m_table;
    QComboBox *m_history;
    QSpinBox *m_detailSample;
    QString m_ledgerPath;
    struct Position {
        int row = 0;
        int column = 0;
        int sample = 0;
    };
    std::optional<Position> m_pickFrom;
    std::optional<Side> m_mark;
};

// The text a cell of `grid` is compared by: the first successful sample's, else the first
// sample's (a partial or failed output is still worth seeing). -1 when the cell has no sample.
int comparedSample(const run::Grid &grid, int row, int column);

// The column of `other` that runs the same variant as `column` of `grid`: the same model and
// parameters, preferring the same revision; -1 when there is none. Runs of different prompt
// revisions are what one compares, so a revision alone does not disqualify a column.
int matchingColumn(const run::Grid &grid, int column, const run::Grid &other);

} // namespace psm::ui
