// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/preview/newpromptdialog.h"

#include "core/prompt/promptscaffold.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>

namespace psm::ui {

NewPromptDialog::NewPromptDialog(
    const QString &workspaceRoot, const QStringList &models, QWidget *parent)
    : QDialog(parent)
    , m_root(workspaceRoot)
    , m_name(new QLineEdit(this))
    , m_model(new QComboBox(this))
    , m_description(new QLineEdit(this))
    , m_input(new QPlainTextEdit(this))
    , m_output(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("newPromptDialog"));
    setWindowTitle(tr("New Prompt"));
    m_name->setObjectName(QStringLiteral("newPromptName"));
    m_name->setPlaceholderText(tr("e.g. support/triage"));
    m_model->setObjectName(QStringLiteral("newPromptModel"));
    m_model->setEditable(true);
    m_model->addItems(models);
    m_model->setCurrentText(models.isEmpty() ? QString() : models.first());
    m_description->setObjectName(QStringLiteral("newPromptDescription"));
    m_input->setObjectName(QStringLiteral("newPromptInputSchema"));
    m_input->setPlaceholderText(tr("Picoschema, e.g.\nticket: string, the customer's message\n"
                                   "product?: string"));
    m_output->setObjectName(QStringLiteral("newPromptOutputSchema"));
    m_output->setPlaceholderText(tr("Optional; makes the output JSON, e.g.\n"
                                    "category(enum): [billing, bug, other]"));
    m_status->setObjectName(QStringLiteral("newPromptStatus"));
    m_status->setWordWrap(true);

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Model:"), m_model);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(tr("&Input schema:"), m_input);
    form->addRow(tr("&Output schema:"), m_output);
    form->addRow(m_status);
    form->addRow(m_buttons);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &NewPromptDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &NewPromptDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &NewPromptDialog::validate);
    connect(m_model, &QComboBox::currentTextChanged, this, &NewPromptDialog::validate);
    connect(m_input, &QPlainTextEdit::textChanged, this, &NewPromptDialog::validate);
    connect(m_output, &QPlainTextEdit::textChanged, this, &NewPromptDialog::validate);
    validate();
}

void NewPromptDialog::validate()
{
    QString problem;
    auto path = core::promptPathForName(m_name->text());
    if (m_name->text().trimmed().isEmpty())
        problem = tr("Name the prompt.");
    else if (!path)
        problem = path.error().message;
    else if (QFileInfo::exists(QDir(m_root).filePath(*path)))
        problem = tr("%1 already exists.").arg(*path);
    if (problem.isEmpty()) {
        auto bytes = core::scaffoldPrompt({ m_model->currentText(), m_description->text(),
            m_input->toPlainText(), m_output->toPlainText() });
        if (!bytes)
            problem = bytes.error().toString();
    }
    m_status->setText(problem.isEmpty() ? tr("Creates %1").arg(*path) : problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

void NewPromptDialog::accept()
{
    auto path = core::promptPathForName(m_name->text());
    auto bytes = core::scaffoldPrompt({ m_model->currentText(), m_description->text(),
        m_input->toPlainText(), m_output->toPlainText() });
    if (!path || !bytes) {
        validate();
        return;
    }
    const QString absolute = QDir(m_root).filePath(*path);
    if (QFileInfo::exists(absolute)) {
        m_status->setText(tr("%1 already exists.").arg(*path));
        return;
    }
    QDir().mkpath(QFileInfo(absolute).absolutePath());
    QSaveFile file(absolute);
    if (!file.open(QIODevice::WriteOnly) || file.write(*bytes) != bytes->size() || !file.commit()) {
        m_status->setText(tr("Cannot write %1: %2").arg(*path, file.errorString()));
        return;
    }
    m_created = *path;
    QDialog::accept();
}

} // namespace psm::ui
