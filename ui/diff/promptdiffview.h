// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "run/promptdiff.h"

#include <QList>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QVBoxLayout;

namespace psm::ui {

class OutputDiffView;

// Two revisions of a prompt compared (run::PromptDiff): a header with the estimated change in
// input tokens per call, a "Changes" tab listing variables, model and config keys (old -> new)
// and schema changes, and a "Messages" tab with each rendered message pair as a word diff.
// Plain text throughout: prompts and variables are user text. GUI thread.
class PromptDiffView final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PromptDiffView)
public:
    explicit PromptDiffView(QWidget *parent = nullptr);

    void setDiff(const QString &oldTitle, const QString &newTitle, const run::PromptDiff &diff);
    // One view per message pair, in message order.
    QList<OutputDiffView *> messageViews() const { return m_messageViews; }

private:
    QLabel *m_header = nullptr;
    QLabel *m_tokens = nullptr;
    QTabWidget *m_tabs = nullptr;
    QPlainTextEdit *m_changes = nullptr;
    QVBoxLayout *m_messages = nullptr;
    QList<OutputDiffView *> m_messageViews;
};

} // namespace psm::ui
