// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once
// The command table as data: what each subcommand accepts, taken from the options it declares
// in its own cmd_NAME.cpp, so completions and the man page cannot drift from the parser.

#include <QJsonArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace psm::cli {

struct OptionDescription {
    QStringList names; // without dashes: {"m", "message"}
    QString valueName; // empty for a flag: "FILE", "provider/model", "model|prompt|day"
    QString description; // one paragraph, unwrapped
};

struct ArgumentDescription {
    QString name; // "PATH", "DIR", "REV:PATH"
    QString description;
};

struct CommandDescription {
    QString name;
    QString summary; // the line of `promptsmith --help`
    QString usage; // "promptsmith status [--json]"
    QString description; // the command's --help text above its options
    QList<OptionDescription> options;
    QList<ArgumentDescription> arguments;
};

// Every command of commands(), in its order, described by running it in describe mode (it
// stops at option parsing and runs nothing).
QList<CommandDescription> describeCommands();

// The options, arguments and description in QCommandLineParser's help text. Qt has no API to
// list a parser's options, and its help layout is stable, so this reads them back from it.
void readHelpText(const QString &helpText, CommandDescription &into);

// The options `promptsmith` itself takes before a command.
QList<OptionDescription> globalOptions();

// The table as [{"name", "summary", "usage", "options": [{"names", "value"}], "arguments"}].
QJsonArray toJson(const QList<CommandDescription> &table);

} // namespace psm::cli
