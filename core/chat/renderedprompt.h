// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/chat/chatrequest.h"
#include "core/common/result.h"

#include <nlohmann/json.hpp>

namespace psm::core {

// Converts a Dotprompt rendered prompt — {model?, config?, output?: {schema}, tools?/toolDefs?,
// messages: [{role, content: [{text} | {media: {url, contentType}} | {toolRequest} |
// {toolResponse}]}]} — into a ChatRequest. System messages are joined into `system`; known
// `config` keys become ChatParams, the rest go to `extra`. `model` is left as written (a
// `provider/model` reference); the caller resolves it. Errors name the JSON path at fault.
Result<ChatRequest> chatRequestFromRenderedPrompt(const nlohmann::ordered_json &rendered);

} // namespace psm::core
