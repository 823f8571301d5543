// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "app/cli/cmdsupport.h"
#include "app/cli/commands.h"

#include <QJsonArray>

namespace psm::cli {

int cmdDiff(CliContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Prints a unified diff, as `git diff` does, with renames detected.\n"
        "  no REV      HEAD against the working copy\n"
        "  REV1        REV1 against the working copy\n"
        "  REV1 REV2   REV1 against REV2\n"
        "Paths after -- limit it to those files or folders; an untracked file named there\n"
        "shows as added. --json prints [{\"oldPath\", \"newPath\", \"change\", \"binary\",\n"
        "\"patch\"}]."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    parser.addOption(json);
    parser.addPositionalArgument(
        QStringLiteral("REV1"), QStringLiteral("From this revision."), QStringLiteral("[REV1"));
    parser.addPositionalArgument(
        QStringLiteral("REV2"), QStringLiteral("To this revision."), QStringLiteral("[REV2]]"));

    // Everything after "--" is a path, never an option or a revision.
    QStringList paths;
    const qsizetype separator = context.args.indexOf(QStringLiteral("--"));
    if (separator >= 0) {
        paths = context.args.mid(separator + 1);
        context.args = context.args.mid(0, separator);
    }
    if (const auto stop = parseArguments(
            context, parser, QStringLiteral("promptsmith diff [REV1 [REV2]] [-- PATH...]")))
        return *stop;
    const QStringList revs = parser.positionalArguments();
    if (revs.size() > 2)
        return context.usageError(
            QStringLiteral("diff takes at most two revisions; put paths after --"));

    const auto workspace = context.openWorkspace();
    if (!workspace)
        return context.report(workspace.error());
    QStringList resolved;
    for (const QString &path : std::as_const(paths))
        resolved << workspacePath(*workspace, path);
    const auto diff = workspace->diff(revs.value(0), revs.value(1), resolved);
    if (!diff)
        return context.report(diff.error());

    if (parser.isSet(json)) {
        QJsonArray files;
        for (const core::FileDiff &file : *diff)
            files.append(toJson(file));
        printJson(context, files);
        return ExitOk;
    }
    for (const core::FileDiff &file : *diff)
        context.out << file.patch;
    return ExitOk;
}

} // namespace psm::cli
