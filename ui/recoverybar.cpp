// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/recoverybar.h"

#include "ui/themecolors.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>

namespace psm::ui {

RecoveryBar::RecoveryBar(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("recoveryBar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette pal = palette();
    pal.setColor(QPalette::Window, ThemeColors::background(pal, ThemeColors::Hue::Orange, 0.25));
    setPalette(pal);
    auto *layout = new QHBoxLayout(this);
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::RichText); // our markup; file names are escaped in offer()
    auto *restore = new QPushButton(tr("Restore"), this);
    restore->setObjectName(QStringLiteral("restoreDraftsButton"));
    auto *discard = new QPushButton(tr("Discard"), this);
    discard->setObjectName(QStringLiteral("discardDraftsButton"));
    layout->addWidget(m_text, 1);
    layout->addWidget(restore);
    layout->addWidget(discard);
    connect(restore, &QPushButton::clicked, this, [this] {
        const auto drafts = m_drafts;
        offer({});
        Q_EMIT restoreRequested(drafts);
    });
    connect(discard, &QPushButton::clicked, this, [this] {
        const auto drafts = m_drafts;
        offer({});
        Q_EMIT discardRequested(drafts);
    });
    hide();
}

void RecoveryBar::offer(const QList<core::Draft> &drafts)
{
    m_drafts = drafts;
    if (drafts.isEmpty()) {
        hide();
        return;
    }
    QStringList names;
    for (const auto &d : drafts)
        names.append(QStringLiteral("<b>%1</b> (%2)")
                         .arg(d.path.toHtmlEscaped(),
                             QLocale().toString(d.savedAt.toLocalTime(), QLocale::ShortFormat)));
    m_text->setText(tr("Recover unsaved changes? Promptsmith kept drafts from an earlier session: "
                       "%1")
                        .arg(names.join(QStringLiteral(", "))));
    show();
}

} // namespace psm::ui
