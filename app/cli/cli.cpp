// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "app/cli/cli.h"

#include "app/cli/commands.h"
#include "core/common/appidentity.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

namespace psm::cli {
namespace {

const Command *findCommand(const QString &name)
{
    for (const Command &command : commands()) {
        if (command.name == name)
            return &command;
    }
    return nullptr;
}

void printHelp(QTextStream &out)
{
    out << "Usage: promptsmith [--workspace DIR] COMMAND [OPTIONS]\n"
           "       promptsmith [--workspace DIR]          (no command: open the window)\n\n"
           "Commands:\n";
    for (const Command &command : commands())
        out << "  " << command.name.leftJustified(10) << ' ' << command.summary << '\n';
    out << "\nRun 'promptsmith COMMAND --help' for a command's options.\n"
           "The workspace is --workspace DIR when given, else the git repository containing\n"
           "the current directory.\n\n"
           "Exit codes: 0 ok, 1 a check failed, 2 bad usage or input, 3 runtime failure.\n";
}

} // namespace

bool wantsCli(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        if (arg == QLatin1String("--workspace")) {
            ++i; // its value is never a command name
            continue;
        }
        if (arg == QLatin1String("--help") || arg == QLatin1String("-h")
            || arg == QLatin1String("--version") || arg == QLatin1String("-v")
            || findCommand(arg))
            return true;
    }
    return false;
}

int run(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    core::setApplicationIdentity();
    QCoreApplication::setApplicationVersion(QStringLiteral(PSM_VERSION));

    QTextStream out(stdout);
    QTextStream err(stderr);

    // Global options may stand before the subcommand; everything after it is the command's.
    QString workspace;
    QStringList rest;
    const QStringList all = QCoreApplication::arguments();
    for (qsizetype i = 1; i < all.size(); ++i) {
        const QString &arg = all.at(i);
        if (rest.isEmpty() && arg == QLatin1String("--workspace")) {
            if (i + 1 >= all.size()) {
                err << "promptsmith: --workspace needs a directory\n";
                return ExitUsage;
            }
            workspace = all.at(++i);
        } else if (rest.isEmpty() && arg.startsWith(QLatin1String("--workspace="))) {
            workspace = arg.mid(12);
        } else {
            rest << arg;
        }
    }

    if (rest.isEmpty() || rest.first() == QLatin1String("--help")
        || rest.first() == QLatin1String("-h") || rest.first() == QLatin1String("help")) {
        printHelp(out);
        return ExitOk;
    }
    if (rest.first() == QLatin1String("--version") || rest.first() == QLatin1String("-v"))
        rest.first() = QStringLiteral("version");

    const Command *command = findCommand(rest.first());
    if (!command) {
        err << "promptsmith: unknown command '" << rest.first()
            << "'; see 'promptsmith --help'\n";
        return ExitUsage;
    }
    rest.first() = QStringLiteral("promptsmith ") + command->name;
    CliContext context{rest, workspace, out, err};
    const int code = command->run(context);
    out.flush();
    err.flush();
    return code;
}

} // namespace psm::cli
