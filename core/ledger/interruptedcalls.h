// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"

#include <QDateTime>

namespace psm::core {

class SqliteDatabase;

// Calls left `running` by a process that ended before they finished (the app quit or crashed
// mid-call, a CLI run was killed) would show as running, at an unknown cost, forever.
// Ledger::open calls this after migrating: every such row whose writer (see ProcessIdentity)
// ran on this machine and is no longer alive becomes `cancelled`, with an error saying it was
// interrupted. Rows of live processes and of other machines are left alone. Rows written before
// schema version 5 name no writer; they are marked only once they are older than a day, which
// no call lasts. Returns how many rows were marked.
Result<int> markInterruptedCalls(SqliteDatabase &db, const QDateTime &now = {});

} // namespace psm::core
