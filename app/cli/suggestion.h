// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QString>
#include <QStringList>

namespace psm::cli {

// The word of `known` the user most likely meant by `typed`: the one a typo away (at most one
// edit per three letters, a swap of neighbours counting as one edit), else the only one `typed`
// starts. Empty when nothing is close enough to be worth suggesting.
QString closestMatch(const QString &typed, const QStringList &known);

} // namespace psm::cli
