// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"
#include "run/costestimate.h"

namespace psm::core {
class Ledger;
}

namespace psm::run {

// What the ledger knows for a plan's estimate: the output tokens of earlier ok, uncached calls
// of the same prompt and model, and (with `useCache`) which planned requests it would serve.
// Reads the ledger on the calling thread: for the CLI's --dry-run or a ledger-thread task.
core::Result<CostEvidence> costEvidenceFromLedger(
    const core::Ledger &ledger, const RunPlan &plan, bool useCache);

} // namespace psm::run
