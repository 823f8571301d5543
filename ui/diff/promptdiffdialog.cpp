// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/diff/promptdiffdialog.h"

#include "ui/diff/promptdiffview.h"

#include <QDialogButtonBox>
#include <QVBoxLayout>

namespace psm::ui {

PromptDiffDialog::PromptDiffDialog(QWidget *parent)
    : QDialog(parent)
    , m_view(new PromptDiffView)
{
    setWindowTitle(tr("Prompt diff"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_view, 1);
    layout->addWidget(buttons);
    resize(1000, 720);
}

PromptDiffDialog *PromptDiffDialog::open(
    QWidget *parent, const QString &oldTitle, const QString &newTitle, const run::PromptDiff &diff)
{
    auto *dialog = new PromptDiffDialog(parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setModal(false);
    dialog->setWindowTitle(tr("Prompt diff: %1 → %2").arg(oldTitle, newTitle));
    dialog->m_view->setDiff(oldTitle, newTitle, diff);
    dialog->show();
    return dialog;
}

} // namespace psm::ui
