// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace psm::core {

struct Draft {
    QString workspaceRoot;
    QString path;      // relative to the workspace root
    QString text;      // the unsaved editor text
    QByteArray baseSha; // sha1 of the file's bytes when editing began, to tell if it moved on
    QDateTime savedAt;
};

// Unsaved editor text kept outside the repository (under the app-data directory) so a crash
// loses nothing. The editor calls save() on a timer while a buffer is dirty and discard() once
// the file is saved or reverted; at start-up, drafts() lists what is left to offer back.
// Plain file I/O: call it from any thread, one DraftStore per thread.
class DraftStore final {
public:
    // `dir` defaults to <AppDataLocation>/drafts.
    explicit DraftStore(QString dir = {});

    Status save(const Draft &draft);
    Result<QList<Draft>> drafts(const QString &workspaceRoot) const;
    Status discard(const QString &workspaceRoot, const QString &path);

    QString dir() const { return m_dir; }

private:
    QString m_dir;
};

} // namespace psm::core
