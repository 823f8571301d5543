// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/diff/myersdiff.h"

#include <algorithm>
#include <climits>

namespace psm::core {

MyersDiff::MyersDiff(std::span<const int> oldSeq, std::span<const int> newSeq)
    : m_old(oldSeq)
    , m_new(newSeq)
    , m_removed(oldSeq.size(), 0)
    , m_added(newSeq.size(), 0)
    // Diagonals run from -M to N; one sentinel on each side.
    , m_forward(oldSeq.size() + newSeq.size() + 3)
    , m_backward(oldSeq.size() + newSeq.size() + 3)
    , m_diagonalOffset(int(newSeq.size()) + 1)
{
}

bool MyersDiff::compare(int oldBegin, int oldEnd, int newBegin, int newEnd, qint64 budget)
{
    m_stepLimit = m_steps + budget;
    if (compareRange(oldBegin, oldEnd, newBegin, newEnd))
        return true;
    std::fill(m_removed.begin() + oldBegin, m_removed.begin() + oldEnd, 0);
    std::fill(m_added.begin() + newBegin, m_added.begin() + newEnd, 0);
    return false;
}

void MyersDiff::markReplaced(int oldBegin, int oldEnd, int newBegin, int newEnd)
{
    std::fill(m_removed.begin() + oldBegin, m_removed.begin() + oldEnd, 1);
    std::fill(m_added.begin() + newBegin, m_added.begin() + newEnd, 1);
}

bool MyersDiff::compareRange(int xoff, int xlim, int yoff, int ylim)
{
    // Common prefix and suffix cost nothing to match and make the search box smaller.
    while (xoff < xlim && yoff < ylim && m_old[xoff] == m_new[yoff]) {
        ++xoff;
        ++yoff;
    }
    while (xoff < xlim && yoff < ylim && m_old[xlim - 1] == m_new[ylim - 1]) {
        --xlim;
        --ylim;
    }
    m_steps += 1;
    if (xoff == xlim) {
        std::fill(m_added.begin() + yoff, m_added.begin() + ylim, 1);
        return true;
    }
    if (yoff == ylim) {
        std::fill(m_removed.begin() + xoff, m_removed.begin() + xlim, 1);
        return true;
    }
    int xmid = 0;
    int ymid = 0;
    if (!findMiddleSnake(xoff, xlim, yoff, ylim, xmid, ymid))
        return false;
    // Both halves are strictly smaller: after trimming, D >= 2 and each half holds about D/2.
    return compareRange(xoff, xmid, yoff, ymid) && compareRange(xmid, xlim, ymid, ylim);
}

// The search of Myers (1986), section 4b, in the form of GNU diffseq.h's diag() without its
// heuristics: extend D-paths from both corners until they overlap; the overlap is on an optimal
// path, so splitting there and recursing finds a shortest edit script in linear space.
bool MyersDiff::findMiddleSnake(int xoff, int xlim, int yoff, int ylim, int &xmid, int &ymid)
{
    int *const fd = m_forward.data() + m_diagonalOffset;
    int *const bd = m_backward.data() + m_diagonalOffset;
    const int dmin = xoff - ylim;
    const int dmax = xlim - yoff;
    const int fmid = xoff - yoff;
    const int bmid = xlim - ylim;
    int fmin = fmid;
    int fmax = fmid;
    int bmin = bmid;
    int bmax = bmid;
    // Whether the two searches meet on a forward step (odd delta) or a backward one.
    const bool odd = ((fmid - bmid) & 1) != 0;
    fd[fmid] = xoff;
    bd[bmid] = xlim;

    for (;;) {
        if (fmin > dmin)
            fd[--fmin - 1] = -1;
        else
            ++fmin;
        if (fmax < dmax)
            fd[++fmax + 1] = -1;
        else
            --fmax;
        for (int d = fmax; d >= fmin; d -= 2) {
            const int tlo = fd[d - 1];
            const int thi = fd[d + 1];
            int x = tlo >= thi ? tlo + 1 : thi;
            int y = x - d;
            const int x0 = x;
            while (x < xlim && y < ylim && m_old[x] == m_new[y]) {
                ++x;
                ++y;
            }
            m_steps += 1 + (x - x0);
            fd[d] = x;
            if (odd && bmin <= d && d <= bmax && bd[d] <= x) {
                xmid = x;
                ymid = y;
                return true;
            }
        }

        if (bmin > dmin)
            bd[--bmin - 1] = INT_MAX;
        else
            ++bmin;
        if (bmax < dmax)
            bd[++bmax + 1] = INT_MAX;
        else
            --bmax;
        for (int d = bmax; d >= bmin; d -= 2) {
            const int tlo = bd[d - 1];
            const int thi = bd[d + 1];
            int x = tlo < thi ? tlo : thi - 1;
            int y = x - d;
            const int x0 = x;
            while (x > xoff && y > yoff && m_old[x - 1] == m_new[y - 1]) {
                --x;
                --y;
            }
            m_steps += 1 + (x0 - x);
            bd[d] = x;
            if (!odd && fmin <= d && d <= fmax && x <= fd[d]) {
                xmid = x;
                ymid = y;
                return true;
            }
        }

        if (m_steps > m_stepLimit)
            return false;
    }
}

} // namespace psm::core
