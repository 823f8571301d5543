// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/prompt/frontmatteredit.h"

#include "core/prompt/frontmatter.h"

#include <QList>

namespace psm::core {
namespace {

struct Line {
    QString content; // without the line ending
    QString ending; // "\n", "\r\n" or "" for the last line
};

QList<Line> splitLines(const QString &text)
{
    QList<Line> lines;
    qsizetype start = 0;
    while (start <= text.size()) {
        const qsizetype nl = text.indexOf(QLatin1Char('\n'), start);
        if (nl < 0) {
            if (start < text.size())
                lines.append({ text.mid(start), QString() });
            break;
        }
        qsizetype end = nl;
        QString ending = QStringLiteral("\n");
        if (end > start && text.at(end - 1) == QLatin1Char('\r')) {
            --end;
            ending = QStringLiteral("\r\n");
        }
        lines.append({ text.mid(start, end - start), ending });
        start = nl + 1;
    }
    return lines;
}

QString joinLines(const QList<Line> &lines)
{
    QString out;
    for (const Line &line : lines)
        out += line.content + line.ending;
    return out;
}

int indentOf(const QString &line)
{
    int n = 0;
    while (n < line.size() && line.at(n) == QLatin1Char(' '))
        ++n;
    return n;
}

bool isBlankOrComment(const QString &line)
{
    const QString trimmed = line.trimmed();
    return trimmed.isEmpty() || trimmed.startsWith(QLatin1Char('#'));
}

// The key of a `key: value` mapping line (plain or quoted key), or empty. `valueStart` is
// where the value text begins (after ": ").
QString mappingKey(const QString &line, qsizetype *valueStart)
{
    const int indent = indentOf(line);
    qsizetype pos = indent;
    if (pos >= line.size() || line.at(pos) == QLatin1Char('#') || line.at(pos) == QLatin1Char('-'))
        return {};
    QString key;
    const QChar first = line.at(pos);
    if (first == QLatin1Char('"') || first == QLatin1Char('\'')) {
        const qsizetype close = line.indexOf(first, pos + 1);
        if (close < 0)
            return {};
        key = line.mid(pos + 1, close - pos - 1);
        pos = close + 1;
        if (pos >= line.size() || line.at(pos) != QLatin1Char(':'))
            return {};
    } else {
        // A plain key ends at the first ": " or a ':' at the end of the line.
        qsizetype colon = pos;
        for (;;) {
            colon = line.indexOf(QLatin1Char(':'), colon);
            if (colon < 0)
                return {};
            if (colon + 1 == line.size() || line.at(colon + 1) == QLatin1Char(' ')
                || line.at(colon + 1) == QLatin1Char('\t'))
                break;
            ++colon;
        }
        key = line.mid(pos, colon - pos).trimmed();
        pos = colon;
    }
    ++pos; // the ':'
    while (pos < line.size()
        && (line.at(pos) == QLatin1Char(' ') || line.at(pos) == QLatin1Char('\t')))
        ++pos;
    *valueStart = pos;
    return key;
}

// Where a trailing ` # comment` starts in the value text (outside quotes), or -1.
qsizetype commentStart(const QString &line, qsizetype from)
{
    QChar quote;
    for (qsizetype i = from; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (!quote.isNull()) {
            if (c == QLatin1Char('\\') && quote == QLatin1Char('"'))
                ++i;
            else if (c == quote)
                quote = QChar();
        } else if (i == from && (c == QLatin1Char('"') || c == QLatin1Char('\''))) {
            quote = c;
        } else if (c == QLatin1Char('#') && i > 0
            && (line.at(i - 1) == QLatin1Char(' ') || line.at(i - 1) == QLatin1Char('\t'))) {
            return i;
        }
    }
    return -1;
}

struct Block {
    int begin = 0; // first line index of the block's children
    int end = 0; // one past the last line that belongs to it (comments/blanks trimmed)
    int childIndent = -1; // indent of existing children, -1 when there are none
};

// Finds `key` among the lines [begin, end) whose indent equals `indent`. Returns the line index
// or -1.
int findKey(const QList<Line> &lines, int begin, int end, int indent, const QString &key,
    qsizetype *valueStart)
{
    for (int i = begin; i < end; ++i) {
        const QString &content = lines.at(i).content;
        if (isBlankOrComment(content) || indentOf(content) != indent)
            continue;
        qsizetype start = 0;
        if (mappingKey(content, &start) == key) {
            *valueStart = start;
            return i;
        }
    }
    return -1;
}

// The children of the mapping line `parent`: following lines indented deeper (blank and comment
// lines in between belong to it; trailing ones do not).
Block childrenOf(const QList<Line> &lines, int parent, int limit)
{
    const int parentIndent = indentOf(lines.at(parent).content);
    Block block;
    block.begin = parent + 1;
    block.end = parent + 1;
    for (int i = parent + 1; i < limit; ++i) {
        const QString &content = lines.at(i).content;
        if (isBlankOrComment(content))
            continue;
        const int indent = indentOf(content);
        if (indent <= parentIndent)
            break;
        if (block.childIndent < 0)
            block.childIndent = indent;
        block.end = i + 1;
    }
    return block;
}

Error errorAt(int line, QString message)
{
    return Error { ErrorCode::InvalidInput, std::move(message), {}, {}, line, 1 };
}

bool isPlainSafe(const QString &value)
{
    if (value.isEmpty() || value != value.trimmed())
        return false;
    static const QString kSpecialStart = QStringLiteral("-?:,[]{}#&*!|>'\"%@`");
    if (kSpecialStart.contains(value.at(0)))
        return false;
    if (value.contains(QStringLiteral(": ")) || value.contains(QStringLiteral(" #"))
        || value.endsWith(QLatin1Char(':')) || value.contains(QLatin1Char('\n')))
        return false;
    // Plain text the core schema would type as something else must be quoted.
    return frontmatter::plainScalar(value.toStdString()).is_string();
}

} // namespace

QString yamlQuoted(const QString &value)
{
    if (isPlainSafe(value))
        return value;
    QString out = QStringLiteral("\"");
    for (const QChar c : value) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
            out += QLatin1Char('\\') + QString(c);
        else if (c == QLatin1Char('\n'))
            out += QStringLiteral("\\n");
        else if (c == QLatin1Char('\t'))
            out += QStringLiteral("\\t");
        else
            out += c;
    }
    return out + QLatin1Char('"');
}

Result<QString> setFrontMatterScalar(
    const QString &text, const QString &key, const QString &yamlValue)
{
    if (key.isEmpty() || yamlValue.contains(QLatin1Char('\n')))
        return fail(ErrorCode::InvalidInput,
            QStringLiteral("a front matter edit needs a key and a "
                           "one-line value"));
    QList<Line> lines = splitLines(text);
    const QString newline = lines.isEmpty() || lines.first().ending.isEmpty()
        ? QStringLiteral("\n")
        : lines.first().ending;

    // The fences, as Dotprompt finds them: blank and `#` lines may precede the opening one.
    int open = -1;
    int close = -1;
    for (int i = 0; i < lines.size(); ++i) {
        const QString trimmed = lines.at(i).content.trimmed();
        if (open < 0) {
            if (trimmed == QLatin1String("---"))
                open = i;
            else if (!trimmed.isEmpty() && !trimmed.startsWith(QLatin1Char('#')))
                break;
        } else if (trimmed == QLatin1String("---")
            && lines.at(i).content.startsWith(QLatin1String("---"))) {
            close = i;
            break;
        }
    }

    const QStringList segments = key.split(QLatin1Char('.'));
    if (open < 0 || close < 0) {
        // No front matter yet: create one holding just this key.
        QString block = QStringLiteral("---") + newline;
        for (int i = 0; i < segments.size(); ++i) {
            block += QString(i * 2, QLatin1Char(' ')) + segments.at(i) + QLatin1Char(':');
            block
                += (i + 1 == segments.size() ? QLatin1Char(' ') + yamlValue : QString()) + newline;
        }
        return block + QStringLiteral("---") + newline + text;
    }

    int begin = open + 1;
    int end = close;
    int indent = 0;
    int parentLine = -1;
    for (int s = 0; s < segments.size(); ++s) {
        // Prefer a literal dotted key ("promptsmith.tags") over a nested path.
        const QString rest = QStringList(segments.mid(s)).join(QLatin1Char('.'));
        qsizetype valueStart = 0;
        int found = findKey(lines, begin, end, indent, rest, &valueStart);
        bool last = true;
        if (found < 0 && s + 1 < segments.size()) {
            found = findKey(lines, begin, end, indent, segments.at(s), &valueStart);
            last = false;
        }
        if (found >= 0 && last) {
            Line &line = lines[found];
            const Block children = childrenOf(lines, found, end);
            if (children.childIndent >= 0)
                return tl::unexpected(errorAt(found + 1,
                    QStringLiteral("“%1” holds a nested value, "
                                   "not a scalar")
                        .arg(key)));
            const QString old = line.content.mid(valueStart);
            if (old.startsWith(QLatin1Char('|')) || old.startsWith(QLatin1Char('>'))
                || old.startsWith(QLatin1Char('{')) || old.startsWith(QLatin1Char('['))
                || old.startsWith(QLatin1Char('&')) || old.startsWith(QLatin1Char('*')))
                return tl::unexpected(errorAt(found + 1,
                    QStringLiteral("“%1” is not a one-line "
                                   "scalar; edit it in the text")
                        .arg(key)));
            const qsizetype comment = commentStart(line.content, valueStart);
            QString tail;
            if (comment >= 0) {
                // Keep the comment's distance from the value when the old one had padding.
                qsizetype gapStart = comment;
                while (gapStart > valueStart && line.content.at(gapStart - 1).isSpace())
                    --gapStart;
                tail = line.content.mid(gapStart);
            }
            QString head = line.content.left(valueStart);
            if (!head.endsWith(QLatin1Char(' ')))
                head += QLatin1Char(' ');
            line.content = head + yamlValue + tail;
            return joinLines(lines);
        }
        if (found < 0) {
            // Insert the rest of the path at the end of this block.
            const int insertAt = parentLine < 0 ? end : childrenOf(lines, parentLine, end).end;
            int childIndent = indent;
            if (parentLine >= 0) {
                const Block block = childrenOf(lines, parentLine, end);
                childIndent = block.childIndent >= 0 ? block.childIndent
                                                     : indentOf(lines.at(parentLine).content) + 2;
            }
            QList<Line> inserted;
            const int step = 2;
            for (int i = s; i < segments.size(); ++i) {
                QString content = QString(childIndent + (i - s) * step, QLatin1Char(' '))
                    + segments.at(i) + QLatin1Char(':');
                if (i + 1 == segments.size())
                    content += QLatin1Char(' ') + yamlValue;
                inserted.append({ content, newline });
            }
            // The line before the insertion point may lack an ending (not possible before `---`,
            // which always follows it), so the lines slot in directly.
            for (int i = 0; i < inserted.size(); ++i)
                lines.insert(insertAt + i, inserted.at(i));
            return joinLines(lines);
        }
        // Descend into the parent mapping.
        const QString value = lines.at(found).content.mid(valueStart);
        if (!value.isEmpty() && !value.startsWith(QLatin1Char('#')))
            return tl::unexpected(errorAt(found + 1,
                QStringLiteral("“%1” is written inline; edit "
                               "it in the text")
                    .arg(segments.at(s))));
        const Block block = childrenOf(lines, found, end);
        parentLine = found;
        begin = block.begin;
        end = std::max(block.end, block.begin);
        indent = block.childIndent >= 0 ? block.childIndent : indentOf(lines.at(found).content) + 2;
        if (block.childIndent < 0) {
            // An empty parent: everything from here on is inserted right after it.
            end = found + 1;
            begin = found + 1;
        }
    }
    return fail(ErrorCode::Internal, QStringLiteral("front matter edit fell through"));
}

} // namespace psm::core
