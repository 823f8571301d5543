// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

// The syntax tree of a Handlebars template, shaped as handlebars.js's own AST so the whitespace
// rules (standalone lines, `~`) can be applied as handlebars.js applies them. Offsets are byte
// offsets into the template text the node came from.
namespace psm::core::hbs {

struct Call;

struct Expr {
    enum class Kind { Path, Literal, SubExpr };
    Kind kind = Kind::Path;
    size_t offset = 0;

    // Path: `@`data, `../` depth, `this.`/`./` scoping, the remaining segments.
    bool data = false;
    bool scoped = false;
    int depth = 0;
    std::vector<std::string> parts;
    std::string original;

    // Literal: string, number, boolean, null; `undefined` is a Literal with isUndefined.
    nlohmann::ordered_json literal;
    bool isUndefined = false;

    // SubExpr: `(helper params hash)`.
    std::unique_ptr<Call> call;
};

struct Call {
    std::unique_ptr<Expr> path;
    std::vector<std::unique_ptr<Expr>> params;
    std::vector<std::pair<std::string, std::unique_ptr<Expr>>> hash;
};

struct Strip {
    bool open = false;
    bool close = false;
};

struct Program;

struct Statement {
    // Decorator (`{{*name}}`) and DecoratorBlock (`{{#*inline "x"}}...{{/inline}}`) run when
    // their program starts, before its first statement, and print nothing.
    enum class Kind { Content, Mustache, Block, Partial, PartialBlock, Comment, Decorator,
                      DecoratorBlock };
    Kind kind = Kind::Content;
    size_t offset = 0;

    // Content: `original` as written, `value` after whitespace control.
    std::string original;
    std::string value;
    bool leftStripped = false;
    bool rightStripped = false;

    // Mustache, Block, Partial: the head. For partials `call.path` is the name.
    Call call;
    Strip strip; // Mustache, Partial, Comment

    // Block (and PartialBlock): program/inverse already swapped for `{{^x}}` blocks.
    std::unique_ptr<Program> program;
    std::unique_ptr<Program> inverse;
    Strip openStrip;
    Strip closeStrip;
    Strip inverseStrip;

    // Partial: the indentation of a standalone partial line, prefixed to each output line.
    std::string indent;
};

struct Program {
    std::vector<std::unique_ptr<Statement>> body;
    std::vector<std::string> blockParams;
    bool chained = false; // the program of an `{{else if}}` chain
    bool hasDecorators = false;
};

} // namespace psm::core::hbs
