// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Internal to the ledger: reading one model's prices from our format and from LiteLLM's.
#pragma once

#include "core/common/result.h"
#include "core/ledger/pricetable.h"

#include <nlohmann/json.hpp>

#include <optional>

namespace psm::core {

// Our entry format, per million tokens: input, output (both required), cache_read,
// cache_write, reasoning, tiers: [{above_prompt_tokens, ...}], the shorthand above_200k: {...},
// and aliases (read by the caller). Unknown keys are errors, so a typo never silently prices a
// bucket at a fallback. `where` prefixes messages.
Result<ModelPrice> parseModelPrice(const nlohmann::json &entry, const QString &where);

// One LiteLLM entry; nullopt when it has no per-token input or output price.
std::optional<ModelPrice> modelPriceFromLiteLlm(const nlohmann::json &entry);

// LiteLLM's provider ids mapped to ours where they differ (ollama_chat -> ollama, ...).
QString providerFromLiteLlm(const QString &litellmProvider);

// For "above_200k" style keys: the token threshold, or 0 when `key` is not one.
qint64 tierThresholdFromKey(const QString &key);

} // namespace psm::core
