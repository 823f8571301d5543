// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "app/cli/commanddescription.h"

#include "app/cli/commands.h"

#include <QJsonObject>
#include <QRegularExpression>
#include <QTextStream>

namespace psm::cli {
namespace {

enum class Section { Description, Options, Arguments };

// "  -m, --message <MESSAGE>  Make an annotated tag." -> names, value name, description start.
const QRegularExpression &optionLine()
{
    static const QRegularExpression re(
        QStringLiteral(R"(^  (-{1,2}[^\s,<]+(?:, -{1,2}[^\s,<]+)*)(?: <([^>]*)>)?(?:\s+(.*))?$)"));
    return re;
}

QString joined(const QString &text, const QString &more)
{
    return text.isEmpty() ? more : text + QLatin1Char(' ') + more;
}

} // namespace

namespace {

// Qt wraps an option's name column past 50 characters: "  --by <model|...|wor  Group by"
// then "  kspace>  day, ...". Joins such a pair back into one line.
QStringList unwrapOptionNames(const QStringList &lines)
{
    QStringList out;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &line = lines.at(i);
        const qsizetype open = line.indexOf(QLatin1Char('<'));
        const qsizetype end = open < 0 ? -1 : line.indexOf(QLatin1Char(' '), open);
        const QString name = end < 0 ? line : line.left(end);
        // The '<' must open the option's value, not sit in its description (which follows a
        // run of spaces).
        const bool inName = open > 2 && !line.mid(2, open - 2).contains(QLatin1String("  "));
        if (!line.startsWith(QLatin1String("  -")) || !inName || name.contains(QLatin1Char('>'))
            || i + 1 >= lines.size()) {
            out << line;
            continue;
        }
        const QString next = lines.at(i + 1).trimmed();
        const qsizetype gap = next.indexOf(QLatin1Char(' '));
        const QString rest = gap < 0 ? QString() : next.mid(gap).trimmed();
        out << (name + (gap < 0 ? next : next.left(gap)) + QLatin1Char(' ')
            + joined(line.mid(name.size()).trimmed(), rest));
        ++i;
    }
    return out;
}

} // namespace

void readHelpText(const QString &helpText, CommandDescription &into)
{
    Section section = Section::Description;
    QStringList description;
    const QStringList lines = unwrapOptionNames(helpText.split(QLatin1Char('\n')));
    for (const QString &line : lines) {
        if (line.startsWith(QLatin1String("Usage: "))) {
            // Qt's usage line names the executable path; ours names the command.
            const QString ours = QStringLiteral("promptsmith ") + into.name;
            const QString given = line.mid(7);
            if (into.usage.isEmpty())
                into.usage = given.startsWith(ours)
                    ? given
                    : (ours + QLatin1Char(' ') + given.section(QLatin1Char(' '), 1)).trimmed();
            continue;
        }
        if (line == QLatin1String("Options:")) {
            section = Section::Options;
            continue;
        }
        if (line == QLatin1String("Arguments:")) {
            section = Section::Arguments;
            continue;
        }
        if (section == Section::Description) {
            description << line;
            continue;
        }
        if (line.trimmed().isEmpty())
            continue;
        // Wrapped description lines are indented past the name column.
        const bool continuation = line.startsWith(QLatin1String("   "));
        if (section == Section::Options) {
            if (continuation && !into.options.isEmpty()) {
                into.options.last().description
                    = joined(into.options.last().description, line.trimmed());
                continue;
            }
            const auto match = optionLine().match(line);
            if (!match.hasMatch())
                continue;
            OptionDescription option;
            for (const QString &name : match.captured(1).split(QStringLiteral(", ")))
                option.names << QString(name).remove(QRegularExpression(QStringLiteral("^-+")));
            option.valueName = match.captured(2);
            option.description = match.captured(3).trimmed();
            into.options << option;
        } else {
            if (continuation && !into.arguments.isEmpty()) {
                into.arguments.last().description
                    = joined(into.arguments.last().description, line.trimmed());
                continue;
            }
            const QString trimmed = line.trimmed();
            const qsizetype gap = trimmed.indexOf(QLatin1Char(' '));
            into.arguments << ArgumentDescription { gap < 0 ? trimmed : trimmed.left(gap),
                gap < 0 ? QString() : trimmed.mid(gap).trimmed() };
        }
    }
    while (!description.isEmpty() && description.last().trimmed().isEmpty())
        description.removeLast();
    if (into.description.isEmpty())
        into.description = description.join(QLatin1Char('\n'));
}

QList<CommandDescription> describeCommands()
{
    QList<CommandDescription> table;
    for (const Command &command : commands()) {
        CommandDescription description { command.name, command.summary, {}, {}, {}, {} };
        // Commands that parse through parseArguments() stop there and fill `description`;
        // the others see --help, print their help into `captured` and stop too.
        QString captured;
        QString ignored;
        QTextStream out(&captured);
        QTextStream err(&ignored);
        CliContext context { { QStringLiteral("promptsmith ") + command.name,
                                 QStringLiteral("--help") },
            {}, out, err, &description };
        command.run(context);
        out.flush();
        if (description.options.isEmpty())
            readHelpText(captured, description);
        if (description.usage.isEmpty()) // `version` has no parser at all
            description.usage = QStringLiteral("promptsmith ") + command.name;
        table << description;
    }
    return table;
}

QList<OptionDescription> globalOptions()
{
    return {
        { { QStringLiteral("workspace") }, QStringLiteral("DIR"),
            QStringLiteral("The workspace; default: the git repository containing the current "
                           "directory.") },
        { { QStringLiteral("h"), QStringLiteral("help") }, {},
            QStringLiteral("List the commands.") },
        { { QStringLiteral("v"), QStringLiteral("version") }, {},
            QStringLiteral("Print the version.") },
    };
}

QJsonArray toJson(const QList<CommandDescription> &table)
{
    QJsonArray commandsJson;
    for (const CommandDescription &command : table) {
        QJsonArray options;
        for (const OptionDescription &option : command.options)
            options.append(
                QJsonObject { { QStringLiteral("names"), QJsonArray::fromStringList(option.names) },
                    { QStringLiteral("value"), option.valueName } });
        QJsonArray arguments;
        for (const ArgumentDescription &argument : command.arguments)
            arguments.append(argument.name);
        commandsJson.append(QJsonObject { { QStringLiteral("name"), command.name },
            { QStringLiteral("summary"), command.summary },
            { QStringLiteral("usage"), command.usage }, { QStringLiteral("options"), options },
            { QStringLiteral("arguments"), arguments } });
    }
    return commandsJson;
}

} // namespace psm::cli
