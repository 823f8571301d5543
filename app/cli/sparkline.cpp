// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "app/cli/sparkline.h"

#include <algorithm>
#include <cmath>

namespace psm::cli {

bool localeIsUtf8()
{
    for (const char *name : { "LC_ALL", "LC_CTYPE", "LANG" }) {
        const QString value = qEnvironmentVariable(name);
        if (value.isEmpty())
            continue;
        const QString lower = value.toLower();
        return lower.contains(QLatin1String("utf-8")) || lower.contains(QLatin1String("utf8"));
    }
    return false;
}

QString sparkline(const QList<std::optional<double>> &values, bool unicode)
{
    static const char16_t kBlocks[] = u"▁▂▃▄▅▆▇█";
    static const char kAscii[] = ".:-=+*#@";
    constexpr int kLevels = 8;
    double max = 0;
    for (const auto &v : values)
        max = std::max(max, v.value_or(0));
    QString line;
    for (const auto &v : values) {
        if (!v) {
            line += QLatin1Char('?');
            continue;
        }
        if (*v <= 0 || max <= 0) {
            line += QLatin1Char(' ');
            continue;
        }
        const int level = std::clamp(int(std::ceil(*v / max * kLevels)) - 1, 0, kLevels - 1);
        line += unicode ? QChar(kBlocks[level]) : QChar(QLatin1Char(kAscii[level]));
    }
    return line;
}

} // namespace psm::cli
