// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QList>
#include <QStringView>

namespace psm::core {

enum class WordTokenKind {
    Word, // letters, digits and marks (with inner apostrophes); one CJK ideograph or kana
    Whitespace, // a run of blanks other than line breaks
    LineBreak, // "\n", "\r\n" or a lone "\r"
    Symbol, // one punctuation mark, symbol or emoji (with its combining marks and ZWJ joins)
};

// A token is a slice of the text it came from; the tokens of a text cover it exactly, in order.
struct WordToken {
    WordTokenKind kind = WordTokenKind::Word;
    qsizetype offset = 0;
    qsizetype length = 0;
};

// Splits text so that a changed word is one changed token. Fixed rules rather than ICU's UAX #29
// so the result does not depend on the platform's ICU; CJK scripts have no spaces between words,
// so each ideograph or kana is a token of its own (UAX #29 splits ideographs and hiragana too).
QList<WordToken> tokenizeWords(QStringView text);

} // namespace psm::core
