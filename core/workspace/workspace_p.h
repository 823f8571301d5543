// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once
// Private to core/workspace: the state behind Workspace, shared by its source files.

#include "core/workspace/githandles.h"
#include "core/workspace/workspace.h"

namespace psm::core {

struct Workspace::Impl {
    git::Repository repo;
    QString root;

    // The commit `rev` names; NotFound with the rev in the message when there is none.
    Result<git::Commit> commitFor(const QString &rev) const;
    // HEAD's commit, or a null handle when HEAD is unborn (no commit yet).
    Result<git::Commit> headCommit() const;
    // The tree of `commit`, or a null handle for a null commit (the empty tree).
    Result<git::Tree> treeOf(const git_commit *commit) const;
    // A workspace-relative '/'-separated path, or InvalidInput when it leaves the root.
    Result<QString> relativePath(const QString &path) const;
    // The blob at `path` in `rev`'s tree, as a handle and as its raw bytes.
    Result<git::Blob> blobFor(const QString &rev, const QString &path) const;
    Result<QByteArray> blobAt(const QString &rev, const QString &path) const;
    // Conflict when git would not commit now: an operation in progress or unmerged entries.
    Status checkCommittable() const;
    // Conflict naming path:line of every conflict-marker line the diff `from` -> `to` adds.
    Status checkConflictMarkers(const git_tree *from, const git_tree *to) const;
    // Commits the working-copy state of `paths` on top of HEAD (see Workspace::commit).
    Result<QString> commitPaths(const QStringList &paths, const QString &message, bool allowEmpty);
    static CommitInfo infoOf(const git_commit *commit);
};

} // namespace psm::core
