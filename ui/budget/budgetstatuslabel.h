// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "ui/budget/budgetglance.h"

#include <QLabel>

#include <optional>

class QTimer;

namespace psm::ui {

// The status bar's spend: "Today $0.42 / $5.00" against the daily budget (else the month's,
// else today's spend alone), orange above 80% of the limit, red over it; calls of unknown cost
// as "+3 unpriced". The ledger is read off the GUI thread; refresh() after a run, and a slow
// timer for runs made elsewhere (the CLI, another window). GUI thread.
class BudgetStatusLabel final : public QLabel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BudgetStatusLabel)
public:
    // Empty paths: the ledger's and the user's budgets' default places.
    explicit BudgetStatusLabel(
        QString ledgerPath = {}, QString userBudgetsPath = {}, QWidget *parent = nullptr);
    ~BudgetStatusLabel() override;

    // The workspace whose promptsmith.yaml budgets count; empty: only the user's.
    void setWorkspace(const QString &root);
    void refresh();

    std::optional<BudgetGlance> glance() const { return m_glance; }

Q_SIGNALS:
    void refreshed();

private:
    void display(const core::Result<BudgetGlance> &read);

    QString m_ledgerPath;
    QString m_userBudgetsPath;
    QString m_workspace;
    QTimer *m_timer;
    std::optional<BudgetGlance> m_glance;
    bool m_reading = false;
    bool m_again = false;
};

} // namespace psm::ui
