// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/prompt/hbsrenderer.h"

#include "core/prompt/jsvalue.h"

#include <cmath>

namespace psm::core::hbs {

// @variables: each block that sets some (each) adds a frame over its parent's.
struct DataFrame {
    const DataFrame *parent = nullptr;
    const std::vector<std::pair<std::string, Value>> *vars = nullptr;
    const Json *base = nullptr; // the caller's data object, at the root frame only
};

struct BlockParamFrame {
    const std::vector<std::string> *names = nullptr;
    std::vector<Value> values;
    const BlockParamFrame *parent = nullptr;
};

// One level of context. `depthParent` is the frame `../` refers to: handlebars pushes a depth
// only when a block changes the context.
struct Frame {
    Value context;
    const Frame *depthParent = nullptr;
    const DataFrame *data = nullptr;
    const BlockParamFrame *params = nullptr;
};

namespace {

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
    return js::toString(value.get());
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

bool sameContext(const Value &a, const Value &b)
{
    return a.get() == b.get();
}

} // namespace

const Value *HelperCall::hashValue(std::string_view name) const
{
    for (const auto &[key, value] : hash) {
        if (key == name)
            return &value;
    }
    return nullptr;
}

std::string HelperCall::fn(const Value &context) const
{
    std::string out;
    if (m_statement && m_statement->program)
        m_renderer->runBlock(m_statement->program.get(), *m_frame, context, nullptr, {context},
                             out);
    return out;
}

std::string HelperCall::inverse(const Value &context) const
{
    std::string out;
    if (m_statement && m_statement->inverse)
        m_renderer->runBlock(m_statement->inverse.get(), *m_frame, context, nullptr, {}, out);
    return out;
}

Renderer::Renderer(const HelperMap &helpers, PartialProvider partials)
    : m_helpers(helpers), m_partials(std::move(partials))
{
}

tl::expected<std::string, RenderError> Renderer::render(const Template &tmpl, const Json &context,
                                                        const Json &data)
{
    m_current = &tmpl;
    m_failed = false;
    DataFrame root;
    root.base = &data;
    std::vector<std::pair<std::string, Value>> rootVars;
    if (!data.is_object() || !data.contains("root"))
        rootVars.emplace_back("root", Value::borrow(&context));
    root.vars = &rootVars;
    Frame frame;
    frame.context = Value::borrow(&context);
    frame.data = &root;
    std::string out;
    if (!renderProgram(tmpl.program.get(), frame, out))
        return tl::unexpected(m_error);
    return out;
}

bool Renderer::fail(std::string message, size_t offset)
{
    if (!m_failed) {
        m_failed = true;
        m_error = {std::move(message), offset, m_current};
    }
    return false;
}

bool Renderer::renderProgram(const Program *program, const Frame &frame, std::string &out)
{
    if (!program)
        return true;
    if (++m_depth > kMaxDepth) {
        --m_depth;
        return fail("the template nests blocks and partials too deeply",
                    program->body.empty() ? 0 : program->body.front()->offset);
    }
    bool ok = true;
    // handlebars.js compiles a program to `return v1 + v2 + ...`: while the leading values are
    // numbers or booleans, JS adds them instead of concatenating.
    bool leading = true;
    const Json *first = nullptr;
    Value firstValue;
    double sum = 0;
    int terms = 0;
    auto flush = [&] {
        leading = false;
        if (terms == 1)
            out += js::toDisplay(first);
        else if (terms > 1)
            out += js::numberToString(sum);
    };
    for (const auto &statement : program->body) {
        if (leading) {
            const Statement &s = *statement;
            if (s.kind == Statement::Kind::Comment
                || (s.kind == Statement::Kind::Content && s.value.empty()))
                continue;
            if (s.kind == Statement::Kind::Mustache) {
                Value value;
                if (!evalCall(s.call, nullptr, frame, &value)) {
                    ok = false;
                    break;
                }
                const Json *json = value.get();
                if (json && (json->is_number() || json->is_boolean())) {
                    if (terms == 0) {
                        firstValue = value;
                        first = firstValue.get();
                    }
                    sum += json->is_boolean() ? (json->get<bool>() ? 1.0 : 0.0) : json->get<double>();
                    ++terms;
                    continue;
                }
                flush();
                if (json)
                    out += js::toDisplay(json);
                continue;
            }
            flush();
        }
        if (!renderStatement(*statement, frame, out)) {
            ok = false;
            break;
        }
    }
    if (ok && leading)
        flush();
    --m_depth;
    return ok && !m_failed;
}

bool Renderer::renderStatement(const Statement &s, const Frame &frame, std::string &out)
{
    switch (s.kind) {
    case Statement::Kind::Content:
        out += s.value;
        return true;
    case Statement::Kind::Comment:
        return true;
    case Statement::Kind::Mustache: {
        Value value;
        if (!evalCall(s.call, nullptr, frame, &value))
            return false;
        if (const Json *json = value.get()) {
            if (json->is_string())
                out += json->get_ref<const std::string &>();
            else
                out += js::toDisplay(json);
        }
        return true;
    }
    case Statement::Kind::Block:
        return renderBlock(s, frame, out);
    case Statement::Kind::Partial:
    case Statement::Kind::PartialBlock:
        return renderPartial(s, frame, out);
    }
    return true;
}

bool Renderer::isKnownHelper(std::string_view name) const
{
    static const char *const kBuiltins[] = {"if",  "unless", "each",          "with",
                                            "lookup", "log", "helperMissing", "blockHelperMissing"};
    if (m_helpers.find(name) != m_helpers.end())
        return true;
    for (const char *builtin : kBuiltins) {
        if (name == builtin)
            return true;
    }
    return false;
}

Value Renderer::resolvePath(const Expr &path, const Frame &frame) const
{
    Value base;
    size_t first = 0;
    if (path.data) {
        if (path.parts.empty())
            return {};
        Value scratch;
        const Value *found = findData(frame.data, path.parts[0], &scratch);
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
        }
    }
    for (size_t i = first; i < path.parts.size(); ++i) {
        if (!base.get() || base.get()->is_null())
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
        return evalCall(*expr.call, nullptr, frame, result);
    case Expr::Kind::Path:
        *result = resolvePath(expr, frame);
        return true;
    }
    return true;
}

bool Renderer::evalCall(const Call &call, const Statement *block, const Frame &frame,
                        Value *result, std::string *blockOut)
{
    const Expr &path = *call.path;
    const bool hasArgs = !call.params.empty() || !call.hash.empty();
    const bool isSimple = path.kind != Expr::Kind::Path
        || (path.parts.size() == 1 && !path.scoped && path.depth == 0 && !path.data);
    std::string name;
    if (path.kind == Expr::Kind::Path)
        name = path.parts.empty() ? std::string("undefined") : path.parts[0];
    else
        name = path.isUndefined ? std::string("undefined") : js::toString(&path.literal);

    bool isBlockParam = false;
    if (isSimple && path.kind == Expr::Kind::Path) {
        for (const BlockParamFrame *p = frame.params; p && !isBlockParam; p = p->parent) {
            for (const std::string &param : *p->names)
                isBlockParam = isBlockParam || param == name;
        }
    }
    const bool isHelper = !isBlockParam && (hasArgs || (isSimple && isKnownHelper(name)));
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
    helper.m_out = blockOut;
    helper.self = frame.context;
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
        return true;
    }
    bool handled = false;
    const bool ok = builtin(name, call, offset, result, &handled);
    return ok && !m_failed;
}

void Renderer::writeBlock(const HelperCall &call, std::string text, Value *result)
{
    if (call.m_out)
        *call.m_out += text;
    else
        *result = Value::own(Json(std::move(text)));
}

void Renderer::runBlock(const Program *program, const Frame &parent, const Value &context,
                        const std::vector<std::pair<std::string, Value>> *data,
                        std::initializer_list<Value> blockParams, std::string &out)
{
    if (!program || m_failed)
        return;
    Frame frame;
    frame.context = context;
    frame.depthParent = sameContext(context, parent.context) ? parent.depthParent : &parent;
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
    renderProgram(program, frame, out);
}

bool Renderer::each(const Value &context, const HelperCall &call, std::string &out)
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
        const Json indexValue(index);
        const Json firstValue(index == 0);
        const Json lastValue(last);
        data[0].second = Value::borrow(&key);
        data[1].second = Value::borrow(&indexValue);
        data[2].second = Value::borrow(&firstValue);
        data[3].second = Value::borrow(&lastValue);
        runBlock(program, *call.m_frame, item, &data, {item, data[0].second}, out);
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
    if (count == 0 && call.m_statement && call.m_statement->inverse)
        runBlock(call.m_statement->inverse.get(), *call.m_frame, call.self, nullptr, {}, out);
    return !m_failed;
}

bool Renderer::builtin(const std::string &name, HelperCall &call, size_t offset, Value *result,
                       bool *handled)
{
    *handled = true;
    *result = Value();
    if (name == "if" || name == "unless") {
        if (call.params.size() != 1)
            return fail("#" + name + " requires exactly one argument", offset);
        const Value *includeZero = call.hashValue("includeZero");
        const Json *condition = call.params[0].get();
        const bool zeroCounts = includeZero && js::isTruthy(includeZero->get());
        bool truthy = !((!zeroCounts && !js::isTruthy(condition)) || js::isEmpty(condition));
        if (name == "unless")
            truthy = !truthy;
        const Program *program = call.m_statement
            ? (truthy ? call.m_statement->program.get() : call.m_statement->inverse.get())
            : nullptr;
        std::string local;
        std::string &out = call.m_out ? *call.m_out : local;
        runBlock(program, *call.m_frame, call.self, nullptr, {call.self}, out);
        if (!call.m_out)
            *result = Value::own(Json(std::move(local)));
        return true;
    }
    if (name == "with") {
        if (call.params.size() != 1)
            return fail("#with requires exactly one argument", offset);
        const Value &context = call.params[0];
        if (!js::isEmpty(context.get()))
            writeBlock(call, call.fn(context), result);
        else
            writeBlock(call, call.inverse(call.self), result);
        return true;
    }
    if (name == "each") {
        if (call.params.empty())
            return fail("must pass an iterator to #each", offset);
        std::string local;
        if (!each(call.params[0], call, call.m_out ? *call.m_out : local))
            return false;
        if (!call.m_out)
            *result = Value::own(Json(std::move(local)));
        return true;
    }
    if (name == "lookup") {
        if (call.params.size() < 2)
            return true;
        const Value &object = call.params[0];
        if (!js::isTruthy(object.get())) {
            *result = object;
            return true;
        }
        *result = property(object, keyString(call.params[1]));
        return true;
    }
    if (name == "blockHelperMissing") {
        return true;
    }
    if (name == "helperMissing") {
        if (!call.params.empty())
            return fail("missing helper", offset);
        return true;
    }
    // log: prints nothing into the template.
    return true;
}

bool Renderer::renderBlock(const Statement &s, const Frame &frame, std::string &out)
{
    const Expr &path = *s.call.path;
    const bool hasArgs = !s.call.params.empty() || !s.call.hash.empty();
    const bool isSimple = path.kind == Expr::Kind::Path && path.parts.size() == 1 && !path.scoped
        && path.depth == 0 && !path.data;
    if (hasArgs || (isSimple && isKnownHelper(path.parts[0]))) {
        Value value;
        if (!evalCall(s.call, &s, frame, &value, &out))
            return false;
        if (value.get())
            out += js::toDisplay(value.get());
        return true;
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
        out += call.fn(frame.context);
    } else if (!json || json->is_null() || (json->is_boolean() && !json->get<bool>())) {
        out += call.inverse(frame.context);
    } else if (json->is_array()) {
        if (json->empty())
            out += call.inverse(frame.context);
        else if (!each(value, call, out))
            return false;
    } else {
        runBlock(s.program.get(), frame, value, nullptr, {}, out);
    }
    return !m_failed;
}

bool Renderer::renderPartial(const Statement &s, const Frame &frame, std::string &out)
{
    std::string name;
    const Expr &nameExpr = *s.call.path;
    if (nameExpr.kind == Expr::Kind::SubExpr) {
        Value value;
        if (!evalExpr(nameExpr, frame, &value))
            return false;
        name = js::toString(value.get());
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
        Json merged = Json::object();
        if (const Json *base = context.get()) {
            if (base->is_object()) {
                merged = *base;
            } else if (base->is_array()) {
                for (size_t i = 0; i < base->size(); ++i)
                    merged[std::to_string(i)] = (*base)[i];
            }
        }
        for (const auto &[key, expr] : s.call.hash) {
            Value value;
            if (!evalExpr(*expr, frame, &value))
                return false;
            if (value.get())
                merged[key] = *value.get();
            else
                merged.erase(key);
        }
        context = Value::own(std::move(merged));
    }

    RenderError partialError;
    const Template *partial = m_partials ? m_partials(name, &partialError) : nullptr;
    if (!partial) {
        if (!partialError.message.empty()) {
            if (!m_failed) {
                m_failed = true;
                m_error = partialError;
            }
            return false;
        }
        if (s.kind == Statement::Kind::PartialBlock)
            return renderProgram(s.program.get(), frame, out);
        return fail("the partial '" + name + "' could not be found", s.offset);
    }
    if (m_partialStack.size() >= kMaxPartialDepth) {
        // Name the loop itself: from the last time this partial was entered.
        size_t from = 0;
        for (size_t i = 0; i < m_partialStack.size(); ++i) {
            if (m_partialStack[i] == name)
                from = i;
        }
        std::string chain;
        for (size_t i = from; i < m_partialStack.size(); ++i)
            chain += m_partialStack[i] + " > ";
        return fail("partials include each other in a cycle: " + chain + name, s.offset);
    }

    Frame partialFrame;
    partialFrame.context = context;
    partialFrame.depthParent = sameContext(context, frame.context) ? frame.depthParent : &frame;
    partialFrame.data = frame.data;
    const Template *caller = m_current;
    m_current = partial;
    m_partialStack.push_back(name);
    std::string text;
    const bool ok = renderProgram(partial->program.get(), partialFrame, text);
    m_partialStack.pop_back();
    if (!ok)
        return false;
    m_current = caller;
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
    out += text;
    return true;
}

} // namespace psm::core::hbs
