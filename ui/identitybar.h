// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/workspace/workspace.h"

#include <QFrame>

class QLabel;
class QLineEdit;
class QPushButton;

namespace psm::ui {

// A non-modal bar above the editor asking for the git name and email when an action (creating
// the sample workspace on first start) cannot go on without them. The MainWindow shows it and
// acts on `submitted`. GUI thread.
class IdentityBar final : public QFrame {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IdentityBar)
public:
    explicit IdentityBar(QWidget *parent = nullptr);

    // `message` is rich text of ours (bold lead-in); anything in it from outside, such as a
    // path, must already be escaped with toHtmlEscaped().
    void ask(const QString &message, const QString &buttonText);

Q_SIGNALS:
    void submitted(const psm::core::Identity &identity);

private:
    void updateButton();

    QLabel *m_text = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_email = nullptr;
    QPushButton *m_button = nullptr;
};

} // namespace psm::ui
