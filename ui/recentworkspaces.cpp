// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/recentworkspaces.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace psm::ui {
namespace {

const QString kKey = QStringLiteral("recentWorkspaces");

QStringList stored()
{
    return QSettings().value(kKey).toStringList();
}

void store(const QStringList &list)
{
    QSettings settings;
    settings.setValue(kKey, list);
}

} // namespace

QStringList RecentWorkspaces::list() const
{
    QStringList result;
    for (const QString &root : stored()) {
        if (QFileInfo(root).isDir())
            result.append(root);
    }
    return result;
}

void RecentWorkspaces::add(const QString &root)
{
    const QString clean = QDir::cleanPath(root);
    QStringList list = stored();
    list.removeAll(clean);
    list.prepend(clean);
    while (list.size() > kMaxEntries)
        list.removeLast();
    store(list);
}

void RecentWorkspaces::remove(const QString &root)
{
    QStringList list = stored();
    list.removeAll(QDir::cleanPath(root));
    store(list);
}

QString RecentWorkspaces::mostRecent() const
{
    const QStringList existing = list();
    return existing.isEmpty() ? QString() : existing.first();
}

} // namespace psm::ui
