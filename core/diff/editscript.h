// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QtGlobal>

#include <span>
#include <vector>

namespace psm::core {

// A stretch of an edit script over two unit sequences (tokens, lines or code points): either
// equal units, or a change that replaces old[oldBegin, oldEnd) by new[newBegin, newEnd) (either
// range may be empty). Blocks alternate, equal and change, and cover both sequences in order.
struct EditBlock {
    bool equal = false;
    int oldBegin = 0;
    int oldEnd = 0;
    int newBegin = 0;
    int newEnd = 0;
};

// Groups MyersDiff's marks into alternating blocks.
std::vector<EditBlock> editBlocksFromMarks(
    const std::vector<char> &removed, const std::vector<char> &added);

// diff-match-patch's semantic cleanup: an equality no longer (in characters) than the changes on
// both sides of it is folded into them, so "the quick" -> "a slow" reads as one replacement
// rather than two around a shared space. `oldOffsets`/`newOffsets` hold each unit's character
// offset plus one final entry, so a range's length is offsets[end] - offsets[begin].
std::vector<EditBlock> mergeShortEqualities(const std::vector<EditBlock> &blocks,
    std::span<const qsizetype> oldOffsets, std::span<const qsizetype> newOffsets);

} // namespace psm::core
