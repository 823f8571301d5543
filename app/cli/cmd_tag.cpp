// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "app/cli/cmdsupport.h"
#include "app/cli/commands.h"

#include <QJsonArray>

namespace psm::cli {

int cmdTag(CliContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Release labels are git tags.\n"
        "  tag NAME [REV] [-m MESSAGE]   label REV (default HEAD); annotated when -m is given\n"
        "  tag [--list] [--json]         list tags; JSON: [{\"name\", \"target\", \"annotated\",\n"
        "                                \"message\"}]\n"
        "  tag --delete NAME             remove a label\n"
        "Exit code 2 for a bad name or unknown revision, 3 when the tag already exists."));
    const QCommandLineOption list(
        QStringList { QStringLiteral("l"), QStringLiteral("list") }, QStringLiteral("List tags."));
    const QCommandLineOption remove(QStringList { QStringLiteral("d"), QStringLiteral("delete") },
        QStringLiteral("Delete tag NAME."));
    const QCommandLineOption message(QStringList { QStringLiteral("m"), QStringLiteral("message") },
        QStringLiteral("Make an annotated tag with MESSAGE."), QStringLiteral("MESSAGE"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON (--list)."));
    parser.addOptions({ list, remove, message, json });
    parser.addPositionalArgument(
        QStringLiteral("NAME"), QStringLiteral("The tag."), QStringLiteral("[NAME"));
    parser.addPositionalArgument(
        QStringLiteral("REV"), QStringLiteral("What it labels."), QStringLiteral("[REV]]"));
    if (const auto stop = parseArguments(context, parser,
            QStringLiteral("promptsmith tag NAME [REV] [-m MESSAGE] | --list [--json] | "
                           "--delete NAME")))
        return *stop;
    const QStringList positional = parser.positionalArguments();
    const bool listing = parser.isSet(list) || (positional.isEmpty() && !parser.isSet(remove));
    if (listing && (parser.isSet(remove) || parser.isSet(message) || !positional.isEmpty()))
        return context.usageError(QStringLiteral("--list takes no NAME, --delete or -m"));
    if (parser.isSet(remove) && (positional.size() != 1 || parser.isSet(message)))
        return context.usageError(QStringLiteral("--delete needs exactly one NAME"));
    if (!listing && !parser.isSet(remove) && positional.size() > 2)
        return context.usageError(QStringLiteral("tag takes a NAME and at most one REV"));
    if (!listing && parser.isSet(json))
        return context.usageError(QStringLiteral("--json goes with --list"));

    auto workspace = context.openWorkspace();
    if (!workspace)
        return context.report(workspace.error());

    if (listing) {
        const auto tags = workspace->tags();
        if (!tags)
            return context.report(tags.error());
        if (parser.isSet(json)) {
            QJsonArray array;
            for (const core::TagInfo &tag : *tags)
                array.append(toJson(tag));
            printJson(context, array);
            return ExitOk;
        }
        for (const core::TagInfo &tag : *tags) {
            context.out << tag.name << '\t' << tag.targetId.left(7);
            if (tag.annotated)
                context.out << '\t' << tag.message.section(QLatin1Char('\n'), 0, 0).trimmed();
            context.out << '\n';
        }
        return ExitOk;
    }
    if (parser.isSet(remove)) {
        if (const auto removed = workspace->deleteTag(positional.first()); !removed)
            return context.report(removed.error());
        context.out << "Deleted tag " << positional.first() << '\n';
        return ExitOk;
    }
    const auto tag = workspace->createTag(
        positional.first(), positional.value(1, QStringLiteral("HEAD")), parser.value(message));
    if (!tag)
        return context.report(tag.error());
    context.out << "Tagged " << tag->targetId.left(7) << " as " << tag->name
                << (tag->annotated ? " (annotated)" : "") << '\n';
    return ExitOk;
}

} // namespace psm::cli
