// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QStringList>

namespace psm::ui {

// The list of recently opened workspace folders, newest first, kept in QSettings under
// "recentWorkspaces". Cheap to construct; GUI thread (QSettings is not shared across threads).
class RecentWorkspaces final {
public:
    static constexpr int kMaxEntries = 10;

    QStringList list() const; // existing folders only
    void add(const QString &root); // moves it to the front
    void remove(const QString &root);
    QString mostRecent() const; // empty when there is none
};

} // namespace psm::ui
