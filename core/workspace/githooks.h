// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"

#include <QString>

namespace psm::core {

// The folder git runs hooks from for the repository containing `path`, as
// `git rev-parse --git-path hooks` answers: core.hooksPath when set (`~` expanded; relative
// to the top of the work tree, where git runs hooks), else the common git directory's hooks/
// (shared by every linked worktree; found through a `.git` file too). Absolute, clean; it may
// not exist yet. NotFound when `path` is in no repository.
Result<QString> hooksDirectory(const QString &path);

} // namespace psm::core
