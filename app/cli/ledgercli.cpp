// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "app/cli/ledgercli.h"

#include "core/prompt/partialfiles.h"
#include "run/currentprices.h"

#include <QDir>
#include <QFileInfo>
#include <QTimeZone>

namespace psm::cli {

QDateTime parseSince(const QString &text)
{
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (date.isValid() && text.size() == 10)
        return QDateTime(date, QTime(0, 0), QTimeZone::utc());
    QDateTime when = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!when.isValid())
        return {};
    if (when.timeSpec() == Qt::LocalTime)
        when.setTimeZone(QTimeZone::utc());
    return when;
}

core::Result<std::optional<core::Ledger>> openLedgerIfPresent()
{
    const QString path = core::Ledger::defaultPath();
    if (!QFileInfo::exists(path))
        return std::optional<core::Ledger>();
    auto ledger = core::Ledger::open(path);
    if (!ledger)
        return tl::unexpected(ledger.error());
    return std::optional<core::Ledger>(std::move(*ledger));
}

core::Result<core::PriceTable> todaysPrices(CliContext &context)
{
    const QString root = context.workspaceOption.isEmpty()
        ? core::workspaceRootFor(QDir::currentPath() + QStringLiteral("/x"))
        : context.workspaceOption;
    return run::currentPrices(root);
}

QString formatUsd(double usd)
{
    if (usd == 0)
        return QStringLiteral("$0.00");
    return QLatin1Char('$') + QString::number(usd, 'f', usd >= 0.01 ? 4 : 6);
}

} // namespace psm::cli
