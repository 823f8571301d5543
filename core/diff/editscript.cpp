// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/diff/editscript.h"

#include <algorithm>

namespace psm::core {

std::vector<EditBlock> editBlocksFromMarks(
    const std::vector<char> &removed, const std::vector<char> &added)
{
    std::vector<EditBlock> blocks;
    const int n = int(removed.size());
    const int m = int(added.size());
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
        const int oldBegin = i;
        const int newBegin = j;
        if (i < n && j < m && !removed[i] && !added[j]) {
            while (i < n && j < m && !removed[i] && !added[j]) {
                ++i;
                ++j;
            }
            blocks.push_back(EditBlock { true, oldBegin, i, newBegin, j });
            continue;
        }
        while (i < n && removed[i])
            ++i;
        while (j < m && added[j])
            ++j;
        // Unmarked units left on one side only cannot be matched; consistent marks never do
        // this, but a change block keeps the script lossless if they ever did.
        if (i == oldBegin && j == newBegin) {
            i = n;
            j = m;
        }
        blocks.push_back(EditBlock { false, oldBegin, i, newBegin, j });
    }
    return blocks;
}

std::vector<EditBlock> mergeShortEqualities(const std::vector<EditBlock> &blocks,
    std::span<const qsizetype> oldOffsets, std::span<const qsizetype> newOffsets)
{
    const auto oldLength
        = [&](const EditBlock &b) { return oldOffsets[b.oldEnd] - oldOffsets[b.oldBegin]; };
    const auto changeSize = [&](const EditBlock &b) {
        return std::max(oldLength(b), newOffsets[b.newEnd] - newOffsets[b.newBegin]);
    };

    // A stack: each change that arrives may swallow the equality before it, and the merged change
    // may then swallow the one before that, as diff-match-patch does by stepping back.
    std::vector<EditBlock> out;
    out.reserve(blocks.size());
    for (const EditBlock &block : blocks) {
        if (!block.equal && !out.empty() && !out.back().equal) {
            out.back().oldEnd = block.oldEnd;
            out.back().newEnd = block.newEnd;
        } else {
            out.push_back(block);
        }
        while (out.size() >= 3) {
            const EditBlock &right = out[out.size() - 1];
            const EditBlock &middle = out[out.size() - 2];
            const EditBlock &left = out[out.size() - 3];
            if (right.equal || !middle.equal || left.equal)
                break;
            const qsizetype equalLength = oldLength(middle);
            if (equalLength > changeSize(left) || equalLength > changeSize(right))
                break;
            const EditBlock merged { false, left.oldBegin, right.oldEnd, left.newBegin,
                right.newEnd };
            out.resize(out.size() - 3);
            out.push_back(merged);
        }
    }
    return out;
}

} // namespace psm::core
