// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/eval/pairwisestats.h"
#include "core/ledger/grades.h"
#include "run/grid.h"

#include <QDialog>

#include <vector>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace psm::ui {

class GridGrades;

// Blind pairwise comparison of two grid columns. For every input (and repeat) where both
// columns have a recorded successful output, the two outputs are shown side by side in a
// random order, without column names; the user picks Left, Right or Tie (buttons, or the keys
// Left / Right / Down and 1 / 2 / 3). Each judgement is stored against the calls (A = the first
// column chosen, B = the second), whatever side each was shown on. The running win rate of A
// (ties split), its 95% Wilson interval and the judgements still needed show throughout; the
// column names are revealed only when every pair is judged (or the user ends early). Pairs the
// run's earlier sessions judged (GridGrades::judgements) count and are not asked again.
class BlindPairDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BlindPairDialog)
public:
    // `seed` fixes the pair order and sides (tests); the panel passes a random one.
    BlindPairDialog(
        run::Grid grid, QString runId, GridGrades *store, quint32 seed, QWidget *parent = nullptr);

    // Chooses the two columns and starts; false (and a message) when they are the same or
    // have no pair to compare.
    bool start(int columnA, int columnB);
    void judge(core::PairChoice choice);
    // Ends now and reveals the columns.
    void finish();

    struct Pair {
        int row = 0;
        int repeat = 0;
        qint64 callA = 0;
        qint64 callB = 0;
        bool aShownLeft = true;
    };
    const std::vector<Pair> &pairs() const { return m_pairs; }
    int current() const { return m_current; } // index into pairs(); == size when done
    bool isFinished() const { return m_finished; }
    core::eval::PairwiseStats stats() const;
    QString leftText() const;
    QString rightText() const;
    QString progressText() const;
    QString statsText() const;
    QString revealText() const;

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    void showPair();
    void showStats();

    run::Grid m_grid;
    QString m_runId;
    GridGrades *m_store;
    quint32 m_seed;
    int m_columnA = -1;
    int m_columnB = -1;
    std::vector<Pair> m_pairs;
    int m_current = 0;
    int m_wins = 0, m_losses = 0, m_ties = 0; // including earlier sessions' judgements
    int m_earlier = 0; // pairs judged in an earlier session of this run, not asked again
    bool m_finished = false;

    QComboBox *m_pickA;
    QComboBox *m_pickB;
    QLabel *m_pickALabel = nullptr;
    QLabel *m_pickBLabel = nullptr;
    QPushButton *m_start;
    QLabel *m_input;
    QPlainTextEdit *m_left;
    QPlainTextEdit *m_right;
    QPushButton *m_leftButton;
    QPushButton *m_tieButton;
    QPushButton *m_rightButton;
    QPushButton *m_endButton;
    QLabel *m_progress;
    QLabel *m_stats;
    QLabel *m_reveal;
};

// "A wins 75.0% (95% CI 44.2%–91.9%) over 10 judgements · ≈6 more judgements needed".
QString pairwiseStatsText(const core::eval::PairwiseStats &stats);

} // namespace psm::ui
