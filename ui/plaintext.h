// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QString>

class QLabel;

namespace psm::ui {

// Text that did not come from our own code (a response body, model output, a commit message,
// a user's file) must show literally: an HTML 502 page is not to be rendered as HTML. Labels get
// Qt::PlainText; tooltips have no text format and Qt sniffs them for rich text, so they are
// escaped and wrapped in a paragraph that keeps the text's line breaks and spaces.
QString plainToolTip(const QString &text);

// Sets `label` to show `text` as plain text (and keeps it so for later setText calls).
void setPlainLabelText(QLabel *label, const QString &text);

} // namespace psm::ui
