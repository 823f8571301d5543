// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/diff/outputdiffdialog.h"

#include "ui/diff/outputdiffview.h"

#include <QDialogButtonBox>
#include <QVBoxLayout>

namespace psm::ui {

OutputDiffDialog::OutputDiffDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Compare outputs"));
    m_view = new OutputDiffView;
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_view, 1);
    layout->addWidget(buttons);
    resize(1000, 640);
}

OutputDiffDialog *OutputDiffDialog::open(QWidget *parent, const QString &leftTitle,
    const QString &leftText, const QString &rightTitle, const QString &rightText)
{
    auto *dialog = new OutputDiffDialog(parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setModal(false);
    dialog->setWindowTitle(tr("Compare: %1 ↔ %2").arg(leftTitle, rightTitle));
    dialog->m_view->setTexts(leftTitle, leftText, rightTitle, rightText);
    dialog->show();
    return dialog;
}

} // namespace psm::ui
