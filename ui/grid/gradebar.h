// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/ledger/grades.h"

#include <QWidget>

#include <array>
#include <optional>

class QLineEdit;
class QToolButton;

namespace psm::ui {

// Grades one sample: thumb up / down, a 1-5 score and a note. Clicking the thumb or score that
// is already set clears it. Keys (forwarded by the grid, see applyKey): + and - for the thumbs,
// 1-5 for the score, 0 to clear the score. Emits edited() with the whole new grade.
class GradeBar final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GradeBar)
public:
    explicit GradeBar(QWidget *parent = nullptr);

    // The grade shown; nullopt when the selection cannot be graded (no recorded call yet).
    void setGrade(const std::optional<core::CallGrade> &grade);
    std::optional<core::CallGrade> grade() const { return m_grade; }

    // A grading key pressed elsewhere (the grid table); true when it was one.
    bool applyKey(int key);

Q_SIGNALS:
    void edited(const core::CallGrade &grade);

private:
    void change(const core::CallGrade &grade);
    void showGrade();

    std::optional<core::CallGrade> m_grade;
    QToolButton *m_up;
    QToolButton *m_down;
    std::array<QToolButton *, 5> m_scores {};
    QLineEdit *m_note;
};

} // namespace psm::ui
