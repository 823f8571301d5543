// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "app/cli/cli.h"

#include "app/cli/commanddescription.h"
#include "app/cli/commands.h"
#include "app/cli/suggestion.h"
#include "core/common/appidentity.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTextStream>

#include <cstdio>

namespace psm::cli {
namespace {

const QString usageLine = QStringLiteral("Usage: promptsmith [--workspace DIR] COMMAND [OPTIONS]");

const Command *findCommand(const QString &name)
{
    for (const Command &command : commands()) {
        if (command.name == name)
            return &command;
    }
    return nullptr;
}

bool isHelp(const QString &arg)
{
    return arg == QLatin1String("--help") || arg == QLatin1String("-h");
}

// Index of the first argument that is not `--workspace DIR` / `--workspace=DIR`; argc when
// there is none. A trailing `--workspace` without its DIR counts as that argument (an error
// the CLI reports), so it never opens a window on nothing.
int firstNonGlobal(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--workspace" && i + 1 < argc)
            ++i;
        else if (!arg.startsWith("--workspace=") || arg == "--workspace")
            return i;
    }
    return argc;
}

void printHelp(QTextStream &out)
{
    out << usageLine << '\n';
    out << "       promptsmith [--workspace DIR]          (no command: open the window)\n\n"
           "Commands:\n";
    for (const Command &command : commands())
        out << "  " << command.name.leftJustified(11) << ' ' << command.summary << '\n';
    out << "\nRun 'promptsmith COMMAND --help' for a command's options.\n"
           "The workspace is --workspace DIR when given, else the git repository containing\n"
           "the current directory.\n\n"
           "Exit codes: 0 ok, 1 a check failed, 2 bad usage or input, 3 runtime failure.\n";
}

// What a mistyped word most likely meant, as " (did you mean 'x'?)", or nothing.
QString didYouMean(const QString &typed, const QStringList &known)
{
    const QString best = closestMatch(typed, known);
    return best.isEmpty() ? QString() : QStringLiteral(" (did you mean '%1'?)").arg(best);
}

int unknownOption(QTextStream &err, const QString &option)
{
    QStringList known;
    for (const OptionDescription &global : globalOptions()) {
        for (const QString &name : global.names)
            known << (name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name;
    }
    const QString name = option.section(QLatin1Char('='), 0, 0);
    err << "promptsmith: unknown option '" << name << "'" << didYouMean(name, known);
    // `promptsmith --open FILE` used to open the window: say where the window's options go.
    const QString bare = QString(name).remove(QRegularExpression(QStringLiteral("^-+")));
    bool windowOption = false;
    for (const CommandDescription &command : describeCommands()) {
        if (command.name != QLatin1String("gui"))
            continue;
        for (const OptionDescription &described : command.options)
            windowOption = windowOption || described.names.contains(bare);
    }
    err << (windowOption ? "; window options go after 'gui': promptsmith gui " + option
                         : QStringLiteral("; command options go after the command"))
        << '\n'
        << usageLine << '\n';
    return ExitUsage;
}

int unknownCommand(QTextStream &err, const QString &word)
{
    QStringList known;
    for (const Command &command : commands())
        known << command.name;
    err << "promptsmith: unknown command '" << word << "'" << didYouMean(word, known) << '\n';
    // `promptsmith DIR` used to open DIR in the window; say how that is spelled now.
    if (QFileInfo(word).isDir())
        err << "promptsmith: to open the folder in the window: promptsmith --workspace " << word
            << '\n';
    err << usageLine << '\n';
    return ExitUsage;
}

} // namespace

bool wantsCli(int argc, char **argv)
{
    const int first = firstNonGlobal(argc, argv);
    if (first >= argc)
        return false;
    if (qstrcmp(argv[first], "gui") != 0)
        return true;
    // `gui --help` prints the window's options without needing a display.
    for (int i = first + 1; i < argc; ++i) {
        if (isHelp(QString::fromLocal8Bit(argv[i])))
            return true;
    }
    return false;
}

int dropGuiCommand(int argc, char **argv)
{
    const int first = firstNonGlobal(argc, argv);
    if (first >= argc || qstrcmp(argv[first], "gui") != 0)
        return argc;
    for (int i = first; i + 1 < argc; ++i)
        argv[i] = argv[i + 1];
    argv[argc - 1] = nullptr;
    return argc - 1;
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

    if (rest.isEmpty() || isHelp(rest.first()) || rest.first() == QLatin1String("help")) {
        printHelp(out);
        return ExitOk;
    }
    if (rest.first() == QLatin1String("--version") || rest.first() == QLatin1String("-v"))
        rest.first() = QStringLiteral("version");
    if (rest.first().startsWith(QLatin1Char('-')))
        return unknownOption(err, rest.first());

    const Command *command = findCommand(rest.first());
    if (!command)
        return unknownCommand(err, rest.first());
    rest.first() = QStringLiteral("promptsmith ") + command->name;
    CliContext context { rest, workspace, out, err };
    const int code = command->run(context);
    out.flush();
    err.flush();
    return code;
}

} // namespace psm::cli
