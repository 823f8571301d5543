// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// The Handlebars lexer/parser: tree shape, paths, literals, hash, subexpressions, block params,
// else chains, escapes, whitespace control, and syntax errors with their positions.
#include "core/prompt/hbsanalysis.h"
#include "core/prompt/hbsparser.h"

#include <QTest>

using namespace psm::core::hbs;

namespace {

std::unique_ptr<Program> mustParse(const std::string &source)
{
    ParseError error;
    auto program = parse(source, &error);
    if (!program)
        qWarning("parse error: %s at %zu", error.message.c_str(), error.offset);
    return program;
}

// The text the template would output around its tags: Content values after whitespace
// control, with each non-content statement shown as a marker.
std::string shape(const Program *program)
{
    if (!program)
        return "";
    std::string out;
    for (const auto &s : program->body) {
        switch (s->kind) {
        case Statement::Kind::Content: out += s->value; break;
        case Statement::Kind::Comment: out += "<!>"; break;
        case Statement::Kind::Mustache: out += "<" + s->call.path->original + ">"; break;
        case Statement::Kind::Partial: out += "<>" + s->call.path->original + "|" + s->indent + ">"; break;
        case Statement::Kind::Decorator: out += "<*" + s->call.path->original + ">"; break;
        case Statement::Kind::PartialBlock:
        case Statement::Kind::Block:
        case Statement::Kind::DecoratorBlock:
            out += "<#" + s->call.path->original + ":" + shape(s->program.get()) + "/"
                + shape(s->inverse.get()) + ">";
            break;
        }
    }
    return out;
}

} // namespace

class TestHbsParser : public QObject {
    Q_OBJECT

private slots:
    void paths()
    {
        auto program = mustParse("{{a.b.c}}{{../x}}{{../../y.z}}{{this.q}}{{./r}}{{this}}{{.}}"
                                 "{{@index}}{{@root.a}}{{[odd key].[0]}}{{a/b}}");
        QVERIFY(program);
        QCOMPARE(program->body.size(), size_t(11));
        auto path = [&](size_t i) -> const Expr & { return *program->body[i]->call.path; };
        QCOMPARE(path(0).parts, (std::vector<std::string>{"a", "b", "c"}));
        QCOMPARE(path(1).depth, 1);
        QCOMPARE(path(1).parts, std::vector<std::string>{"x"});
        QVERIFY(path(1).scoped);
        QCOMPARE(path(2).depth, 2);
        QCOMPARE(path(2).parts, (std::vector<std::string>{"y", "z"}));
        QVERIFY(path(3).scoped);
        QCOMPARE(path(3).parts, std::vector<std::string>{"q"});
        QVERIFY(path(4).scoped);
        QVERIFY(path(5).parts.empty());
        QVERIFY(path(6).parts.empty());
        QVERIFY(path(7).data);
        QCOMPARE(path(7).parts, std::vector<std::string>{"index"});
        QCOMPARE(path(8).parts, (std::vector<std::string>{"root", "a"}));
        QCOMPARE(path(9).parts, (std::vector<std::string>{"odd key", "0"}));
        QCOMPARE(path(10).parts, (std::vector<std::string>{"a", "b"}));
        QCOMPARE(path(10).original, std::string("a/b"));
    }

    void literalsHashAndSubexpressions()
    {
        auto program = mustParse(
            "{{helper \"s\\\"q\" 'x' 12 -1.5 true false null undefined key=value n=2}}");
        QVERIFY(program);
        const Call &call = program->body[0]->call;
        QCOMPARE(call.params.size(), size_t(8));
        QVERIFY(call.params[0]->literal == nlohmann::ordered_json("s\"q"));
        QVERIFY(call.params[1]->literal == nlohmann::ordered_json("x"));
        QCOMPARE(call.params[2]->literal.get<double>(), 12.0);
        QCOMPARE(call.params[3]->literal.get<double>(), -1.5);
        QVERIFY(call.params[4]->literal == nlohmann::ordered_json(true));
        QVERIFY(call.params[5]->literal == nlohmann::ordered_json(false));
        QVERIFY(call.params[6]->literal.is_null());
        QVERIFY(call.params[7]->isUndefined);
        QCOMPARE(call.hash.size(), size_t(2));
        QCOMPARE(call.hash[0].first, std::string("key"));
        QCOMPARE(call.hash[0].second->parts, std::vector<std::string>{"value"});
        QCOMPARE(call.hash[1].first, std::string("n"));
        QCOMPARE(call.hash[1].second->literal.get<double>(), 2.0);
        // The grammar puts positional params before the hash.
        ParseError error;
        QVERIFY(!parse("{{helper a=b c}}", &error));
    }

    void subexpressionParam()
    {
        auto program = mustParse("{{outer (inner a \"b\" c=d) x}}");
        QVERIFY(program);
        const Call &call = program->body[0]->call;
        QCOMPARE(call.params.size(), size_t(2));
        QVERIFY(call.params[0]->kind == Expr::Kind::SubExpr);
        QCOMPARE(call.params[0]->call->path->original, std::string("inner"));
        QCOMPARE(call.params[0]->call->params.size(), size_t(2));
        QCOMPARE(call.params[0]->call->hash.size(), size_t(1));
    }

    void blocksAndChains()
    {
        auto program = mustParse("{{#each items as |item i|}}x{{else}}none{{/each}}"
                                 "{{#if a}}A{{else if b}}B{{else}}C{{/if}}{{^c}}not c{{/c}}");
        QVERIFY(program);
        const Statement &each = *program->body[0];
        QCOMPARE(each.program->blockParams, (std::vector<std::string>{"item", "i"}));
        QCOMPARE(shape(program.get()),
                 std::string("<#each:x/none><#if:A/<#if:B/C>><#c:/not c>"));
        const Statement &ifBlock = *program->body[1];
        QVERIFY(ifBlock.inverse->chained);
        QVERIFY(!program->body[2]->program); // {{^c}}: the content is the inverse
    }

    void whitespaceControl_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("expected");
        QTest::newRow("tilde both") << "a  {{~x~}}  b" << "a<x>b";
        QTest::newRow("tilde newlines") << "a\n\n  {{~x}}\n" << "a<x>\n";
        QTest::newRow("standalone block lines")
            << "x\n  {{#if a}}\n  y\n  {{/if}}\nz" << "x\n<#if:  y\n/>z";
        QTest::newRow("standalone else")
            << "{{#if a}}\nA\n{{else}}\nB\n{{/if}}\n" << "<#if:A\n/B\n>";
        QTest::newRow("standalone comment") << "a\n  {{! c }}  \nb" << "a\n<!>b";
        QTest::newRow("standalone partial keeps indent") << "a\n  {{> p}}\nb" << "a\n<>p|  >b";
        QTest::newRow("inline mustache is not standalone") << "a\n  {{x}}\nb" << "a\n  <x>\nb";
        QTest::newRow("block on a line with text") << "a {{#if x}}\ny{{/if}}" << "a <#if:\ny/>";
        QTest::newRow("tilde block") << "a {{~#if x~}} y {{~/if~}} b" << "a<#if:y/>b";
        QTest::newRow("crlf standalone") << "x\r\n{{#if a}}\r\ny\r\n{{/if}}\r\n" << "x\r\n<#if:y\r\n/>";
    }

    void whitespaceControl()
    {
        QFETCH(QString, source);
        QFETCH(QString, expected);
        auto program = mustParse(source.toStdString());
        QVERIFY(program);
        QCOMPARE(QString::fromStdString(shape(program.get())), expected);
    }

    void escapes()
    {
        auto program = mustParse("a\\{{b}} {{c}}\\\\{{d}}");
        QVERIFY(program);
        QCOMPARE(shape(program.get()), std::string("a{{b}} <c>\\<d>"));
    }

    void comments()
    {
        auto program = mustParse("{{!-- has }} inside --}}x{{! short }}y{{!--}}z");
        QVERIFY(program);
        QCOMPARE(shape(program.get()), std::string("<!>x<!>y<!>z"));
    }

    void errors_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message");
        QTest::newRow("unclosed block") << "ab\n{{#each x}}\ny" << 2 << 1 << "unclosed block '{{#each}}'";
        QTest::newRow("mismatch") << "{{#if a}}\n  {{/each}}" << 2 << 3 << "'{{/each}}' does not match '{{#if}}'";
        QTest::newRow("stray close") << "x {{/if}}" << 1 << 3 << "closes a block that was never opened";
        QTest::newRow("stray else") << "x\n{{else}}" << 2 << 1 << "outside of a block";
        QTest::newRow("unclosed mustache") << "x {{name" << 1 << 3 << "unclosed '{{'";
        QTest::newRow("unclosed comment") << "é {{!-- never" << 1 << 3 << "unclosed comment";
        QTest::newRow("bad path") << "{{a.this}}" << 1 << 5 << "invalid path: a.this";
        QTest::newRow("numeric segment") << "{{list.1}}" << 1 << 8 << "expected a name";
        QTest::newRow("empty mustache") << "{{}}" << 1 << 3 << "expected a name or a value";
        QTest::newRow("unclosed string") << "{{x \"abc}}" << 1 << 5 << "unclosed string";
        QTest::newRow("unclosed raw block") << "{{{{raw}}}} {{x}}" << 1 << 1 << "unclosed raw block";
        QTest::newRow("raw block mismatch") << "{{{{raw}}}}x{{{{/war}}}}" << 1 << 13 << "does not match";
        QTest::newRow("triple mismatch") << "{{{x}}" << 1 << 5 << "expected '}}}'";
    }

    void errors()
    {
        QFETCH(QString, source);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, message);
        const std::string text = source.toStdString();
        ParseError error;
        QVERIFY(!parse(text, &error));
        QVERIFY2(QString::fromStdString(error.message).contains(message), error.message.c_str());
        const auto [l, c] = lineColumn(text, error.offset);
        QCOMPARE(l, line);
        QCOMPARE(c, column);
    }

    void deepNestingIsAnErrorNotACrash()
    {
        std::string source;
        for (int i = 0; i < 2000; ++i)
            source += "{{#if a}}";
        ParseError error;
        QVERIFY(!parse(source, &error));
        QVERIFY(!error.message.empty());
        std::string sexpr = "{{x ";
        for (int i = 0; i < 2000; ++i)
            sexpr += "(y ";
        QVERIFY(!parse(sexpr, &error));
    }

    void analysis()
    {
        auto program = mustParse("{{name}} {{#each items as |it|}}{{it.x}}{{label}}{{../title}}{{/each}}"
                                 "{{#if flag}}{{other}}{{/if}}{{json data}}{{@root.r}}{{> part}}"
                                 "{{#with user}}{{inner}}{{/with}}{{#if x}}{{shout y}}{{/if}}");
        QVERIFY(program);
        const auto known = [](std::string_view name) {
            return name == "each" || name == "if" || name == "with" || name == "json";
        };
        const auto variables = variablesUsed(*program, known);
        QCOMPARE(variables, (std::vector<std::string>{"name", "items", "title", "flag", "other",
                                                      "data", "user", "x", "y"}));
        QCOMPARE(partialNames(*program), std::vector<std::string>{"part"});
        const auto unknown = findUnknownHelper(*program, known);
        QVERIFY(unknown);
        QVERIFY(unknown->message.find("'shout'") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestHbsParser)
#include "tst_hbsparser.moc"
