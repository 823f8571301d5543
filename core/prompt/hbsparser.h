// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/prompt/hbsast.h"

#include <memory>
#include <string>
#include <string_view>

namespace psm::core::hbs {

// A syntax error: what is wrong and the byte offset in the template where it is.
struct ParseError {
    std::string message;
    size_t offset = 0;
};

// Parses a template with handlebars.js 4.7's grammar (lexer rules, `\{{` escapes, comments,
// blocks, `else`/`else if` chains, block params, partials, subexpressions) and applies its
// whitespace control, so Content values are exactly what handlebars.js would output.
// Raw blocks `{{{{raw}}}}` and decorators (`{{*name}}`, `{{#*inline "x"}}`) included.
std::unique_ptr<Program> parse(std::string_view source, ParseError *error);

// 1-based line and column (in code points) of a byte offset.
std::pair<int, int> lineColumn(std::string_view source, size_t offset);

} // namespace psm::core::hbs
