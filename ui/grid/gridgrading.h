// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "run/grid.h"

#include <QObject>
#include <QPointer>

class QPushButton;
class QSpinBox;
class QTableView;
class QWidget;

namespace psm::ui {

class BlindPairDialog;
class GradeBar;
class GridGrades;
class GridTableModel;

// Human grading in the grid window, kept out of GridPanel: a GradeBar for the sample the detail
// pane shows (the table's current cell and the sample spin box), the grading keys on the table
// (+ / - / 1-5 / 0), the grades written under each cell, and the "Blind A/B…" button. The panel
// tells it which run is on screen (showRun) and places bar() and blindButton().
class GridGrading final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GridGrading)
public:
    GridGrading(QTableView *table, QSpinBox *sample, GridTableModel *model, QString ledgerPath,
        QWidget *parent);
    ~GridGrading() override;

    GradeBar *bar() const { return m_bar; }
    QPushButton *blindButton() const { return m_blindButton; }
    GridGrades *store() const { return m_store; }

    // The run on screen (a finished grid or one reopened from history); its grades are read.
    void showRun(const QString &runId);
    // Opens the blind pairwise dialog on the grid as it is now; `seed` fixes its order.
    BlindPairDialog *openBlindPair(quint32 seed);

    // "👍 4/5 ✎" per graded sample ("#2 👎 · #3 3/5" when the cell has repeats).
    static QString marks(const std::vector<run::GridSample> &samples, const GridGrades &store);

Q_SIGNALS:
    void message(const QString &text, bool error);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    const run::GridSample *currentSample() const;
    void syncBar();

    QTableView *m_table;
    QSpinBox *m_sample;
    GridTableModel *m_model;
    GridGrades *m_store;
    GradeBar *m_bar;
    QPushButton *m_blindButton;
    QPointer<BlindPairDialog> m_blind;
};

} // namespace psm::ui
