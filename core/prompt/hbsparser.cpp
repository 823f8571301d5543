// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/prompt/hbsparser.h"

#include "core/prompt/jsvalue.h"

#include <cstdlib>

namespace psm::core::hbs {
namespace {

enum class Tok {
    Content,
    Comment,
    Open,
    OpenUnescaped,
    OpenBlock,
    OpenEndBlock,
    OpenInverse,
    OpenInverseChain,
    Inverse,
    OpenPartial,
    OpenPartialBlock,
    Close,
    CloseUnescaped,
    OpenSexpr,
    CloseSexpr,
    Equals,
    Id,
    Sep,
    Data,
    String,
    Number,
    Boolean,
    Undefined,
    Null,
    OpenBlockParams,
    CloseBlockParams,
    OpenRawBlock,
    CloseRawBlock,
    EndRawBlock,
    End,
};

struct Token {
    Tok type = Tok::End;
    std::string text;  // as written (strip flags are read from it)
    std::string value; // ID without brackets, STRING unescaped
    size_t offset = 0;
    bool literalId = false; // `[segment]`
};

const char *tokenName(Tok type)
{
    switch (type) {
    case Tok::Content: return "text";
    case Tok::Comment: return "a comment";
    case Tok::Open:
    case Tok::OpenUnescaped: return "'{{'";
    case Tok::OpenBlock: return "'{{#'";
    case Tok::OpenEndBlock: return "'{{/'";
    case Tok::OpenInverse: return "'{{^'";
    case Tok::OpenInverseChain: return "'{{else'";
    case Tok::Inverse: return "'{{else}}'";
    case Tok::OpenPartial: return "'{{>'";
    case Tok::OpenPartialBlock: return "'{{#>'";
    case Tok::Close: return "'}}'";
    case Tok::CloseUnescaped: return "'}}}'";
    case Tok::OpenSexpr: return "'('";
    case Tok::CloseSexpr: return "')'";
    case Tok::Equals: return "'='";
    case Tok::Id: return "a name";
    case Tok::Sep: return "a path separator";
    case Tok::Data: return "'@'";
    case Tok::String: return "a string";
    case Tok::Number: return "a number";
    case Tok::Boolean: return "a boolean";
    case Tok::Undefined: return "'undefined'";
    case Tok::Null: return "'null'";
    case Tok::OpenBlockParams: return "'as |'";
    case Tok::CloseBlockParams: return "'|'";
    case Tok::OpenRawBlock: return "'{{{{'";
    case Tok::CloseRawBlock: return "'}}}}'";
    case Tok::EndRawBlock: return "'{{{{/'";
    case Tok::End: return "the end of the template";
    }
    return "?";
}

bool startsWith(std::string_view text, size_t pos, std::string_view prefix)
{
    return text.substr(pos, prefix.size()) == prefix;
}

// ID characters: anything but white space and !"#%&'()*+,./;<=>@[\]^`{|}~
bool isIdChar(char32_t c)
{
    if (js::isSpace(c))
        return false;
    if (c >= 0x80)
        return true;
    switch (c) {
    case '!': case '"': case '#': case '%': case '&': case '\'': case '(': case ')':
    case '*': case '+': case ',': case '.': case '/': case ';': case '<': case '=':
    case '>': case '@': case '[': case '\\': case ']': case '^': case '`': case '{':
    case '|': case '}': case '~':
        return false;
    default:
        return c > 0x20 && c != 0x7F ? true : false;
    }
}

class Lexer {
public:
    explicit Lexer(std::string_view source) : m_src(source) {}

    bool run(std::vector<Token> *tokens, ParseError *error)
    {
        while (true) {
            if (m_state == State::Content) {
                if (m_pos >= m_src.size())
                    break;
                lexContent(tokens);
            } else if (m_state == State::Emu) {
                lexEmu(tokens);
            } else if (m_state == State::Raw) {
                if (!lexRaw(tokens, error))
                    return false;
            } else {
                if (m_pos >= m_src.size()) {
                    *error = {"unclosed '{{': the template ends inside a mustache", m_openAt};
                    return false;
                }
                if (!lexMustache(tokens, error))
                    return false;
            }
        }
        tokens->push_back({Tok::End, {}, {}, m_src.size(), false});
        return true;
    }

private:
    enum class State { Content, Emu, Mu, Raw };

    void push(std::vector<Token> *tokens, Tok type, size_t length, std::string value = {})
    {
        Token token{type, std::string(m_src.substr(m_pos, length)), std::move(value), m_pos,
                    false};
        tokens->push_back(std::move(token));
        m_pos += length;
    }

    void lexContent(std::vector<Token> *tokens)
    {
        const size_t open = m_src.find("{{", m_pos);
        if (open == std::string_view::npos) {
            push(tokens, Tok::Content, m_src.size() - m_pos);
            return;
        }
        std::string_view text = m_src.substr(m_pos, open - m_pos);
        const size_t start = m_pos;
        if (text.size() >= 2 && text.substr(text.size() - 2) == "\\\\") {
            text.remove_suffix(1);
            m_state = State::Mu;
        } else if (!text.empty() && text.back() == '\\') {
            text.remove_suffix(1);
            m_state = State::Emu;
        } else {
            m_state = State::Mu;
        }
        if (!text.empty())
            tokens->push_back({Tok::Content, std::string(text), {}, start, false});
        m_pos = open;
        m_openAt = open;
    }

    // After `\{{`: the escaped mustache is text up to the next `{{`, `\{{` or the end.
    void lexEmu(std::vector<Token> *tokens)
    {
        size_t end = m_pos + 2;
        while (end < m_src.size()) {
            if (startsWith(m_src, end, "{{") || startsWith(m_src, end, "\\{{")
                || startsWith(m_src, end, "\\\\{{"))
                break;
            ++end;
        }
        end = std::min(end, m_src.size());
        push(tokens, Tok::Content, end - m_pos);
        m_state = State::Content;
    }

    // Inside `{{{{name}}}} ... {{{{/name}}}}` everything is text; nested raw blocks only count
    // so that their closing tags stay text (handlebars' `raw` lexer state).
    bool lexRaw(std::vector<Token> *tokens, ParseError *error)
    {
        if (startsWith(m_src, m_pos, "{{{{/")) {
            size_t end = m_pos + 5;
            while (end < m_src.size()) {
                size_t length = 0;
                if (!isIdChar(js::decodeAt(m_src, end, &length)))
                    break;
                end += length;
            }
            if (end > m_pos + 5 && startsWith(m_src, end, "}}}}")) {
                if (--m_rawDepth > 0) {
                    push(tokens, Tok::Content, end + 4 - m_pos);
                } else {
                    push(tokens, Tok::EndRawBlock, end + 4 - m_pos,
                         std::string(m_src.substr(m_pos + 5, end - m_pos - 5)));
                    m_state = State::Content;
                }
                return true;
            }
        }
        if (startsWith(m_src, m_pos, "{{{{") && !startsWith(m_src, m_pos, "{{{{/")) {
            ++m_rawDepth;
            push(tokens, Tok::Content, 4);
            return true;
        }
        // Text up to the next `{{{{` (at least one character); there must be one.
        const size_t next = m_src.find("{{{{", m_pos + 1);
        if (m_pos >= m_src.size() || next == std::string_view::npos) {
            *error = {"unclosed raw block: '{{{{' without its '{{{{/name}}}}'", m_rawOpenAt};
            return false;
        }
        push(tokens, Tok::Content, next - m_pos);
        return true;
    }

    size_t skipSpaces(size_t pos) const
    {
        while (pos < m_src.size()) {
            size_t length = 0;
            if (!js::isSpace(js::decodeAt(m_src, pos, &length)))
                break;
            pos += length;
        }
        return pos;
    }

    bool closesAt(size_t pos, size_t *end) const
    {
        if (pos < m_src.size() && m_src[pos] == '~')
            ++pos;
        if (startsWith(m_src, pos, "}}")) {
            *end = pos + 2;
            return true;
        }
        return false;
    }

    bool lexOpen(std::vector<Token> *tokens, ParseError *error)
    {
        size_t r = m_pos + 2;
        if (r < m_src.size() && m_src[r] == '~')
            ++r;
        const char c = r < m_src.size() ? m_src[r] : '\0';
        size_t end = 0;
        if (c == '>') {
            push(tokens, Tok::OpenPartial, r + 1 - m_pos);
        } else if (c == '#' && startsWith(m_src, r, "#>")) {
            push(tokens, Tok::OpenPartialBlock, r + 2 - m_pos);
        } else if (c == '#' && startsWith(m_src, r, "#*")) {
            push(tokens, Tok::OpenBlock, r + 2 - m_pos); // a decorator block: `*` in its text
        } else if (c == '#') {
            push(tokens, Tok::OpenBlock, r + 1 - m_pos);
        } else if (c == '/') {
            push(tokens, Tok::OpenEndBlock, r + 1 - m_pos);
        } else if (c == '^' && closesAt(skipSpaces(r + 1), &end)) {
            push(tokens, Tok::Inverse, end - m_pos);
            m_state = State::Content;
        } else if (startsWith(m_src, skipSpaces(r), "else")
                   && closesAt(skipSpaces(skipSpaces(r) + 4), &end)) {
            push(tokens, Tok::Inverse, end - m_pos);
            m_state = State::Content;
        } else if (c == '^') {
            push(tokens, Tok::OpenInverse, r + 1 - m_pos);
        } else if (startsWith(m_src, skipSpaces(r), "else")
                   && !isWordChar(skipSpaces(r) + 4)) {
            push(tokens, Tok::OpenInverseChain, skipSpaces(r) + 4 - m_pos);
        } else if (c == '{') {
            push(tokens, Tok::OpenUnescaped, r + 1 - m_pos);
        } else if (c == '&') {
            push(tokens, Tok::Open, r + 1 - m_pos);
        } else if (startsWith(m_src, r, "!--")) {
            // The lazy `[\s\S]*?--~?}}` of handlebars' lexer, matched from the `{{`.
            size_t pos = m_pos;
            while (true) {
                pos = m_src.find("--", pos);
                if (pos == std::string_view::npos) {
                    *error = {"unclosed comment: '{{!--' without '--}}'", m_pos};
                    return false;
                }
                if (closesAt(pos + 2, &end))
                    break;
                ++pos;
            }
            push(tokens, Tok::Comment, end - m_pos);
            m_state = State::Content;
        } else if (c == '!') {
            const size_t close = m_src.find("}}", r + 1);
            if (close == std::string_view::npos) {
                *error = {"unclosed comment: '{{!' without '}}'", m_pos};
                return false;
            }
            push(tokens, Tok::Comment, close + 2 - m_pos);
            m_state = State::Content;
        } else if (c == '*') {
            push(tokens, Tok::Open, r + 1 - m_pos); // a decorator: `*` in its text
        } else {
            push(tokens, Tok::Open, r - m_pos);
        }
        return true;
    }

    bool isWordChar(size_t pos) const
    {
        if (pos >= m_src.size())
            return false;
        const char c = m_src[pos];
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || c == '_';
    }

    // The lookahead handlebars requires after literals: one of ~ } white space )
    bool literalEndsAt(size_t pos) const
    {
        if (pos >= m_src.size())
            return false;
        const char c = m_src[pos];
        if (c == '~' || c == '}' || c == ')')
            return true;
        size_t length = 0;
        return js::isSpace(js::decodeAt(m_src, pos, &length));
    }

    // The lookahead after an ID: one of = ~ } white space / . ) |
    bool idEndsAt(size_t pos) const
    {
        if (pos >= m_src.size())
            return false;
        const char c = m_src[pos];
        if (c == '=' || c == '/' || c == '.' || c == '|' || literalEndsAt(pos))
            return true;
        return false;
    }

    bool lexString(std::vector<Token> *tokens, char quote, ParseError *error)
    {
        size_t pos = m_pos + 1;
        std::string value;
        while (pos < m_src.size()) {
            if (m_src[pos] == '\\' && pos + 1 < m_src.size() && m_src[pos + 1] == quote) {
                value += quote;
                pos += 2;
            } else if (m_src[pos] != quote) {
                value += m_src[pos++];
            } else {
                break;
            }
        }
        if (pos >= m_src.size()) {
            *error = {"unclosed string literal", m_pos};
            return false;
        }
        push(tokens, Tok::String, pos + 1 - m_pos, std::move(value));
        return true;
    }

    bool lexMustache(std::vector<Token> *tokens, ParseError *error)
    {
        const char c = m_src[m_pos];
        if (startsWith(m_src, m_pos, "{{{{")) {
            m_openAt = m_rawOpenAt = m_pos;
            m_inRawOpen = true;
            push(tokens, Tok::OpenRawBlock, 4);
            return true;
        }
        if (startsWith(m_src, m_pos, "{{")) {
            m_openAt = m_pos;
            return lexOpen(tokens, error);
        }
        if (c == '(') {
            push(tokens, Tok::OpenSexpr, 1);
            return true;
        }
        if (c == ')') {
            push(tokens, Tok::CloseSexpr, 1);
            return true;
        }
        if (startsWith(m_src, m_pos, "}}}}")) {
            push(tokens, Tok::CloseRawBlock, 4);
            // Outside a raw block's opening tag this token is the parser's error to report.
            if (m_inRawOpen) {
                m_inRawOpen = false;
                m_state = State::Raw;
                m_rawDepth = 1;
            } else {
                m_state = State::Content;
            }
            return true;
        }
        if (c == '=') {
            push(tokens, Tok::Equals, 1);
            return true;
        }
        if (startsWith(m_src, m_pos, "..")) {
            push(tokens, Tok::Id, 2, "..");
            return true;
        }
        if (c == '.' && idEndsAt(m_pos + 1)) {
            push(tokens, Tok::Id, 1, ".");
            return true;
        }
        if (c == '.' || c == '/') {
            push(tokens, Tok::Sep, 1);
            return true;
        }
        const size_t afterSpace = skipSpaces(m_pos);
        if (afterSpace != m_pos) {
            m_pos = afterSpace;
            return true;
        }
        if (startsWith(m_src, m_pos, "}~}}") || startsWith(m_src, m_pos, "}}}")) {
            push(tokens, Tok::CloseUnescaped, m_src[m_pos + 1] == '~' ? 4 : 3);
            m_state = State::Content;
            return true;
        }
        if (startsWith(m_src, m_pos, "~}}") || startsWith(m_src, m_pos, "}}")) {
            push(tokens, Tok::Close, c == '~' ? 3 : 2);
            m_state = State::Content;
            return true;
        }
        if (c == '"' || c == '\'')
            return lexString(tokens, c, error);
        if (c == '@') {
            push(tokens, Tok::Data, 1);
            return true;
        }
        static const std::pair<std::string_view, Tok> kKeywords[] = {
            {"true", Tok::Boolean},
            {"false", Tok::Boolean},
            {"undefined", Tok::Undefined},
            {"null", Tok::Null},
        };
        for (const auto &[word, type] : kKeywords) {
            if (startsWith(m_src, m_pos, word) && literalEndsAt(m_pos + word.size())) {
                push(tokens, type, word.size(), std::string(word));
                return true;
            }
        }
        {
            size_t pos = m_pos;
            if (pos < m_src.size() && m_src[pos] == '-')
                ++pos;
            const size_t digits = pos;
            while (pos < m_src.size() && m_src[pos] >= '0' && m_src[pos] <= '9')
                ++pos;
            if (pos > digits) {
                size_t end = pos;
                if (end < m_src.size() && m_src[end] == '.') {
                    size_t frac = end + 1;
                    while (frac < m_src.size() && m_src[frac] >= '0' && m_src[frac] <= '9')
                        ++frac;
                    if (frac > end + 1)
                        end = frac;
                }
                if (literalEndsAt(end)) {
                    push(tokens, Tok::Number, end - m_pos, std::string(m_src.substr(m_pos, end - m_pos)));
                    return true;
                }
            }
        }
        if (startsWith(m_src, m_pos, "as")) {
            const size_t bar = skipSpaces(m_pos + 2);
            if (bar > m_pos + 2 && bar < m_src.size() && m_src[bar] == '|') {
                push(tokens, Tok::OpenBlockParams, bar + 1 - m_pos);
                return true;
            }
        }
        if (c == '|') {
            push(tokens, Tok::CloseBlockParams, 1);
            return true;
        }
        {
            size_t pos = m_pos;
            while (pos < m_src.size()) {
                size_t length = 0;
                if (!isIdChar(js::decodeAt(m_src, pos, &length)))
                    break;
                pos += length;
            }
            if (pos > m_pos && idEndsAt(pos)) {
                push(tokens, Tok::Id, pos - m_pos, std::string(m_src.substr(m_pos, pos - m_pos)));
                return true;
            }
            if (pos > m_pos && pos >= m_src.size()) {
                *error = {"unclosed '{{': the template ends inside a mustache", m_openAt};
                return false;
            }
        }
        if (c == '[') {
            size_t pos = m_pos + 1;
            std::string value;
            while (pos < m_src.size() && m_src[pos] != ']') {
                if (m_src[pos] == '\\' && pos + 1 < m_src.size()
                    && (m_src[pos + 1] == ']' || m_src[pos + 1] == '\\')) {
                    value += m_src[pos + 1];
                    pos += 2;
                    continue;
                }
                value += m_src[pos++];
            }
            if (pos >= m_src.size()) {
                *error = {"unclosed '[' in a path segment", m_pos};
                return false;
            }
            push(tokens, Tok::Id, pos + 1 - m_pos, std::move(value));
            tokens->back().literalId = true;
            return true;
        }
        *error = {"unexpected character in a mustache", m_pos};
        return false;
    }

    std::string_view m_src;
    size_t m_pos = 0;
    size_t m_openAt = 0;
    size_t m_rawOpenAt = 0;
    int m_rawDepth = 0;
    bool m_inRawOpen = false;
    State m_state = State::Content;
};

Strip stripFlags(const std::string &open, const std::string &close)
{
    return {open.size() > 2 && open[2] == '~', close.size() >= 3 && close[close.size() - 3] == '~'};
}

// The result of an `{{else}}`/`{{else if}}` part while a block is being parsed.
struct InverseChain {
    Strip strip;
    std::unique_ptr<Program> program;
    bool chain = false;
};

struct BlockOpen {
    Call call;
    std::vector<std::string> blockParams;
    Strip strip;
    size_t offset = 0;
};

class Parser {
public:
    Parser(std::vector<Token> tokens, ParseError *error)
        : m_tokens(std::move(tokens)), m_error(error)
    {
    }

    std::unique_ptr<Program> parseRoot()
    {
        auto program = parseProgram();
        if (!program)
            return nullptr;
        if (peek().type != Tok::End) {
            const Token &t = peek();
            if (t.type == Tok::OpenEndBlock)
                return failAt("'{{/' closes a block that was never opened", t.offset);
            return failAt(std::string("'") + t.text + "' outside of a block", t.offset);
        }
        return program;
    }

private:
    const Token &peek(size_t ahead = 0) const
    {
        const size_t i = std::min(m_index + ahead, m_tokens.size() - 1);
        return m_tokens[i];
    }
    const Token &take() { return m_tokens[std::min(m_index++, m_tokens.size() - 1)]; }

    std::nullptr_t failAt(std::string message, size_t offset)
    {
        if (m_error->message.empty())
            *m_error = {std::move(message), offset};
        return nullptr;
    }

    bool expect(Tok type, Token *out = nullptr)
    {
        const Token &t = peek();
        if (t.type != type) {
            failAt(std::string("expected ") + tokenName(type) + ", found " + tokenName(t.type),
                   t.offset);
            return false;
        }
        if (out)
            *out = t;
        take();
        return true;
    }

    std::unique_ptr<Program> parseProgram()
    {
        auto program = std::make_unique<Program>();
        if (++m_depth > 500)
            return failAt("blocks nested too deeply", peek().offset);
        while (true) {
            const Tok type = peek().type;
            if (type == Tok::End || type == Tok::OpenEndBlock || type == Tok::Inverse
                || type == Tok::OpenInverseChain)
                break;
            auto statement = parseStatement();
            if (!statement)
                return nullptr;
            if (statement->kind == Statement::Kind::Decorator
                || statement->kind == Statement::Kind::DecoratorBlock)
                program->hasDecorators = true;
            program->body.push_back(std::move(statement));
        }
        --m_depth;
        return program;
    }

    std::unique_ptr<Statement> parseStatement()
    {
        const Token &t = take();
        auto s = std::make_unique<Statement>();
        s->offset = t.offset;
        switch (t.type) {
        case Tok::Content:
            s->kind = Statement::Kind::Content;
            s->original = t.text;
            s->value = t.text;
            return s;
        case Tok::Comment:
            s->kind = Statement::Kind::Comment;
            s->strip = stripFlags(t.text, t.text);
            return s;
        case Tok::Open:
        case Tok::OpenUnescaped: {
            s->kind = t.text.find('*') != std::string::npos ? Statement::Kind::Decorator
                                                            : Statement::Kind::Mustache;
            if (!parseCall(&s->call, true))
                return nullptr;
            Token close;
            if (!expect(t.type == Tok::Open ? Tok::Close : Tok::CloseUnescaped, &close))
                return nullptr;
            s->strip = stripFlags(t.text, close.text);
            return s;
        }
        case Tok::OpenPartial: {
            s->kind = Statement::Kind::Partial;
            if (!parsePartialHead(&s->call))
                return nullptr;
            Token close;
            if (!expect(Tok::Close, &close))
                return nullptr;
            s->strip = stripFlags(t.text, close.text);
            return s;
        }
        case Tok::OpenPartialBlock:
            return parsePartialBlock(t, std::move(s));
        case Tok::OpenBlock:
        case Tok::OpenInverse:
            return parseBlock(t, std::move(s));
        case Tok::OpenRawBlock:
            return parseRawBlock(t, std::move(s));
        default:
            return failAt(std::string("unexpected ") + tokenName(t.type), t.offset);
        }
    }

    bool parseOpen(const Token &open, BlockOpen *head, bool allowBlockParams)
    {
        head->offset = open.offset;
        if (!parseCall(&head->call, true))
            return false;
        if (allowBlockParams && peek().type == Tok::OpenBlockParams) {
            take();
            while (peek().type == Tok::Id) {
                head->blockParams.push_back(take().value);
            }
            if (head->blockParams.empty()) {
                failAt("'as |' needs at least one block parameter name", peek().offset);
                return false;
            }
            if (!expect(Tok::CloseBlockParams))
                return false;
        }
        Token close;
        if (!expect(Tok::Close, &close))
            return false;
        head->strip = stripFlags(open.text, close.text);
        return true;
    }

    // `{{/name}}`: returns its strip flags; the name must match the opening.
    bool parseClose(const Expr &openPath, size_t openOffset, Strip *strip)
    {
        const Token &t = peek();
        if (t.type != Tok::OpenEndBlock) {
            failAt("unclosed block '{{#" + openPath.original + "}}'", openOffset);
            return false;
        }
        take();
        Call closeCall;
        if (!parseHelperName(&closeCall.path))
            return false;
        Token close;
        if (!expect(Tok::Close, &close))
            return false;
        if (closeCall.path->original != openPath.original) {
            failAt("'{{/" + closeCall.path->original + "}}' does not match '{{#"
                       + openPath.original + "}}'",
                   t.offset);
            return false;
        }
        *strip = stripFlags(t.text, close.text);
        return true;
    }

    std::unique_ptr<Statement> parseBlock(const Token &open, std::unique_ptr<Statement> s)
    {
        const bool inverted = open.type == Tok::OpenInverse;
        s->kind = Statement::Kind::Block;
        BlockOpen head;
        if (!parseOpen(open, &head, true))
            return nullptr;
        auto program = parseProgram();
        if (!program)
            return nullptr;
        InverseChain chain;
        bool hasInverse = false;
        if (peek().type == Tok::Inverse || (!inverted && peek().type == Tok::OpenInverseChain)) {
            if (!parseInverseChain(&chain))
                return nullptr;
            hasInverse = true;
        }
        Strip closeStrip;
        if (!parseClose(*head.call.path, open.offset, &closeStrip))
            return nullptr;
        s = prepareBlock(std::move(s), std::move(head), std::move(program),
                         hasInverse ? &chain : nullptr, &closeStrip, inverted);
        if (open.text.find('*') != std::string::npos)
            s->kind = Statement::Kind::DecoratorBlock;
        return s;
    }

    // `{{{{name args}}}}text{{{{/name}}}}`: a block whose program is the text, unparsed.
    std::unique_ptr<Statement> parseRawBlock(const Token &open, std::unique_ptr<Statement> s)
    {
        s->kind = Statement::Kind::Block;
        if (!parseCall(&s->call, true) || !expect(Tok::CloseRawBlock))
            return nullptr;
        s->program = std::make_unique<Program>();
        while (peek().type == Tok::Content) {
            const Token &t = take();
            auto content = std::make_unique<Statement>();
            content->offset = t.offset;
            content->original = content->value = t.text;
            s->program->body.push_back(std::move(content));
        }
        const Token &end = peek();
        if (end.type != Tok::EndRawBlock)
            return failAt("unclosed raw block '{{{{" + s->call.path->original + "}}}}'",
                          open.offset);
        take();
        if (end.value != s->call.path->original)
            return failAt("'{{{{/" + end.value + "}}}}' does not match '{{{{"
                              + s->call.path->original + "}}}}'",
                          end.offset);
        return s;
    }

    std::unique_ptr<Statement> prepareBlock(std::unique_ptr<Statement> s, BlockOpen head,
                                            std::unique_ptr<Program> program,
                                            InverseChain *inverseChain, const Strip *closeStrip,
                                            bool inverted)
    {
        s->kind = Statement::Kind::Block;
        s->offset = head.offset;
        program->blockParams = std::move(head.blockParams);
        std::unique_ptr<Program> inverse;
        if (inverseChain) {
            if (inverseChain->chain && closeStrip)
                inverseChain->program->body[0]->closeStrip = *closeStrip;
            s->inverseStrip = inverseChain->strip;
            inverse = std::move(inverseChain->program);
        }
        if (inverted)
            std::swap(program, inverse);
        s->call = std::move(head.call);
        s->program = std::move(program);
        s->inverse = std::move(inverse);
        s->openStrip = head.strip;
        if (closeStrip)
            s->closeStrip = *closeStrip;
        return s;
    }

    bool parseInverseChain(InverseChain *chain)
    {
        const Token t = take();
        if (t.type == Tok::Inverse) {
            chain->strip = stripFlags(t.text, t.text);
            chain->program = parseProgram();
            return chain->program != nullptr;
        }
        // `{{else if x}}`: a block of its own, wrapped in a program flagged as chained.
        BlockOpen head;
        if (!parseOpen(t, &head, true))
            return false;
        auto program = parseProgram();
        if (!program)
            return false;
        InverseChain inner;
        bool hasInner = false;
        if (peek().type == Tok::Inverse || peek().type == Tok::OpenInverseChain) {
            if (!parseInverseChain(&inner))
                return false;
            hasInner = true;
        }
        const Strip innerStrip = inner.strip;
        const Strip headStrip = head.strip;
        auto block = prepareBlock(std::make_unique<Statement>(), std::move(head),
                                  std::move(program), hasInner ? &inner : nullptr,
                                  hasInner ? &innerStrip : nullptr, false);
        auto wrapper = std::make_unique<Program>();
        wrapper->chained = true;
        wrapper->body.push_back(std::move(block));
        chain->strip = headStrip;
        chain->program = std::move(wrapper);
        chain->chain = true;
        return true;
    }

    std::unique_ptr<Statement> parsePartialBlock(const Token &open, std::unique_ptr<Statement> s)
    {
        s->kind = Statement::Kind::PartialBlock;
        if (!parsePartialHead(&s->call))
            return nullptr;
        Token close;
        if (!expect(Tok::Close, &close))
            return nullptr;
        s->openStrip = stripFlags(open.text, close.text);
        s->program = parseProgram();
        if (!s->program)
            return nullptr;
        if (!parseClose(*s->call.path, open.offset, &s->closeStrip))
            return nullptr;
        return s;
    }

    bool parsePartialHead(Call *call)
    {
        if (peek().type == Tok::OpenSexpr) {
            call->path = parseSexpr();
            if (!call->path)
                return false;
        } else if (!parseHelperName(&call->path)) {
            return false;
        }
        return parseParamsAndHash(call);
    }

    // helperName param* hash?
    bool parseCall(Call *call, bool literalAsPath)
    {
        if (!parseHelperName(&call->path))
            return false;
        if (literalAsPath && call->path->kind == Expr::Kind::Literal) {
            // handlebars turns `{{"foo"}}` into a lookup of the property "foo".
            Expr &path = *call->path;
            std::string name = path.isUndefined ? std::string("undefined")
                : path.literal.is_string()      ? path.literal.get<std::string>()
                                                : js::toString(&path.literal);
            if (path.literal.is_number())
                name = m_tokens[m_index - 1].value;
            path.kind = Expr::Kind::Path;
            path.parts = {name};
            path.original = name;
        }
        return parseParamsAndHash(call);
    }

    bool parseParamsAndHash(Call *call)
    {
        while (true) {
            const Tok type = peek().type;
            if (type == Tok::Id && peek(1).type == Tok::Equals)
                break;
            if (type == Tok::OpenSexpr) {
                auto expr = parseSexpr();
                if (!expr)
                    return false;
                call->params.push_back(std::move(expr));
                continue;
            }
            if (type == Tok::Id || type == Tok::Data || type == Tok::String || type == Tok::Number
                || type == Tok::Boolean || type == Tok::Undefined || type == Tok::Null) {
                std::unique_ptr<Expr> expr;
                if (!parseHelperName(&expr))
                    return false;
                call->params.push_back(std::move(expr));
                continue;
            }
            break;
        }
        while (peek().type == Tok::Id && peek(1).type == Tok::Equals) {
            std::string key = take().value;
            take();
            std::unique_ptr<Expr> value;
            if (peek().type == Tok::OpenSexpr) {
                value = parseSexpr();
                if (!value)
                    return false;
            } else if (!parseHelperName(&value)) {
                return false;
            }
            call->hash.emplace_back(std::move(key), std::move(value));
        }
        return true;
    }

    std::unique_ptr<Expr> parseSexpr()
    {
        const Token open = take();
        if (++m_depth > 500)
            return failAt("subexpressions nested too deeply", open.offset);
        auto expr = std::make_unique<Expr>();
        expr->kind = Expr::Kind::SubExpr;
        expr->offset = open.offset;
        expr->call = std::make_unique<Call>();
        if (!parseCall(expr->call.get(), false))
            return nullptr;
        if (!expect(Tok::CloseSexpr))
            return nullptr;
        --m_depth;
        return expr;
    }

    bool parseHelperName(std::unique_ptr<Expr> *out)
    {
        const Token &t = peek();
        auto expr = std::make_unique<Expr>();
        expr->offset = t.offset;
        switch (t.type) {
        case Tok::String:
            expr->kind = Expr::Kind::Literal;
            expr->literal = t.value;
            expr->original = t.value;
            take();
            break;
        case Tok::Number:
            expr->kind = Expr::Kind::Literal;
            expr->literal = std::strtod(t.value.c_str(), nullptr);
            expr->original = t.value;
            take();
            break;
        case Tok::Boolean:
            expr->kind = Expr::Kind::Literal;
            expr->literal = t.value == "true";
            expr->original = t.value;
            take();
            break;
        case Tok::Undefined:
            expr->kind = Expr::Kind::Literal;
            expr->isUndefined = true;
            expr->original = t.value;
            take();
            break;
        case Tok::Null:
            expr->kind = Expr::Kind::Literal;
            expr->literal = nullptr;
            expr->original = t.value;
            take();
            break;
        case Tok::Data:
            take();
            expr->data = true;
            if (!parsePath(expr.get()))
                return false;
            break;
        case Tok::Id:
            if (!parsePath(expr.get()))
                return false;
            break;
        default:
            failAt(std::string("expected a name or a value, found ") + tokenName(t.type),
                   t.offset);
            return false;
        }
        *out = std::move(expr);
        return true;
    }

    bool parsePath(Expr *expr)
    {
        std::string original = expr->data ? "@" : "";
        Token first;
        if (!expect(Tok::Id, &first))
            return false;
        std::vector<std::pair<Token, std::string>> segments; // token, separator before it
        segments.emplace_back(first, std::string());
        while (peek().type == Tok::Sep) {
            const std::string separator = take().text;
            Token next;
            if (!expect(Tok::Id, &next))
                return false;
            segments.emplace_back(next, separator);
        }
        for (const auto &[token, separator] : segments) {
            original += separator + token.value;
            const std::string &part = token.value;
            if (!token.literalId && (part == ".." || part == "." || part == "this")) {
                if (!expr->parts.empty()) {
                    failAt("invalid path: " + original, token.offset);
                    return false;
                }
                if (part == "..")
                    ++expr->depth;
            } else {
                expr->parts.push_back(part);
            }
        }
        expr->kind = Expr::Kind::Path;
        expr->original = original;
        expr->scoped = !original.empty()
            && (original[0] == '.'
                || (original.rfind("this", 0) == 0
                    && (original.size() == 4 || !isWordByte(original[4]))));
        return true;
    }

    static bool isWordByte(char c)
    {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || c == '_';
    }

    std::vector<Token> m_tokens;
    size_t m_index = 0;
    int m_depth = 0;
    ParseError *m_error;
};

// ---- whitespace control, as handlebars.js's WhitespaceControl visitor -------------------------

bool contentEndsWithNewlineSpace(std::string_view text)
{
    // /(?:^|\S)[^\S\n]*\n\s*$/: the trailing white space contains a newline.
    const size_t tail = js::trailingSpace(text);
    return text.substr(text.size() - tail).find('\n') != std::string_view::npos;
}

bool isPrevWhitespace(const Program &program, size_t i, bool isRoot, bool *known)
{
    *known = true;
    const auto &body = program.body;
    if (i == 0)
        return isRoot;
    const Statement &prev = *body[i - 1];
    if (prev.kind != Statement::Kind::Content) {
        *known = false;
        return false;
    }
    const bool sibling = i >= 2;
    if (sibling || !isRoot)
        return contentEndsWithNewlineSpace(prev.original);
    return js::trailingSpace(prev.original) == prev.original.size()
        || contentEndsWithNewlineSpace(prev.original);
}

bool isNextWhitespace(const Program &program, long i, bool isRoot)
{
    const auto &body = program.body;
    const size_t next = size_t(i + 1);
    if (next >= body.size())
        return isRoot;
    const Statement &n = *body[next];
    if (n.kind != Statement::Kind::Content)
        return false;
    const bool sibling = next + 1 < body.size();
    // /^\s*?\r?\n/ (or /^\s*?(\r?\n|$)/ at the root's end): the leading white space has a \n,
    // or is everything.
    const std::string_view text = n.original;
    const size_t lead = js::leadingSpace(text);
    if (text.substr(0, lead).find('\n') != std::string_view::npos)
        return true;
    return !(sibling || !isRoot) && lead == text.size();
}

bool isPrev(const Program &program, size_t i, bool isRoot)
{
    bool known = true;
    return isPrevWhitespace(program, i, isRoot, &known);
}

void omitRight(Program *program, long i, bool multiple)
{
    const size_t index = size_t(i + 1);
    if (!program || index >= program->body.size())
        return;
    Statement &current = *program->body[index];
    if (current.kind != Statement::Kind::Content || (!multiple && current.rightStripped))
        return;
    const std::string original = current.value;
    if (multiple) {
        current.value.erase(0, js::leadingSpace(current.value));
    } else {
        // /^[ \t]*\r?\n?/
        size_t pos = 0;
        while (pos < current.value.size() && (current.value[pos] == ' ' || current.value[pos] == '\t'))
            ++pos;
        if (pos < current.value.size() && current.value[pos] == '\r'
            && pos + 1 < current.value.size() && current.value[pos + 1] == '\n')
            pos += 2;
        else if (pos < current.value.size() && current.value[pos] == '\n')
            ++pos;
        current.value.erase(0, pos);
    }
    current.rightStripped = current.value != original;
}

bool omitLeft(Program *program, long i, bool multiple)
{
    if (!program)
        return false;
    const long index = i - 1;
    if (index < 0 || size_t(index) >= program->body.size())
        return false;
    Statement &current = *program->body[size_t(index)];
    if (current.kind != Statement::Kind::Content || (!multiple && current.leftStripped))
        return false;
    const std::string original = current.value;
    if (multiple) {
        current.value.resize(current.value.size() - js::trailingSpace(current.value));
    } else {
        size_t end = current.value.size();
        while (end > 0 && (current.value[end - 1] == ' ' || current.value[end - 1] == '\t'))
            --end;
        current.value.resize(end);
    }
    current.leftStripped = current.value != original;
    return current.leftStripped;
}

void omitRightFirst(Program *program, bool multiple) { omitRight(program, -1, multiple); }
void omitLeftLast(Program *program, bool multiple)
{
    if (program)
        omitLeft(program, long(program->body.size()), multiple);
}

struct StripInfo {
    bool present = false;
    bool open = false;
    bool close = false;
    bool openStandalone = false;
    bool closeStandalone = false;
    bool inlineStandalone = false;
};

class WhitespaceControl {
public:
    void visitProgram(Program *program)
    {
        if (!program)
            return;
        const bool isRoot = !m_rootSeen;
        m_rootSeen = true;
        auto &body = program->body;
        for (size_t i = 0; i < body.size(); ++i) {
            Statement *current = body[i].get();
            const StripInfo strip = visitStatement(current);
            if (!strip.present)
                continue;
            const bool prevWs = isPrev(*program, i, isRoot);
            const bool nextWs = isNextWhitespace(*program, long(i), isRoot);
            const bool openStandalone = strip.openStandalone && prevWs;
            const bool closeStandalone = strip.closeStandalone && nextWs;
            const bool inlineStandalone = strip.inlineStandalone && prevWs && nextWs;
            if (strip.close)
                omitRight(program, long(i), true);
            if (strip.open)
                omitLeft(program, long(i), true);
            if (inlineStandalone) {
                omitRight(program, long(i), false);
                if (omitLeft(program, long(i), false)
                    && current->kind == Statement::Kind::Partial) {
                    // The standalone partial's indentation: the trailing [ \t]+ of the line.
                    const std::string &prev = body[i - 1]->original;
                    size_t end = prev.size();
                    while (end > 0 && (prev[end - 1] == ' ' || prev[end - 1] == '\t'))
                        --end;
                    current->indent = prev.substr(end);
                }
            }
            if (openStandalone) {
                omitRightFirst(current->program ? current->program.get() : current->inverse.get(),
                               false);
                omitLeft(program, long(i), false);
            }
            if (closeStandalone) {
                omitRight(program, long(i), false);
                omitLeftLast(current->inverse ? current->inverse.get() : current->program.get(),
                             false);
            }
        }
    }

private:
    StripInfo visitStatement(Statement *s)
    {
        switch (s->kind) {
        case Statement::Kind::Content:
            return {};
        case Statement::Kind::Mustache:
            return {true, s->strip.open, s->strip.close, false, false, false};
        case Statement::Kind::Partial:
        case Statement::Kind::Comment:
            return {true, s->strip.open, s->strip.close, false, false, true};
        case Statement::Kind::Block:
        case Statement::Kind::PartialBlock:
        case Statement::Kind::DecoratorBlock:
            return visitBlock(s);
        case Statement::Kind::Decorator:
            return {}; // handlebars' WhitespaceControl has no rule for them: no stripping
        }
        return {};
    }

    StripInfo visitBlock(Statement *block)
    {
        visitProgram(block->program.get());
        visitProgram(block->inverse.get());
        Program *program = block->program ? block->program.get() : block->inverse.get();
        Program *inverse = block->program ? block->inverse.get() : nullptr;
        Program *firstInverse = inverse;
        Program *lastInverse = inverse;
        if (inverse && inverse->chained) {
            firstInverse = inverse->body[0]->program.get();
            while (lastInverse->chained) {
                Statement *last = lastInverse->body.back().get();
                lastInverse = last->program.get();
            }
        }
        StripInfo strip;
        strip.present = true;
        strip.open = block->openStrip.open;
        strip.close = block->closeStrip.close;
        strip.openStandalone = program ? isNextWhitespace(*program, -1, false) : false;
        {
            Program *target = firstInverse ? firstInverse : program;
            strip.closeStandalone = target ? isPrev(*target, target->body.size(), false) : false;
        }
        if (block->openStrip.close)
            omitRightFirst(program, true);
        if (inverse) {
            if (block->inverseStrip.open)
                omitLeftLast(program, true);
            if (block->inverseStrip.close)
                omitRightFirst(firstInverse, true);
            if (block->closeStrip.open)
                omitLeftLast(lastInverse, true);
            if (program && firstInverse && isPrev(*program, program->body.size(), false)
                && isNextWhitespace(*firstInverse, -1, false)) {
                omitLeftLast(program, false);
                omitRightFirst(firstInverse, false);
            }
        } else if (block->closeStrip.open) {
            omitLeftLast(program, true);
        }
        return strip;
    }

    bool m_rootSeen = false;
};

} // namespace

std::unique_ptr<Program> parse(std::string_view source, ParseError *error)
{
    std::vector<Token> tokens;
    Lexer lexer(source);
    *error = {};
    if (!lexer.run(&tokens, error))
        return nullptr;
    Parser parser(std::move(tokens), error);
    auto program = parser.parseRoot();
    if (!program)
        return nullptr;
    WhitespaceControl control;
    control.visitProgram(program.get());
    return program;
}

std::pair<int, int> lineColumn(std::string_view source, size_t offset)
{
    offset = std::min(offset, source.size());
    int line = 1;
    size_t lineStart = 0;
    for (size_t i = 0; i < offset; ++i) {
        if (source[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    int column = 1;
    for (size_t i = lineStart; i < offset; ++i) {
        if ((static_cast<unsigned char>(source[i]) & 0xC0) != 0x80)
            ++column;
    }
    return {line, column};
}

} // namespace psm::core::hbs
