// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "app/cli/cmdsupport.h"
#include "app/cli/commands.h"
#include "core/workspace/precommithook.h"

#include <QCoreApplication>

namespace psm::cli {

int cmdHook(CliContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The git pre-commit hook that gates commits on the eval sets.\n"
        "  hook install [--chain | --force]   write it into the hooks folder git uses\n"
        "                                     (core.hooksPath, worktrees and .git files\n"
        "                                     honoured); running it again updates it\n"
        "  hook uninstall                     remove it, putting back a hook it set aside\n"
        "The hook runs `promptsmith eval --gate --staged` with this promptsmith's absolute\n"
        "path (falling back to promptsmith on PATH when that is gone) and stops the commit on\n"
        "its non-zero exit: 1 regressions, 2 a broken eval file, 3 the run failed. Skip it\n"
        "once with `git commit --no-verify`.\n"
        "A pre-commit hook that is not Promptsmith's is never overwritten: install refuses\n"
        "(exit 3) unless --chain or --force says what to do with it.\n"
        "Exit code 3 when a foreign hook is in the way or the hook cannot be written."));
    const QCommandLineOption chain(QStringLiteral("chain"),
        QStringLiteral("Keep an existing pre-commit hook as pre-commit.promptsmith-chained and "
                       "run it first; the commit stops if it fails."));
    const QCommandLineOption force(QStringLiteral("force"),
        QStringLiteral("Set an existing pre-commit hook aside as "
                       "pre-commit.promptsmith-replaced; it no longer runs."));
    parser.addOptions({ chain, force });
    parser.addPositionalArgument(QStringLiteral("ACTION"), QStringLiteral("install or uninstall."),
        QStringLiteral("install|uninstall"));
    if (const auto stop = parseArguments(context, parser,
            QStringLiteral("promptsmith hook install [--chain | --force] | uninstall")))
        return *stop;
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0);
    if (positional.size() != 1
        || (action != QLatin1String("install") && action != QLatin1String("uninstall")))
        return context.usageError(QStringLiteral("hook takes one ACTION: install or uninstall"));
    if (parser.isSet(chain) && parser.isSet(force))
        return context.usageError(QStringLiteral("--chain and --force exclude each other"));
    if (action == QLatin1String("uninstall") && (parser.isSet(chain) || parser.isSet(force)))
        return context.usageError(QStringLiteral("--chain and --force go with install"));

    const auto workspace = context.openWorkspace();
    if (!workspace)
        return context.report(workspace.error());

    if (action == QLatin1String("uninstall")) {
        const auto removed = core::uninstallPreCommitHook(workspace->root());
        if (!removed)
            return context.report(removed.error());
        if (!removed->removed)
            context.out << "No Promptsmith pre-commit hook at " << removed->hookPath << '\n';
        else
            context.out << "Removed " << removed->hookPath << '\n';
        if (!removed->restored.isEmpty())
            context.out << "Put back the hook kept as " << removed->restored << '\n';
        return ExitOk;
    }

    const core::ExistingHook existing = parser.isSet(chain) ? core::ExistingHook::Chain
        : parser.isSet(force)                               ? core::ExistingHook::Replace
                                                            : core::ExistingHook::Refuse;
    const auto installed = core::installPreCommitHook(
        workspace->root(), QCoreApplication::applicationFilePath(), existing);
    if (!installed)
        return context.report(installed.error());
    context.out << (installed->reinstalled ? "Updated " : "Installed ") << installed->hookPath
                << '\n';
    if (!installed->movedAside.isEmpty())
        context.out << "The previous hook is kept as " << installed->movedAside
                    << (existing == core::ExistingHook::Chain ? " and runs first" : "") << '\n';
    return ExitOk;
}

} // namespace psm::cli
