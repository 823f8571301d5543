// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/prompt/hbsanalysis.h"

#include <algorithm>

namespace psm::core::hbs {
namespace {

using Known = std::function<bool(std::string_view)>;

bool isSimple(const Expr &path)
{
    return path.kind != Expr::Kind::Path
        || (path.parts.size() == 1 && !path.scoped && path.depth == 0 && !path.data);
}

std::string headName(const Expr &path)
{
    if (path.kind == Expr::Kind::Path)
        return path.parts.empty() ? std::string("undefined") : path.parts[0];
    return path.original;
}

bool inScope(const std::vector<const std::vector<std::string> *> &scopes, const std::string &name)
{
    for (const auto *scope : scopes) {
        if (std::find(scope->begin(), scope->end(), name) != scope->end())
            return true;
    }
    return false;
}

struct Walker {
    const Known &known;
    std::vector<const std::vector<std::string> *> scopes;
    std::optional<ParseError> unknown;
    std::vector<std::string> partials;
    std::vector<std::string> variables;
    int contextDepth = 0; // how many context-changing blocks we are inside

    // handlebars' classifySexpr: a subexpression always calls a helper (`(tags)` too), a
    // mustache or block only with arguments or a known helper's simple name; a block
    // parameter's name never does.
    bool isHelperCall(const Call &call, bool isSubExpr)
    {
        const Expr &path = *call.path;
        const bool args = !call.params.empty() || !call.hash.empty();
        const std::string name = headName(path);
        const bool blockParam = isSimple(path) && path.kind == Expr::Kind::Path
            && inScope(scopes, name);
        return !blockParam && (isSubExpr || args || (isSimple(path) && known(name)));
    }

    void noteVariable(const Expr &expr)
    {
        if (expr.kind != Expr::Kind::Path || expr.data || expr.parts.empty())
            return;
        if (!expr.scoped && expr.depth == 0 && inScope(scopes, expr.parts[0]))
            return;
        if (expr.depth != contextDepth && !(expr.depth == 0 && contextDepth == 0))
            return;
        if (std::find(variables.begin(), variables.end(), expr.parts[0]) == variables.end())
            variables.push_back(expr.parts[0]);
    }

    void visitExpr(const Expr &expr)
    {
        if (expr.kind == Expr::Kind::SubExpr)
            visitCall(*expr.call, true);
        else
            noteVariable(expr);
    }

    void visitCall(const Call &call, bool isSubExpr)
    {
        if (isHelperCall(call, isSubExpr)) {
            const std::string name = headName(*call.path);
            if (!known(name) && !unknown)
                unknown = ParseError{"unknown helper '" + name
                                         + "' (Dotprompt only allows its own and registered helpers)",
                                     call.path->offset};
        } else {
            visitExpr(*call.path);
        }
        for (const auto &param : call.params)
            visitExpr(*param);
        for (const auto &entry : call.hash)
            visitExpr(*entry.second);
    }

    void visitProgram(const Program *program, bool changesContext)
    {
        if (!program)
            return;
        if (!program->blockParams.empty())
            scopes.push_back(&program->blockParams);
        if (changesContext)
            ++contextDepth;
        for (const auto &statement : program->body)
            visitStatement(*statement);
        if (changesContext)
            --contextDepth;
        if (!program->blockParams.empty())
            scopes.pop_back();
    }

    void visitStatement(const Statement &s)
    {
        switch (s.kind) {
        case Statement::Kind::Content:
        case Statement::Kind::Comment:
            return;
        case Statement::Kind::Mustache:
            visitCall(s.call, false);
            return;
        case Statement::Kind::Decorator:
        case Statement::Kind::DecoratorBlock:
            // Decorator arguments are not helper calls; their programs (inline partials) are
            // compiled with the template, so unknown helpers in them count.
            for (const auto &param : s.call.params)
                visitExpr(*param);
            visitProgram(s.program.get(), false);
            visitProgram(s.inverse.get(), false);
            return;
        case Statement::Kind::Partial:
        case Statement::Kind::PartialBlock:
            if (s.call.path->kind == Expr::Kind::SubExpr) {
                visitExpr(*s.call.path);
            } else if (s.kind == Statement::Kind::Partial
                       && (s.call.path->kind == Expr::Kind::Path
                           || s.call.path->literal.is_string())
                       && std::find(partials.begin(), partials.end(), s.call.path->original)
                           == partials.end()) {
                partials.push_back(s.call.path->original);
            }
            for (const auto &param : s.call.params)
                visitExpr(*param);
            for (const auto &entry : s.call.hash)
                visitExpr(*entry.second);
            visitProgram(s.program.get(), false);
            return;
        case Statement::Kind::Block: {
            visitCall(s.call, false);
            const std::string name = headName(*s.call.path);
            const bool helper = isHelperCall(s.call, false);
            // Only if/unless/ifEquals/unlessEquals keep the context for their main program.
            const bool keeps = helper
                && (name == "if" || name == "unless" || name == "ifEquals"
                    || name == "unlessEquals");
            visitProgram(s.program.get(), !keeps);
            visitProgram(s.inverse.get(), false);
            return;
        }
        }
    }
};

} // namespace

std::optional<ParseError> findUnknownHelper(const Program &program, const Known &known)
{
    Walker walker{known, {}, std::nullopt, {}, {}, 0};
    walker.visitProgram(&program, false);
    return walker.unknown;
}

std::vector<std::string> partialNames(const Program &program)
{
    const Known none = [](std::string_view) { return true; };
    Walker walker{none, {}, std::nullopt, {}, {}, 0};
    walker.visitProgram(&program, false);
    return walker.partials;
}

std::vector<std::string> variablesUsed(const Program &program, const Known &known)
{
    Walker walker{known, {}, std::nullopt, {}, {}, 0};
    walker.visitProgram(&program, false);
    return walker.variables;
}

} // namespace psm::core::hbs
