// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace psm::core {

enum class DiffKind { Equal, Delete, Insert };

// One step of a character-level diff: Equal and Delete text comes from the old side, Equal and
// Insert text from the new side.
struct TextDiffOp {
    DiffKind kind = DiffKind::Equal;
    QString text;
    bool operator==(const TextDiffOp &) const = default;
};

// One step of a word-level diff. Inline rendering shows the ops in order; side by side puts
// Equal and Delete on the left and Equal and Insert on the right. Within a change, Delete comes
// before Insert.
struct WordDiffOp {
    DiffKind kind = DiffKind::Equal;
    QString text;
    // When a Delete of one word is directly followed by an Insert of one word ("colour" ->
    // "color"), both carry the character-level diff of the old word into the new one, to
    // highlight the change within; empty otherwise.
    QList<TextDiffOp> characters;
};

struct WordDiffSummary {
    // Counted in words (letters/digits, or one CJK character), not whitespace or punctuation.
    // Within a change, paired old and new words count as changed, the surplus as removed/added.
    int wordsAdded = 0;
    int wordsRemoved = 0;
    int wordsChanged = 0;
    // 2 * (characters in Equal ops) / (old length + new length), as difflib's ratio(); 1 when
    // both texts are empty.
    double similarity = 1.0;
};

struct WordDiff {
    QList<WordDiffOp> ops;
    WordDiffSummary summary;
    // The token-level search ran out of budget (texts too different to diff exactly in time), so
    // lines were diffed first and tokens only inside changed line hunks.
    bool lineLevelFallback = false;
};

// Word-level diff of two model outputs, with character-level refinement inside replaced words.
// Minimal at token level (Myers) unless the fallback was taken, then cleaned up for reading.
WordDiff diffWords(QStringView oldText, QStringView newText);

// Character-level (code point) diff, cleaned up the same way.
QList<TextDiffOp> diffCharacters(QStringView oldText, QStringView newText);

// The text of one side of an op list: every op but those that only the other side has.
template <typename Op> QString sideText(const QList<Op> &ops, DiffKind otherSideOnly)
{
    QString text;
    for (const Op &op : ops)
        if (op.kind != otherSideOnly)
            text += op.text;
    return text;
}

// The old or new text an op list was made from: what the left and right panes show.
template <typename Op> QString oldTextOf(const QList<Op> &ops)
{
    return sideText(ops, DiffKind::Insert);
}

template <typename Op> QString newTextOf(const QList<Op> &ops)
{
    return sideText(ops, DiffKind::Delete);
}

} // namespace psm::core
