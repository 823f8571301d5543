// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/settings/userbudgets.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <algorithm>

namespace psm::core {

QString UserBudgets::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation))
        .filePath(QStringLiteral("promptsmith/budgets.yaml"));
}

UserBudgets UserBudgets::load(const QString &path)
{
    UserBudgets out;
    if (path.isEmpty() || !QFileInfo::exists(path)) {
        out.m_settings = WorkspaceSettings::parseBudgetsOnly({}, path);
        return out;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        out.m_settings = WorkspaceSettings::parseBudgetsOnly({}, path);
        out.m_readError = QStringLiteral("%1: cannot read the user's budgets: %2")
                              .arg(path, file.errorString());
        return out;
    }
    out.m_settings = WorkspaceSettings::parseBudgetsOnly(file.readAll(), path);
    return out;
}

QStringList UserBudgets::messages() const
{
    QStringList out = m_settings.messages();
    if (!m_readError.isEmpty())
        out.prepend(m_readError);
    return out;
}

double confirmAboveUsd(const BudgetSettings &workspace, const BudgetSettings &user)
{
    if (workspace.confirmAboveUsd && user.confirmAboveUsd)
        return std::min(*workspace.confirmAboveUsd, *user.confirmAboveUsd);
    if (workspace.confirmAboveUsd)
        return *workspace.confirmAboveUsd;
    if (user.confirmAboveUsd)
        return *user.confirmAboveUsd;
    return kDefaultConfirmAboveUsd;
}

} // namespace psm::core
