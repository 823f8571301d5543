// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

struct git_repository;

namespace psm::core {

enum class FileKind {
    Prompt,   // prompts/**/NAME.prompt and NAME.VARIANT.prompt (any .prompt not starting with '_')
    Partial,  // _NAME.prompt, used as {{> NAME}}
    EvalSet,  // evals/**/*.yaml|yml
    Settings, // promptsmith.yaml at the root
};

struct WorkspaceFile {
    QString path; // relative to the workspace root, '/'-separated
    FileKind kind = FileKind::Prompt;
};

// How a path differs from HEAD, index and working tree folded together: what a user asks
// ("is this file changed, and how?") rather than git's two-column view.
enum class ChangeKind { Unmodified, Untracked, Added, Modified, Deleted, Renamed, Conflicted };

struct FileStatus {
    QString path;
    QString oldPath; // set for Renamed
    ChangeKind change = ChangeKind::Unmodified;
    bool staged = false; // some of the change is in the index
};

struct Identity {
    QString name;
    QString email;
};

struct CommitInfo {
    QString id; // full 40-hex
    QString shortId;
    QString summary; // first line of the message
    QString message;
    QString authorName;
    QString authorEmail;
    QDateTime when;
    QString path; // in history(): the file's path at this commit (differs before a rename)
};

struct DiffLine {
    char origin = ' '; // ' ' context, '+' added, '-' removed
    int oldLine = -1;  // 1-based; -1 when the line is not on that side
    int newLine = -1;
    QString text;      // without the trailing newline
};

struct DiffHunk {
    QString header; // "@@ -1,3 +1,4 @@ ..."
    int oldStart = 0, oldLines = 0, newStart = 0, newLines = 0;
    QList<DiffLine> lines;
};

struct FileDiff {
    QString oldPath;
    QString newPath;
    ChangeKind change = ChangeKind::Modified;
    bool binary = false;
    QList<DiffHunk> hunks;
    QString patch; // unified diff text as `git diff` prints it for this file
};

struct TagInfo {
    QString name;
    QString targetId; // the commit the tag points at
    QString message;  // empty for lightweight tags
    bool annotated = false;
};

// A git repository opened as a Promptsmith workspace. Owns one libgit2 repository handle, so it
// is move-only and must stay on the thread that opened it: background tasks open their own
// (`Workspace::open(root)` is cheap) and hand back the value structs above.
//
// Revisions ("rev") are anything git_revparse_single accepts: "HEAD", "HEAD~2", a tag, an id or
// a prefix of one. An empty rev means the working copy wherever a function says so.
class Workspace final {
public:
    // The repository containing `path` (a folder inside it is fine). NotFound when there is none.
    static Result<Workspace> open(const QString &path);

    // git init at `dir` (created if missing; must be empty or not exist). When `samplesDir` is
    // given, its contents are copied in; either way a first commit is made with the user's
    // identity (InvalidInput naming `git config user.name/user.email` when none is set).
    static Result<Workspace> create(const QString &dir, const QString &samplesDir = {});
    // As above, committing as `identity`, which is also written to the new repository's
    // .git/config (for a user with no global git identity). Nothing is created on failure.
    static Result<Workspace> create(const QString &dir, const QString &samplesDir,
                                    const Identity &identity);

    Workspace(Workspace &&) noexcept;
    Workspace &operator=(Workspace &&) noexcept;
    ~Workspace();

    QString root() const; // absolute, no trailing slash
    // The short name of the branch HEAD points at ("main"), also before its first commit; empty
    // when HEAD is detached.
    Result<QString> currentBranch() const;

    // Prompt files, partials, eval sets and settings under the root, sorted by path; honours
    // .gitignore.
    Result<QList<WorkspaceFile>> listFiles() const;

    // Every path that differs from HEAD (untracked included, ignored excluded), sorted.
    Result<QList<FileStatus>> status() const;

    // The identity commits are made with: git config (repository, then global). NotFound when
    // user.name or user.email is missing; the message tells how to set it.
    Result<Identity> identity() const;
    // Writes user.name/user.email into the repository's own config (.git/config).
    Status setIdentity(const Identity &identity);

    // Stages exactly `paths` (additions, modifications and deletions) and commits them on the
    // current branch with `message`. Other changes, staged or not, stay out of the commit and
    // are left as they were. Returns the new commit's full id.
    // A folder selects every change under it; selecting either side of a rename takes both.
    // InvalidInput when nothing would change ("Nothing to commit"), the message is empty, a
    // path is ignored by .gitignore, or no identity is set; NotFound for an unknown path.
    // Conflict, with nothing changed, where `git commit` would refuse or do something else:
    // see checkCommittable(), and lines the commit would add that are conflict markers
    // (as `git diff --check` finds them; the message names each path:line).
    Result<QString> commit(const QStringList &paths, const QString &message);

    // Conflict when no commit can be made now, saying what is in progress and how to finish
    // or abort it: a merge, rebase, cherry-pick, revert, `git am` or bisect, or unmerged
    // entries in the index. A merge is refused rather than completed because a commit of
    // selected files during a merge is a partial commit, which git refuses as well.
    Status checkCommittable() const;

    // Commits that changed `path`, newest first, following renames; at most `max` (-1: all).
    Result<QList<CommitInfo>> history(const QString &path, int max = -1) const;

    Result<CommitInfo> commitInfo(const QString &rev) const;
    Result<QString> resolve(const QString &rev) const; // full commit id

    // The file's bytes at `rev`; an empty rev reads the working copy, refusing (InvalidInput)
    // a path whose symbolic links lead outside the work tree (see worktreefiles.h).
    Result<QByteArray> readFile(const QString &rev, const QString &path) const;

    // Line diff from `fromRev` to `toRev` (empty toRev: the working copy; both empty: HEAD to
    // working copy), limited to `paths` when given. Uses libgit2's diff with rename detection.
    // Untracked files count (as Added) only when named in `paths`; a whole-workspace diff
    // leaves them out, as `git diff HEAD` does.
    Result<QList<FileDiff>> diff(const QString &fromRev, const QString &toRev,
                                 const QStringList &paths = {}) const;

    // Writes the file as it was at `rev` into the working copy (atomically) and returns the
    // bytes it replaced (empty when the file did not exist), so the caller can offer undo.
    // Refuses a path that leads outside the work tree through a symbolic link.
    Result<QByteArray> restore(const QString &rev, const QString &path);

    Result<QList<TagInfo>> tags() const;
    // An annotated tag when `message` is given, lightweight otherwise. Conflict if it exists.
    Result<TagInfo> createTag(const QString &name, const QString &rev = QStringLiteral("HEAD"),
                              const QString &message = {});
    Status deleteTag(const QString &name);

private:
    struct Impl;
    explicit Workspace(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace psm::core
