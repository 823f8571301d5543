// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/eval/jsregex.h"

#include <QRegularExpression>

#include <algorithm>

namespace psm::core::eval {

namespace {

// Letters JavaScript gives a meaning after `\` outside unicode mode; any other letter is itself.
bool isJsEscapeLetter(QChar c)
{
    return QStringView(u"dDwWsSbBnrtfvcxuk").contains(c);
}

bool isHexDigit(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

// The escape starting at pattern[*i] == '\\' as PCRE2 reads what JavaScript means, in or out of
// a character class; *i ends on its last character. `\uXXXX` is a code unit PCRE2 spells
// `\x{XXXX}`; `\v` is U+000B alone in JavaScript but any vertical space in PCRE2.
QString translateEscape(const QString &pattern, qsizetype *i)
{
    const QChar next = pattern.at(++*i);
    if (next == u'u') {
        const QString hex = pattern.mid(*i + 1, 4);
        if (hex.size() == 4 && std::all_of(hex.begin(), hex.end(), isHexDigit)) {
            *i += 4;
            return QStringLiteral("\\x{%1}").arg(hex);
        }
        return QStringLiteral("u"); // not an escape in JavaScript: the letter itself
    }
    if (next == u'v')
        return QStringLiteral("\\x{0B}");
    if (next.isLetter() && next.unicode() < 128 && !isJsEscapeLetter(next))
        return QRegularExpression::escape(QString(next));
    return QStringLiteral("\\") + next;
}

} // namespace

std::optional<QString> jsRegexToPcre(const QString &pattern, QString *refusal)
{
    static const QRegularExpression kPcreGroup(
        QStringLiteral(R"(^\(\?(?:[a-zA-Z]*-?[a-zA-Z]+\)|>|#|P[<=>]|\|))"));
    static const QRegularExpression kBraceQuantifier(QStringLiteral(R"(^\{\d+(?:,\d*)?\})"));
    auto refuse = [&](const QString &what) {
        *refusal = QStringLiteral("Invalid regular expression: /%1/: \"%2\" is not JavaScript "
                                  "syntax")
                       .arg(pattern, what);
        return std::nullopt;
    };
    QString out;
    bool afterQuantifier = false;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        const QStringView rest = QStringView(pattern).mid(i);
        if (c == u'\\' && i + 1 < pattern.size()) {
            out += translateEscape(pattern, &i);
            afterQuantifier = false;
            continue;
        }
        if (c == u'[') {
            if (rest.startsWith(u"[]")) {
                out += QStringLiteral("(?!)");
                ++i;
            } else if (rest.startsWith(u"[^]")) {
                out += QStringLiteral("[\\s\\S]");
                i += 2;
            } else {
                // Copy the class as written but for its escapes, which read as outside one.
                out += c;
                qsizetype j = i + 1;
                if (j < pattern.size() && pattern.at(j) == u'^')
                    out += pattern.at(j++);
                for (; j < pattern.size() && pattern.at(j) != u']'; ++j) {
                    if (pattern.at(j) == u'\\' && j + 1 < pattern.size())
                        out += translateEscape(pattern, &j);
                    else
                        out += pattern.at(j);
                }
                if (j < pattern.size())
                    out += u']';
                i = j;
            }
            afterQuantifier = false;
            continue;
        }
        if (c == u'(') {
            const QRegularExpressionMatch group = kPcreGroup.match(rest);
            if (group.hasMatch())
                return refuse(group.captured());
        }
        if (c == u'+' && afterQuantifier)
            return refuse(pattern.mid(i - 1, 2));
        if (c == u'{') {
            const QRegularExpressionMatch quantifier = kBraceQuantifier.match(rest);
            if (quantifier.hasMatch() && i > 0) {
                out += quantifier.captured();
                i += quantifier.capturedLength() - 1;
                afterQuantifier = true;
                continue;
            }
        }
        if (c == u'$')
            out += QStringLiteral("\\z");
        else if (c == u'.')
            out += QStringLiteral("[^\\n\\r\\x{2028}\\x{2029}]");
        else
            out += c;
        // `a*?` is lazy, not a quantified quantifier: only `*`, `+`, `?` directly after an atom.
        afterQuantifier = (c == u'*' || c == u'+' || c == u'?') && !afterQuantifier;
    }
    return out;
}

} // namespace psm::core::eval
