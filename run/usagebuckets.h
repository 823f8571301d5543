// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/chat/chatresult.h"
#include "core/ledger/callrecord.h"

namespace psm::run {

// The providers' normalised Usage overlaps (inputTokens includes cache reads and writes,
// outputTokens includes reasoning); the ledger prices disjoint buckets. Unknown stays unknown:
// no input count gives no uncached bucket, never a guessed 0.
core::TokenUsage ledgerBuckets(const core::Usage &usage);
// The inverse, for answers served from the ledger's cache.
core::Usage usageFromBuckets(const core::TokenUsage &tokens);

} // namespace psm::run
