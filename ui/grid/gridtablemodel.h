// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/eval/evalset.h"
#include "run/grid.h"

#include <QAbstractTableModel>
#include <QTimer>

#include <functional>

namespace psm::run {
struct RunSampleResult;
}

namespace psm::ui {

// A comparison grid as a table: rows are inputs, columns are variants, and one last row holds
// each column's totals. When the rows are an eval set's tests (setRowTests), each finished
// sample gets its test's verdict and the rows are named after the tests. The model owns its
// run::Grid; the panel feeds it streamed text and finished samples. Streaming changes are
// coalesced: a changed cell is repainted at most once per kRepaintIntervalMs, so eight columns
// streaming at full speed cost a few repaints per second, not one per token. GUI thread.
class GridTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GridTableModel)
public:
    enum Role {
        FirstTextRole = Qt::UserRole + 1, // the first sample's full text
        AgreementRole, // "3/3 agree", "2/3 agree", "" before two samples finished
        ErrorRole, // the first failed sample's error, "" when none
        StateRole, // run::SampleState of the first sample, as int
        SummaryRole, // on any row: the column's totals as text
        AnnotationRole, // the cell's annotation (its samples' human grades), "" when none
        ChecksRole, // "✓ 3/3 pass", "✗ 1/3 pass": the verdicts so far; "" without checks
    };
    // Text shown under a cell's own (the human grades of its samples, see gridgrading.h).
    using CellAnnotation = std::function<QString(const std::vector<run::GridSample> &)>;
    static constexpr int kRepaintIntervalMs = 50;

    explicit GridTableModel(QObject *parent = nullptr);

    void setGrid(run::Grid grid);
    const run::Grid &grid() const { return m_grid; }
    bool isSummaryRow(int row) const { return row == m_grid.rows(); }

    // From the engine, in the grid's own sample numbering or at a given place.
    void appendText(int row, int column, int repeat, const QString &text);
    void finishSample(int row, int column, int repeat, const run::RunSampleResult &result);
    // The grid's rows are these tests (run::rowsAreTests holds): every finished sample is
    // checked now and as it finishes (run::checkSample). Cleared by setGrid(); empty: none.
    void setRowTests(QList<core::eval::EvalTest> tests);
    bool hasRowTests() const { return !m_tests.isEmpty(); }
    // Back to Pending, for a cell run again.
    void resetCell(int row, int column);
    // Repaints what changed now rather than at the next tick (tests, end of a run).
    void flush();
    void setCellAnnotation(CellAnnotation annotation);
    // Repaints every cell: the annotations changed.
    void annotationsChanged();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // Texts shared with the detail pane.
    static QString cellText(const run::Grid &grid, int row, int column);
    static QString sampleMetrics(const run::GridSample &sample);
    static QString summaryText(const run::ColumnSummary &summary);
    static QString agreementText(const run::Agreement &agreement);
    static QString checksText(const std::vector<run::GridSample> &samples);

private:
    void markDirty(int row, int column);

    run::Grid m_grid;
    CellAnnotation m_annotation;
    QList<core::eval::EvalTest> m_tests; // of the rows, in order; empty: no checks
    bool m_loaded = false; // a default Grid has a shape but no cells
    QTimer m_repaint;
    // The bounding range of the cells changed since the last repaint; rows < 0: none.
    int m_top = -1, m_bottom = -1, m_left = -1, m_right = -1;
};

} // namespace psm::ui
