// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "app/cli/cmdsupport.h"
#include "app/cli/commands.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

namespace psm::cli {

int cmdLog(CliContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Lists the commits that changed PATH, newest first, following renames: one line per\n"
        "commit, '<short id> <date> <author> <summary>', with '[as OLD]' where the file had\n"
        "another name. --json prints {\"path\", \"commits\": [{\"id\", \"shortId\", \"summary\",\n"
        "\"message\", \"author\": {\"name\", \"email\"}, \"date\" (ISO 8601), \"path\"}]}."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    const QCommandLineOption count(QStringList { QStringLiteral("n"), QStringLiteral("max-count") },
        QStringLiteral("Show at most N commits."), QStringLiteral("N"));
    parser.addOptions({ json, count });
    parser.addPositionalArgument(
        QStringLiteral("PATH"), QStringLiteral("A file in the workspace."));
    if (const auto stop
        = parseArguments(context, parser, QStringLiteral("promptsmith log PATH [--json] [-n N]")))
        return *stop;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return context.usageError(QStringLiteral("log needs exactly one PATH"));
    int max = -1;
    if (parser.isSet(count)) {
        bool ok = false;
        max = parser.value(count).toInt(&ok);
        if (!ok || max < 0)
            return context.usageError(
                QStringLiteral("-n needs a whole number, got '%1'").arg(parser.value(count)));
    }

    const auto workspace = context.openWorkspace();
    if (!workspace)
        return context.report(workspace.error());
    const QString typed = workspacePath(*workspace, positional.first());
    const auto history = workspace->history(typed, max);
    if (!history)
        return context.report(history.error());
    if (history->isEmpty() && max != 0
        && !QFileInfo::exists(QDir(workspace->root()).absoluteFilePath(typed)))
        return context.usageError(
            QStringLiteral("%1: no such file, now or in the history").arg(positional.first()));

    const QString path = history->isEmpty() ? positional.first() : history->first().path;
    if (parser.isSet(json)) {
        QJsonArray commits;
        for (const core::CommitInfo &commit : *history)
            commits.append(toJson(commit));
        printJson(context,
            QJsonObject {
                { QStringLiteral("path"), path }, { QStringLiteral("commits"), commits } });
        return ExitOk;
    }
    for (const core::CommitInfo &commit : *history) {
        context.out << commit.shortId << ' ' << commit.when.toString(QStringLiteral("yyyy-MM-dd"))
                    << ' ' << commit.authorName << ' ' << commit.summary;
        if (commit.path != path)
            context.out << " [as " << commit.path << ']';
        context.out << '\n';
    }
    return ExitOk;
}

} // namespace psm::cli
