// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "app/cli/cmdsupport.h"
#include "app/cli/commands.h"

#include <QJsonArray>

namespace psm::cli {

int cmdStatus(CliContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Lists every path that differs from HEAD (untracked included, .gitignore honoured):\n"
        "one line per path, '<change> <path>', '(staged)' when some of it is in the index.\n"
        "--json prints {\"root\", \"files\": [{\"path\", \"change\", \"staged\", \"oldPath\"?}]}\n"
        "with change one of untracked, added, modified, deleted, renamed, conflicted."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    parser.addOption(json);
    if (const auto stop
        = parseArguments(context, parser, QStringLiteral("promptsmith status [--json]")))
        return *stop;
    if (!parser.positionalArguments().isEmpty())
        return context.usageError(QStringLiteral("status takes no arguments"));

    const auto workspace = context.openWorkspace();
    if (!workspace)
        return context.report(workspace.error());
    const auto status = workspace->status();
    if (!status)
        return context.report(status.error());

    if (parser.isSet(json)) {
        QJsonArray files;
        for (const core::FileStatus &file : *status)
            files.append(toJson(file));
        printJson(context,
            QJsonObject { { QStringLiteral("root"), workspace->root() },
                { QStringLiteral("files"), files } });
        return ExitOk;
    }
    if (status->isEmpty()) {
        context.out << "Nothing changed since HEAD.\n";
        return ExitOk;
    }
    for (const core::FileStatus &file : *status) {
        context.out << changeName(file.change).leftJustified(11);
        if (!file.oldPath.isEmpty())
            context.out << file.oldPath << " -> ";
        context.out << file.path;
        if (file.staged)
            context.out << " (staged)";
        context.out << '\n';
    }
    return ExitOk;
}

} // namespace psm::cli
