// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "app/cli/cmdsupport.h"
#include "app/cli/commands.h"

#include <QDir>
#include <QJsonArray>
#include <QSet>

namespace psm::cli {
namespace {

// With no paths: every change to a tracked file (as `git commit -a`) plus untracked files that
// are workspace files (prompts, partials, eval sets, settings), never other untracked files.
core::Result<QStringList> defaultSelection(const core::Workspace &workspace)
{
    const auto status = workspace.status();
    if (!status)
        return tl::unexpected(status.error());
    const auto files = workspace.listFiles();
    if (!files)
        return tl::unexpected(files.error());
    QSet<QString> workspaceFiles;
    for (const core::WorkspaceFile &file : *files)
        workspaceFiles.insert(file.path);
    QStringList selected;
    for (const core::FileStatus &change : *status) {
        if (change.change != core::ChangeKind::Untracked || workspaceFiles.contains(change.path))
            selected << change.path;
    }
    return selected;
}

} // namespace

int cmdCommit(CliContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Commits the named files (or folders) on the current branch with your git identity;\n"
        "other changes, staged or not, stay out of the commit and are left as they were.\n"
        "With no PATH: every change to a tracked file (as `git commit -a`) plus untracked\n"
        "prompt, eval-set and settings files; other untracked files are left alone.\n"
        "Exit code 1 when there is nothing to commit; 3, with nothing committed, during a\n"
        "merge, rebase, cherry-pick, revert, `git am` or bisect, with unmerged files, or\n"
        "when a file to commit adds a leftover conflict (<<<<<<< and >>>>>>> lines).\n"
        "--json prints {\"id\", \"shortId\", \"summary\", \"branch\" (empty on a detached\n"
        "HEAD), \"files\"}."));
    const QCommandLineOption message(QStringList { QStringLiteral("m"), QStringLiteral("message") },
        QStringLiteral("The commit message (repeat for paragraphs)."), QStringLiteral("MESSAGE"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    parser.addOptions({ message, json });
    parser.addPositionalArgument(
        QStringLiteral("PATH"), QStringLiteral("Files to commit."), QStringLiteral("[PATH...]"));
    if (const auto stop = parseArguments(
            context, parser, QStringLiteral("promptsmith commit -m MESSAGE [PATH...]")))
        return *stop;
    const QString text = parser.values(message).join(QStringLiteral("\n\n"));
    if (text.trimmed().isEmpty())
        return context.usageError(QStringLiteral("commit needs a message: -m MESSAGE"));

    auto workspace = context.openWorkspace();
    if (!workspace)
        return context.report(workspace.error());
    // Before choosing files, so a merge in progress is reported as such and not as "nothing to
    // commit" or a list of conflicted files. Exit 3 (ErrorCode::Conflict): the arguments are
    // fine, the repository's state is what stops the commit, as for other refused operations.
    if (const core::Status committable = workspace->checkCommittable(); !committable)
        return context.report(committable.error());
    QStringList paths;
    for (const QString &path : parser.positionalArguments())
        paths << workspacePath(*workspace, path);
    if (paths.isEmpty()) {
        const auto selection = defaultSelection(*workspace);
        if (!selection)
            return context.report(selection.error());
        paths = *selection;
        if (paths.isEmpty()) {
            context.err << "promptsmith: nothing to commit\n";
            return ExitCheckFailed;
        }
    }

    const auto id = workspace->commit(paths, text);
    if (!id) {
        // Same outcome as an empty selection above: nothing differs from HEAD.
        if (id.error().code == core::ErrorCode::InvalidInput
            && id.error().message.startsWith(QLatin1String("Nothing to commit"))) {
            context.err << "promptsmith: nothing to commit\n";
            return ExitCheckFailed;
        }
        return context.report(id.error());
    }
    const auto info = workspace->commitInfo(*id);
    if (!info)
        return context.report(info.error());
    const auto files = workspace->diff(*id + QStringLiteral("~1"), *id);
    QStringList changed;
    if (files) {
        for (const core::FileDiff &file : *files)
            changed << (file.change == core::ChangeKind::Deleted ? file.oldPath : file.newPath);
    } else {
        // The first commit has no parent to diff against: name what was asked for.
        const QDir root(workspace->root());
        for (const QString &path : std::as_const(paths))
            changed << (QDir::isAbsolutePath(path) ? root.relativeFilePath(path) : path);
    }

    const QString branch = workspace->currentBranch().value_or(QString());
    if (parser.isSet(json)) {
        printJson(context,
            QJsonObject { { QStringLiteral("id"), info->id },
                { QStringLiteral("shortId"), info->shortId },
                { QStringLiteral("summary"), info->summary }, { QStringLiteral("branch"), branch },
                { QStringLiteral("files"), QJsonArray::fromStringList(changed) } });
        return ExitOk;
    }
    context.out << '[';
    if (!branch.isEmpty())
        context.out << branch << ' ';
    context.out << info->shortId << "] " << info->summary << '\n';
    for (const QString &file : std::as_const(changed))
        context.out << "  " << file << '\n';
    return ExitOk;
}

} // namespace psm::cli
