// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/workspace/workspace.h"

#include "core/workspace/atomicwrite.h"
#include "core/workspace/workspace_p.h"
#include "core/workspace/worktreefiles.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSet>

#include <algorithm>

namespace psm::core {

using git::failGit;
using git::str;
using git::utf8;

namespace {

const QString kIdentityHelp = QStringLiteral(
    "set it with `git config --global user.name \"Your Name\"` and "
    "`git config --global user.email you@example.com` (or without --global for this "
    "repository only)");

Result<Identity> identityFrom(git_config *config)
{
    Identity identity;
    for (const char *key : { "user.name", "user.email" }) {
        git::Buf value;
        if (git_config_get_string_buf(&value.buf, config, key) == 0) {
            const QString text = QString::fromUtf8(value.bytes()).trimmed();
            (qstrcmp(key, "user.name") == 0 ? identity.name : identity.email) = text;
        }
    }
    git_error_clear();
    if (identity.name.isEmpty() || identity.email.isEmpty()) {
        const QString missing = identity.name.isEmpty() && identity.email.isEmpty()
            ? QStringLiteral("user.name and user.email")
            : identity.name.isEmpty() ? QStringLiteral("user.name")
                                      : QStringLiteral("user.email");
        return fail(ErrorCode::NotFound,
            QStringLiteral("No git identity: %1 %2 not set; ")
                    .arg(missing,
                        identity.name.isEmpty() && identity.email.isEmpty() ? QStringLiteral("are")
                                                                            : QStringLiteral("is"))
                + kIdentityHelp);
    }
    return identity;
}

Result<Identity> defaultIdentity()
{
    git_config *raw = nullptr;
    if (git_config_open_default(&raw) != 0)
        return failGit(QStringLiteral("Cannot read the git configuration"));
    git::Config config(raw);
    return identityFrom(config.get());
}

bool isPartialName(const QString &fileName)
{
    return fileName.startsWith(QLatin1Char('_'));
}

// Which kind of workspace file `path` (relative, '/'-separated) is, if any.
std::optional<FileKind> kindOf(const QString &path)
{
    if (path == QLatin1String("promptsmith.yaml"))
        return FileKind::Settings;
    const QString name = path.section(QLatin1Char('/'), -1);
    if (path.endsWith(QLatin1String(".prompt")))
        return isPartialName(name) ? FileKind::Partial : FileKind::Prompt;
    if (path.startsWith(QLatin1String("evals/"))
        && (path.endsWith(QLatin1String(".yaml")) || path.endsWith(QLatin1String(".yml"))))
        return FileKind::EvalSet;
    return std::nullopt;
}

ChangeKind foldStatus(unsigned flags)
{
    if (flags & GIT_STATUS_CONFLICTED)
        return ChangeKind::Conflicted;
    if (flags & (GIT_STATUS_INDEX_RENAMED | GIT_STATUS_WT_RENAMED))
        return ChangeKind::Renamed;
    if (flags & GIT_STATUS_INDEX_NEW)
        return ChangeKind::Added;
    if (flags & (GIT_STATUS_INDEX_DELETED | GIT_STATUS_WT_DELETED))
        return ChangeKind::Deleted;
    if (flags & GIT_STATUS_WT_NEW)
        return ChangeKind::Untracked;
    if (flags
        & (GIT_STATUS_INDEX_MODIFIED | GIT_STATUS_WT_MODIFIED | GIT_STATUS_INDEX_TYPECHANGE
            | GIT_STATUS_WT_TYPECHANGE))
        return ChangeKind::Modified;
    return ChangeKind::Unmodified;
}

constexpr unsigned kIndexFlags = GIT_STATUS_INDEX_NEW | GIT_STATUS_INDEX_MODIFIED
    | GIT_STATUS_INDEX_DELETED | GIT_STATUS_INDEX_RENAMED | GIT_STATUS_INDEX_TYPECHANGE;

// Copies a folder tree, real or a Qt resource (":/samples"), reading and writing bytes so
// read-only resource permissions are not carried over.
Status copyTree(const QString &from, const QString &to)
{
    const QDir source(from);
    if (!source.exists())
        return fail(
            ErrorCode::NotFound, QStringLiteral("Sample folder %1 does not exist").arg(from));
    QDirIterator it(
        from, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString relative = source.relativeFilePath(file);
        if (relative == QLatin1String(".git") || relative.startsWith(QLatin1String(".git/")))
            continue;
        QFile in(file);
        if (!in.open(QIODevice::ReadOnly))
            return fail(
                ErrorCode::Io, QStringLiteral("Cannot read sample %1").arg(file), in.errorString());
        if (Status written = writeFileAtomically(to + QLatin1Char('/') + relative, in.readAll());
            !written)
            return written;
    }
    return {};
}

} // namespace

// ---- Impl helpers ---------------------------------------------------------------------------

Result<git::Commit> Workspace::Impl::commitFor(const QString &rev) const
{
    git_object *raw = nullptr;
    if (rev.trimmed().isEmpty()
        || git_revparse_single(&raw, repo.get(), utf8(rev).constData()) != 0)
        return failGit(QStringLiteral("Unknown revision '%1'").arg(rev), ErrorCode::NotFound);
    git::Object object(raw);
    git_object *peeled = nullptr;
    if (git_object_peel(&peeled, object.get(), GIT_OBJECT_COMMIT) != 0)
        return failGit(
            QStringLiteral("Revision '%1' does not name a commit").arg(rev), ErrorCode::NotFound);
    return git::Commit(reinterpret_cast<git_commit *>(peeled));
}

Result<git::Commit> Workspace::Impl::headCommit() const
{
    const int unborn = git_repository_head_unborn(repo.get());
    if (unborn == 1)
        return git::Commit();
    if (unborn < 0)
        return failGit(QStringLiteral("Cannot read HEAD"));
    return commitFor(QStringLiteral("HEAD"));
}

Result<git::Tree> Workspace::Impl::treeOf(const git_commit *commit) const
{
    if (!commit)
        return git::Tree();
    git_tree *raw = nullptr;
    if (git_commit_tree(&raw, commit) != 0)
        return failGit(QStringLiteral("Cannot read the tree of commit %1")
                           .arg(git::oidHex(git_commit_id(commit))));
    return git::Tree(raw);
}

Result<QString> Workspace::Impl::relativePath(const QString &path) const
{
    QString clean = QDir::cleanPath(QDir::fromNativeSeparators(path));
    if (QDir::isAbsolutePath(clean)) {
        QString base = root;
        if (!clean.startsWith(base + QLatin1Char('/'))) {
            // The caller may name the root through a symlink (/tmp vs /private/tmp).
            const QString canonicalRoot = QFileInfo(root).canonicalFilePath();
            const QFileInfo info(clean);
            const QString canonicalDir = QFileInfo(info.absolutePath()).canonicalFilePath();
            if (!canonicalDir.isEmpty())
                clean = canonicalDir + QLatin1Char('/') + info.fileName();
            base = canonicalRoot;
        }
        if (!clean.startsWith(base + QLatin1Char('/')))
            return fail(ErrorCode::InvalidInput,
                QStringLiteral("%1 is outside the workspace %2").arg(path, root));
        clean = clean.mid(base.size() + 1);
    }
    if (clean.isEmpty() || clean == QLatin1String(".") || clean == QLatin1String("..")
        || clean.startsWith(QLatin1String("../")) || clean == QLatin1String(".git")
        || clean.startsWith(QLatin1String(".git/")))
        return fail(ErrorCode::InvalidInput,
            QStringLiteral("'%1' is not a path inside the workspace").arg(path));
    return clean;
}

// ---- Workspace ------------------------------------------------------------------------------

Workspace::Workspace(std::unique_ptr<Impl> impl)
    : d(std::move(impl))
{
}
Workspace::Workspace(Workspace &&) noexcept = default;
Workspace &Workspace::operator=(Workspace &&) noexcept = default;
Workspace::~Workspace() = default;

QString Workspace::root() const
{
    return d->root;
}

Result<QString> Workspace::currentBranch() const
{
    const int detached = git_repository_head_detached(d->repo.get());
    if (detached == 1)
        return QString();
    if (detached < 0 && git_error_last() && git_repository_head_unborn(d->repo.get()) != 1)
        return failGit(QStringLiteral("Cannot read HEAD"));
    // HEAD is a symbolic ref to the branch, whether or not the branch has a commit yet.
    git_reference *raw = nullptr;
    if (git_reference_lookup(&raw, d->repo.get(), "HEAD") != 0)
        return failGit(QStringLiteral("Cannot read HEAD"));
    git::Reference head(raw);
    const QString target = str(git_reference_symbolic_target(head.get()));
    return target.startsWith(QLatin1String("refs/heads/")) ? target.mid(11) : target;
}

Result<Workspace> Workspace::open(const QString &path)
{
    git::ensureInitialised();
    const QFileInfo info(path);
    if (!info.exists())
        return fail(ErrorCode::NotFound, QStringLiteral("%1 does not exist").arg(path));
    git_repository *raw = nullptr;
    const int rc = git_repository_open_ext(
        &raw, QFile::encodeName(info.absoluteFilePath()).constData(), 0, nullptr);
    if (rc == GIT_ENOTFOUND)
        return fail(ErrorCode::NotFound,
            QStringLiteral("No git repository at or above %1; create one with "
                           "`promptsmith init DIR` or `git init`")
                .arg(info.absoluteFilePath()));
    if (rc != 0)
        return failGit(QStringLiteral("Cannot open the git repository at %1").arg(path));
    git::Repository repo(raw);
    if (git_repository_is_bare(repo.get()))
        return fail(ErrorCode::InvalidInput,
            QStringLiteral("%1 is a bare repository: a workspace needs a working tree").arg(path));
    auto impl = std::make_unique<Impl>();
    impl->root = QDir::cleanPath(str(git_repository_workdir(repo.get())));
    impl->repo = std::move(repo);
    return Workspace(std::move(impl));
}

Result<Workspace> Workspace::create(const QString &dir, const QString &samplesDir)
{
    return create(dir, samplesDir, Identity {});
}

Result<Workspace> Workspace::create(
    const QString &dir, const QString &samplesDir, const Identity &identity)
{
    git::ensureInitialised();
    if (dir.trimmed().isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("No folder given for the workspace"));
    const QString absolute = QDir::cleanPath(QFileInfo(dir).absoluteFilePath());
    const QFileInfo info(absolute);
    const bool existed = info.exists();
    if (existed && !info.isDir())
        return fail(ErrorCode::InvalidInput, QStringLiteral("%1 is not a folder").arg(absolute));
    if (existed && !QDir(absolute).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot))
        return fail(ErrorCode::InvalidInput,
            QStringLiteral("%1 is not empty; a new workspace needs an empty folder").arg(absolute));

    // Check the identity before touching the disk, so a failure leaves nothing behind.
    const bool explicitIdentity = !identity.name.isEmpty() || !identity.email.isEmpty();
    if (explicitIdentity
        && (identity.name.trimmed().isEmpty() || identity.email.trimmed().isEmpty()))
        return fail(ErrorCode::InvalidInput, QStringLiteral("Both a name and an email are needed"));
    if (!explicitIdentity) {
        if (Result<Identity> found = defaultIdentity(); !found)
            return fail(ErrorCode::InvalidInput, found.error().message, found.error().detail);
    }
    if (!samplesDir.isEmpty() && !QDir(samplesDir).exists())
        return fail(
            ErrorCode::NotFound, QStringLiteral("Sample folder %1 does not exist").arg(samplesDir));

    if (!QDir().mkpath(absolute))
        return fail(ErrorCode::Io, QStringLiteral("Cannot create the folder %1").arg(absolute));
    auto cleanUp = [&] {
        QDir target(absolute);
        if (existed) {
            for (const QString &entry :
                target.entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot)) {
                const QString full = target.filePath(entry);
                if (QFileInfo(full).isDir())
                    QDir(full).removeRecursively();
                else
                    QFile::remove(full);
            }
        } else {
            target.removeRecursively();
        }
    };

    git_repository *raw = nullptr;
    if (git_repository_init(&raw, QFile::encodeName(absolute).constData(), 0) != 0) {
        auto error
            = failGit(QStringLiteral("Cannot initialise a git repository in %1").arg(absolute));
        cleanUp();
        return error;
    }
    git::Repository(raw).reset();

    Result<Workspace> workspace = open(absolute);
    if (!workspace) {
        cleanUp();
        return workspace;
    }
    auto attempt = [&]() -> Status {
        if (explicitIdentity) {
            if (Status set = workspace->setIdentity(identity); !set)
                return set;
        }
        if (!samplesDir.isEmpty()) {
            if (Status copied = copyTree(samplesDir, absolute); !copied)
                return copied;
        }
        Result<QList<FileStatus>> changes = workspace->status();
        if (!changes)
            return tl::unexpected(changes.error());
        QStringList paths;
        for (const FileStatus &change : *changes)
            paths << change.path;
        return workspace->d
            ->commitPaths(paths, QStringLiteral("Create Promptsmith workspace\n"), true)
            .map([](const QString &) {});
    };
    if (Status done = attempt(); !done) {
        {
            Workspace released = std::move(*workspace);
        } // close the repository before deleting it
        cleanUp();
        return tl::unexpected(done.error());
    }
    return workspace;
}

Result<QList<WorkspaceFile>> Workspace::listFiles() const
{
    git_index *rawIndex = nullptr;
    if (git_repository_index(&rawIndex, d->repo.get()) != 0)
        return failGit(QStringLiteral("Cannot read the git index"));
    git::Index index(rawIndex);
    git_index_read(index.get(), 0);

    QList<WorkspaceFile> files;
    QStringList pending { QString() };
    while (!pending.isEmpty()) {
        const QString dirPath = pending.takeLast();
        const QDir dir(dirPath.isEmpty() ? d->root : d->root + QLatin1Char('/') + dirPath);
        const QFileInfoList entries
            = dir.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
        for (const QFileInfo &entry : entries) {
            const QString relative = dirPath.isEmpty()
                ? entry.fileName()
                : dirPath + QLatin1Char('/') + entry.fileName();
            if (entry.isDir() && !entry.isSymLink()) {
                // Another repository inside this one (a submodule or a clone) is not ours.
                if (entry.fileName() == QLatin1String(".git")
                    || QFileInfo::exists(entry.filePath() + QStringLiteral("/.git")))
                    continue;
                int ignored = 0;
                git_ignore_path_is_ignored(
                    &ignored, d->repo.get(), utf8(relative + QLatin1Char('/')).constData());
                if (!ignored)
                    pending << relative;
                continue;
            }
            const std::optional<FileKind> kind = kindOf(relative);
            if (!kind)
                continue;
            const QByteArray relativeUtf8 = utf8(relative);
            int ignored = 0;
            git_ignore_path_is_ignored(&ignored, d->repo.get(), relativeUtf8.constData());
            // .gitignore never hides a tracked file from git, so it does not hide it here.
            if (ignored && !git_index_get_bypath(index.get(), relativeUtf8.constData(), 0))
                continue;
            files.append({ relative, *kind });
        }
    }
    git_error_clear();
    std::sort(files.begin(), files.end(),
        [](const WorkspaceFile &a, const WorkspaceFile &b) { return a.path < b.path; });
    return files;
}

Result<QList<FileStatus>> Workspace::status() const
{
    git_status_options options = GIT_STATUS_OPTIONS_INIT;
    options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
    options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS
        | GIT_STATUS_OPT_RENAMES_HEAD_TO_INDEX | GIT_STATUS_OPT_RENAMES_INDEX_TO_WORKDIR
        | GIT_STATUS_OPT_SORT_CASE_SENSITIVELY;
    git_status_list *raw = nullptr;
    if (git_status_list_new(&raw, d->repo.get(), &options) != 0)
        return failGit(QStringLiteral("Cannot read the status of %1").arg(d->root));
    git::StatusList list(raw);

    QList<FileStatus> result;
    const size_t count = git_status_list_entrycount(list.get());
    for (size_t i = 0; i < count; ++i) {
        const git_status_entry *entry = git_status_byindex(list.get(), i);
        if (!entry || entry->status == GIT_STATUS_CURRENT || (entry->status & GIT_STATUS_IGNORED))
            continue;
        FileStatus status;
        status.change = foldStatus(entry->status);
        status.staged = (entry->status & kIndexFlags) != 0;
        const git_diff_delta *toIndex = entry->head_to_index;
        const git_diff_delta *toWorkdir = entry->index_to_workdir;
        status.path = str(toWorkdir ? toWorkdir->new_file.path : toIndex->new_file.path);
        if (status.change == ChangeKind::Renamed) {
            status.oldPath = str((toIndex && (entry->status & GIT_STATUS_INDEX_RENAMED))
                    ? toIndex->old_file.path
                    : toWorkdir->old_file.path);
        }
        if (status.change == ChangeKind::Unmodified)
            continue;
        result.append(status);
    }
    std::sort(result.begin(), result.end(),
        [](const FileStatus &a, const FileStatus &b) { return a.path < b.path; });
    return result;
}

Result<Identity> Workspace::identity() const
{
    git_config *raw = nullptr;
    if (git_repository_config_snapshot(&raw, d->repo.get()) != 0)
        return failGit(QStringLiteral("Cannot read the git configuration"));
    git::Config config(raw);
    return identityFrom(config.get());
}

Status Workspace::setIdentity(const Identity &identity)
{
    const QString name = identity.name.trimmed();
    const QString email = identity.email.trimmed();
    if (name.isEmpty() || email.isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("Both a name and an email are needed"));
    for (const QString &value : { name, email }) {
        if (value.contains(QLatin1Char('<')) || value.contains(QLatin1Char('>'))
            || value.contains(QLatin1Char('\n')))
            return fail(ErrorCode::InvalidInput,
                QStringLiteral("'%1' cannot contain '<', '>' or a line break").arg(value));
    }
    git_config *rawConfig = nullptr;
    if (git_repository_config(&rawConfig, d->repo.get()) != 0)
        return failGit(QStringLiteral("Cannot open the git configuration"));
    git::Config config(rawConfig);
    git_config *rawLocal = nullptr;
    if (git_config_open_level(&rawLocal, config.get(), GIT_CONFIG_LEVEL_LOCAL) != 0)
        return failGit(QStringLiteral("Cannot open the repository's .git/config"));
    git::Config local(rawLocal);
    if (git_config_set_string(local.get(), "user.name", utf8(name).constData()) != 0
        || git_config_set_string(local.get(), "user.email", utf8(email).constData()) != 0)
        return failGit(QStringLiteral("Cannot write the identity to .git/config"), ErrorCode::Io);
    return {};
}

Result<QString> Workspace::commit(const QStringList &paths, const QString &message)
{
    if (paths.isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("No files selected to commit"));
    return d->commitPaths(paths, message, false);
}

Result<QString> Workspace::Impl::commitPaths(
    const QStringList &paths, const QString &message, bool allowEmpty)
{
    if (message.trimmed().isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("The commit message is empty"));
    if (Status committable = checkCommittable(); !committable)
        return tl::unexpected(committable.error());

    git_signature *rawSignature = nullptr;
    if (git_signature_default(&rawSignature, repo.get()) != 0) {
        const QString detail = git::lastErrorText();
        git_config *raw = nullptr;
        if (git_repository_config_snapshot(&raw, repo.get()) == 0) {
            git::Config config(raw);
            if (Result<Identity> who = identityFrom(config.get()); !who)
                return fail(ErrorCode::InvalidInput, who.error().message, detail);
        }
        return fail(ErrorCode::InvalidInput,
            QStringLiteral("No usable git identity; ") + kIdentityHelp, detail);
    }
    git::Signature signature(rawSignature);

    // The set of paths to take from the working copy: each selected path, every changed path
    // under a selected folder, and both sides of a rename.
    git_status_options statusOptions = GIT_STATUS_OPTIONS_INIT;
    statusOptions.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS
        | GIT_STATUS_OPT_RENAMES_HEAD_TO_INDEX | GIT_STATUS_OPT_RENAMES_INDEX_TO_WORKDIR;
    git_status_list *rawList = nullptr;
    if (git_status_list_new(&rawList, repo.get(), &statusOptions) != 0)
        return failGit(QStringLiteral("Cannot read the status of %1").arg(root));
    git::StatusList list(rawList);

    Result<git::Commit> head = headCommit();
    if (!head)
        return tl::unexpected(head.error());
    Result<git::Tree> headTree = treeOf(head->get());
    if (!headTree)
        return tl::unexpected(headTree.error());

    QStringList selected;
    for (const QString &path : paths) {
        Result<QString> relative = relativePath(path);
        if (!relative)
            return tl::unexpected(relative.error());
        bool matched = false;
        const size_t count = git_status_list_entrycount(list.get());
        for (size_t i = 0; i < count; ++i) {
            const git_status_entry *entry = git_status_byindex(list.get(), i);
            for (const git_diff_delta *delta : { entry->head_to_index, entry->index_to_workdir }) {
                if (!delta)
                    continue;
                const QString oldPath = str(delta->old_file.path);
                const QString newPath = str(delta->new_file.path);
                auto under = [&](const QString &p) {
                    return p == *relative || p.startsWith(*relative + QLatin1Char('/'));
                };
                if (under(oldPath) || under(newPath)) {
                    selected << oldPath << newPath;
                    matched = true;
                }
            }
        }
        if (matched)
            continue;
        const QByteArray relativeUtf8 = utf8(*relative);
        const QFileInfo onDisk(root + QLatin1Char('/') + *relative);
        if (onDisk.exists()) {
            int ignored = 0;
            git_ignore_path_is_ignored(&ignored, repo.get(), relativeUtf8.constData());
            git_tree_entry *rawEntry = nullptr;
            const bool tracked = headTree->get()
                && git_tree_entry_bypath(&rawEntry, headTree->get(), relativeUtf8.constData()) == 0;
            git::TreeEntry trackedEntry(rawEntry);
            if (ignored && !tracked)
                return fail(ErrorCode::InvalidInput,
                    QStringLiteral("%1 is ignored by .gitignore").arg(*relative));
            continue; // unchanged: nothing to take
        }
        return fail(ErrorCode::NotFound,
            QStringLiteral("%1: no such file in the workspace").arg(*relative));
    }
    selected.removeDuplicates();

    // Build the new tree from HEAD's tree plus the selected paths, so whatever else is staged
    // stays in the user's index and out of this commit.
    git_index *rawScratch = nullptr;
    if (git_index_new(&rawScratch) != 0)
        return failGit(QStringLiteral("Cannot create an index"));
    git::Index scratch(rawScratch);
    if (headTree->get() && git_index_read_tree(scratch.get(), headTree->get()) != 0)
        return failGit(QStringLiteral("Cannot read HEAD's tree"));
    QStringList written;
    for (const QString &path : std::as_const(selected)) {
        const QByteArray pathUtf8 = utf8(path);
        const QFileInfo onDisk(root + QLatin1Char('/') + path);
        if (onDisk.exists() || onDisk.isSymLink()) {
            if (onDisk.isDir() && !onDisk.isSymLink())
                continue;
            git_index_entry entry {};
            if (git_blob_create_from_workdir(&entry.id, repo.get(), pathUtf8.constData()) != 0)
                return failGit(QStringLiteral("Cannot store %1 in git").arg(path), ErrorCode::Io);
            entry.path = pathUtf8.constData();
            entry.mode = onDisk.isSymLink()                ? GIT_FILEMODE_LINK
                : (onDisk.permissions() & QFile::ExeOwner) ? GIT_FILEMODE_BLOB_EXECUTABLE
                                                           : GIT_FILEMODE_BLOB;
            if (git_index_add(scratch.get(), &entry) != 0)
                return failGit(QStringLiteral("Cannot stage %1").arg(path));
        } else {
            git_index_remove(scratch.get(), pathUtf8.constData(), 0);
        }
        written << path;
    }
    git_oid treeId;
    if (git_index_write_tree_to(&treeId, scratch.get(), repo.get()) != 0)
        return failGit(QStringLiteral("Cannot write the commit's tree"));
    if (!allowEmpty && headTree->get() && git_oid_equal(&treeId, git_tree_id(headTree->get())))
        return fail(ErrorCode::InvalidInput,
            QStringLiteral("Nothing to commit: the selected files match HEAD"));
    if (!allowEmpty && !headTree->get() && git_index_entrycount(scratch.get()) == 0)
        return fail(ErrorCode::InvalidInput, QStringLiteral("Nothing to commit"));

    git_tree *rawTree = nullptr;
    if (git_tree_lookup(&rawTree, repo.get(), &treeId) != 0)
        return failGit(QStringLiteral("Cannot read the commit's tree"));
    git::Tree tree(rawTree);
    if (Status clean = checkConflictMarkers(headTree->get(), tree.get()); !clean)
        return tl::unexpected(clean.error());

    git::Buf cleanMessage;
    if (git_message_prettify(&cleanMessage.buf, utf8(message).constData(), 0, '#') != 0)
        return failGit(QStringLiteral("Cannot format the commit message"));

    const git_commit *parents[1] = { head->get() };
    git_oid commitId;
    if (git_commit_create(&commitId, repo.get(), "HEAD", signature.get(), signature.get(), nullptr,
            cleanMessage.buf.ptr, tree.get(), head->get() ? 1 : 0, parents)
        != 0)
        return failGit(QStringLiteral("Cannot create the commit"));

    // Bring the user's index up to date for exactly the committed paths, so they do not show as
    // staged against the new HEAD; everything else in the index stays as it was.
    git_index *rawIndex = nullptr;
    if (git_repository_index(&rawIndex, repo.get()) != 0)
        return failGit(QStringLiteral("Committed, but cannot open the index to update it"));
    git::Index index(rawIndex);
    git_index_read(index.get(), 0);
    for (const QString &path : std::as_const(written)) {
        const QByteArray pathUtf8 = utf8(path);
        const QFileInfo onDisk(root + QLatin1Char('/') + path);
        const int rc = onDisk.exists() || onDisk.isSymLink()
            ? git_index_add_bypath(index.get(), pathUtf8.constData())
            : git_index_remove_bypath(index.get(), pathUtf8.constData());
        if (rc != 0)
            return failGit(
                QStringLiteral("Committed, but cannot update the index for %1").arg(path));
    }
    if (git_index_write(index.get()) != 0)
        return failGit(QStringLiteral("Committed, but cannot write the index"), ErrorCode::Io);
    return git::oidHex(&commitId);
}

Result<CommitInfo> Workspace::commitInfo(const QString &rev) const
{
    Result<git::Commit> commit = d->commitFor(rev);
    if (!commit)
        return tl::unexpected(commit.error());
    return Impl::infoOf(commit->get());
}

CommitInfo Workspace::Impl::infoOf(const git_commit *commit)
{
    CommitInfo info;
    info.id = git::oidHex(git_commit_id(commit));
    char shortId[8] = {};
    git_oid_tostr(shortId, sizeof shortId, git_commit_id(commit));
    info.shortId = QString::fromLatin1(shortId);
    info.message = str(git_commit_message(commit));
    info.summary = info.message.section(QLatin1Char('\n'), 0, 0).trimmed();
    const git_signature *author = git_commit_author(commit);
    info.authorName = str(author->name);
    info.authorEmail = str(author->email);
    info.when = QDateTime::fromSecsSinceEpoch(
        author->when.time, Qt::OffsetFromUTC, author->when.offset * 60);
    return info;
}

Result<QString> Workspace::resolve(const QString &rev) const
{
    Result<git::Commit> commit = d->commitFor(rev);
    if (!commit)
        return tl::unexpected(commit.error());
    return git::oidHex(git_commit_id(commit->get()));
}

Result<git::Blob> Workspace::Impl::blobFor(const QString &rev, const QString &path) const
{
    Result<git::Commit> commit = commitFor(rev);
    if (!commit)
        return tl::unexpected(commit.error());
    Result<git::Tree> tree = treeOf(commit->get());
    if (!tree)
        return tl::unexpected(tree.error());
    git_tree_entry *rawEntry = nullptr;
    if (git_tree_entry_bypath(&rawEntry, tree->get(), utf8(path).constData()) != 0)
        return failGit(
            QStringLiteral("%1 does not exist at %2").arg(path, rev), ErrorCode::NotFound);
    git::TreeEntry entry(rawEntry);
    if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB)
        return fail(ErrorCode::InvalidInput, QStringLiteral("%1 is a folder at %2").arg(path, rev));
    git_blob *rawBlob = nullptr;
    if (git_blob_lookup(&rawBlob, repo.get(), git_tree_entry_id(entry.get())) != 0)
        return failGit(QStringLiteral("Cannot read %1 at %2").arg(path, rev));
    return git::Blob(rawBlob);
}

Result<QByteArray> Workspace::Impl::blobAt(const QString &rev, const QString &path) const
{
    Result<git::Blob> blob = blobFor(rev, path);
    if (!blob)
        return tl::unexpected(blob.error());
    return QByteArray(static_cast<const char *>(git_blob_rawcontent(blob->get())),
        qsizetype(git_blob_rawsize(blob->get())));
}

Result<QByteArray> Workspace::readFile(const QString &rev, const QString &path) const
{
    Result<QString> relative = d->relativePath(path);
    if (!relative)
        return tl::unexpected(relative.error());
    if (!rev.isEmpty())
        return d->blobAt(rev, *relative);
    Result<QByteArray> bytes = readWorkTreeFile(d->root, *relative);
    if (!bytes && bytes.error().code == ErrorCode::NotFound)
        return fail(ErrorCode::NotFound,
            QStringLiteral("%1 does not exist in the working copy").arg(*relative));
    return bytes;
}

Result<QByteArray> Workspace::restore(const QString &rev, const QString &path)
{
    Result<QString> relative = d->relativePath(path);
    if (!relative)
        return tl::unexpected(relative.error());
    if (rev.isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("No revision given to restore from"));
    Result<git::Blob> blob = d->blobFor(rev, *relative);
    if (!blob)
        return tl::unexpected(blob.error());
    // As `git checkout` would write it: line-ending and other filters from .gitattributes and
    // core.autocrlf apply.
    git::Buf filtered;
    git_blob_filter_options options = GIT_BLOB_FILTER_OPTIONS_INIT;
    if (git_blob_filter(&filtered.buf, blob->get(), utf8(*relative).constData(), &options) != 0)
        return failGit(QStringLiteral("Cannot prepare %1 for the working copy").arg(*relative));
    const QByteArray bytes = filtered.bytes();
    // Resolved once, so the bytes handed back for undo are those of the file that is replaced.
    const Result<QString> target = realPathInWorkTree(d->root, *relative);
    if (!target)
        return tl::unexpected(target.error());
    QByteArray previous;
    if (QFileInfo::exists(*target)) {
        QFile current(*target);
        if (!current.open(QIODevice::ReadOnly))
            return fail(ErrorCode::Io, QStringLiteral("Cannot read %1").arg(*relative),
                current.errorString());
        previous = current.readAll();
    }
    if (Status written = writeFileAtomically(*target, bytes); !written)
        return tl::unexpected(written.error());
    return previous;
}

} // namespace psm::core
