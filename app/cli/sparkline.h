// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace psm::cli {

// True when the terminal's locale (LC_ALL, else LC_CTYPE, else LANG, as setlocale reads them)
// names UTF-8, so block characters print; otherwise the CLI keeps to ASCII.
bool localeIsUtf8();

// One character per value, scaled to the largest: Unicode eighth blocks, or an ASCII ramp
// (".:-=+*#@") when `unicode` is false. A zero is a space; any spend above zero shows at
// least the lowest mark, so a cheap day never looks like a day without calls. nullopt (a
// bucket whose cost is only unknown) is '?'.
QString sparkline(const QList<std::optional<double>> &values, bool unicode);

} // namespace psm::cli
