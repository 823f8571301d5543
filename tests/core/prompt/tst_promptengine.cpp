// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// PromptEngine's own API: error positions in files and partials, custom helpers, variables,
// input validation, tools and model configs.
#include "core/prompt/promptengine.h"

#include <QTest>

using namespace psm::core;
using Json = nlohmann::ordered_json;

namespace {

std::string text(const RenderedPrompt &rendered)
{
    std::string out;
    for (const Json &message : rendered.messages()) {
        for (const Json &part : message["content"])
            out += part.value("text", std::string());
    }
    return out;
}

} // namespace

class TestPromptEngine : public QObject {
    Q_OBJECT

private slots:
    // Syntax errors point at the tag, helper errors at the helper's name.
    void errorPositions_data()
    {
        QTest::addColumn<QByteArray>("source");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message");
        QTest::newRow("after front matter") << QByteArray("---\nmodel: m\n---\n\n  {{#if x}}\n")
                                            << 5 << 3 << "unclosed block";
        QTest::newRow("first body line offset") << QByteArray("---\nmodel: m\n---\n   {{foo bar}}")
                                                << 4 << 6 << "unknown helper 'foo'";
        QTest::newRow("no front matter") << QByteArray("a\nb {{#each}}{{/each}}") << 2 << 6
                                         << "must pass an iterator to #each";
        QTest::newRow("if arity") << QByteArray("x\n\n  {{#if a b}}y{{/if}}") << 3 << 6
                                  << "#if requires exactly one argument";
        QTest::newRow("ifEquals as mustache") << QByteArray("{{ifEquals a b}}") << 1 << 3
                                              << "ifEquals: must be used as a block";
        QTest::newRow("unicode column") << QByteArray("héllo wörld {{/x}}") << 1 << 13
                                        << "never opened";
    }

    void errorPositions()
    {
        QFETCH(QByteArray, source);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, message);
        const auto prompt = parsePrompt(source.toStdString(), QStringLiteral("t.prompt"));
        QVERIFY(prompt);
        PromptEngine engine;
        const auto rendered = engine.render(*prompt, RenderInput{});
        QVERIFY(!rendered);
        const Error &error = rendered.error();
        QCOMPARE(error.file, QStringLiteral("t.prompt"));
        QVERIFY2(error.message.contains(message), qPrintable(error.message));
        QCOMPARE(error.line, line);
        QCOMPARE(error.column, column);
        QCOMPARE(error.code, ErrorCode::InvalidInput);
        // check() reports syntax and helper errors the same way without rendering.
        const Status checked = engine.check(*prompt);
        if (!message.contains(QLatin1String("iterator")) && !message.contains(QLatin1String("#if"))
            && !message.contains(QLatin1String("ifEquals"))) {
            QVERIFY(!checked);
            QCOMPARE(checked.error().line, line);
        }
    }

    void errorsInsidePartialsNameThePartial()
    {
        PromptEngine engine;
        engine.setPartialResolver([](const std::string &name) -> std::optional<PromptEngine::PartialSource> {
            if (name == "broken")
                return PromptEngine::PartialSource{"ok\n  {{#with x}}", QStringLiteral("prompts/_broken.prompt")};
            if (name == "loops")
                return PromptEngine::PartialSource{"{{> loops}}", QStringLiteral("prompts/_loops.prompt")};
            return std::nullopt;
        });
        auto prompt = parsePrompt("{{> broken}}", QStringLiteral("main.prompt"));
        auto rendered = engine.render(*prompt, {});
        QVERIFY(!rendered);
        QCOMPARE(rendered.error().file, QStringLiteral("prompts/_broken.prompt"));
        QCOMPARE(rendered.error().line, 2);
        QCOMPARE(rendered.error().column, 3);

        prompt = parsePrompt("x\n{{> loops}}", QStringLiteral("main.prompt"));
        rendered = engine.render(*prompt, {});
        QVERIFY(!rendered);
        QVERIFY(rendered.error().message.contains(QStringLiteral("cycle: loops > loops")));

        prompt = parsePrompt("x\n  {{> absent}}", QStringLiteral("main.prompt"));
        rendered = engine.render(*prompt, {});
        QVERIFY(!rendered);
        QCOMPARE(rendered.error().file, QStringLiteral("main.prompt"));
        QCOMPARE(rendered.error().line, 2);
        QCOMPARE(rendered.error().column, 3);
    }

    void recursivePartialsThatEndAreFine()
    {
        PromptEngine engine;
        engine.definePartial("node", "{{name}}{{#if children}}({{#each children}}{{> node}}{{/each}}){{/if}}");
        const auto prompt = parsePrompt("{{> node tree}}", QStringLiteral("t"));
        RenderInput input;
        input.input = Json::parse(R"({"tree":{"name":"a","children":[{"name":"b","children":[{"name":"c"}]},{"name":"d"}]}})");
        const auto rendered = engine.render(*prompt, input);
        QVERIFY2(rendered, qPrintable(rendered ? QString() : rendered.error().toString()));
        QCOMPARE(text(*rendered), std::string("a(b(c)d)"));
    }

    void customHelpers()
    {
        PromptEngine engine;
        engine.defineHelper("upper", [](const hbs::HelperCall &call) -> tl::expected<hbs::Value, std::string> {
            if (call.params.empty() || !call.params[0].get() || !call.params[0].get()->is_string())
                return tl::unexpected(std::string("needs a string"));
            std::string s = call.params[0].get()->get<std::string>();
            for (char &c : s)
                c = char(std::toupper(static_cast<unsigned char>(c)));
            return hbs::Value::own(Json(s));
        });
        engine.defineHelper("twice", [](const hbs::HelperCall &call) -> tl::expected<hbs::Value, std::string> {
            return hbs::Value::own(Json(call.fnText(call.self) + call.fnText(call.self)));
        });
        const auto prompt = parsePrompt("{{upper name}} {{#twice}}{{name}};{{/twice}}", QStringLiteral("t"));
        RenderInput input;
        input.input = Json::parse(R"({"name":"ada"})");
        auto rendered = engine.render(*prompt, input);
        QVERIFY(rendered);
        QCOMPARE(text(*rendered), std::string("ADA ada;ada;"));

        input.input = Json::parse(R"({"name":5})");
        rendered = engine.render(*prompt, input);
        QVERIFY(!rendered);
        QVERIFY(rendered.error().message.contains(QStringLiteral("upper: needs a string")));
    }

    void variablesUsed()
    {
        const auto prompt = parsePrompt("---\nmodel: m\n---\n{{role \"system\"}}{{persona}}\n"
                                        "{{#each docs as |d|}}{{d.title}} {{../query}}{{/each}}"
                                        "{{#if verbose}}{{detail}}{{/if}}{{@state.x}}",
                                        QStringLiteral("t"));
        PromptEngine engine;
        const auto names = engine.variablesUsed(*prompt);
        QVERIFY(names);
        QCOMPARE(*names, (QStringList{QStringLiteral("persona"), QStringLiteral("docs"),
                                      QStringLiteral("query"), QStringLiteral("verbose"),
                                      QStringLiteral("detail")}));
    }

    void inputValidation_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("message");
        QTest::newRow("ok") << QByteArray(R"({"name":"a","age":3})") << QString();
        QTest::newRow("default fills required") << QByteArray(R"({"age":3})") << QString();
        QTest::newRow("wrong type") << QByteArray(R"({"name":"a","age":"x"})")
                                    << "input variable 'age' must be of type integer";
        QTest::newRow("missing") << QByteArray(R"({"name":"a"})")
                                 << "input variable 'age' is required";
        QTest::newRow("nested") << QByteArray(R"({"name":"a","age":1,"tags":[1]})")
                                << "input variable 'tags.0'";
    }

    void inputValidation()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, message);
        const auto prompt = parsePrompt("---\ninput:\n  schema:\n    name: string\n    age: integer\n"
                                        "    tags?(array): string\n  default:\n    name: dflt\n---\n"
                                        "{{name}} {{age}}",
                                        QStringLiteral("v.prompt"));
        QVERIFY(prompt);
        PromptEngine engine;
        RenderInput renderInput;
        renderInput.input = Json::parse(input.toStdString());
        renderInput.options = Json::parse(R"({"input":{"default":{"name":"dflt"}}})");
        renderInput.validateInput = true;
        const auto rendered = engine.render(*prompt, renderInput);
        if (message.isEmpty()) {
            QVERIFY2(rendered, qPrintable(rendered ? QString() : rendered.error().toString()));
            return;
        }
        QVERIFY(!rendered);
        QCOMPARE(rendered.error().file, QStringLiteral("v.prompt"));
        QVERIFY2(rendered.error().message.contains(message), qPrintable(rendered.error().message));
    }

    void toolsAndModelConfigs()
    {
        PromptEngine engine;
        engine.defineTool(Json::parse(R"({"name":"search","description":"web"})"));
        engine.setModelConfigs(Json::parse(R"({"m1":{"temperature":0.1,"topK":3}})"));
        const auto prompt = parsePrompt("---\nmodel: m1\nconfig:\n  temperature: 0.9\ntools: [search, other]\n---\nx",
                                        QStringLiteral("t"));
        const auto meta = engine.renderMetadata(*prompt);
        QVERIFY(meta);
        QCOMPARE((*meta)["config"].dump(), std::string(R"({"temperature":0.9,"topK":3})"));
        QCOMPARE((*meta)["tools"].dump(), std::string(R"(["other"])"));
        QCOMPARE((*meta)["toolDefs"].dump(), std::string(R"([{"name":"search","description":"web"}])"));

        const auto bad = parsePrompt("---\nmodel: m\ntools: search\n---\nx", QStringLiteral("b.prompt"));
        const auto failed = engine.renderMetadata(*bad);
        QVERIFY(!failed);
        QCOMPARE(failed.error().line, 3);
    }

    void picoschemaErrorsPointAtTheSection()
    {
        const auto prompt = parsePrompt("---\nmodel: m\noutput:\n  schema:\n    a: Nope\n---\nx",
                                        QStringLiteral("s.prompt"));
        PromptEngine engine;
        const auto rendered = engine.render(*prompt, {});
        QVERIFY(!rendered);
        QCOMPARE(rendered.error().line, 3);
        QVERIFY(rendered.error().message.contains(QStringLiteral("output.schema")));
    }
};

QTEST_GUILESS_MAIN(TestPromptEngine)
#include "tst_promptengine.moc"
