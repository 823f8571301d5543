// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// `promptsmith gui`: main() hands it to the window (ui/application.cpp) before the CLI runs, so
// here it only answers --help and describes the window's options for completions and the man
// page. Keep the options in step with runApplication()'s parser.
#include "app/cli/cmdsupport.h"
#include "app/cli/commands.h"

namespace psm::cli {

int cmdGui(CliContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Opens the window on the workspace: DIR or --workspace DIR when given, else the last one\n"
        "used, else (first start) a new copy of the sample workspace. Running promptsmith with\n"
        "no command does the same."));
    const QCommandLineOption workspace(QStringLiteral("workspace"),
        QStringLiteral("Open the workspace in DIR."), QStringLiteral("DIR"));
    const QCommandLineOption open(QStringLiteral("open"),
        QStringLiteral("Open FILE (relative to the workspace)."), QStringLiteral("FILE"));
    parser.addOptions({ workspace, open });
    parser.addPositionalArgument(
        QStringLiteral("DIR"), QStringLiteral("Workspace folder."), QStringLiteral("[DIR]"));
    if (const auto stop = parseArguments(context, parser,
            QStringLiteral("promptsmith gui [--workspace DIR | DIR] [--open FILE]")))
        return *stop;
    return context.usageError(QStringLiteral("gui opens the window; it cannot run here"));
}

} // namespace psm::cli
