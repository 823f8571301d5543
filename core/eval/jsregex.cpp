// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/eval/jsregex.h"

#include <QRegularExpression>

namespace psm::core::eval {

namespace {

// Letters JavaScript gives a meaning after `\` outside unicode mode; any other letter is itself.
bool isJsEscapeLetter(QChar c)
{
    return QStringView(u"dDwWsSbBnrtfvcxuk").contains(c);
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
            const QChar next = pattern.at(++i);
            if (next.isLetter() && next.unicode() < 128 && !isJsEscapeLetter(next))
                out += QRegularExpression::escape(QString(next));
            else
                out += QStringLiteral("\\") + next;
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
                // Copy the class as written; only escapes need care to find its end.
                qsizetype j = i + 1;
                if (j < pattern.size() && pattern.at(j) == u'^')
                    ++j;
                while (j < pattern.size() && pattern.at(j) != u']')
                    j += pattern.at(j) == u'\\' ? 2 : 1;
                out += pattern.mid(i, j - i + 1);
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
