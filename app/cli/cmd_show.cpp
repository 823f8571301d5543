// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "app/cli/cmdsupport.h"
#include "app/cli/commands.h"

#include <QFile>

#include <cstdio>

namespace psm::cli {

int cmdShow(CliContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Prints a file's bytes as they were at a revision, unchanged, from git's object\n"
        "database. PATH is relative to the workspace root (or to the current folder when it\n"
        "starts with ./ or ../), as in `git show REV:PATH`; REV is\n"
        "anything git accepts (HEAD, HEAD~2, a tag, a commit id or a prefix of one)."));
    parser.addPositionalArgument(QStringLiteral("REV:PATH"), QStringLiteral("What to print."));
    if (const auto stop
        = parseArguments(context, parser, QStringLiteral("promptsmith show REV:PATH")))
        return *stop;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return context.usageError(QStringLiteral("show needs exactly one REV:PATH"));
    const QString spec = positional.first();
    const qsizetype colon = spec.indexOf(QLatin1Char(':'));
    if (colon <= 0 || colon == spec.size() - 1)
        return context.usageError(
            QStringLiteral("'%1' is not REV:PATH (for example HEAD:prompts/a.prompt)").arg(spec));

    const auto workspace = context.openWorkspace();
    if (!workspace)
        return context.report(workspace.error());
    // As in git, REV:PATH is relative to the root unless PATH starts with ./ or ../
    QString path = spec.mid(colon + 1);
    if (path.startsWith(QLatin1String("./")) || path.startsWith(QLatin1String("../")))
        path = workspacePath(*workspace, path);
    const auto bytes = workspace->readFile(spec.left(colon), path);
    if (!bytes)
        return context.report(bytes.error());

    context.out.flush();
    QFile out;
    if (!out.open(stdout, QIODevice::WriteOnly) || out.write(*bytes) != bytes->size()) {
        context.err << "promptsmith: cannot write to standard output\n";
        return ExitRuntime;
    }
    out.flush();
    return ExitOk;
}

} // namespace psm::cli
