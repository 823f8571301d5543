// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/chat/chatrequest.h"
#include "providers/providersettings.h"

#include <QString>

#include <nlohmann/json.hpp>

namespace psm::run {

using providers::ProviderSettings;

// The provider-bound request as canonical JSON (sorted keys): provider type, base URL, model,
// system, messages, parameters, schema, tools. Never the key, never headers (they may carry
// secrets), never the provider's name (renaming an entry does not change what is asked).
nlohmann::json canonicalRequest(const ProviderSettings &settings, const core::ChatRequest &request);
// The parameters as the ledger shows them (the ChatParams that are set, plus extra).
nlohmann::ordered_json requestParameters(const core::ChatParams &params);
// "sha256:<hex>" of the canonical request and the sample index: repeats are distinct samples,
// so `--repeat 5 --cache` reuses five earlier answers rather than one.
QString requestHash(const ProviderSettings &settings, const core::ChatRequest &request, int sample);
// "sha256:<hex>" of a call's template variables as canonical JSON (sorted keys), recorded with
// each grid cell so a grid reopened from the ledger can tell which inputs its rows were (an
// eval set's tests, say) without keeping the variables themselves.
QString inputHash(const nlohmann::ordered_json &vars);

} // namespace psm::run
