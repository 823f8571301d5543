// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/identitybar.h"

#include "ui/themecolors.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace psm::ui {

IdentityBar::IdentityBar(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("identityBar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, ThemeColors::background(pal, ThemeColors::Hue::Blue, 0.22));
    setPalette(pal);
    auto *layout = new QVBoxLayout(this);
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText); // our markup; callers escape what is not ours
    auto *row = new QHBoxLayout;
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("identityBarName"));
    m_name->setPlaceholderText(tr("Your Name"));
    m_email = new QLineEdit(this);
    m_email->setObjectName(QStringLiteral("identityBarEmail"));
    m_email->setPlaceholderText(tr("you@example.com"));
    m_button = new QPushButton(this);
    m_button->setObjectName(QStringLiteral("identityBarButton"));
    row->addWidget(new QLabel(tr("Name:"), this));
    row->addWidget(m_name, 1);
    row->addWidget(new QLabel(tr("Email:"), this));
    row->addWidget(m_email, 1);
    row->addWidget(m_button);
    layout->addWidget(m_text);
    layout->addLayout(row);
    connect(m_name, &QLineEdit::textChanged, this, [this] { updateButton(); });
    connect(m_email, &QLineEdit::textChanged, this, [this] { updateButton(); });
    auto submit = [this] {
        if (!m_button->isEnabled())
            return;
        hide();
        Q_EMIT submitted(core::Identity { m_name->text().trimmed(), m_email->text().trimmed() });
    };
    connect(m_button, &QPushButton::clicked, this, submit);
    connect(m_email, &QLineEdit::returnPressed, this, submit);
    connect(m_name, &QLineEdit::returnPressed, m_email, [this] { m_email->setFocus(); });
    updateButton();
    hide();
}

void IdentityBar::ask(const QString &message, const QString &buttonText)
{
    m_text->setText(message);
    m_button->setText(buttonText);
    show();
    m_name->setFocus();
}

void IdentityBar::updateButton()
{
    m_button->setEnabled(
        !m_name->text().trimmed().isEmpty() && m_email->text().contains(QLatin1Char('@')));
}

} // namespace psm::ui
