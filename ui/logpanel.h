// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"

#include <QDockWidget>
#include <QHash>
#include <QStringList>

#include <functional>

class QTextBrowser;

namespace psm::ui {

// The non-modal place where errors and information end up (Kate/Gittyup style): a dock with a
// timestamped, append-only log. An entry may carry one action link (e.g. "Undo") that runs a
// callback once. GUI thread only; every view reports through the main window's instance.
class LogPanel final : public QDockWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogPanel)
public:
    enum class Level { Info, Warning, Error };

    explicit LogPanel(QWidget *parent = nullptr);

    void info(const QString &text);
    void warning(const QString &text);
    void error(const QString &what, const core::Error &error);
    void error(const QString &text);
    // An entry with a link labelled `actionLabel`; clicking it runs `action` (at most once).
    void withAction(
        Level level, const QString &text, const QString &actionLabel, std::function<void()> action);

    QStringList messages() const { return m_messages; } // plain text, oldest first
    bool triggerLastAction(); // runs the newest pending action, as a click would

Q_SIGNALS:
    void messageAdded(psm::ui::LogPanel::Level level, const QString &text);

private:
    void append(Level level, const QString &text, const QString &actionHtml = {});

    QTextBrowser *m_view = nullptr;
    QStringList m_messages;
    QHash<int, std::function<void()>> m_actions;
    int m_nextAction = 1;
};

} // namespace psm::ui
