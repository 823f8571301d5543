// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "app/cli/ledgercli.h"

#include "core/prompt/partialfiles.h"
#include "core/settings/workspacesettings.h"
#include "run/runengine.h"

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
    auto table = core::PriceTable::bundled();
    if (!table)
        return table;
    const QString userFile = run::RunEngine::userPriceFilePath();
    if (QFileInfo::exists(userFile)) {
        auto user = core::PriceTable::importLiteLlmFile(userFile);
        if (!user)
            return tl::unexpected(user.error());
        table->merge(*user);
    }
    const QString root = context.workspaceOption.isEmpty()
        ? core::workspaceRootFor(QDir::currentPath() + QStringLiteral("/x"))
        : context.workspaceOption;
    if (root.isEmpty())
        return table;
    const core::WorkspaceSettings settings = core::WorkspaceSettings::load(root);
    if (const auto error = settings.sectionError(core::WorkspaceSettings::Section::Prices))
        return tl::unexpected(*error);
    if (auto applied = table->applyOverrides(settings); !applied)
        return tl::unexpected(applied.error());
    return table;
}

QString formatUsd(double usd)
{
    if (usd == 0)
        return QStringLiteral("$0.00");
    return QLatin1Char('$') + QString::number(usd, 'f', usd >= 0.01 ? 4 : 6);
}

} // namespace psm::cli
