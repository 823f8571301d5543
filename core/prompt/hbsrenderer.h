// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/prompt/hbsast.h"

#include <tl/expected.hpp>

#include <atomic>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace psm::core::hbs {

using Json = nlohmann::ordered_json;

// A value while rendering: JS `undefined`, or a JSON value that is either borrowed from the
// caller's data (which outlives the render) or owned by the value itself.
class Value final {
public:
    Value() = default;
    static Value borrow(const Json *value)
    {
        Value v;
        v.m_ptr = value;
        return v;
    }
    static Value own(Json value)
    {
        Value v;
        v.m_owner = std::make_shared<const Json>(std::move(value));
        v.m_ptr = v.m_owner.get();
        return v;
    }
    // A value inside `parent` (keeps parent's owner alive).
    Value child(const Json *value) const
    {
        Value v;
        v.m_owner = m_owner;
        v.m_ptr = value;
        return v;
    }
    // Handlebars.SafeString, which Dotprompt's helpers return: it prints as its text, but to
    // other helpers it is the object {"string": text} ({} for undefined text): `json` shows
    // that object and `#if` finds it true even when the text is empty.
    static Value safeString(std::optional<std::string> text)
    {
        Json object = Json::object();
        if (text)
            object["string"] = *text;
        Value v = own(std::move(object));
        v.m_safeText = std::make_shared<const std::string>(text ? std::move(*text) : "undefined");
        return v;
    }
    const Json *get() const { return m_ptr; }
    bool isUndefined() const { return m_ptr == nullptr; }
    bool isSafeString() const { return m_safeText != nullptr; }
    // String(value): the text of a SafeString, JS String() of anything else.
    std::string text() const;

private:
    const Json *m_ptr = nullptr;
    std::shared_ptr<const Json> m_owner;
    std::shared_ptr<const std::string> m_safeText;
};

class Renderer;
class Chain;
struct Frame;

// What a helper receives: evaluated arguments, `this`, and for block helpers the two programs.
class HelperCall final {
public:
    std::vector<Value> params;
    std::vector<std::pair<std::string, Value>> hash;
    Value self;
    bool isBlock = false;

    const Value *hashValue(std::string_view name) const;
    // Renders the block (or its `{{else}}`) with `context` and returns its value as
    // handlebars.js does: a string, or a number/boolean when the program holds only such
    // values (`{{#if x}}{{n}}{{/if}}` is n itself); "" for non-block calls.
    Value fn(const Value &context) const;
    Value inverse(const Value &context) const;
    // The block's output as text (what `'' + options.fn(ctx)` gives in JS).
    std::string fnText(const Value &context) const;

private:
    friend class Renderer;
    Renderer *m_renderer = nullptr;
    const Statement *m_statement = nullptr;
    const Frame *m_frame = nullptr;
    Chain *m_chain = nullptr; // built-in block helpers add their output here directly
};

// A helper returns a value (strings print as they are) or an error message.
using Helper = std::function<tl::expected<Value, std::string>(const HelperCall &)>;
using HelperMap = std::map<std::string, Helper, std::less<>>;

// A parsed template and where its text came from, for error positions.
struct Template {
    std::string name; // partial name; empty for the main template
    std::string source;
    std::unique_ptr<Program> program;
};

struct RenderError {
    std::string message;
    size_t offset = 0;
    const Template *where = nullptr;
};

// Finds a partial by name, parsing it on first use. Returns null with `error` empty when there
// is no such partial, or null with `error` set when it does not parse.
using PartialProvider =
    std::function<const Template *(const std::string &name, RenderError *error)>;

// Bounds on one render's work. A template can multiply work without nesting deeply (a partial
// that includes itself twice per level is 2^64 statements at the depth limit), so every render
// counts the statements it evaluates and the text it produces, and ends with an error naming
// the limit instead of running for hours. `cancel`, when set, stops a render another thread no
// longer wants (a newer keystroke in the preview); it is read every few thousand steps.
struct RenderLimits {
    std::uint64_t maxSteps = 10'000'000;
    std::size_t maxOutputBytes = std::size_t(64) << 20;
    const std::atomic<bool> *cancel = nullptr;
};

// The messages a render stopped by RenderLimits fails with, so callers can tell them apart.
inline constexpr std::string_view kCancelledMessage = "the render was cancelled";

// Evaluates templates the way handlebars.js 4.7 does with Dotprompt's options (noEscape,
// knownHelpersOnly): built-in if/unless/each/with/lookup/log, registered helpers, partials,
// data variables (@root, @index, @key, @first, @last, @../x and caller-supplied ones such as
// @state), inline partials (`{{#*inline}}`), partial blocks and `{{> @partial-block}}`.
// One Renderer per render call; not thread-safe.
//
// handlebars.js compiles a program to `return v1 + v2 + ...`, so leading number/boolean
// values add up as in JS (`{{a}}{{b}}` with a=1, b=2 is "3"), also through block helpers that
// return such a sum (`{{a}}{{#if a}}{{b}}{{/if}}` is "3"); see Chain.
class Renderer final {
public:
    Renderer(const HelperMap &helpers, PartialProvider partials, RenderLimits limits = {});
    ~Renderer();

    // `data` holds the @variables (an object); @root is `context` unless data has "root".
    tl::expected<std::string, RenderError> render(const Template &tmpl, const Json &context,
                                                  const Json &data);

private:
    friend class HelperCall;
    struct PartialBlock;
    struct InlinePartial;

    bool renderProgram(const Program *program, const Frame &frame, Chain &chain);
    bool renderStatement(const Statement &s, const Frame &frame, Chain &chain);
    bool renderBlock(const Statement &s, const Frame &frame, Chain &chain);
    bool renderPartial(const Statement &s, const Frame &frame, Chain &chain);
    bool invokePartial(const std::string &name, const Statement &s, const Frame &frame,
                       const Value &context, Chain &chain);
    bool evalCall(const Call &call, const Statement *block, const Frame &frame, Value *result,
                  Chain *blockChain = nullptr, bool isSubExpr = false);
    bool evalExpr(const Expr &expr, const Frame &frame, Value *result);
    Value resolvePath(const Expr &path, const Frame &frame) const;
    bool isKnownHelper(std::string_view name) const;
    bool callHelper(const std::string &name, HelperCall &call, size_t offset, Value *result);
    bool builtin(const std::string &name, HelperCall &call, size_t offset, Value *result);
    bool each(const Value &context, const HelperCall &call, Chain &chain);
    // Runs a block's program with `context` as handlebars' container.program() does; its
    // value joins `chain`.
    void runBlock(const Program *program, const Frame &parent, const Value &context,
                  const std::vector<std::pair<std::string, Value>> *data,
                  std::initializer_list<Value> blockParams, Chain &chain);
    Value blockValue(const Program *program, const Frame &parent, const Value &context,
                     std::initializer_list<Value> blockParams);
    bool runDecorators(const Program *program, const Frame &frame);
    bool checkDecorators(const Program *program);
    bool fail(std::string message, size_t offset);
    // Counts one statement and its text; false (with the error set) once a limit is passed.
    bool spend(size_t outputBytes, size_t offset);
    bool checkBudget(size_t offset);

    const HelperMap &m_helpers;
    PartialProvider m_partials;
    const Template *m_current = nullptr;
    std::vector<std::string> m_partialStack;
    std::vector<InlinePartial> m_inline; // in scope while their defining program runs
    int m_depth = 0;
    RenderLimits m_limits;
    std::uint64_t m_steps = 0;
    std::size_t m_outputBytes = 0; // all text produced, intermediate buffers included
    bool m_failed = false;
    RenderError m_error;
};

} // namespace psm::core::hbs
