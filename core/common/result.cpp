// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/common/result.h"

namespace psm::core {

QString Error::toString() const
{
    QString where;
    if (!file.isEmpty()) {
        where = file;
        if (line > 0) {
            where += QLatin1Char(':') + QString::number(line);
            if (column > 0)
                where += QLatin1Char(':') + QString::number(column);
        }
        where += QStringLiteral(": ");
    }
    QString text = where + message;
    if (!detail.isEmpty())
        text += QStringLiteral(" (") + detail + QLatin1Char(')');
    return text;
}

} // namespace psm::core
