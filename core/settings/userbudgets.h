// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/settings/workspacesettings.h"

#include <QString>
#include <QStringList>

namespace psm::core {

// The user's own budgets, outside any repository: `<GenericConfigLocation>/promptsmith/
// budgets.yaml` with the keys of promptsmith.yaml's `budgets:` (daily_usd, monthly_usd,
// per_run_usd, confirm_above_usd) at the top level. They count the calls of every workspace and
// apply beside a workspace's own budgets. Read only: nothing here writes the file.
class UserBudgets final {
public:
    static QString defaultPath();
    // A missing file is no budgets and no error; a broken one keeps its errors (file:line:col)
    // and sets no budget.
    static UserBudgets load(const QString &path = defaultPath());

    const BudgetSettings &budgets() const { return m_settings.budgets(); }
    QString filePath() const { return m_settings.filePath(); }
    // "file:line:col: message" lines, errors then warnings.
    QStringList messages() const;

private:
    WorkspaceSettings m_settings;
    QString m_readError; // the file exists but cannot be read
};

// The threshold above which a GUI run asks first: the stricter of the workspace's and the
// user's confirm_above_usd, else kDefaultConfirmAboveUsd.
inline constexpr double kDefaultConfirmAboveUsd = 1.0;
double confirmAboveUsd(const BudgetSettings &workspace, const BudgetSettings &user);

} // namespace psm::core
