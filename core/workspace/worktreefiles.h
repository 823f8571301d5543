// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"

#include <QByteArray>
#include <QString>

namespace psm::core {

// Reads and writes of workspace files that cannot leave the work tree. A lexical check on the
// path is not enough: a symbolic link inside the repository (prompts/_env.prompt ->
// /proc/self/environ) would read any file into a prompt that is sent to a model, and QSaveFile
// writes through links. These resolve the real path (every link followed, also for a file that
// does not exist yet) and refuse anything outside the work tree or inside its .git folder, with
// an error naming the path and where it points. Links that stay inside the tree work as usual.
// Plain file-system calls (no libgit2): usable from any thread.

// The real, absolute path of `path` (absolute, or relative to `root`), or InvalidInput when it
// resolves outside `root`'s work tree or into its .git folder.
Result<QString> realPathInWorkTree(const QString &root, const QString &path);

// The bytes of a regular file inside the work tree. NotFound when it does not exist.
Result<QByteArray> readWorkTreeFile(const QString &root, const QString &path);

// Replaces a file inside the work tree atomically (writeFileAtomically on its real path, so an
// in-tree link keeps pointing at the file it names).
Status writeWorkTreeFile(const QString &root, const QString &path, const QByteArray &bytes);

} // namespace psm::core
