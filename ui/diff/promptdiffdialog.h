// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "run/promptdiff.h"

#include <QDialog>

namespace psm::ui {

class PromptDiffView;

// A window around a PromptDiffView with a Close button. GUI thread.
class PromptDiffDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PromptDiffDialog)
public:
    explicit PromptDiffDialog(QWidget *parent = nullptr);

    PromptDiffView *view() const { return m_view; }

    // Non-modal, deletes itself on close.
    static PromptDiffDialog *open(QWidget *parent, const QString &oldTitle, const QString &newTitle,
        const run::PromptDiff &diff);

private:
    PromptDiffView *m_view = nullptr;
};

} // namespace psm::ui
