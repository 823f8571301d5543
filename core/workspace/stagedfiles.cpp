// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/workspace/stagedfiles.h"

#include "core/workspace/githandles.h"

#include <QFile>

#include <algorithm>

namespace psm::core {
namespace {

using git::failGit;

Result<git::Repository> openRepository(const QString &root)
{
    git::ensureInitialised();
    git_repository *raw = nullptr;
    const int rc = git_repository_open_ext(&raw, QFile::encodeName(root).constData(), 0, nullptr);
    if (rc == GIT_ENOTFOUND)
        return fail(
            ErrorCode::NotFound, QStringLiteral("No git repository at or above %1").arg(root));
    if (rc != 0)
        return failGit(QStringLiteral("Cannot open the git repository at %1").arg(root));
    return git::Repository(raw);
}

// The index git is committing from. `git commit PATH...` and `git commit -a` build a temporary
// index and run the pre-commit hook with GIT_INDEX_FILE naming it; the repository's own index
// then still holds the old staging, and judging it would gate the wrong text.
Result<git::Index> openIndex(git_repository *repo)
{
    git_index *raw = nullptr;
    const QByteArray override = qgetenv("GIT_INDEX_FILE");
    if (!override.isEmpty()) {
        // A relative path is relative to the hook's working directory, the work tree's top.
        if (git_index_open(&raw, override.constData()) != 0)
            return failGit(QStringLiteral("Cannot read the git index %1 (GIT_INDEX_FILE)")
                               .arg(QFile::decodeName(override)));
        return git::Index(raw);
    }
    if (git_repository_index(&raw, repo) != 0)
        return failGit(QStringLiteral("Cannot read the git index"));
    return git::Index(raw);
}

} // namespace

Result<QStringList> stagedPaths(const QString &workspaceRoot)
{
    auto repo = openRepository(workspaceRoot);
    if (!repo)
        return tl::unexpected(repo.error());
    auto index = openIndex(repo->get());
    if (!index)
        return tl::unexpected(index.error());
    // An unborn HEAD has no tree: diffing against none lists every staged file as added.
    git::Tree headTree;
    git_object *headObject = nullptr;
    if (git_revparse_single(&headObject, repo->get(), "HEAD^{tree}") == 0)
        headTree.reset(reinterpret_cast<git_tree *>(headObject));
    git_diff_options options = GIT_DIFF_OPTIONS_INIT;
    git_diff *raw = nullptr;
    if (git_diff_tree_to_index(&raw, repo->get(), headTree.get(), index->get(), &options) != 0)
        return failGit(QStringLiteral("Cannot compare the index with HEAD"));
    git::Diff diff(raw);
    git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
    find.flags = GIT_DIFF_FIND_RENAMES;
    (void)git_diff_find_similar(diff.get(), &find);
    QStringList paths;
    const size_t count = git_diff_num_deltas(diff.get());
    for (size_t i = 0; i < count; ++i) {
        const git_diff_delta *delta = git_diff_get_delta(diff.get(), i);
        if (delta->status == GIT_DELTA_DELETED)
            continue;
        paths.append(git::str(delta->new_file.path));
    }
    std::sort(paths.begin(), paths.end());
    return paths;
}

Result<QByteArray> readStaged(const QString &workspaceRoot, const QString &relPath)
{
    auto repo = openRepository(workspaceRoot);
    if (!repo)
        return tl::unexpected(repo.error());
    auto index = openIndex(repo->get());
    if (!index)
        return tl::unexpected(index.error());
    const git_index_entry *entry
        = git_index_get_bypath(index->get(), git::utf8(relPath).constData(), 0);
    if (!entry)
        return fail(ErrorCode::NotFound, QStringLiteral("%1 is not in the git index").arg(relPath));
    git_blob *raw = nullptr;
    if (git_blob_lookup(&raw, repo->get(), &entry->id) != 0)
        return failGit(QStringLiteral("Cannot read the staged %1").arg(relPath));
    git::Blob blob(raw);
    return QByteArray(static_cast<const char *>(git_blob_rawcontent(blob.get())),
        qsizetype(git_blob_rawsize(blob.get())));
}

} // namespace psm::core
