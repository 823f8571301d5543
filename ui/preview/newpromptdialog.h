// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QComboBox;

namespace psm::ui {

// File → New prompt: name, model, description and optional input/output schemas in
// Picoschema; checks them as you type and writes prompts/<name>.prompt (core::scaffoldPrompt)
// without overwriting anything. Modal, GUI thread; the main window opens the created file.
class NewPromptDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NewPromptDialog)
public:
    NewPromptDialog(
        const QString &workspaceRoot, const QStringList &models, QWidget *parent = nullptr);

    QString createdPath() const { return m_created; } // workspace-relative, after accept
    void accept() override;

private:
    void validate();

    QString m_root;
    QString m_created;
    QLineEdit *m_name;
    QComboBox *m_model;
    QLineEdit *m_description;
    QPlainTextEdit *m_input;
    QPlainTextEdit *m_output;
    QLabel *m_status;
    QDialogButtonBox *m_buttons;
};

} // namespace psm::ui
