// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/plaintext.h"

#include <QLabel>

namespace psm::ui {

QString plainToolTip(const QString &text)
{
    if (text.isEmpty())
        return text; // an empty tooltip hides it; a wrapped empty paragraph would not
    return QStringLiteral("<p style='white-space:pre-wrap'>") + text.toHtmlEscaped()
        + QStringLiteral("</p>");
}

void setPlainLabelText(QLabel *label, const QString &text)
{
    label->setTextFormat(Qt::PlainText);
    label->setText(text);
}

} // namespace psm::ui
