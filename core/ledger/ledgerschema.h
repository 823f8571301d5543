// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"

namespace psm::core {

class SqliteDatabase;

// The ledger's schema as an ordered list of small migrations, one per PRAGMA user_version.
// Ledger::open calls migrate() once per connection; tests call it with a lower target to build
// files as older releases wrote them.
class LedgerSchema final {
public:
    static constexpr int kCurrentVersion = 9;
    // PRAGMA application_id of a ledger file ("PSML"), so another program's database is
    // recognised and left alone.
    static constexpr int kApplicationId = 0x50534d4c;

    // Applies every step above the file's user_version up to `targetVersion`, all in one
    // transaction: a failure leaves the file exactly as it was.
    static Status migrate(SqliteDatabase &db, int targetVersion = kCurrentVersion);
};

} // namespace psm::core
