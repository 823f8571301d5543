// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/diff/wordtokenizer.h"

#include <QChar>

namespace psm::core {
namespace {

struct CodePoint {
    char32_t value = 0;
    qsizetype size = 0; // in UTF-16 units
};

// A lone surrogate is kept as one unit so that malformed text still tokenizes losslessly.
CodePoint codePointAt(QStringView text, qsizetype i)
{
    const QChar c = text[i];
    if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate())
        return { QChar::surrogateToUcs4(c, text[i + 1]), 2 };
    return { c.unicode(), 1 };
}

bool isCjk(char32_t cp)
{
    const QChar::Script script = QChar::script(cp);
    return script == QChar::Script_Han || script == QChar::Script_Hiragana
        || script == QChar::Script_Katakana;
}

bool isMark(char32_t cp)
{
    const QChar::Category category = QChar::category(cp);
    return category == QChar::Mark_NonSpacing || category == QChar::Mark_SpacingCombining
        || category == QChar::Mark_Enclosing;
}

bool isEmojiModifier(char32_t cp)
{
    return cp >= 0x1F3FB && cp <= 0x1F3FF;
}

bool isWordChar(char32_t cp)
{
    return !isCjk(cp) && (QChar::isLetterOrNumber(cp) || isMark(cp) || cp == U'_');
}

bool isApostrophe(char32_t cp)
{
    return cp == U'\'' || cp == U'\u2019';
}

bool isBlank(char32_t cp)
{
    return cp != U'\n' && cp != U'\r' && QChar::isSpace(cp);
}

// Marks (accents, kana voicing, variation selectors) and emoji modifiers belong to what precedes
// them, and a zero-width joiner glues the next code point on (family and profession emoji).
qsizetype skipAttached(QStringView text, qsizetype i)
{
    while (i < text.size()) {
        const CodePoint next = codePointAt(text, i);
        if (isMark(next.value) || isEmojiModifier(next.value)) {
            i += next.size;
        } else if (next.value == U'\u200D' && i + 1 < text.size()) {
            i += next.size;
            i += codePointAt(text, i).size;
        } else {
            break;
        }
    }
    return i;
}

} // namespace

QList<WordToken> tokenizeWords(QStringView text)
{
    QList<WordToken> tokens;
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        const qsizetype start = i;
        const CodePoint cp = codePointAt(text, i);
        WordTokenKind kind = WordTokenKind::Word;
        if (cp.value == U'\r' || cp.value == U'\n') {
            kind = WordTokenKind::LineBreak;
            i += 1;
            if (cp.value == U'\r' && i < n && text[i] == u'\n')
                i += 1;
        } else if (isBlank(cp.value)) {
            kind = WordTokenKind::Whitespace;
            while (i < n && isBlank(codePointAt(text, i).value))
                i += codePointAt(text, i).size;
        } else if (isCjk(cp.value)) {
            i = skipAttached(text, i + cp.size);
        } else if (isWordChar(cp.value)) {
            i += cp.size;
            while (i < n) {
                const CodePoint next = codePointAt(text, i);
                if (isWordChar(next.value)) {
                    i += next.size;
                    continue;
                }
                // "don't" and "l’homme" are one word; a quote at either end is not part of it.
                const qsizetype after = i + next.size;
                if (isApostrophe(next.value) && after < n
                    && isWordChar(codePointAt(text, after).value)) {
                    i = after;
                    continue;
                }
                break;
            }
        } else {
            kind = WordTokenKind::Symbol;
            i = skipAttached(text, i + cp.size);
        }
        tokens.append(WordToken { kind, start, i - start });
    }
    return tokens;
}

} // namespace psm::core
