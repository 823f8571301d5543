// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QByteArray>

namespace psm::core {

// Ledger schema 9: the update and delete triggers that keep the cost summaries (cost_hours and
// cost_rollup, schema 7) exact, rewritten so their work no longer grows with the ledger.
// Schema 7's triggers ended each update and delete with `DELETE ... WHERE calls = 0` over both
// summary tables: a full scan per finished call (bench_costquery, 200,000 calls: 59-89 ms of CPU
// to record one call, against 0.7 ms here).
// Here an update adds the difference between the row as it is and as it was to the summary rows
// it already counts in (their keys cannot change: a BEFORE trigger refuses), and a delete
// subtracts the row and removes only its own summary rows if they fall to zero calls.
//
// Built from the measures' expressions rather than written out, since each one appears for
// NEW and OLD and in eleven summary rows. Frozen with migration 9: a later change to the
// summaries is a new migration, never an edit here.
QByteArray costSummaryTriggersV9();

} // namespace psm::core
