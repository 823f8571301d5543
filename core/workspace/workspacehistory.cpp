// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Workspace's read-only views of history: a file's commits across renames, and line diffs.
#include "core/workspace/workspace.h"
#include "core/workspace/workspace_p.h"

#include <optional>

namespace psm::core {

using git::failGit;
using git::str;
using git::utf8;

namespace {

std::optional<git_oid> entryId(const git_tree *tree, const QByteArray &path)
{
    if (!tree)
        return std::nullopt;
    git_tree_entry *raw = nullptr;
    if (git_tree_entry_bypath(&raw, tree, path.constData()) != 0) {
        git_error_clear();
        return std::nullopt;
    }
    git::TreeEntry entry(raw);
    return *git_tree_entry_id(entry.get());
}

bool sameEntry(const std::optional<git_oid> &a, const std::optional<git_oid> &b)
{
    if (!a || !b)
        return !a && !b;
    return git_oid_equal(&*a, &*b);
}

ChangeKind changeOf(git_delta_t status)
{
    switch (status) {
    case GIT_DELTA_ADDED:
    case GIT_DELTA_UNTRACKED:
    case GIT_DELTA_COPIED:
        return ChangeKind::Added;
    case GIT_DELTA_DELETED:
        return ChangeKind::Deleted;
    case GIT_DELTA_RENAMED:
        return ChangeKind::Renamed;
    case GIT_DELTA_CONFLICTED:
        return ChangeKind::Conflicted;
    case GIT_DELTA_UNMODIFIED:
        return ChangeKind::Unmodified;
    default:
        return ChangeKind::Modified;
    }
}

bool matchesAny(const QStringList &paths, const char *path)
{
    if (!path)
        return false;
    const QString p = QString::fromUtf8(path);
    for (const QString &wanted : paths) {
        if (p == wanted || p.startsWith(wanted + QLatin1Char('/')))
            return true;
    }
    return false;
}

Status findRenames(git_diff *diff)
{
    git_diff_find_options options = GIT_DIFF_FIND_OPTIONS_INIT;
    options.flags = GIT_DIFF_FIND_RENAMES | GIT_DIFF_FIND_FOR_UNTRACKED;
    if (git_diff_find_similar(diff, &options) != 0)
        return failGit(QStringLiteral("Cannot detect renames"));
    return {};
}

Result<FileDiff> fileDiffOf(git_diff *diff, size_t index)
{
    git_patch *raw = nullptr;
    if (git_patch_from_diff(&raw, diff, index) != 0)
        return failGit(QStringLiteral("Cannot compute the diff"));
    git::Patch patch(raw);
    const git_diff_delta *delta = git_diff_get_delta(diff, index);
    FileDiff file;
    file.oldPath = str(delta->old_file.path);
    file.newPath = str(delta->new_file.path);
    file.change = changeOf(delta->status);
    if (!patch) { // unmodified, or nothing to show
        file.binary = (delta->flags & GIT_DIFF_FLAG_BINARY) != 0;
        return file;
    }
    file.binary = (git_patch_get_delta(patch.get())->flags & GIT_DIFF_FLAG_BINARY) != 0;
    const size_t hunks = git_patch_num_hunks(patch.get());
    for (size_t h = 0; h < hunks; ++h) {
        const git_diff_hunk *rawHunk = nullptr;
        size_t lineCount = 0;
        if (git_patch_get_hunk(&rawHunk, &lineCount, patch.get(), h) != 0)
            return failGit(QStringLiteral("Cannot read a diff hunk"));
        DiffHunk hunk;
        hunk.header = QString::fromUtf8(rawHunk->header, qsizetype(rawHunk->header_len)).trimmed();
        hunk.oldStart = rawHunk->old_start;
        hunk.oldLines = rawHunk->old_lines;
        hunk.newStart = rawHunk->new_start;
        hunk.newLines = rawHunk->new_lines;
        for (size_t l = 0; l < lineCount; ++l) {
            const git_diff_line *rawLine = nullptr;
            if (git_patch_get_line_in_hunk(&rawLine, patch.get(), h, l) != 0)
                return failGit(QStringLiteral("Cannot read a diff line"));
            const char origin = rawLine->origin;
            if (origin != GIT_DIFF_LINE_CONTEXT && origin != GIT_DIFF_LINE_ADDITION
                && origin != GIT_DIFF_LINE_DELETION)
                continue; // "\ No newline at end of file" markers live in `patch`
            DiffLine line;
            line.origin = origin;
            line.oldLine = rawLine->old_lineno;
            line.newLine = rawLine->new_lineno;
            QByteArray text(rawLine->content, qsizetype(rawLine->content_len));
            if (text.endsWith('\n'))
                text.chop(1);
            if (text.endsWith('\r'))
                text.chop(1);
            line.text = QString::fromUtf8(text);
            hunk.lines.append(line);
        }
        file.hunks.append(hunk);
    }
    git::Buf text;
    if (git_patch_to_buf(&text.buf, patch.get()) != 0)
        return failGit(QStringLiteral("Cannot print the diff"));
    file.patch = QString::fromUtf8(text.bytes());
    return file;
}

} // namespace

Result<QList<CommitInfo>> Workspace::history(const QString &path, int max) const
{
    Result<QString> relative = d->relativePath(path);
    if (!relative)
        return tl::unexpected(relative.error());
    QList<CommitInfo> result;
    Result<git::Commit> head = d->headCommit();
    if (!head)
        return tl::unexpected(head.error());
    if (!head->get() || max == 0)
        return result;

    git_revwalk *rawWalk = nullptr;
    if (git_revwalk_new(&rawWalk, d->repo.get()) != 0)
        return failGit(QStringLiteral("Cannot walk the history"));
    git::Revwalk walk(rawWalk);
    git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
    if (git_revwalk_push(walk.get(), git_commit_id(head->get())) != 0)
        return failGit(QStringLiteral("Cannot walk the history"));

    QByteArray tracked = utf8(*relative);
    git_oid id;
    while (git_revwalk_next(&id, walk.get()) == 0) {
        git_commit *rawCommit = nullptr;
        if (git_commit_lookup(&rawCommit, d->repo.get(), &id) != 0)
            return failGit(QStringLiteral("Cannot read commit %1").arg(git::oidHex(&id)));
        git::Commit commit(rawCommit);
        Result<git::Tree> tree = d->treeOf(commit.get());
        if (!tree)
            return tl::unexpected(tree.error());
        const std::optional<git_oid> here = entryId(tree->get(), tracked);

        // Like `git log PATH`: a commit whose file matches any parent's did not change it.
        const unsigned parents = git_commit_parentcount(commit.get());
        git::Tree firstParentTree;
        bool unchanged = false;
        for (unsigned p = 0; p < parents; ++p) {
            git_commit *rawParent = nullptr;
            if (git_commit_parent(&rawParent, commit.get(), p) != 0)
                return failGit(QStringLiteral("Cannot read a parent of %1").arg(git::oidHex(&id)));
            git::Commit parent(rawParent);
            Result<git::Tree> parentTree = d->treeOf(parent.get());
            if (!parentTree)
                return tl::unexpected(parentTree.error());
            if (sameEntry(here, entryId(parentTree->get(), tracked)))
                unchanged = true;
            if (p == 0)
                firstParentTree = std::move(*parentTree);
        }
        if (unchanged || (parents == 0 && !here))
            continue;

        CommitInfo info = Impl::infoOf(commit.get());
        info.path = QString::fromUtf8(tracked);
        result.append(info);
        if (max > 0 && result.size() >= max)
            break;

        // The file appeared here: if it was renamed from another path, follow that path.
        if (here && parents > 0 && !entryId(firstParentTree.get(), tracked)) {
            git_diff *rawDiff = nullptr;
            if (git_diff_tree_to_tree(
                    &rawDiff, d->repo.get(), firstParentTree.get(), tree->get(), nullptr)
                != 0)
                return failGit(QStringLiteral("Cannot diff commit %1").arg(git::oidHex(&id)));
            git::Diff diff(rawDiff);
            if (Status found = findRenames(diff.get()); !found)
                return tl::unexpected(found.error());
            const size_t deltas = git_diff_num_deltas(diff.get());
            for (size_t i = 0; i < deltas; ++i) {
                const git_diff_delta *delta = git_diff_get_delta(diff.get(), i);
                if (delta->status == GIT_DELTA_RENAMED && tracked == delta->new_file.path) {
                    tracked = QByteArray(delta->old_file.path);
                    break;
                }
            }
        }
    }
    return result;
}

Result<QList<FileDiff>> Workspace::diff(
    const QString &fromRev, const QString &toRev, const QStringList &paths) const
{
    QStringList wanted;
    for (const QString &path : paths) {
        Result<QString> relative = d->relativePath(path);
        if (!relative)
            return tl::unexpected(relative.error());
        wanted << *relative;
    }

    Result<git::Commit> from = fromRev.isEmpty() ? d->headCommit() : d->commitFor(fromRev);
    if (!from)
        return tl::unexpected(from.error());
    Result<git::Tree> fromTree = d->treeOf(from->get());
    if (!fromTree)
        return tl::unexpected(fromTree.error());

    git_diff_options options = GIT_DIFF_OPTIONS_INIT;
    git_diff *rawDiff = nullptr;
    if (toRev.isEmpty()) {
        // A new file someone asks about by name shows as added, as in the status list; a
        // whole-workspace diff leaves untracked files out, as `git diff HEAD` does.
        if (!wanted.isEmpty())
            options.flags |= GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS
                | GIT_DIFF_SHOW_UNTRACKED_CONTENT;
        if (git_diff_tree_to_workdir_with_index(&rawDiff, d->repo.get(), fromTree->get(), &options)
            != 0)
            return failGit(QStringLiteral("Cannot diff %1 against the working copy")
                               .arg(fromRev.isEmpty() ? QStringLiteral("HEAD") : fromRev));
    } else {
        Result<git::Commit> to = d->commitFor(toRev);
        if (!to)
            return tl::unexpected(to.error());
        Result<git::Tree> toTree = d->treeOf(to->get());
        if (!toTree)
            return tl::unexpected(toTree.error());
        if (git_diff_tree_to_tree(&rawDiff, d->repo.get(), fromTree->get(), toTree->get(), &options)
            != 0)
            return failGit(QStringLiteral("Cannot diff %1 against %2").arg(fromRev, toRev));
    }
    git::Diff diff(rawDiff);
    // Paths are filtered after rename detection: a pathspec would hide the other side of a
    // rename from it.
    if (Status found = findRenames(diff.get()); !found)
        return tl::unexpected(found.error());

    QList<FileDiff> result;
    const size_t deltas = git_diff_num_deltas(diff.get());
    for (size_t i = 0; i < deltas; ++i) {
        const git_diff_delta *delta = git_diff_get_delta(diff.get(), i);
        if (!wanted.isEmpty() && !matchesAny(wanted, delta->old_file.path)
            && !matchesAny(wanted, delta->new_file.path))
            continue;
        Result<FileDiff> file = fileDiffOf(diff.get(), i);
        if (!file)
            return tl::unexpected(file.error());
        result.append(std::move(*file));
    }
    return result;
}

} // namespace psm::core
