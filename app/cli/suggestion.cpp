// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "app/cli/suggestion.h"

#include <algorithm>
#include <vector>

namespace psm::cli {
namespace {

// Optimal string alignment distance: Levenshtein plus the swap of two neighbours, the most
// common typing slip ("stauts").
qsizetype editDistance(const QString &a, const QString &b)
{
    const qsizetype n = a.size();
    const qsizetype m = b.size();
    std::vector<std::vector<qsizetype>> d(n + 1, std::vector<qsizetype>(m + 1));
    for (qsizetype i = 0; i <= n; ++i)
        d[i][0] = i;
    for (qsizetype j = 0; j <= m; ++j)
        d[0][j] = j;
    for (qsizetype i = 1; i <= n; ++i) {
        for (qsizetype j = 1; j <= m; ++j) {
            const qsizetype cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({ d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost });
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[n][m];
}

} // namespace

QString closestMatch(const QString &typed, const QStringList &known)
{
    const QString word = typed.toLower();
    QString best;
    qsizetype bestDistance = std::max<qsizetype>(1, word.size() / 3) + 1;
    for (const QString &candidate : known) {
        const qsizetype distance = editDistance(word, candidate);
        if (distance < bestDistance) {
            best = candidate;
            bestDistance = distance;
        }
    }
    if (!best.isEmpty() || word.size() < 2)
        return best;
    QStringList prefixed;
    for (const QString &candidate : known) {
        if (candidate.startsWith(word))
            prefixed << candidate;
    }
    return prefixed.size() == 1 ? prefixed.first() : QString();
}

} // namespace psm::cli
