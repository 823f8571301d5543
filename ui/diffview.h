// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/workspace/workspace.h"

#include <QList>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QStackedWidget;

namespace psm::ui {

// Renders FileDiff hunks (from Workspace::diff) as coloured +/- lines with old/new line numbers,
// either inline or side by side; in side-by-side mode removed and added blocks are aligned row
// by row and the two panes scroll together. Read-only; GUI thread; owned by the HistoryPanel.
class DiffView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiffView)
public:
    enum class Mode { Inline, SideBySide };

    explicit DiffView(QWidget *parent = nullptr);

    void setDiffs(const QList<core::FileDiff> &diffs);
    void showMessage(const QString &message); // empty state: no diff to show
    void setMode(Mode mode);
    Mode mode() const { return m_mode; }

    QPlainTextEdit *inlineEditor() const { return m_inline; }
    QPlainTextEdit *leftEditor() const { return m_left; }
    QPlainTextEdit *rightEditor() const { return m_right; }
    QColor addedBackground() const;
    QColor removedBackground() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void render();

    Mode m_mode = Mode::SideBySide;
    QList<core::FileDiff> m_diffs;
    QString m_message;
    QStackedWidget *m_stack = nullptr;
    QLabel *m_empty = nullptr;
    QPlainTextEdit *m_inline = nullptr;
    QPlainTextEdit *m_left = nullptr;
    QPlainTextEdit *m_right = nullptr;
};

} // namespace psm::ui
