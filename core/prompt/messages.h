// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <nlohmann/json.hpp>

#include <string_view>

namespace psm::core::messages {

// Dotprompt's toMessages(): splits rendered text at <<<dotprompt:role:…>>> and
// <<<dotprompt:history>>> markers into messages, turns media and section markers into parts,
// and places `history` (an array of messages, may be null) as insertHistory() does: where
// {{history}} stood, else before the final user message, else at the end.
nlohmann::ordered_json toMessages(std::string_view rendered, const nlohmann::ordered_json &history);

} // namespace psm::core::messages
