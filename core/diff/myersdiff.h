// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QtGlobal>

#include <span>
#include <vector>

namespace psm::core {

// Myers' O((N+M)·D) difference algorithm with the linear-space middle-snake refinement, on two
// sequences of integers (interned tokens, lines or code points). It marks the elements outside a
// longest common subsequence: removed ones in the old sequence, added ones in the new, the way
// GNU diff's diffseq.h does. Each call gets a work budget so that two unrelated 100 KB texts
// cannot take quadratic time; the caller decides what to do when it runs out. Not thread-safe;
// the sequences must outlive the object.
class MyersDiff final {
public:
    MyersDiff(std::span<const int> oldSeq, std::span<const int> newSeq);

    // Marks a shortest edit script between oldSeq[oldBegin, oldEnd) and newSeq[newBegin, newEnd).
    // Returns false when that takes more than `budget` steps (snake moves and diagonals visited);
    // the range is then left unmarked.
    bool compare(int oldBegin, int oldEnd, int newBegin, int newEnd, qint64 budget);
    // Marks the whole of both ranges as changed: one replacement, for when compare() gave up.
    void markReplaced(int oldBegin, int oldEnd, int newBegin, int newEnd);

    const std::vector<char> &removed() const { return m_removed; }
    const std::vector<char> &added() const { return m_added; }
    // Work done by all calls so far, in the unit of the budget.
    qint64 steps() const { return m_steps; }

private:
    bool compareRange(int xoff, int xlim, int yoff, int ylim);
    bool findMiddleSnake(int xoff, int xlim, int yoff, int ylim, int &xmid, int &ymid);

    std::span<const int> m_old;
    std::span<const int> m_new;
    std::vector<char> m_removed;
    std::vector<char> m_added;
    // Furthest-reaching x per diagonal k = x - y, forward and backward, offset so k can be < 0.
    std::vector<int> m_forward;
    std::vector<int> m_backward;
    int m_diagonalOffset = 0;
    qint64 m_steps = 0;
    qint64 m_stepLimit = 0;
};

} // namespace psm::core
