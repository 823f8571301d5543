// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Shared by `promptsmith ledger` and `promptsmith cost`: option parsing and formatting.
#pragma once

#include "app/cli/clicontext.h"
#include "core/ledger/ledger.h"
#include "core/ledger/pricetable.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QString>

#include <optional>

namespace psm::cli {

// "2026-03-01" (midnight UTC) or an ISO 8601 date-time ("2026-03-01T09:30", "...Z",
// "...+02:00"; no offset means UTC). Invalid QDateTime when it is neither.
QDateTime parseSince(const QString &text);

// The ledger at Ledger::defaultPath(), or nullopt when no ledger file exists yet (nothing has
// been recorded, and a read-only command should not create one).
core::Result<std::optional<core::Ledger>> openLedgerIfPresent();

// Today's prices as a run would use them: the bundled table, the imported LiteLLM file, then
// the workspace's `prices:` (the --workspace one, else the one around the current directory).
core::Result<core::PriceTable> todaysPrices(CliContext &context);

// "$0.0123" style: 4 decimals from one cent up, 6 below, so small calls do not print as $0.
QString formatUsd(double usd);

} // namespace psm::cli
