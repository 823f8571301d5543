// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>

namespace psm::core {

// Expands Picoschema (Dotprompt's compact schema notation) to JSON Schema, as the reference
// PicoschemaParser does; JSON Schema input passes through. Named types resolve through
// `resolver` (the engine's schema registry). Used by PromptEngine for input/output schemas.
class Picoschema final {
public:
    using Json = nlohmann::ordered_json;
    using Resolver = std::function<std::optional<Json>(const std::string &name)>;

    explicit Picoschema(Resolver resolver = {}) : m_resolver(std::move(resolver)) {}

    // Null schema in, null out. On failure returns false and sets `error` to a message that
    // names the offending field path.
    bool parse(const Json &schema, Json *out, std::string *error) const;

private:
    bool parsePico(const Json &node, const std::string &path, Json *out,
                   std::string *error) const;
    bool resolve(const std::string &name, Json *out, std::string *error) const;

    Resolver m_resolver;
};

} // namespace psm::core
