// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QDialog>

namespace psm::ui {

class OutputDiffView;

// A window around an OutputDiffView with a Close button. GUI thread.
class OutputDiffDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OutputDiffDialog)
public:
    explicit OutputDiffDialog(QWidget *parent = nullptr);

    OutputDiffView *view() const { return m_view; }

    // Non-modal, deletes itself on close; returns the dialog so tests can inspect it.
    static OutputDiffDialog *open(QWidget *parent, const QString &leftTitle,
        const QString &leftText, const QString &rightTitle, const QString &rightText);

private:
    OutputDiffView *m_view = nullptr;
};

} // namespace psm::ui
