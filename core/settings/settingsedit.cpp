// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/settings/settingsedit.h"

#include <QStringList>

#include <yaml-cpp/yaml.h>

namespace psm::core {
namespace {

Error errorAt(const QString &file, const YAML::Mark &mark, const QString &message)
{
    Error e { ErrorCode::InvalidInput, message, {}, file, 0, 0 };
    if (!mark.is_null()) {
        e.line = mark.line + 1;
        e.column = mark.column + 1;
    }
    return e;
}

bool isBlankOrComment(const QString &line)
{
    const QString t = line.trimmed();
    return t.isEmpty() || t.startsWith(QLatin1Char('#'));
}

int indentOf(const QString &line)
{
    int i = 0;
    while (i < line.size() && line.at(i) == QLatin1Char(' '))
        ++i;
    return i;
}

// Where a block ends once the blank lines and the comments that introduce what follows (those
// not indented deeper than `indent`) are left to the next block.
int trimmedEnd(const QStringList &lines, int begin, int end, int indent)
{
    while (end > begin && isBlankOrComment(lines.at(end - 1))
        && (lines.at(end - 1).trimmed().isEmpty() || indentOf(lines.at(end - 1)) <= indent))
        --end;
    return end;
}

QString plainKey(const QString &name)
{
    // A name the YAML core schema reads back as the same plain string stays bare.
    static const QString kSafe
        = QStringLiteral("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-. /");
    bool plain = !name.isEmpty() && name.at(0).isLetter() && !name.endsWith(QLatin1Char(' '));
    for (const QChar c : name)
        plain = plain && kSafe.contains(c);
    if (plain)
        return name;
    QString quoted = name;
    quoted.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    quoted.replace(QLatin1Char('"'), QLatin1String("\\\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QStringList entryLines(const QString &name, const QString &body, int indent)
{
    const QString pad(indent, QLatin1Char(' '));
    QStringList out { pad + plainKey(name) + QLatin1Char(':') };
    for (const QString &line : body.split(QLatin1Char('\n'))) {
        if (line.trimmed().isEmpty())
            continue;
        out << pad + QStringLiteral("  ") + line;
    }
    return out;
}

} // namespace

Result<QString> setSettingsEntry(const QString &text, const QString &file, const QString &section,
    const QString &name, const QString &body)
{
    if (name.trimmed().isEmpty())
        return fail(
            ErrorCode::InvalidInput, QStringLiteral("A %1 entry needs a name").arg(section));
    YAML::Node root;
    try {
        root = YAML::Load(text.toStdString());
    } catch (const YAML::Exception &ex) {
        return tl::unexpected(errorAt(file, ex.mark,
            QStringLiteral("not valid YAML, so it was left as it is: %1")
                .arg(QString::fromStdString(ex.msg))));
    }
    if (root && !root.IsNull() && !root.IsMap())
        return tl::unexpected(
            errorAt(file, root.Mark(), QStringLiteral("the settings file must be a mapping")));

    const QString eol
        = text.contains(QLatin1String("\r\n")) ? QStringLiteral("\r\n") : QStringLiteral("\n");
    const bool endsWithNewline = text.isEmpty() || text.endsWith(QLatin1Char('\n'));
    QStringList lines = text.split(eol);
    if (endsWithNewline && !lines.isEmpty())
        lines.removeLast(); // the empty string after the final newline

    // The section's key line and where the next top-level key starts.
    int sectionLine = -1;
    int nextTopLine = int(lines.size());
    YAML::Node value;
    if (root && root.IsMap()) {
        for (auto it = root.begin(); it != root.end(); ++it) {
            const int line = it->first.Mark().line;
            if (sectionLine >= 0 && line > sectionLine) {
                nextTopLine = line;
                break;
            }
            if (QString::fromStdString(it->first.Scalar()) == section) {
                sectionLine = line;
                value = it->second;
            }
        }
    }

    QStringList replaced;
    if (sectionLine < 0) {
        // A new section at the end of the file, after a blank line.
        replaced = lines;
        if (!replaced.isEmpty() && !replaced.last().trimmed().isEmpty())
            replaced << QString();
        replaced << section + QLatin1Char(':');
        replaced += entryLines(name, body, 2);
    } else if (value.IsNull()) {
        replaced = lines;
        const QStringList entry = entryLines(name, body, 2);
        for (int i = 0; i < entry.size(); ++i)
            replaced.insert(sectionLine + 1 + i, entry.at(i));
    } else {
        if (!value.IsMap())
            return tl::unexpected(errorAt(file, value.Mark(),
                QStringLiteral("%1 must be a mapping of name: ...; it was left as it is")
                    .arg(section)));
        if (value.Style() == YAML::EmitterStyle::Flow)
            return tl::unexpected(errorAt(file, value.Mark(),
                QStringLiteral("%1 is written as a flow mapping ({...}); write it as an indented "
                               "block so Promptsmith can add to it without rewriting it")
                    .arg(section)));
        const int sectionEnd = trimmedEnd(lines, sectionLine + 1, nextTopLine, 0);
        int indent = -1;
        int entryLine = -1;
        int entryEnd = sectionEnd;
        for (auto it = value.begin(); it != value.end(); ++it) {
            const YAML::Mark mark = it->first.Mark();
            if (indent < 0)
                indent = mark.column;
            if (entryLine >= 0) {
                entryEnd = mark.line;
                break;
            }
            if (QString::fromStdString(it->first.Scalar()) == name)
                entryLine = mark.line;
        }
        if (indent < 0)
            indent = 2;
        const QStringList entry = entryLines(name, body, indent);
        replaced = lines.mid(0, entryLine >= 0 ? entryLine : sectionEnd);
        replaced += entry;
        if (entryLine >= 0) {
            entryEnd = trimmedEnd(lines, entryLine + 1, entryEnd, indent);
            replaced += lines.mid(entryEnd);
        } else {
            replaced += lines.mid(sectionEnd);
        }
    }
    QString out = replaced.join(eol);
    if (endsWithNewline || sectionLine < 0)
        out += eol;

    // The splice must read back as the same file with the entry set: otherwise give up, so a
    // form this editor does not foresee is never written half-right.
    try {
        const YAML::Node check = YAML::Load(out.toStdString());
        const YAML::Node entry = check[section.toStdString()][name.toStdString()];
        const YAML::Node wanted = YAML::Load(body.toStdString());
        bool same = entry && YAML::Dump(entry) == YAML::Dump(wanted);
        if (root && root.IsMap()) {
            for (auto it = root.begin(); it != root.end(); ++it) {
                const std::string key = it->first.Scalar();
                if (QString::fromStdString(key) != section)
                    same = same && YAML::Dump(check[key]) == YAML::Dump(it->second);
            }
            if (sectionLine >= 0 && value.IsMap())
                for (auto it = value.begin(); it != value.end(); ++it) {
                    const std::string key = it->first.Scalar();
                    if (QString::fromStdString(key) != name)
                        same = same
                            && YAML::Dump(check[section.toStdString()][key])
                                == YAML::Dump(it->second);
                }
        }
        if (!same)
            return fail(ErrorCode::InvalidInput,
                QStringLiteral("%1: could not set %2.%3 without changing other settings; edit "
                               "the file by hand")
                    .arg(file, section, name));
    } catch (const YAML::Exception &ex) {
        return fail(ErrorCode::InvalidInput,
            QStringLiteral("%1: the %2 entry would not be valid YAML: %3")
                .arg(file, section, QString::fromStdString(ex.msg)));
    }
    return out;
}

} // namespace psm::core
