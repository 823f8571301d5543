// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/diff/promptdiffview.h"

#include "core/prompt/tokenestimate.h"
#include "ui/diff/outputdiffview.h"
#include "ui/plaintext.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

namespace psm::ui {

PromptDiffView::PromptDiffView(QWidget *parent)
    : QWidget(parent)
    , m_header(new QLabel)
    , m_tokens(new QLabel)
    , m_tabs(new QTabWidget)
    , m_changes(new QPlainTextEdit)
{
    m_header->setObjectName(QStringLiteral("promptDiffHeader"));
    m_header->setTextFormat(Qt::PlainText);
    m_header->setWordWrap(true);
    m_tokens->setObjectName(QStringLiteral("promptDiffTokens"));
    m_tokens->setTextFormat(Qt::PlainText);
    m_tokens->setToolTip(plainToolTip(core::tokenEstimateExplanation()));
    m_changes->setObjectName(QStringLiteral("promptDiffChanges"));
    m_changes->setReadOnly(true);

    auto *messagesPage = new QWidget;
    m_messages = new QVBoxLayout(messagesPage);
    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setWidget(messagesPage);

    m_tabs->addTab(m_changes, tr("Changes"));
    m_tabs->addTab(scroll, tr("Messages"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addWidget(m_tokens);
    layout->addWidget(m_tabs, 1);
}

void PromptDiffView::setDiff(
    const QString &oldTitle, const QString &newTitle, const run::PromptDiff &diff)
{
    m_header->setText(tr("%1 → %2").arg(oldTitle, newTitle));
    const int delta = diff.inputTokenDelta();
    m_tokens->setText(tr("Input tokens per call (estimate): ~%1 → ~%2 (%3%4)")
                          .arg(diff.oldInputTokens)
                          .arg(diff.newInputTokens)
                          .arg(delta > 0 ? QStringLiteral("+") : QString())
                          .arg(delta));
    m_changes->setPlainText(run::describePromptDiff(diff));

    m_messageViews.clear(); // the views are deleted with their layout items below
    while (QLayoutItem *item = m_messages->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (int i = 0; i < diff.messages.size(); ++i) {
        const run::MessageChange &m = diff.messages[i];
        auto *view = new OutputDiffView;
        view->setMinimumHeight(180);
        view->setComparedTexts(ComparedTexts::Messages);
        const auto title = [i](const QString &role) {
            return role.isEmpty() ? tr("message %1: (none)").arg(i + 1)
                                  : tr("message %1: %2").arg(i + 1).arg(role);
        };
        view->setTexts(title(m.oldRole), m.oldText, title(m.newRole), m.newText);
        m_messages->addWidget(view);
        m_messageViews.append(view);
    }
    m_messages->addStretch(1);
    // Reworded messages are usually what one came to see.
    m_tabs->setCurrentIndex(diff.messagesDiffer() ? 1 : 0);
}

} // namespace psm::ui
