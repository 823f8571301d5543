// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "run/usagebuckets.h"

#include <algorithm>

namespace psm::run {

core::TokenUsage ledgerBuckets(const core::Usage &usage)
{
    core::TokenUsage t;
    t.cacheRead = usage.cacheReadTokens;
    t.cacheWrite = usage.cacheWriteTokens;
    t.reasoning = usage.reasoningTokens;
    // A provider that reports more cached than total tokens is wrong; clamp rather than store
    // a negative count that would price as a credit.
    if (usage.inputTokens)
        t.inputUncached = std::max<qint64>(0,
            *usage.inputTokens - usage.cacheReadTokens.value_or(0)
                - usage.cacheWriteTokens.value_or(0));
    if (usage.outputTokens)
        t.output = std::max<qint64>(0, *usage.outputTokens - usage.reasoningTokens.value_or(0));
    return t;
}

core::Usage usageFromBuckets(const core::TokenUsage &t)
{
    core::Usage u;
    u.cacheReadTokens = t.cacheRead;
    u.cacheWriteTokens = t.cacheWrite;
    u.reasoningTokens = t.reasoning;
    if (t.inputUncached)
        u.inputTokens = t.promptTokens();
    if (t.output)
        u.outputTokens = *t.output + t.reasoning.value_or(0);
    return u;
}

} // namespace psm::run
