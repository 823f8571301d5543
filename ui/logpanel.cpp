// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/logpanel.h"

#include "ui/themecolors.h"

#include <QDateTime>
#include <QTextBrowser>
#include <QUrl>

namespace psm::ui {

LogPanel::LogPanel(QWidget *parent)
    : QDockWidget(tr("Log"), parent)
{
    setObjectName(QStringLiteral("logPanel"));
    m_view = new QTextBrowser(this);
    m_view->setObjectName(QStringLiteral("logView"));
    m_view->setOpenLinks(false);
    m_view->setOpenExternalLinks(false);
    m_view->setPlaceholderText(tr("Messages about git, files and drafts appear here."));
    setWidget(m_view);
    connect(m_view, &QTextBrowser::anchorClicked, this, [this](const QUrl &url) {
        if (url.scheme() != QLatin1String("psm-action"))
            return;
        const int id = url.path().toInt();
        const auto action = m_actions.take(id);
        if (action)
            action();
    });
}

void LogPanel::info(const QString &text)
{
    append(Level::Info, text);
}

void LogPanel::warning(const QString &text)
{
    append(Level::Warning, text);
}

void LogPanel::error(const QString &what, const core::Error &error)
{
    append(Level::Error,
        what.isEmpty() ? error.toString() : what + QStringLiteral(": ") + error.toString());
}

void LogPanel::error(const QString &text)
{
    append(Level::Error, text);
}

void LogPanel::withAction(
    Level level, const QString &text, const QString &actionLabel, std::function<void()> action)
{
    const int id = m_nextAction++;
    m_actions.insert(id, std::move(action));
    append(level, text,
        QStringLiteral(" <a href=\"psm-action:%1\">%2</a>")
            .arg(id)
            .arg(actionLabel.toHtmlEscaped()));
}

bool LogPanel::triggerLastAction()
{
    if (m_actions.isEmpty())
        return false;
    int newest = 0;
    for (auto it = m_actions.cbegin(); it != m_actions.cend(); ++it)
        newest = std::max(newest, it.key());
    const auto action = m_actions.take(newest);
    action();
    return true;
}

void LogPanel::append(Level level, const QString &text, const QString &actionHtml)
{
    const QPalette pal = m_view->palette();
    QString label;
    QColor colour = ThemeColors::muted(pal);
    switch (level) {
    case Level::Info:
        label = tr("info");
        break;
    case Level::Warning:
        label = tr("warning");
        colour = ThemeColors::foreground(pal, ThemeColors::Hue::Orange);
        break;
    case Level::Error:
        label = tr("error");
        colour = ThemeColors::foreground(pal, ThemeColors::Hue::Red);
        break;
    }
    const QString time = QTime::currentTime().toString(QStringLiteral("HH:mm:ss"));
    QString body = text.toHtmlEscaped();
    body.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
    m_view->append(QStringLiteral("<span style=\"color:%1\">%2 %3</span> %4%5")
                       .arg(colour.name(), time, label, body, actionHtml));
    m_messages.append(text);
    Q_EMIT messageAdded(level, text);
}

} // namespace psm::ui
