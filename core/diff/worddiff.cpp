// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/diff/worddiff.h"

#include "core/diff/editscript.h"
#include "core/diff/myersdiff.h"
#include "core/diff/wordtokenizer.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace psm::core {
namespace {

// Work budgets in MyersDiff steps (a few nanoseconds each). The token budget lets a 100 KB output
// with thousands of scattered edits diff exactly; two unrelated outputs exhaust it in a few
// milliseconds and go through lines instead (tests/bench/bench_worddiff measures all three).
constexpr qint64 kTokenBudget = 4'000'000;
constexpr qint64 kLineBudget = 3'000'000;
constexpr qint64 kHunkBudget = 4'000'000;
constexpr qint64 kCharacterBudget = 1'000'000;

// Interned text slices. std::hash over u16string_view is several times faster than qHash over
// QStringView here (Qt 6.4 seeds and mixes more), and interning is most of an easy diff's time.
using Dictionary = std::unordered_map<std::u16string_view, int>;

int intern(Dictionary &dictionary, QStringView view)
{
    const std::u16string_view key(
        reinterpret_cast<const char16_t *>(view.utf16()), size_t(view.size()));
    return dictionary.try_emplace(key, int(dictionary.size())).first->second;
}

// A text as a sequence of interned units, with each unit's offset and a final end offset.
struct Units {
    std::vector<int> ids;
    std::vector<qsizetype> offsets;
};

Units internTokens(QStringView text, const QList<WordToken> &tokens, Dictionary &dictionary)
{
    Units units;
    units.ids.reserve(tokens.size());
    units.offsets.reserve(tokens.size() + 1);
    for (const WordToken &token : tokens) {
        units.ids.push_back(intern(dictionary, text.sliced(token.offset, token.length)));
        units.offsets.push_back(token.offset);
    }
    units.offsets.push_back(text.size());
    return units;
}

Units codePoints(QStringView text)
{
    Units units;
    for (qsizetype i = 0; i < text.size();) {
        units.offsets.push_back(i);
        const QChar c = text[i];
        if (c.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            units.ids.push_back(int(QChar::surrogateToUcs4(c, text[i + 1])));
            i += 2;
        } else {
            units.ids.push_back(c.unicode());
            i += 1;
        }
    }
    units.offsets.push_back(text.size());
    return units;
}

QString sliceOf(QStringView text, const Units &units, int begin, int end)
{
    return text.sliced(units.offsets[begin], units.offsets[end] - units.offsets[begin]).toString();
}

// Token index at which each line starts, plus the token count: a line ends after its break.
std::vector<int> lineStarts(const QList<WordToken> &tokens)
{
    std::vector<int> starts { 0 };
    for (int i = 0; i < tokens.size(); ++i)
        if (tokens[i].kind == WordTokenKind::LineBreak && i + 1 < tokens.size())
            starts.push_back(i + 1);
    if (!tokens.isEmpty())
        starts.push_back(int(tokens.size()));
    return starts;
}

std::vector<int> lineIds(
    QStringView text, const Units &tokens, const std::vector<int> &starts, Dictionary &dictionary)
{
    std::vector<int> ids;
    for (size_t line = 0; line + 1 < starts.size(); ++line) {
        const qsizetype begin = tokens.offsets[starts[line]];
        ids.push_back(
            intern(dictionary, text.sliced(begin, tokens.offsets[starts[line + 1]] - begin)));
    }
    return ids;
}

// The fallback when the token-level search is too expensive: diff lines, then tokens inside
// each changed hunk with what is left of a budget; a hunk that still cannot be afforded (or
// that is the whole text again) becomes a plain replacement.
void diffLinesThenTokens(MyersDiff &tokenDiff, QStringView oldText, QStringView newText,
    const QList<WordToken> &oldTokens, const QList<WordToken> &newTokens, const Units &oldUnits,
    const Units &newUnits)
{
    const std::vector<int> oldStarts = lineStarts(oldTokens);
    const std::vector<int> newStarts = lineStarts(newTokens);
    Dictionary dictionary;
    const std::vector<int> oldLines = lineIds(oldText, oldUnits, oldStarts, dictionary);
    const std::vector<int> newLines = lineIds(newText, newUnits, newStarts, dictionary);
    MyersDiff lineDiff(oldLines, newLines);
    if (!lineDiff.compare(0, int(oldLines.size()), 0, int(newLines.size()), kLineBudget))
        lineDiff.markReplaced(0, int(oldLines.size()), 0, int(newLines.size()));

    const int oldCount = int(oldTokens.size());
    const int newCount = int(newTokens.size());
    const qint64 hunkLimit = tokenDiff.steps() + kHunkBudget;
    for (const EditBlock &hunk : editBlocksFromMarks(lineDiff.removed(), lineDiff.added())) {
        if (hunk.equal)
            continue;
        const int oldBegin = oldStarts[hunk.oldBegin];
        const int oldEnd = oldStarts[hunk.oldEnd];
        const int newBegin = newStarts[hunk.newBegin];
        const int newEnd = newStarts[hunk.newEnd];
        const bool wholeText
            = oldBegin == 0 && oldEnd == oldCount && newBegin == 0 && newEnd == newCount;
        const qint64 left = hunkLimit - tokenDiff.steps();
        if (wholeText || left <= 0 || !tokenDiff.compare(oldBegin, oldEnd, newBegin, newEnd, left))
            tokenDiff.markReplaced(oldBegin, oldEnd, newBegin, newEnd);
    }
}

int countWords(const QList<WordToken> &tokens, int begin, int end)
{
    return int(std::count_if(tokens.begin() + begin, tokens.begin() + end,
        [](const WordToken &t) { return t.kind == WordTokenKind::Word; }));
}

bool isSingleWord(const QList<WordToken> &tokens, int begin, int end)
{
    return end - begin == 1 && tokens[begin].kind == WordTokenKind::Word;
}

} // namespace

WordDiff diffWords(QStringView oldText, QStringView newText)
{
    const QList<WordToken> oldTokens = tokenizeWords(oldText);
    const QList<WordToken> newTokens = tokenizeWords(newText);
    Dictionary dictionary;
    dictionary.reserve(size_t(oldTokens.size() + newTokens.size()) / 4);
    const Units oldUnits = internTokens(oldText, oldTokens, dictionary);
    const Units newUnits = internTokens(newText, newTokens, dictionary);

    WordDiff result;
    MyersDiff tokenDiff(oldUnits.ids, newUnits.ids);
    if (!tokenDiff.compare(0, int(oldTokens.size()), 0, int(newTokens.size()), kTokenBudget)) {
        result.lineLevelFallback = true;
        diffLinesThenTokens(tokenDiff, oldText, newText, oldTokens, newTokens, oldUnits, newUnits);
    }
    const std::vector<EditBlock> blocks
        = mergeShortEqualities(editBlocksFromMarks(tokenDiff.removed(), tokenDiff.added()),
            oldUnits.offsets, newUnits.offsets);

    qsizetype equalCharacters = 0;
    for (const EditBlock &block : blocks) {
        if (block.equal) {
            WordDiffOp op { DiffKind::Equal,
                sliceOf(oldText, oldUnits, block.oldBegin, block.oldEnd), {} };
            equalCharacters += op.text.size();
            result.ops.append(std::move(op));
            continue;
        }
        const int removedWords = countWords(oldTokens, block.oldBegin, block.oldEnd);
        const int addedWords = countWords(newTokens, block.newBegin, block.newEnd);
        const int paired = std::min(removedWords, addedWords);
        result.summary.wordsChanged += paired;
        result.summary.wordsRemoved += removedWords - paired;
        result.summary.wordsAdded += addedWords - paired;

        WordDiffOp removal { DiffKind::Delete,
            sliceOf(oldText, oldUnits, block.oldBegin, block.oldEnd), {} };
        WordDiffOp addition { DiffKind::Insert,
            sliceOf(newText, newUnits, block.newBegin, block.newEnd), {} };
        if (isSingleWord(oldTokens, block.oldBegin, block.oldEnd)
            && isSingleWord(newTokens, block.newBegin, block.newEnd)) {
            removal.characters = diffCharacters(removal.text, addition.text);
            addition.characters = removal.characters;
        }
        if (!removal.text.isEmpty())
            result.ops.append(std::move(removal));
        if (!addition.text.isEmpty())
            result.ops.append(std::move(addition));
    }
    const qsizetype total = oldText.size() + newText.size();
    result.summary.similarity = total == 0 ? 1.0 : 2.0 * double(equalCharacters) / double(total);
    return result;
}

QList<TextDiffOp> diffCharacters(QStringView oldText, QStringView newText)
{
    const Units oldUnits = codePoints(oldText);
    const Units newUnits = codePoints(newText);
    const int oldCount = int(oldUnits.ids.size());
    const int newCount = int(newUnits.ids.size());
    MyersDiff diff(oldUnits.ids, newUnits.ids);
    if (!diff.compare(0, oldCount, 0, newCount, kCharacterBudget))
        diff.markReplaced(0, oldCount, 0, newCount);

    QList<TextDiffOp> ops;
    for (const EditBlock &block :
        mergeShortEqualities(editBlocksFromMarks(diff.removed(), diff.added()), oldUnits.offsets,
            newUnits.offsets)) {
        if (block.equal) {
            ops.append(
                { DiffKind::Equal, sliceOf(oldText, oldUnits, block.oldBegin, block.oldEnd) });
            continue;
        }
        if (block.oldEnd > block.oldBegin)
            ops.append(
                { DiffKind::Delete, sliceOf(oldText, oldUnits, block.oldBegin, block.oldEnd) });
        if (block.newEnd > block.newBegin)
            ops.append(
                { DiffKind::Insert, sliceOf(newText, newUnits, block.newBegin, block.newEnd) });
    }
    return ops;
}

} // namespace psm::core
