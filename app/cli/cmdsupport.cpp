// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "app/cli/cmdsupport.h"

#include "app/cli/commanddescription.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>

namespace psm::cli {

std::optional<int> parseArguments(
    CliContext &context, QCommandLineParser &parser, const QString &usage)
{
    const QCommandLineOption help = parser.addHelpOption();
    if (context.describe) {
        context.describe->usage = usage;
        context.describe->description = parser.applicationDescription();
        readHelpText(parser.helpText(), *context.describe);
        return ExitOk;
    }
    if (!parser.parse(context.args))
        return context.usageError(parser.errorText() + QStringLiteral("; see '")
            + context.args.value(0) + QStringLiteral(" --help'"));
    if (parser.isSet(help)) {
        // Qt's first line names the executable path; ours names the subcommand.
        QString text = parser.helpText();
        text = text.mid(text.indexOf(QLatin1Char('\n')) + 1);
        if (!text.endsWith(QLatin1Char('\n')))
            text += QLatin1Char('\n');
        context.out << QStringLiteral("Usage: ") << usage << '\n' << text;
        context.out.flush();
        return ExitOk;
    }
    return std::nullopt;
}

QString workspacePath(const core::Workspace &workspace, const QString &typed)
{
    if (QDir::isAbsolutePath(typed))
        return typed;
    const QString canonicalCwd = QDir::current().canonicalPath();
    const QString canonicalRoot = QDir(workspace.root()).canonicalPath();
    if (canonicalCwd == canonicalRoot || canonicalCwd.startsWith(canonicalRoot + QLatin1Char('/')))
        return QDir::cleanPath(canonicalCwd + QLatin1Char('/') + typed);
    return typed;
}

QString changeName(core::ChangeKind change)
{
    switch (change) {
    case core::ChangeKind::Unmodified:
        return QStringLiteral("unmodified");
    case core::ChangeKind::Untracked:
        return QStringLiteral("untracked");
    case core::ChangeKind::Added:
        return QStringLiteral("added");
    case core::ChangeKind::Modified:
        return QStringLiteral("modified");
    case core::ChangeKind::Deleted:
        return QStringLiteral("deleted");
    case core::ChangeKind::Renamed:
        return QStringLiteral("renamed");
    case core::ChangeKind::Conflicted:
        return QStringLiteral("conflicted");
    }
    return QStringLiteral("unknown");
}

QJsonObject toJson(const core::FileStatus &status)
{
    QJsonObject object { { QStringLiteral("path"), status.path },
        { QStringLiteral("change"), changeName(status.change) },
        { QStringLiteral("staged"), status.staged } };
    if (!status.oldPath.isEmpty())
        object.insert(QStringLiteral("oldPath"), status.oldPath);
    return object;
}

QJsonObject toJson(const core::CommitInfo &commit)
{
    QJsonObject object {
        { QStringLiteral("id"), commit.id },
        { QStringLiteral("shortId"), commit.shortId },
        { QStringLiteral("summary"), commit.summary },
        { QStringLiteral("message"), commit.message },
        { QStringLiteral("author"),
            QJsonObject { { QStringLiteral("name"), commit.authorName },
                { QStringLiteral("email"), commit.authorEmail } } },
        { QStringLiteral("date"), commit.when.toString(Qt::ISODate) },
    };
    if (!commit.path.isEmpty())
        object.insert(QStringLiteral("path"), commit.path);
    return object;
}

QJsonObject toJson(const core::TagInfo &tag)
{
    return QJsonObject { { QStringLiteral("name"), tag.name },
        { QStringLiteral("target"), tag.targetId }, { QStringLiteral("annotated"), tag.annotated },
        { QStringLiteral("message"), tag.message } };
}

QJsonObject toJson(const core::FileDiff &diff)
{
    return QJsonObject { { QStringLiteral("oldPath"), diff.oldPath },
        { QStringLiteral("newPath"), diff.newPath },
        { QStringLiteral("change"), changeName(diff.change) },
        { QStringLiteral("binary"), diff.binary }, { QStringLiteral("patch"), diff.patch } };
}

void printJson(CliContext &context, const QJsonValue &value)
{
    const QJsonDocument document
        = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    context.out << QString::fromUtf8(document.toJson(QJsonDocument::Indented));
    context.out.flush();
}

bool engineNoteShown(const QString &note, bool verbose)
{
    // Budget stops and the user's budgets.yaml problems are always said: they change what runs.
    return verbose || note.startsWith(QLatin1String("ledger"))
        || note.contains(QLatin1String("promptsmith.yaml"))
        || note.startsWith(QLatin1String("stopped by "))
        || note.contains(QLatin1String("budgets.yaml"));
}

} // namespace psm::cli
