// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

// What `git commit` would commit: the index against HEAD. A pre-commit check (the eval gate)
// must judge the staged text, not the working copy, which may hold unstaged edits.
namespace psm::core {

// Workspace-relative paths whose staged entry differs from HEAD (added, modified, the new
// side of a rename), sorted. Deletions are left out: there is no staged text to check.
// Before the first commit every staged path counts.
Result<QStringList> stagedPaths(const QString &workspaceRoot);

// The bytes of `relPath` as the index holds them; NotFound when the index has no such entry.
Result<QByteArray> readStaged(const QString &workspaceRoot, const QString &relPath);

} // namespace psm::core
