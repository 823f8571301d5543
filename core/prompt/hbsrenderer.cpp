// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/prompt/hbsrenderer.h"

#include "core/prompt/jsvalue.h"

#include <algorithm>
#include <cmath>

namespace psm::core::hbs {

// @variables: each block that sets some (each, partial blocks) adds a frame over its parent's,
// as handlebars' createFrame() does; `@../x` walks up these frames.
struct DataFrame {
    const DataFrame *parent = nullptr;
    const std::vector<std::pair<std::string, Value>> *vars = nullptr;
    const Json *base = nullptr; // the caller's data object, at the bottom frame only
    // `@partial-block`, when this frame sets it (possibly to nothing).
    bool setsPartialBlock = false;
    const void *partialBlock = nullptr; // a Renderer::PartialBlock
};

struct BlockParamFrame {
    const std::vector<std::string> *names = nullptr;
    std::vector<Value> values;
    const BlockParamFrame *parent = nullptr;
};

// One level of context. `depthParent` is the frame `../` refers to: handlebars pushes a depth
// only when a block changes the context. `wrapParent` is the frame the program was entered
// from (null for a template's root), whose depths its inline partials keep.
struct Frame {
    Value context;
    const Frame *depthParent = nullptr;
    const Frame *wrapParent = nullptr;
    const DataFrame *data = nullptr;
    const BlockParamFrame *params = nullptr;
};

// The value of a program as handlebars.js computes it. A program compiles to
// `return v1 + v2 + ...` over its statements' values (null and undefined as ""), so numbers
// and booleans add up in JS until a string joins, and a block helper returns its program's
// value as it is. A Chain keeps such a pending number until text arrives, then writes into the
// output buffer it shares with its parent chains (so output streams without copies).
class Chain final {
public:
    explicit Chain(std::string &out, Chain *parent = nullptr) : m_out(out), m_parent(parent) {}

    // The buffer, once this program's value is known to be text: pending numbers (this
    // chain's and its parents') are written out first.
    std::string &text()
    {
        if (!m_text) {
            if (m_parent)
                m_parent->text();
            if (m_hasPending)
                m_out += js::toDisplay(&m_pending);
            m_text = true;
        }
        return m_out;
    }

    void add(const Value &value)
    {
        if (value.isSafeString()) {
            text() += value.text();
            return;
        }
        const Json *json = value.get();
        if (!m_text && json && (json->is_number() || json->is_boolean())) {
            if (!m_hasPending) {
                m_pending = *json;
                m_hasPending = true;
            } else {
                m_pending = number(m_pending) + number(*json);
            }
            return;
        }
        std::string &out = text();
        if (!json)
            return;
        if (json->is_string())
            out += json->get_ref<const std::string &>();
        else
            out += js::toDisplay(json);
    }

    void addText(std::string_view value) { text() += value; }

    // The shared output buffer, for a child chain.
    std::string &buffer() { return m_out; }

    // A finished child program's value joins this one: a number or boolean as such, else the
    // child already wrote its text (an empty program's value is "", which is text too).
    void join(Chain &child)
    {
        if (child.m_text)
            return;
        if (child.m_hasPending)
            add(Value::own(child.m_pending));
        else
            text();
    }

    bool isNumeric() const { return !m_text && m_hasPending; }
    const Json &pending() const { return m_pending; }

private:
    static double number(const Json &value)
    {
        return value.is_boolean() ? (value.get<bool>() ? 1.0 : 0.0) : value.get<double>();
    }

    std::string &m_out;
    Chain *m_parent;
    Json m_pending;
    bool m_hasPending = false;
    bool m_text = false;
};

// A `{{#> name}}...{{/name}}` call in progress: its block is `@partial-block` inside the
// partial, rendered with the depths and block params of where it was called.
struct Renderer::PartialBlock {
    const Statement *statement = nullptr;
    const Frame *frame = nullptr;
    const PartialBlock *outer = nullptr; // the @partial-block in effect at the call
    const Template *tmpl = nullptr;       // the template it is written in, for errors
};

// `{{#*inline "name"}}`: visible to every partial rendered while its program runs.
struct Renderer::InlinePartial {
    std::string name;
    const Program *program = nullptr;
    const Frame *wrapParent = nullptr;
    const Template *tmpl = nullptr;
};

namespace {

// handlebars' own helpers, told apart by length first: names are compared on every call.
enum class Builtin { None, If, Unless, Each, With, Lookup, Log, HelperMissing, BlockHelperMissing };

Builtin builtinOf(std::string_view name)
{
    switch (name.size()) {
    case 2: return name == "if" ? Builtin::If : Builtin::None;
    case 3: return name == "log" ? Builtin::Log : Builtin::None;
    case 4: return name == "each" ? Builtin::Each : name == "with" ? Builtin::With : Builtin::None;
    case 6:
        return name == "unless" ? Builtin::Unless
            : name == "lookup"  ? Builtin::Lookup
                                : Builtin::None;
    case 13: return name == "helperMissing" ? Builtin::HelperMissing : Builtin::None;
    case 18: return name == "blockHelperMissing" ? Builtin::BlockHelperMissing : Builtin::None;
    default: return Builtin::None;
    }
}

const std::string kUndefinedName = "undefined";

constexpr int kMaxDepth = 400;
constexpr size_t kMaxPartialDepth = 64;

size_t utf16Length(std::string_view text)
{
    size_t units = 0;
    for (size_t pos = 0; pos < text.size();) {
        size_t length = 0;
        const char32_t c = js::decodeAt(text, pos, &length);
        units += c >= 0x10000 ? 2 : 1;
        pos += length;
    }
    return units;
}

bool parseIndex(std::string_view key, size_t *index)
{
    if (key.empty() || key.size() > 15 || (key.size() > 1 && key[0] == '0'))
        return false;
    size_t n = 0;
    for (const char c : key) {
        if (c < '0' || c > '9')
            return false;
        n = n * 10 + size_t(c - '0');
    }
    *index = n;
    return true;
}

// handlebars' lookupProperty: own properties only.
Value property(const Value &base, const std::string &key)
{
    const Json *value = base.get();
    if (!value)
        return {};
    if (value->is_object()) {
        const auto it = value->find(key);
        return it == value->end() ? Value() : base.child(&*it);
    }
    if (value->is_array()) {
        if (key == "length")
            return Value::own(Json(value->size()));
        size_t index = 0;
        if (parseIndex(key, &index) && index < value->size())
            return base.child(&(*value)[index]);
        return {};
    }
    if (value->is_string()) {
        const std::string &text = value->get_ref<const std::string &>();
        if (key == "length")
            return Value::own(Json(utf16Length(text)));
        size_t index = 0;
        if (parseIndex(key, &index)) {
            size_t pos = 0;
            for (size_t i = 0; pos < text.size(); ++i) {
                size_t length = 0;
                js::decodeAt(text, pos, &length);
                if (i == index)
                    return Value::own(Json(text.substr(pos, length)));
                pos += length;
            }
        }
    }
    return {};
}

std::string keyString(const Value &value)
{
    return value.text();
}

const Value *findData(const DataFrame *frame, std::string_view name, Value *scratch)
{
    for (; frame; frame = frame->parent) {
        if (frame->vars) {
            for (const auto &[key, value] : *frame->vars) {
                if (key == name)
                    return &value;
            }
        }
        if (frame->base && frame->base->is_object()) {
            const auto it = frame->base->find(std::string(name));
            if (it != frame->base->end()) {
                *scratch = Value::borrow(&*it);
                return scratch;
            }
        }
    }
    return nullptr;
}

// handlebars' container.nullContext: the `this` of helpers called where the context is null.
const Json &nullContext()
{
    static const Json empty = Json::object();
    return empty;
}

bool isNullish(const Value &value)
{
    return !value.get() || value.get()->is_null();
}

// Whether a block keeps its parent's depth. handlebars pushes one when `context != depths[0]`
// (loose: [] and 0 count as the same) unless the null context stands in for a null one.
bool sameContext(const Value &a, const Value &b)
{
    // The common cases first: the very same value, or two different objects.
    if (a.get() == b.get())
        return true;
    if (a.get() && b.get() && a.get()->is_object() && b.get()->is_object())
        return false;
    return js::looseEquals(a.get(), b.get()) || (a.get() == &nullContext() && isNullish(b));
}

} // namespace

std::string Value::text() const
{
    return m_safeText ? *m_safeText : js::toString(m_ptr);
}

const Value *HelperCall::hashValue(std::string_view name) const
{
    for (const auto &[key, value] : hash) {
        if (key == name)
            return &value;
    }
    return nullptr;
}

Value HelperCall::fn(const Value &context) const
{
    if (!m_statement || !m_statement->program)
        return Value::own(Json(""));
    return m_renderer->blockValue(m_statement->program.get(), *m_frame, context, {context});
}

std::string HelperCall::fnText(const Value &context) const
{
    const Value value = fn(context);
    return js::toDisplay(value.get());
}

Value HelperCall::inverse(const Value &context) const
{
    if (!m_statement || !m_statement->inverse)
        return Value::own(Json(""));
    return m_renderer->blockValue(m_statement->inverse.get(), *m_frame, context, {});
}

Renderer::Renderer(const HelperMap &helpers, PartialProvider partials, RenderLimits limits)
    : m_helpers(helpers), m_partials(std::move(partials)), m_limits(limits)
{
}

Renderer::~Renderer() = default;

tl::expected<std::string, RenderError> Renderer::render(const Template &tmpl, const Json &context,
                                                        const Json &data)
{
    m_current = &tmpl;
    m_failed = false;
    // handlebars' initData(): a frame over the caller's data that adds @root (unless given).
    DataFrame callerData;
    callerData.base = &data;
    DataFrame rootFrame;
    rootFrame.parent = &callerData;
    std::vector<std::pair<std::string, Value>> rootVars;
    rootVars.emplace_back("root", Value::borrow(&context));
    rootFrame.vars = &rootVars;
    const bool hasRoot = data.is_object() && data.contains("root");
    Frame frame;
    frame.context = Value::borrow(&context);
    frame.data = hasRoot ? &callerData : &rootFrame;
    std::string out;
    Chain chain(out);
    if (!renderProgram(tmpl.program.get(), frame, chain))
        return tl::unexpected(m_error);
    chain.text();
    return out;
}

// The limits are compared only every kBudgetInterval steps (and when text is large), so the
// hot path is one increment and two compares.
constexpr std::uint64_t kBudgetInterval = 4096;

bool Renderer::checkBudget(size_t offset)
{
    if (m_limits.cancel && m_limits.cancel->load(std::memory_order_relaxed))
        return fail(std::string(kCancelledMessage), offset);
    if (m_steps > m_limits.maxSteps) {
        return fail("the render stopped after " + std::to_string(m_limits.maxSteps)
                        + " steps, the limit on one render's work (does a partial include "
                          "itself more than once?)",
                    offset);
    }
    if (m_outputBytes > m_limits.maxOutputBytes) {
        return fail("the render produced more than "
                        + std::to_string(m_limits.maxOutputBytes >> 20)
                        + " MiB of text, the limit on one render's output",
                    offset);
    }
    return true;
}

bool Renderer::spend(size_t outputBytes, size_t offset)
{
    m_outputBytes += outputBytes;
    if (++m_steps % kBudgetInterval != 0 && outputBytes < (size_t(1) << 20))
        return true;
    return checkBudget(offset);
}

bool Renderer::fail(std::string message, size_t offset)
{
    if (!m_failed) {
        m_failed = true;
        m_error = {std::move(message), offset, m_current};
    }
    return false;
}

// Decorators other than `inline` do not exist in Dotprompt's Handlebars: handlebars fails when
// it sets up the program that holds one, whether or not the program then runs.
bool Renderer::checkDecorators(const Program *program)
{
    if (!program || !program->hasDecorators)
        return true;
    for (const auto &statement : program->body) {
        const Statement &s = *statement;
        if (s.kind != Statement::Kind::Decorator && s.kind != Statement::Kind::DecoratorBlock)
            continue;
        const Expr &path = *s.call.path;
        if (path.original != "inline" || path.kind != Expr::Kind::Path)
            return fail("Missing decorator: \"" + path.original + "\"", path.offset);
    }
    return true;
}

// Registers the program's inline partials (all of them, before its first statement, as
// handlebars runs decorators); the caller removes them when the program ends.
bool Renderer::runDecorators(const Program *program, const Frame &frame)
{
    if (!checkDecorators(program))
        return false;
    for (const auto &statement : program->body) {
        const Statement &s = *statement;
        if (s.kind != Statement::Kind::Decorator && s.kind != Statement::Kind::DecoratorBlock)
            continue;
        Value name;
        if (!s.call.params.empty() && !evalExpr(*s.call.params[0], frame, &name))
            return false;
        // A `{{*inline "x"}}` without a block is an empty partial.
        static const Program kEmpty;
        m_inline.push_back({js::toString(name.get()), s.program ? s.program.get() : &kEmpty,
                            frame.wrapParent, m_current});
    }
    return true;
}

bool Renderer::renderProgram(const Program *program, const Frame &frame, Chain &chain)
{
    if (!program)
        return true;
    if (++m_depth > kMaxDepth) {
        --m_depth;
        return fail("the template nests blocks and partials too deeply",
                    program->body.empty() ? 0 : program->body.front()->offset);
    }
    const size_t inlineMark = m_inline.size();
    bool ok = !program->hasDecorators || runDecorators(program, frame);
    for (size_t i = 0; ok && i < program->body.size(); ++i)
        ok = renderStatement(*program->body[i], frame, chain);
    m_inline.resize(inlineMark);
    --m_depth;
    return ok && !m_failed;
}

bool Renderer::renderStatement(const Statement &s, const Frame &frame, Chain &chain)
{
    switch (s.kind) {
    case Statement::Kind::Content:
        if (!spend(s.value.size(), s.offset))
            return false;
        // handlebars' compiler skips content that whitespace control emptied.
        if (!s.value.empty())
            chain.addText(s.value);
        return true;
    case Statement::Kind::Comment:
    case Statement::Kind::Decorator:
    case Statement::Kind::DecoratorBlock:
        return true;
    case Statement::Kind::Mustache: {
        Value value;
        if (!evalCall(s.call, nullptr, frame, &value))
            return false;
        const Json *json = value.get();
        if (!spend(json && json->is_string() ? json->get_ref<const std::string &>().size() : 0,
                   s.offset))
            return false;
        chain.add(value);
        return true;
    }
    case Statement::Kind::Block:
        return spend(0, s.offset) && renderBlock(s, frame, chain);
    case Statement::Kind::Partial:
    case Statement::Kind::PartialBlock:
        return spend(0, s.offset) && renderPartial(s, frame, chain);
    }
    return true;
}

bool Renderer::isKnownHelper(std::string_view name) const
{
    return builtinOf(name) != Builtin::None || m_helpers.find(name) != m_helpers.end();
}

Value Renderer::resolvePath(const Expr &path, const Frame &frame) const
{
    Value base;
    size_t first = 0;
    if (path.data) {
        if (path.parts.empty())
            return {};
        // `@../index`: handlebars' container.data(data, depth) follows _parent links.
        const DataFrame *data = frame.data;
        for (int d = 0; d < path.depth && data; ++d)
            data = data->parent;
        Value scratch;
        const Value *found = findData(data, path.parts[0], &scratch);
        if (!found)
            return {};
        base = *found;
        first = 1;
    } else {
        bool isParam = false;
        if (!path.scoped && path.depth == 0 && !path.parts.empty()) {
            for (const BlockParamFrame *p = frame.params; p && !isParam; p = p->parent) {
                for (size_t i = 0; i < p->names->size(); ++i) {
                    if ((*p->names)[i] == path.parts[0]) {
                        base = i < p->values.size() ? p->values[i] : Value();
                        isParam = true;
                        break;
                    }
                }
            }
        }
        if (isParam) {
            first = 1;
        } else {
            const Frame *f = &frame;
            for (int d = 0; d < path.depth && f; ++d)
                f = f->depthParent;
            if (!f)
                return {};
            base = f->context;
            // `{{""}}`, `{{[]}}`: an empty name is the context itself (handlebars'
            // pushContext for a falsy first part).
            if (!path.parts.empty() && path.parts[0].empty())
                first = 1;
        }
    }
    // Context paths step over null/undefined only (`a != null ? a.b : a`); data paths stop
    // at any falsy value (`a && a.b`), so `{{@index.length}}` at index 0 is 0.
    for (size_t i = first; i < path.parts.size(); ++i) {
        if (path.data ? !js::isTruthy(base.get()) : (!base.get() || base.get()->is_null()))
            return base;
        base = property(base, path.parts[i]);
    }
    return base;
}

bool Renderer::evalExpr(const Expr &expr, const Frame &frame, Value *result)
{
    switch (expr.kind) {
    case Expr::Kind::Literal:
        *result = expr.isUndefined ? Value() : Value::borrow(&expr.literal);
        return true;
    case Expr::Kind::SubExpr:
        return evalCall(*expr.call, nullptr, frame, result, nullptr, true);
    case Expr::Kind::Path:
        *result = resolvePath(expr, frame);
        return true;
    }
    return true;
}

bool Renderer::evalCall(const Call &call, const Statement *block, const Frame &frame,
                        Value *result, Chain *blockChain, bool isSubExpr)
{
    const Expr &path = *call.path;
    const bool hasArgs = !call.params.empty() || !call.hash.empty();
    const bool isSimple = path.kind != Expr::Kind::Path
        || (path.parts.size() == 1 && !path.scoped && path.depth == 0 && !path.data);
    std::string literalName;
    if (path.kind == Expr::Kind::Literal)
        literalName = path.isUndefined ? std::string("undefined") : js::toString(&path.literal);
    const std::string &name = path.kind == Expr::Kind::Literal ? literalName
        : path.parts.empty()                                   ? kUndefinedName
                                                               : path.parts[0];

    bool isBlockParam = false;
    if (isSimple && path.kind == Expr::Kind::Path) {
        for (const BlockParamFrame *p = frame.params; p && !isBlockParam; p = p->parent) {
            for (const std::string &param : *p->names)
                isBlockParam = isBlockParam || param == name;
        }
    }
    const bool isHelper =
        !isBlockParam && (isSubExpr || hasArgs || (isSimple && isKnownHelper(name)));
    if (!isHelper) {
        if (path.kind == Expr::Kind::Literal) {
            // `{{"foo"}}` and friends look the literal up as a property of the context.
            *result = property(frame.context, name);
            return true;
        }
        *result = resolvePath(path, frame);
        return true;
    }
    if (!isKnownHelper(name)) {
        return fail("unknown helper '" + name
                        + "' (Dotprompt only allows its own and registered helpers)",
                    path.offset);
    }
    HelperCall helper;
    helper.m_renderer = this;
    helper.m_statement = block;
    helper.m_frame = &frame;
    helper.isBlock = block != nullptr;
    helper.m_chain = blockChain;
    // Helpers run with `this` = depth0 ?? container.nullContext (a frozen {}).
    helper.self = isNullish(frame.context) ? Value::borrow(&nullContext()) : frame.context;
    helper.params.reserve(call.params.size());
    for (const auto &param : call.params) {
        Value value;
        if (!evalExpr(*param, frame, &value))
            return false;
        helper.params.push_back(std::move(value));
    }
    for (const auto &[key, expr] : call.hash) {
        Value value;
        if (!evalExpr(*expr, frame, &value))
            return false;
        helper.hash.emplace_back(key, std::move(value));
    }
    return callHelper(name, helper, path.offset, result);
}

bool Renderer::callHelper(const std::string &name, HelperCall &call, size_t offset, Value *result)
{
    const auto it = m_helpers.find(name);
    if (it != m_helpers.end()) {
        auto value = it->second(call);
        if (m_failed)
            return false;
        if (!value)
            return fail(name + ": " + value.error(), offset);
        *result = std::move(*value);
        if (call.m_chain) {
            call.m_chain->add(*result);
            *result = Value();
        }
        return true;
    }
    return builtin(name, call, offset, result) && !m_failed;
}

void Renderer::runBlock(const Program *program, const Frame &parent, const Value &context,
                        const std::vector<std::pair<std::string, Value>> *data,
                        std::initializer_list<Value> blockParams, Chain &chain)
{
    if (m_failed)
        return;
    if (!program) {
        chain.addText({}); // container.noop returns ""
        return;
    }
    Frame frame;
    frame.context = context;
    frame.depthParent = sameContext(context, parent.context) ? parent.depthParent : &parent;
    frame.wrapParent = &parent;
    DataFrame dataFrame;
    if (data) {
        dataFrame.parent = parent.data;
        dataFrame.vars = data;
        frame.data = &dataFrame;
    } else {
        frame.data = parent.data;
    }
    BlockParamFrame params;
    if (!program->blockParams.empty()) {
        params.names = &program->blockParams;
        params.values.assign(blockParams.begin(), blockParams.end());
        params.parent = parent.params;
        frame.params = &params;
    } else {
        frame.params = parent.params;
    }
    Chain child(chain.buffer(), &chain);
    renderProgram(program, frame, child);
    chain.join(child);
}

Value Renderer::blockValue(const Program *program, const Frame &parent, const Value &context,
                           std::initializer_list<Value> blockParams)
{
    std::string text;
    Chain chain(text);
    runBlock(program, parent, context, nullptr, blockParams, chain);
    if (chain.isNumeric())
        return Value::own(chain.pending());
    return Value::own(Json(std::move(text)));
}

bool Renderer::each(const Value &context, const HelperCall &call, Chain &chain)
{
    const Json *value = context.get();
    const Program *program = call.m_statement ? call.m_statement->program.get() : nullptr;
    size_t count = 0;
    // The @variables live on this stack frame: nothing rendered inside outlives the iteration.
    std::vector<std::pair<std::string, Value>> data(4);
    data[0].first = "key";
    data[1].first = "index";
    data[2].first = "first";
    data[3].first = "last";
    auto iterate = [&](const Value &item, const Json &key, size_t index, bool last) {
        // `ret = ret + fn(item)` from ret = "": the result is text once anything iterates.
        chain.text();
        const Json indexValue(index);
        const Json firstValue(index == 0);
        const Json lastValue(last);
        data[0].second = Value::borrow(&key);
        data[1].second = Value::borrow(&indexValue);
        data[2].second = Value::borrow(&firstValue);
        data[3].second = Value::borrow(&lastValue);
        runBlock(program, *call.m_frame, item, &data, {item, data[0].second}, chain);
    };
    if (value && value->is_array()) {
        count = value->size();
        for (size_t i = 0; i < count && !m_failed; ++i)
            iterate(context.child(&(*value)[i]), Json(i), i, i + 1 == count);
    } else if (value && value->is_object()) {
        const auto keys = js::keysInJsOrder(*value);
        count = keys.size();
        for (size_t i = 0; i < count && !m_failed; ++i) {
            const std::string key(keys[i]);
            iterate(context.child(&*value->find(key)), Json(key), i, i + 1 == count);
        }
    }
    if (count == 0) {
        runBlock(call.m_statement ? call.m_statement->inverse.get() : nullptr, *call.m_frame,
                 call.self, nullptr, {}, chain);
    }
    return !m_failed;
}

bool Renderer::builtin(const std::string &name, HelperCall &call, size_t offset, Value *result)
{
    *result = Value();
    // Block helpers called as plain mustaches (`{{if x}}`) get no fn/inverse in handlebars,
    // and calling them throws.
    const Builtin which = builtinOf(name);
    const bool needsBlock = which == Builtin::If || which == Builtin::Unless
        || which == Builtin::With || which == Builtin::Each;
    if (needsBlock && !call.m_statement)
        return fail("'" + name + "' must be used as a block: {{#" + name + " ...}}", offset);
    // Values of non-streaming calls collect here.
    std::string local;
    Chain localChain(local);
    Chain &chain = call.m_chain ? *call.m_chain : localChain;
    if (which == Builtin::If || which == Builtin::Unless) {
        if (call.params.size() != 1)
            return fail("#" + name + " requires exactly one argument", offset);
        const Value *includeZero = call.hashValue("includeZero");
        const Json *condition = call.params[0].get();
        const bool zeroCounts = includeZero && js::isTruthy(includeZero->get());
        bool truthy = !((!zeroCounts && !js::isTruthy(condition)) || js::isEmpty(condition));
        if (which == Builtin::Unless)
            truthy = !truthy;
        const Program *program =
            truthy ? call.m_statement->program.get() : call.m_statement->inverse.get();
        runBlock(program, *call.m_frame, call.self, nullptr, {call.self}, chain);
    } else if (which == Builtin::With) {
        if (call.params.size() != 1)
            return fail("#with requires exactly one argument", offset);
        const Value &context = call.params[0];
        if (!js::isEmpty(context.get()))
            runBlock(call.m_statement->program.get(), *call.m_frame, context, nullptr, {context},
                     chain);
        else
            runBlock(call.m_statement->inverse.get(), *call.m_frame, call.self, nullptr, {},
                     chain);
    } else if (which == Builtin::Each) {
        // each(context, options): a second argument takes the place of options.
        if (call.params.size() != 1)
            return fail("must pass an iterator to #each (and only that)", offset);
        if (!each(call.params[0], call, chain))
            return false;
    } else if (which == Builtin::Lookup) {
        // lookup(obj, field, options) returns a falsy obj as it is and otherwise needs
        // exactly the field after it (another argument takes the place of options).
        const bool falsy = !call.params.empty() && !js::isTruthy(call.params[0].get());
        if (!falsy && call.params.size() != 2)
            return fail("lookup needs an object and a field: {{lookup obj field}}", offset);
        if (falsy)
            *result = call.params[0];
        else
            *result = property(call.params[0], keyString(call.params[1]));
        if (call.m_chain) {
            call.m_chain->add(*result);
            *result = Value();
        }
        return true;
    } else if (which == Builtin::HelperMissing) {
        if (!call.params.empty())
            return fail("missing helper", offset);
        return true;
    } else {
        // log, blockHelperMissing called by name: nothing into the template.
        if (call.m_chain)
            call.m_chain->add(Value());
        return true;
    }
    if (!call.m_chain)
        *result = localChain.isNumeric() ? Value::own(localChain.pending())
                                         : Value::own(Json(std::move(local)));
    return !m_failed;
}

bool Renderer::renderBlock(const Statement &s, const Frame &frame, Chain &chain)
{
    // handlebars sets up both programs (running their decorators) before calling the helper.
    if (!checkDecorators(s.program.get()) || !checkDecorators(s.inverse.get()))
        return false;
    const Expr &path = *s.call.path;
    const bool hasArgs = !s.call.params.empty() || !s.call.hash.empty();
    const bool isSimple = path.kind == Expr::Kind::Path && path.parts.size() == 1 && !path.scoped
        && path.depth == 0 && !path.data;
    if (hasArgs || (isSimple && isKnownHelper(path.parts[0]))) {
        Value value;
        return evalCall(s.call, &s, frame, &value, &chain);
    }
    // A block over a plain value: handlebars' blockHelperMissing (mustache sections).
    Value value;
    if (!evalCall(s.call, &s, frame, &value))
        return false;
    HelperCall call;
    call.m_renderer = this;
    call.m_statement = &s;
    call.m_frame = &frame;
    call.isBlock = true;
    call.self = frame.context;
    const Json *json = value.get();
    if (json && json->is_boolean() && json->get<bool>()) {
        runBlock(s.program.get(), frame, frame.context, nullptr, {frame.context}, chain);
    } else if (!json || json->is_null() || (json->is_boolean() && !json->get<bool>())) {
        runBlock(s.inverse.get(), frame, frame.context, nullptr, {}, chain);
    } else if (json->is_array()) {
        if (json->empty())
            runBlock(s.inverse.get(), frame, frame.context, nullptr, {}, chain);
        else if (!each(value, call, chain))
            return false;
    } else {
        runBlock(s.program.get(), frame, value, nullptr, {}, chain);
    }
    return !m_failed;
}

bool Renderer::renderPartial(const Statement &s, const Frame &frame, Chain &chain)
{
    std::string name;
    const Expr &nameExpr = *s.call.path;
    if (nameExpr.kind == Expr::Kind::SubExpr) {
        Value value;
        if (!evalExpr(nameExpr, frame, &value))
            return false;
        name = value.text();
    } else {
        name = nameExpr.original;
    }
    if (s.call.params.size() > 1)
        return fail("a partial takes at most one context argument, got "
                        + std::to_string(s.call.params.size()),
                    s.offset);
    Value context = frame.context;
    if (!s.call.params.empty() && !evalExpr(*s.call.params[0], frame, &context))
        return false;
    if (!s.call.hash.empty()) {
        // extend({}, context, hash)
        Json merged = context.get() ? js::spread(*context.get()) : Json::object();
        std::vector<std::string_view> seen;
        for (const auto &[key, expr] : s.call.hash) {
            Value value;
            if (!evalExpr(*expr, frame, &value))
                return false;
            // The hash is a JS object literal: the first of two equal keys wins here.
            if (std::find(seen.begin(), seen.end(), key) != seen.end())
                continue;
            seen.push_back(key);
            // A SafeString kept in the context must still print as its text; a JSON value
            // cannot carry that, so it goes in as the text (only `json` of it would differ).
            if (value.isSafeString())
                merged[key] = value.text();
            else if (value.get())
                merged[key] = *value.get();
            else
                merged.erase(key);
        }
        context = Value::own(std::move(merged));
    }
    if (s.kind == Statement::Kind::PartialBlock && !checkDecorators(s.program.get()))
        return false;
    return invokePartial(name, s, frame, context, chain);
}

// handlebars' invokePartialWrapper + invokePartial: finds the partial (an inline one in scope,
// the current @partial-block, or a registered template), falls back to the block of a
// `{{#> name}}`, renders it and indents it when it stood on a line of its own.
bool Renderer::invokePartial(const std::string &name, const Statement &s, const Frame &frame,
                             const Value &context, Chain &chain)
{
    const DataFrame *callData = frame.data;
    const PartialBlock *current = nullptr;
    for (const DataFrame *d = callData; d; d = d->parent) {
        if (d->setsPartialBlock) {
            current = static_cast<const PartialBlock *>(d->partialBlock);
            break;
        }
    }

    // What to render: a template, an inline partial's program, or a partial block.
    const Template *partial = nullptr;
    const InlinePartial *inlinePartial = nullptr;
    const PartialBlock *block = nullptr;
    if (name == "@partial-block") {
        block = current;
    } else {
        for (auto it = m_inline.rbegin(); it != m_inline.rend() && !inlinePartial; ++it) {
            if (it->name == name)
                inlinePartial = &*it;
        }
        if (!inlinePartial) {
            RenderError partialError;
            partial = m_partials ? m_partials(name, &partialError) : nullptr;
            if (!partial && !partialError.message.empty()) {
                if (!m_failed) {
                    m_failed = true;
                    m_error = partialError;
                }
                return false;
            }
        }
    }

    // `{{#> name}}block{{/name}}`: the block becomes @partial-block for what it calls.
    PartialBlock thisBlock;
    DataFrame blockData;
    if (s.kind == Statement::Kind::PartialBlock) {
        thisBlock = {&s, &frame, current, m_current};
        blockData.parent = callData;
        blockData.setsPartialBlock = true;
        blockData.partialBlock = &thisBlock;
        callData = &blockData;
        if (!partial && !inlinePartial && !block)
            block = &thisBlock;
    }
    if (!partial && !inlinePartial && !block)
        return fail("the partial '" + name + "' could not be found", s.offset);

    if (m_partialStack.size() >= kMaxPartialDepth) {
        // Name the loop itself: from the last time this partial was entered.
        size_t from = 0;
        for (size_t i = 0; i < m_partialStack.size(); ++i) {
            if (m_partialStack[i] == name)
                from = i;
        }
        std::string chainText;
        for (size_t i = from; i < m_partialStack.size(); ++i)
            chainText += m_partialStack[i] + " > ";
        return fail("partials include each other in a cycle: " + chainText + name, s.offset);
    }

    // Inline partials defined in a partial block's own program are visible to the partial.
    const size_t inlineMark = m_inline.size();
    if (s.kind == Statement::Kind::PartialBlock && s.program && s.program->hasDecorators) {
        Frame wrap;
        wrap.context = frame.context;
        wrap.depthParent = frame.depthParent;
        wrap.wrapParent = &frame;
        wrap.data = frame.data;
        wrap.params = frame.params;
        if (!runDecorators(s.program.get(), wrap))
            return false;
    }

    std::string text;
    Chain partialChain(text);
    Frame partialFrame;
    partialFrame.context = context;
    partialFrame.data = callData;
    DataFrame blockCallData;
    const Template *caller = m_current;
    m_partialStack.push_back(name);
    bool ok = true;
    if (partial) {
        // A template partial starts its own depths (`../` finds nothing above it) and returns
        // a string.
        m_current = partial;
        ok = renderProgram(partial->program.get(), partialFrame, partialChain);
        partialChain.text();
    } else if (inlinePartial) {
        const Frame *defined = inlinePartial->wrapParent;
        partialFrame.depthParent = !defined ? nullptr
            : sameContext(context, defined->context) ? defined->depthParent
                                                     : defined;
        partialFrame.wrapParent = defined;
        m_current = inlinePartial->tmpl;
        ok = renderProgram(inlinePartial->program, partialFrame, partialChain);
    } else {
        // The block renders with the depths and block params of where it was written, and
        // the @partial-block that was in effect there.
        const Frame *defined = block->frame;
        blockCallData.parent = callData;
        blockCallData.setsPartialBlock = true;
        blockCallData.partialBlock = block->outer;
        partialFrame.data = &blockCallData;
        partialFrame.depthParent =
            sameContext(context, defined->context) ? defined->depthParent : defined;
        partialFrame.wrapParent = defined;
        partialFrame.params = defined->params;
        m_current = block->tmpl;
        ok = renderProgram(block->statement->program.get(), partialFrame, partialChain);
    }
    m_partialStack.pop_back();
    m_inline.resize(inlineMark);
    if (!ok)
        return false;
    m_current = caller;
    if (partialChain.isNumeric() && s.indent.empty()) {
        chain.add(Value::own(partialChain.pending()));
        return true;
    }
    partialChain.text();
    if (!s.indent.empty()) {
        // handlebars indents every line of a standalone partial but a final empty one.
        std::string indented;
        size_t start = 0;
        while (true) {
            const size_t newline = text.find('\n', start);
            const size_t end = newline == std::string::npos ? text.size() : newline;
            const bool lastEmpty = newline == std::string::npos && start == text.size();
            if (!lastEmpty)
                indented += s.indent;
            indented.append(text, start, end - start);
            if (newline == std::string::npos)
                break;
            indented += '\n';
            start = newline + 1;
        }
        text = std::move(indented);
    }
    chain.addText(text);
    return true;
}

} // namespace psm::core::hbs
