// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <nlohmann/json.hpp>

#include <QString>

#include <tl/expected.hpp>

#include <memory>

// JSON Schema checks for is-json / contains-json values, over valijson (draft 7 and earlier).
namespace psm::core::eval {

class SchemaCheck final {
public:
    // True when `value` conforms; otherwise `errors` gets valijson's messages.
    bool validate(const nlohmann::ordered_json &value, QString *errors) const;

    struct Compiled;
    std::shared_ptr<const Compiled> m_compiled;
};

// promptfoo's hasJsonSchema(): a value that is not null and not "".
bool hasJsonSchema(const nlohmann::ordered_json &value);

// A schema from an assertion value: a mapping, or YAML/JSON text (promptfoo yaml.load()s
// strings). A schema that does not compile gives promptfoo's "Invalid JSON schema: ..." reason.
tl::expected<SchemaCheck, QString> compileSchema(
    const nlohmann::ordered_json &value, const QString &assertionType);

} // namespace psm::core::eval
