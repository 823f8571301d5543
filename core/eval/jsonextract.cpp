// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/eval/jsonextract.h"

#include "core/prompt/frontmatter.h"

#include <QStringList>

#include <algorithm>

namespace psm::core::eval {

namespace {

// promptfoo stops growing a candidate after this many characters.
constexpr qsizetype kMaxJsonLength = 100000;

bool isEscapedQuote(const QString &line, qsizetype quoteIndex)
{
    int backslashes = 0;
    for (qsizetype i = quoteIndex - 1; i >= 0 && line.at(i) == u'\\'; --i)
        ++backslashes;
    return backslashes % 2 == 1;
}

bool isAsciiLetter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

// promptfoo's convertSlashCommentsToHash(): `//` comments outside quotes become YAML `#`
// comments (one `#` per two slashes), except inside a token containing `://` (URLs).
QString convertSlashCommentsToHash(const QString &text)
{
    QStringList lines = text.split(u'\n');
    for (QString &line : lines) {
        enum class State { Normal, Single, Double } state = State::Normal;
        QString result;
        bool replaced = false;
        for (qsizetype i = 0; i < line.size() && !replaced; ++i) {
            const QChar c = line.at(i);
            const QChar next = i + 1 < line.size() ? line.at(i + 1) : QChar();
            const QChar prev = i > 0 ? line.at(i - 1) : QChar();
            switch (state) {
            case State::Normal:
                if (c == u'\'' && !isAsciiLetter(prev)) {
                    state = State::Single;
                    result += c;
                } else if (c == u'"') {
                    state = State::Double;
                    result += c;
                } else if (c == u'/' && next == u'/') {
                    qsizetype tokenStart = 0;
                    for (qsizetype j = i - 1; j >= 0; --j) {
                        if (line.at(j).isSpace()) {
                            tokenStart = j + 1;
                            break;
                        }
                    }
                    if (line.mid(tokenStart, i + 2 - tokenStart).contains(u"://")) {
                        result += c;
                        break;
                    }
                    qsizetype slashes = 2;
                    while (i + slashes < line.size() && line.at(i + slashes) == u'/')
                        ++slashes;
                    result += QString(slashes / 2, u'#') + line.mid(i + slashes);
                    replaced = true;
                } else {
                    result += c;
                }
                break;
            case State::Single:
                result += c;
                if (c == u'\'' && !isEscapedQuote(line, i) && !isAsciiLetter(next))
                    state = State::Normal;
                break;
            case State::Double:
                result += c;
                if (c == u'"' && !isEscapedQuote(line, i))
                    state = State::Normal;
                break;
            }
        }
        line = result;
    }
    return lines.join(u'\n');
}

// js-yaml's load(candidate, {json: true}) as far as it matters here: a mapping or a list.
std::optional<nlohmann::ordered_json> loadObject(const QString &candidate)
{
    nlohmann::ordered_json value;
    frontmatter::YamlError error;
    const std::string text = convertSlashCommentsToHash(candidate).toStdString();
    if (!frontmatter::parseYaml(text, &value, &error))
        return std::nullopt;
    if (!value.is_object() && !value.is_array())
        return std::nullopt;
    return value;
}

void skipSpace(const QString &value, qsizetype *i)
{
    while (*i < value.size() && value.at(*i).isSpace())
        ++*i;
}

} // namespace

std::optional<nlohmann::ordered_json> parseJson(const QString &text)
{
    const std::string utf8 = text.toStdString();
    nlohmann::ordered_json value
        = nlohmann::ordered_json::parse(utf8, nullptr, /*allow_exceptions=*/false);
    if (value.is_discarded())
        return std::nullopt;
    return value;
}

std::vector<nlohmann::ordered_json> extractJsonObjects(const QString &text)
{
    // promptfoo 0.121's algorithm, step for step: braces are counted without regard to
    // strings; a candidate is tried when they balance, or, unbalanced, at the end of the text
    // (closed with the missing braces, so a truncated answer still counts); it is read as YAML
    // (flow mappings: unquoted keys and single quotes pass) after `//` comments become `#`.
    std::vector<nlohmann::ordered_json> objects;
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        if (text.at(i) != u'{')
            continue;
        int open = 1;
        int close = 0;
        qsizetype j = i + 1;
        const qsizetype limit = std::min(i + kMaxJsonLength, n);
        while (j < limit && open > close) {
            if (text.at(j) == u'{')
                ++open;
            if (text.at(j) == u'}')
                ++close;
            ++j;
            if (open != close && j != n && j != i + kMaxJsonLength)
                continue;
            QString candidate = text.mid(i, j - i);
            if (open > close)
                candidate += QString(open - close, u'}');
            if (auto object = loadObject(candidate)) {
                objects.push_back(std::move(*object));
                i = j - 1;
                break;
            }
            if (open == close)
                break;
        }
    }
    return objects;
}

std::optional<QStringList> parseCommaSeparatedValues(const QString &value, QString *error)
{
    QStringList fields;
    qsizetype i = 0;
    while (i < value.size()) {
        // Separators: white space and any number of commas.
        while (i < value.size()) {
            skipSpace(value, &i);
            if (i >= value.size() || value.at(i) != u',')
                break;
            ++i;
        }
        if (i >= value.size())
            break;
        if (value.at(i) == u'"') {
            QString field;
            bool terminated = false;
            ++i;
            while (i < value.size()) {
                const QChar c = value.at(i);
                const bool hasNext = i + 1 < value.size();
                if (c == u'\\' && hasNext
                    && (value.at(i + 1) == u'"' || value.at(i + 1) == u'\\')) {
                    field += value.at(i + 1);
                    i += 2;
                } else if (c == u'"' && hasNext && value.at(i + 1) == u'"') {
                    field += u'"';
                    i += 2;
                } else if (c == u'"') {
                    ++i;
                    terminated = true;
                    break;
                } else {
                    field += c;
                    ++i;
                }
            }
            if (!terminated) {
                *error = QStringLiteral("Unterminated quoted field in contains assertion value");
                return std::nullopt;
            }
            fields.append(field);
            skipSpace(value, &i);
            if (i < value.size() && value.at(i) != u',') {
                *error = QStringLiteral(
                    "Expected comma after quoted field in contains assertion value");
                return std::nullopt;
            }
        } else {
            const qsizetype start = i;
            while (i < value.size() && value.at(i) != u',')
                ++i;
            fields.append(value.mid(start, i - start).trimmed());
        }
    }
    return fields;
}

} // namespace psm::core::eval
