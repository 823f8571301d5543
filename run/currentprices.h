// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"
#include "core/ledger/pricetable.h"

#include <QString>

namespace psm::ui {

// The prices a run would use today: the bundled table, the user's imported LiteLLM file and
// the workspace's `prices:` overrides (none when `workspaceRoot` is empty). The same table
// `promptsmith cost --recompute` uses, so the window and the CLI agree. Any thread.
core::Result<core::PriceTable> currentPrices(const QString &workspaceRoot);

} // namespace psm::ui
