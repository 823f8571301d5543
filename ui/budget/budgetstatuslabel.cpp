// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/budget/budgetstatuslabel.h"

#include "core/ledger/ledger.h"
#include "core/settings/userbudgets.h"
#include "ui/plaintext.h"
#include "ui/themecolors.h"

#include <QFutureWatcher>
#include <QPointer>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace psm::ui {
namespace {

// Runs made outside this window (the CLI, another instance) show up within a minute.
constexpr int kRefreshMs = 60 * 1000;

} // namespace

BudgetStatusLabel::BudgetStatusLabel(QString ledgerPath, QString userBudgetsPath, QWidget *parent)
    : QLabel(parent)
    , m_ledgerPath(ledgerPath.isEmpty() ? core::Ledger::defaultPath() : std::move(ledgerPath))
    , m_userBudgetsPath(
          userBudgetsPath.isEmpty() ? core::UserBudgets::defaultPath() : std::move(userBudgetsPath))
    , m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("budgetStatusLabel"));
    setTextFormat(Qt::PlainText);
    m_timer->setInterval(kRefreshMs);
    connect(m_timer, &QTimer::timeout, this, &BudgetStatusLabel::refresh);
    m_timer->start();
    refresh();
}

BudgetStatusLabel::~BudgetStatusLabel() = default;

void BudgetStatusLabel::setWorkspace(const QString &root)
{
    m_workspace = root;
    refresh();
}

void BudgetStatusLabel::refresh()
{
    if (m_reading) {
        m_again = true; // one more read once this one is in, so the newest run is counted
        return;
    }
    m_reading = true;
    auto *watcher = new QFutureWatcher<core::Result<BudgetGlance>>(this);
    connect(watcher, &QFutureWatcher<core::Result<BudgetGlance>>::finished, this, [this, watcher] {
        watcher->deleteLater();
        m_reading = false;
        display(watcher->result());
        if (std::exchange(m_again, false))
            refresh();
    });
    watcher->setFuture(QtConcurrent::run(
        [ledger = m_ledgerPath, user = m_userBudgetsPath, workspace = m_workspace] {
            // Both files are read afresh: a budget edited since shows at the next refresh.
            const auto settings = core::WorkspaceSettings::load(workspace);
            const auto userBudgets = core::UserBudgets::load(user);
            return readBudgetGlance(ledger, workspace, settings.budgets(), userBudgets.budgets(),
                QDateTime::currentDateTime(), QTimeZone::systemTimeZone());
        }));
}

void BudgetStatusLabel::display(const core::Result<BudgetGlance> &read)
{
    if (!read) {
        m_glance.reset();
        setText(tr("Spend unknown"));
        setToolTip(plainToolTip(read.error().toString())); // a path, SQLite's message
        setStyleSheet({});
        emit refreshed();
        return;
    }
    m_glance = *read;
    setText(read->text());
    setToolTip(plainToolTip(read->toolTip()));
    if (read->level == BudgetGlance::Level::Fine) {
        setStyleSheet({});
    } else {
        const QColor colour = ThemeColors::foreground(palette(),
            read->level == BudgetGlance::Level::Over ? ThemeColors::Hue::Red
                                                     : ThemeColors::Hue::Orange);
        setStyleSheet(QStringLiteral("color: %1;").arg(colour.name()));
    }
    emit refreshed();
}

} // namespace psm::ui
