// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/grid/gradebar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QToolButton>

namespace psm::ui {
namespace {

QToolButton *toggle(const QString &text, const QString &tip, QWidget *parent)
{
    auto *button = new QToolButton(parent);
    button->setText(text);
    button->setToolTip(tip);
    button->setCheckable(true);
    button->setFocusPolicy(Qt::NoFocus); // keys stay with the grid
    return button;
}

} // namespace

GradeBar::GradeBar(QWidget *parent)
    : QWidget(parent)
    // Words, not thumb emoji: a Debian desktop without an emoji font draws those as boxes.
    , m_up(toggle(tr("Good"), tr("Good output (+)"), this))
    , m_down(toggle(tr("Bad"), tr("Bad output (-)"), this))
    , m_note(new QLineEdit(this))
{
    setObjectName(QStringLiteral("gradeBar"));
    m_up->setObjectName(QStringLiteral("gradeUp"));
    m_down->setObjectName(QStringLiteral("gradeDown"));
    m_note->setObjectName(QStringLiteral("gradeNote"));
    m_note->setPlaceholderText(tr("Note"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Grade:"), this));
    layout->addWidget(m_up);
    layout->addWidget(m_down);
    for (int i = 0; i < 5; ++i) {
        m_scores[size_t(i)] = toggle(QString::number(i + 1), tr("Score %1 of 5").arg(i + 1), this);
        m_scores[size_t(i)]->setObjectName(QStringLiteral("gradeScore%1").arg(i + 1));
        layout->addWidget(m_scores[size_t(i)]);
        connect(m_scores[size_t(i)], &QToolButton::clicked, this,
            [this, i] { applyKey(Qt::Key_1 + i); });
    }
    layout->addWidget(m_note, 1);
    connect(m_up, &QToolButton::clicked, this, [this] { applyKey(Qt::Key_Plus); });
    connect(m_down, &QToolButton::clicked, this, [this] { applyKey(Qt::Key_Minus); });
    connect(m_note, &QLineEdit::editingFinished, this, [this] {
        if (!m_grade || m_note->text() == m_grade->note)
            return;
        core::CallGrade next = *m_grade;
        next.note = m_note->text();
        change(next);
    });
    showGrade();
}

void GradeBar::setGrade(const std::optional<core::CallGrade> &grade)
{
    m_grade = grade;
    showGrade();
}

bool GradeBar::applyKey(int key)
{
    if (!m_grade)
        return false;
    core::CallGrade next = *m_grade;
    if (key == Qt::Key_Plus || key == Qt::Key_Equal) {
        next.thumb = next.thumb == core::Thumb::Up ? core::Thumb::None : core::Thumb::Up;
    } else if (key == Qt::Key_Minus) {
        next.thumb = next.thumb == core::Thumb::Down ? core::Thumb::None : core::Thumb::Down;
    } else if (key == Qt::Key_0) {
        next.score.reset();
    } else if (key >= Qt::Key_1 && key <= Qt::Key_5) {
        const int score = key - Qt::Key_0;
        if (next.score == score)
            next.score.reset();
        else
            next.score = score;
    } else {
        return false;
    }
    change(next);
    return true;
}

void GradeBar::change(const core::CallGrade &grade)
{
    m_grade = grade;
    showGrade();
    Q_EMIT edited(grade);
}

void GradeBar::showGrade()
{
    setEnabled(m_grade.has_value());
    const core::CallGrade g = m_grade.value_or(core::CallGrade {});
    m_up->setChecked(g.thumb == core::Thumb::Up);
    m_down->setChecked(g.thumb == core::Thumb::Down);
    for (int i = 0; i < 5; ++i)
        m_scores[size_t(i)]->setChecked(g.score == i + 1);
    if (m_note->text() != g.note) {
        const QSignalBlocker quiet(m_note);
        m_note->setText(g.note);
    }
}

} // namespace psm::ui
