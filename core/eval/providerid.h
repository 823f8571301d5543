// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QString>

#include <optional>

// Model ids in eval sets: ours (`openai/gpt-4o-mini`) and promptfoo's
// (`openai:chat:gpt-4o-mini`, `anthropic:messages:claude-...`, `ollama:chat:llama3.2`,
// `google:gemini-...`, `echo`), normalised to ours so a column means the same model either way.
namespace psm::core::eval {

// `provider/model`, or nullopt (with `error` set) for an id we cannot map.
std::optional<QString> normaliseProviderId(const QString &id, QString *error);

} // namespace psm::core::eval
