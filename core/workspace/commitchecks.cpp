// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// The checks that keep Workspace::commit from making a commit `git commit` would refuse or make
// differently: an operation in progress (merge, rebase, cherry-pick, revert, am, bisect),
// unmerged index entries, and conflict-marker lines in what is about to be committed.
#include "core/workspace/workspace_p.h"

#include <QStringList>

#include <map>

namespace psm::core {

using git::failGit;
using git::str;

namespace {

struct StateHelp {
    git_repository_state_t state;
    const char *what; // "A merge is in progress (MERGE_HEAD)."
    const char *todo;
};

// Our commit takes the selected files on top of HEAD. During a merge that records an ordinary
// one-parent commit and leaves MERGE_HEAD behind, which `git commit` refuses as a partial commit
// ("cannot do a partial commit during a merge"); in the other states it would leave the
// operation's own state behind, or (rebase, am, bisect) move a detached HEAD that the operation
// owns. So each is refused with the command that finishes or abandons it.
constexpr StateHelp kStates[] = {
    { GIT_REPOSITORY_STATE_MERGE, "A merge is in progress (.git/MERGE_HEAD).",
        "Finish it with `git commit` (after resolving any conflicts) or abort it with "
        "`git merge --abort`; Promptsmith commits selected files only, which would record the "
        "merge as an ordinary one-parent commit." },
    { GIT_REPOSITORY_STATE_REVERT, "A revert is in progress (.git/REVERT_HEAD).",
        "Finish it with `git revert --continue` or abort it with `git revert --abort`." },
    { GIT_REPOSITORY_STATE_REVERT_SEQUENCE, "A revert is in progress (.git/sequencer).",
        "Finish it with `git revert --continue` or abort it with `git revert --abort`." },
    { GIT_REPOSITORY_STATE_CHERRYPICK, "A cherry-pick is in progress (.git/CHERRY_PICK_HEAD).",
        "Finish it with `git cherry-pick --continue` or abort it with "
        "`git cherry-pick --abort`." },
    { GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE, "A cherry-pick is in progress (.git/sequencer).",
        "Finish it with `git cherry-pick --continue` or abort it with "
        "`git cherry-pick --abort`." },
    { GIT_REPOSITORY_STATE_BISECT, "A bisect is in progress (.git/BISECT_LOG).",
        "A commit now would land on the revision being tested; end the bisect with "
        "`git bisect reset` first." },
    { GIT_REPOSITORY_STATE_REBASE, "A rebase is in progress (.git/rebase-apply).",
        "A commit now would move the detached HEAD the rebase is building; continue with "
        "`git rebase --continue` or abort it with `git rebase --abort`." },
    { GIT_REPOSITORY_STATE_REBASE_INTERACTIVE,
        "An interactive rebase is in progress (.git/rebase-merge).",
        "A commit now would move the detached HEAD the rebase is building; continue with "
        "`git rebase --continue` or abort it with `git rebase --abort`." },
    { GIT_REPOSITORY_STATE_REBASE_MERGE, "A rebase is in progress (.git/rebase-merge).",
        "A commit now would move the detached HEAD the rebase is building; continue with "
        "`git rebase --continue` or abort it with `git rebase --abort`." },
    { GIT_REPOSITORY_STATE_APPLY_MAILBOX, "`git am` is in progress (.git/rebase-apply).",
        "Finish it with `git am --continue` or abort it with `git am --abort`." },
    { GIT_REPOSITORY_STATE_APPLY_MAILBOX_OR_REBASE,
        "`git am` or a rebase is in progress (.git/rebase-apply).",
        "Finish it with `git am --continue` / `git rebase --continue`, or abort it with "
        "`--abort`." },
};

constexpr int kMarkerSize = 7; // git's default conflict-marker-size
constexpr int kMaxMarkersNamed = 10;

// As git's is_conflict_marker() (what `git diff --check` reports): seven '<', '=', '>' or '|'
// at the start of the line, followed by whitespace (the line's own newline counts).
bool isConflictMarker(const char *line, size_t length)
{
    if (length < size_t(kMarkerSize) + 1)
        return false;
    const char first = line[0];
    if (first != '<' && first != '=' && first != '>' && first != '|')
        return false;
    for (int i = 1; i < kMarkerSize; ++i) {
        if (line[i] != first)
            return false;
    }
    const char next = line[kMarkerSize];
    return next == ' ' || next == '\t' || next == '\n' || next == '\r' || next == '\v'
        || next == '\f';
}

// Marker lines found per file. A lone `=======` is a Markdown heading underline or a divider
// as often as a conflict, so a file counts only when it has the `<<<<<<<` that opens a conflict
// and the `>>>>>>>` that closes one.
struct FileMarkers {
    QStringList lines; // line numbers of every marker line, in order
    bool opens = false;
    bool closes = false;
};

struct MarkerScan {
    std::map<QString, FileMarkers> files;
};

int collectMarker(
    const git_diff_delta *delta, const git_diff_hunk *, const git_diff_line *line, void *payload)
{
    if (line->origin != GIT_DIFF_LINE_ADDITION
        || !isConflictMarker(line->content, line->content_len))
        return 0;
    auto *scan = static_cast<MarkerScan *>(payload);
    FileMarkers &file = scan->files[str(delta->new_file.path)];
    file.lines << QString::number(line->new_lineno);
    file.opens = file.opens || line->content[0] == '<';
    file.closes = file.closes || line->content[0] == '>';
    return 0;
}

} // namespace

Status Workspace::Impl::checkCommittable() const
{
    const int state = git_repository_state(repo.get());
    if (state < 0)
        return failGit(QStringLiteral("Cannot read the repository's state"));
    for (const StateHelp &help : kStates) {
        if (help.state == state)
            return fail(ErrorCode::Conflict,
                QString::fromUtf8(help.what) + QLatin1Char(' ') + QString::fromUtf8(help.todo));
    }

    git_index *rawIndex = nullptr;
    if (git_repository_index(&rawIndex, repo.get()) != 0)
        return failGit(QStringLiteral("Cannot read the git index"));
    git::Index index(rawIndex);
    git_index_read(index.get(), 0);
    if (!git_index_has_conflicts(index.get()))
        return {};
    QStringList paths;
    git_index_conflict_iterator *rawIterator = nullptr;
    if (git_index_conflict_iterator_new(&rawIterator, index.get()) == 0) {
        const git_index_entry *ancestor = nullptr, *ours = nullptr, *theirs = nullptr;
        while (git_index_conflict_next(&ancestor, &ours, &theirs, rawIterator) == 0) {
            const git_index_entry *any = ours ? ours : theirs ? theirs : ancestor;
            if (any)
                paths << str(any->path);
        }
        git_index_conflict_iterator_free(rawIterator);
    }
    git_error_clear();
    paths.removeDuplicates();
    return fail(ErrorCode::Conflict,
        QStringLiteral("Unmerged files in the index: %1. Resolve the conflicts and mark them "
                       "resolved with `git add`, then commit.")
            .arg(paths.join(QStringLiteral(", "))));
}

Status Workspace::Impl::checkConflictMarkers(const git_tree *from, const git_tree *to) const
{
    git_diff_options options = GIT_DIFF_OPTIONS_INIT;
    options.context_lines = 0;
    git_diff *rawDiff = nullptr;
    if (git_diff_tree_to_tree(&rawDiff, repo.get(), const_cast<git_tree *>(from),
            const_cast<git_tree *>(to), &options)
        != 0)
        return failGit(QStringLiteral("Cannot compare the commit with HEAD"));
    git::Diff diff(rawDiff);
    // A renamed file's old lines are not "added": only what the commit changes is checked.
    git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
    find.flags = GIT_DIFF_FIND_RENAMES;
    if (git_diff_find_similar(diff.get(), &find) != 0)
        return failGit(QStringLiteral("Cannot compare the commit with HEAD"));
    MarkerScan scan;
    if (git_diff_foreach(diff.get(), nullptr, nullptr, nullptr, collectMarker, &scan) != 0)
        return failGit(QStringLiteral("Cannot compare the commit with HEAD"));
    QStringList found; // "path:line"
    int total = 0;
    for (const auto &[path, file] : scan.files) {
        if (!file.opens || !file.closes)
            continue;
        for (const QString &lineNumber : file.lines) {
            if (++total <= kMaxMarkersNamed)
                found << path + QLatin1Char(':') + lineNumber;
        }
    }
    if (total == 0)
        return {};
    QString where = found.join(QStringLiteral(", "));
    if (total > found.size())
        where += QStringLiteral(" and %1 more").arg(total - found.size());
    return fail(ErrorCode::Conflict,
        QStringLiteral("Conflict markers (<<<<<<<, =======, >>>>>>>) at %1. Resolve the "
                       "conflicts and remove the marker lines before committing.")
            .arg(where));
}

Status Workspace::checkCommittable() const
{
    return d->checkCommittable();
}

} // namespace psm::core
