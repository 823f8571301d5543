// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "app/cli/cmdsupport.h"
#include "app/cli/commands.h"

#include <QDir>

namespace psm::cli {

int cmdInit(CliContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Creates a new workspace: git init in DIR (which must be empty or not exist), optional\n"
        "sample prompts, eval sets and settings, and a first commit made with your git identity\n"
        "(user.name/user.email from git config, or --name/--email for this repository only)."));
    const QCommandLineOption samples(
        QStringLiteral("samples"), QStringLiteral("Copy in the bundled sample workspace."));
    const QCommandLineOption samplesFrom(QStringLiteral("samples-from"),
        QStringLiteral("Copy in the contents of folder DIR."), QStringLiteral("DIR"));
    const QCommandLineOption name(QStringLiteral("name"),
        QStringLiteral("Commit as NAME; stored in .git/config."), QStringLiteral("NAME"));
    const QCommandLineOption email(QStringLiteral("email"),
        QStringLiteral("Commit as EMAIL; stored in .git/config."), QStringLiteral("EMAIL"));
    parser.addOptions({ samples, samplesFrom, name, email });
    parser.addPositionalArgument(QStringLiteral("DIR"), QStringLiteral("Folder to create."));
    if (const auto stop = parseArguments(context, parser,
            QStringLiteral("promptsmith init DIR [--samples | "
                           "--samples-from DIR] [--name N --email E]")))
        return *stop;

    QStringList positional = parser.positionalArguments();
    if (positional.isEmpty() && !context.workspaceOption.isEmpty())
        positional << context.workspaceOption;
    if (positional.size() != 1)
        return context.usageError(QStringLiteral("init needs exactly one DIR"));
    if (parser.isSet(samples) && parser.isSet(samplesFrom))
        return context.usageError(QStringLiteral("give --samples or --samples-from, not both"));
    if (parser.isSet(name) != parser.isSet(email))
        return context.usageError(QStringLiteral("--name and --email go together"));

    QString samplesDir;
    if (parser.isSet(samplesFrom)) {
        samplesDir = parser.value(samplesFrom);
    } else if (parser.isSet(samples)) {
        samplesDir = QStringLiteral(":/samples");
        if (!QDir(samplesDir).exists()) {
            context.err << "promptsmith: this build has no bundled samples; use --samples-from "
                           "DIR\n";
            return ExitRuntime;
        }
    }

    const core::Identity identity { parser.value(name), parser.value(email) };
    const auto workspace = parser.isSet(name)
        ? core::Workspace::create(positional.first(), samplesDir, identity)
        : core::Workspace::create(positional.first(), samplesDir);
    if (!workspace)
        return context.report(workspace.error());
    const auto head = workspace->commitInfo(QStringLiteral("HEAD"));
    context.out << "Created workspace " << workspace->root();
    if (head)
        context.out << " (first commit " << head->shortId << ')';
    context.out << '\n';
    return ExitOk;
}

} // namespace psm::cli
