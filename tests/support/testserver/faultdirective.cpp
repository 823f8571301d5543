// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "tests/support/testserver/faultdirective.h"

#include <QStringList>

namespace psm::testsupport {

FaultDirective FaultDirective::parse(const QString &text, QString *error)
{
    FaultDirective fault;
    const QStringList items = text.split(QLatin1Char(';'), Qt::SkipEmptyParts);
    for (const QString &raw : items) {
        const QString item = raw.trimmed();
        const qsizetype eq = item.indexOf(QLatin1Char('='));
        const QString key = eq < 0 ? item : item.left(eq).trimmed();
        const QString value = eq < 0 ? QString() : item.mid(eq + 1).trimmed();
        const int number = value.toInt();
        if (key == QLatin1String("status"))
            fault.status = number;
        else if (key == QLatin1String("retry-after"))
            fault.retryAfter = value.toUtf8();
        else if (key == QLatin1String("retry-after-date"))
            fault.retryAfterDateS = number;
        else if (key == QLatin1String("latency"))
            fault.latencyMs = number;
        else if (key == QLatin1String("stall"))
            fault.stall = true;
        else if (key == QLatin1String("stall-after"))
            fault.stallAfter = number;
        else if (key == QLatin1String("cut-after"))
            fault.cutAfter = number;
        else if (key == QLatin1String("malformed-at"))
            fault.malformedAt = number;
        else if (key == QLatin1String("chunk-delay"))
            fault.chunkDelayMs = number;
        else if (key == QLatin1String("large"))
            fault.largeBytes = value.toLongLong();
        else if (key == QLatin1String("stream-error"))
            fault.streamError = true;
        else if (key == QLatin1String("close"))
            fault.close = true;
        else if (error)
            *error = QStringLiteral("unknown fault directive '%1'").arg(key);
    }
    return fault;
}

} // namespace psm::testsupport
