// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/prompt/hbsast.h"
#include "core/prompt/hbsparser.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Static checks over a parsed template, done before rendering as handlebars' compiler does.
namespace psm::core::hbs {

// handlebars with knownHelpersOnly rejects at compile time any call with arguments (or block)
// whose helper is unknown, even in branches that never run. Returns the first such call.
std::optional<ParseError> findUnknownHelper(const Program &program,
                                            const std::function<bool(std::string_view)> &known);

// Names of the partials the template includes by a static name (`{{> name}}`, `{{> "name"}}`,
// `{{> @partial-block}}`), which are the ones Dotprompt resolves before rendering; partial
// blocks (`{{#> name}}`) and dynamic names (`{{> (expr)}}`) are not among them.
std::vector<std::string> partialNames(const Program &program);

// Top-level input variables the template reads, in order of first use: the first segment of
// paths looked up against the root context (not @data, not block params, not helper names,
// not inside blocks that change the context, except through `../` back to the root).
std::vector<std::string> variablesUsed(const Program &program,
                                       const std::function<bool(std::string_view)> &known);

} // namespace psm::core::hbs
