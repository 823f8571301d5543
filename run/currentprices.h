// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"
#include "core/ledger/pricetable.h"

#include <QString>

namespace psm::run {

// The prices a run would use today: the bundled table, the user's imported LiteLLM file and
// the workspace's `prices:` overrides (none when `workspaceRoot` is empty). One function, so the
// cost dashboard and `promptsmith cost --recompute` / `ledger export` agree. Unlike RunEngine,
// which runs on with a note when the imported file is broken, this fails: a recomputed cost must
// say which prices it used. Any thread.
core::Result<core::PriceTable> currentPrices(const QString &workspaceRoot);

} // namespace psm::run
