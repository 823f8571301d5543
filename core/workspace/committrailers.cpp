// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/workspace/committrailers.h"

#include <QRegularExpression>

namespace psm::core {
namespace {

const QLatin1StringView kComment("#");
const QLatin1StringView kScissors("# ------------------------ >8 ------------------------");

bool isBlank(const QString &line)
{
    for (QChar c : line)
        if (!c.isSpace())
            return false;
    return true;
}

bool startsWithSpace(const QString &line)
{
    return !line.isEmpty() && line.front().isSpace();
}

// git's find_separator: the ':' ending a token of letters, digits and '-', optionally followed
// by blanks ("Key : value" counts, "Two words: x" does not). -1 when the line is no trailer.
qsizetype separatorOf(const QString &line)
{
    bool blankSeen = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (c == u':')
            return i;
        // ASCII only, as git's isalnum(): "Über: x" is prose to git, so it is to us.
        if (!blankSeen && ((c.unicode() < 128 && c.isLetterOrNumber()) || c == u'-'))
            continue;
        if (i != 0 && (c == u' ' || c == u'\t')) {
            blankSeen = true;
            continue;
        }
        break;
    }
    return -1;
}

bool isTrailerLine(const QString &line)
{
    return separatorOf(line) >= 1 && !startsWithSpace(line);
}

// The message cut into lines (LF, CRLF read as LF), and where its parts start.
struct Layout {
    QStringList lines;
    qsizetype blockStart = 0; // first line of the trailer block; == end when there is none
    qsizetype end = 0; // lines from here on are trailing comments, blanks, scissors
};

// git's ignored_log_message_bytes: the trailing run of comment and empty lines, and the
// scissors line with everything after it, are not the message.
qsizetype endOfMessage(const QStringList &lines)
{
    qsizetype cutoff = lines.indexOf(QString(kScissors));
    if (cutoff < 0)
        cutoff = lines.size();
    qsizetype end = cutoff;
    while (end > 0 && (lines[end - 1].startsWith(kComment) || isBlank(lines[end - 1])))
        --end;
    return end;
}

// git's find_trailer_block_start, line by line.
qsizetype trailerBlockStart(const QStringList &lines, qsizetype end)
{
    qsizetype endOfTitle = 0;
    while (
        endOfTitle < end && (lines[endOfTitle].startsWith(kComment) || !isBlank(lines[endOfTitle])))
        ++endOfTitle;

    bool recognizedPrefix = false;
    int trailerLines = 0;
    int nonTrailerLines = 0;
    int possibleContinuations = 0;
    for (qsizetype l = end - 1; l >= endOfTitle; --l) {
        const QString &line = lines[l];
        if (line.startsWith(kComment)) {
            nonTrailerLines += possibleContinuations;
            possibleContinuations = 0;
            continue;
        }
        if (isBlank(line)) {
            nonTrailerLines += possibleContinuations;
            if (recognizedPrefix && trailerLines * 3 >= nonTrailerLines)
                return l + 1;
            if (trailerLines > 0 && nonTrailerLines == 0)
                return l + 1;
            return end;
        }
        if (line.startsWith(u"Signed-off-by: ")
            || line.startsWith(u"(cherry picked from commit ")) {
            ++trailerLines;
            possibleContinuations = 0;
            recognizedPrefix = true;
        } else if (isTrailerLine(line)) {
            ++trailerLines;
            possibleContinuations = 0;
        } else if (startsWithSpace(line)) {
            ++possibleContinuations;
        } else {
            nonTrailerLines += 1 + possibleContinuations;
            possibleContinuations = 0;
        }
    }
    return end;
}

Layout layoutOf(const QString &message)
{
    QString text = message;
    text.replace(QLatin1StringView("\r\n"), QLatin1StringView("\n"));
    if (text.endsWith(u'\r'))
        text.chop(1);
    Layout layout;
    layout.lines = text.split(u'\n');
    if (!layout.lines.isEmpty() && layout.lines.last().isEmpty())
        layout.lines.removeLast();
    layout.end = endOfMessage(layout.lines);
    layout.blockStart = trailerBlockStart(layout.lines, layout.end);
    return layout;
}

QString singleLine(QString value)
{
    value.replace(u'\r', u' ');
    value.replace(u'\n', u' ');
    return value.trimmed();
}

} // namespace

QList<Trailer> parseTrailers(const QString &message)
{
    const Layout layout = layoutOf(message);
    QList<Trailer> trailers;
    bool continuing = false; // the previous line was a trailer (or its continuation)
    for (qsizetype l = layout.blockStart; l < layout.end; ++l) {
        const QString &line = layout.lines[l];
        if (continuing && startsWithSpace(line)) {
            const QString more = line.trimmed();
            QString &value = trailers.last().value;
            if (!more.isEmpty())
                value += (value.isEmpty() ? QString() : QStringLiteral(" ")) + more;
            continue;
        }
        const qsizetype separator = separatorOf(line);
        continuing = separator >= 1;
        if (continuing)
            trailers.append({ line.left(separator).trimmed(), line.mid(separator + 1).trimmed() });
    }
    return trailers;
}

QString withTrailers(
    const QString &message, const QList<Trailer> &add, const QStringList &replaceKeys)
{
    static const QRegularExpression kKey(QStringLiteral("^[A-Za-z0-9-]+$"));
    const Layout layout = layoutOf(message);
    const auto replaced = [&](const QString &line) {
        const qsizetype separator = separatorOf(line);
        return separator >= 1
            && replaceKeys.contains(line.left(separator).trimmed(), Qt::CaseInsensitive);
    };

    QStringList head = layout.lines.mid(0, layout.blockStart);
    QStringList block;
    bool dropping = false; // inside a replaced trailer, including its continuation lines
    for (qsizetype l = layout.blockStart; l < layout.end; ++l) {
        const QString &line = layout.lines[l];
        if (dropping && startsWithSpace(line) && !isBlank(line))
            continue;
        dropping = replaced(line);
        if (!dropping)
            block.append(line);
    }
    for (const Trailer &t : add) {
        Q_ASSERT_X(kKey.match(t.key).hasMatch(), "withTrailers", "not a trailer key");
        block.append(t.key + QLatin1StringView(": ") + singleLine(t.value));
    }

    // The block is its own paragraph: one blank line before it, none when it ends up empty.
    while (!head.isEmpty() && isBlank(head.last()))
        head.removeLast();
    QStringList out = head;
    if (!block.isEmpty()) {
        if (!out.isEmpty())
            out.append(QString());
        out += block;
    }
    out += layout.lines.mid(layout.end);
    return out.join(u'\n') + u'\n';
}

} // namespace psm::core
