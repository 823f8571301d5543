// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/prompt/promptengine.h"

#include "core/prompt/frontmatter.h"
#include "core/prompt/hbsanalysis.h"
#include "core/prompt/hbsparser.h"
#include "core/prompt/jsvalue.h"
#include "core/prompt/messages.h"
#include "core/prompt/picoschema.h"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <cmath>
#include <memory>
#include <set>

namespace psm::core {
namespace {

using Json = nlohmann::ordered_json;
using hbs::HelperCall;
using hbs::Value;

// Dotprompt's helpers return `new Handlebars.SafeString(...)`.
tl::expected<Value, std::string> text(std::optional<std::string> value)
{
    return Value::safeString(std::move(value));
}

// String(x) of a helper argument; a missing one is Handlebars' options object.
std::string argString(const HelperCall &call, size_t index)
{
    if (index >= call.params.size())
        return "[object Object]";
    return call.params[index].text();
}

void addDotpromptHelpers(hbs::HelperMap &helpers)
{
    helpers["json"] = [](const HelperCall &call) -> tl::expected<Value, std::string> {
        std::string indent;
        if (const Value *value = call.hashValue("indent")) {
            const Json *json = value->get();
            if (json && json->is_number() && js::isTruthy(json)) {
                const double n = std::floor(std::min(10.0, json->get<double>()));
                if (n >= 1)
                    indent.assign(size_t(n), ' ');
            } else if (json && json->is_string()) {
                indent = json->get<std::string>();
            }
        }
        // json(serializable, options): without exactly one argument options is missing.
        if (call.params.size() != 1)
            return tl::unexpected(std::string("needs exactly one value: {{json value}}"));
        // JSON.stringify(undefined) is undefined, and so is the SafeString's text.
        if (call.params[0].isUndefined())
            return text(std::nullopt);
        return text(js::stringify(call.params[0].get(), indent));
    };
    helpers["role"] = [](const HelperCall &call) {
        return text("<<<dotprompt:role:" + argString(call, 0) + ">>>");
    };
    helpers["history"] = [](const HelperCall &) { return text("<<<dotprompt:history>>>"); };
    helpers["section"] = [](const HelperCall &call) {
        return text("<<<dotprompt:section " + argString(call, 0) + ">>>");
    };
    helpers["media"] = [](const HelperCall &call) -> tl::expected<Value, std::string> {
        // media(options): a positional argument would take the place of options.
        if (!call.params.empty())
            return tl::unexpected(std::string("takes only url= and contentType="));
        const Value *url = call.hashValue("url");
        const Value *contentType = call.hashValue("contentType");
        std::string marker = "<<<dotprompt:media:url " + (url ? url->text() : "undefined");
        if (contentType && js::isTruthy(contentType->get()))
            marker += " " + contentType->text();
        return text(marker + ">>>");
    };
    auto equals = [](bool wantEqual) {
        return [wantEqual](const HelperCall &call) -> tl::expected<Value, std::string> {
            if (!call.isBlock)
                return tl::unexpected(std::string("must be used as a block: {{#helper a b}}"));
            if (call.params.size() != 2)
                return tl::unexpected(std::string("needs exactly two values to compare"));
            const bool equal = js::strictEquals(call.params[0].get(), call.params[1].get());
            return equal == wantEqual ? call.fn(call.self) : call.inverse(call.self);
        };
    };
    helpers["ifEquals"] = equals(true);
    helpers["unlessEquals"] = equals(false);
}

// JS `{...target, ...source}`: objects by key, lists and strings by index.
void spreadInto(Json &target, const Json &source)
{
    const Json converted = source.is_object() ? Json() : js::spread(source);
    const Json &from = source.is_object() ? source : converted;
    for (const std::string_view key : js::keysInJsOrder(from))
        target[std::string(key)] = from.find(std::string(key)).value();
}

// Where a front-matter key starts in the file, for errors about its value.
std::pair<int, int> keyPosition(const PromptFile &prompt, const std::string &key)
{
    const std::string needle = key + ":";
    size_t pos = 0;
    while ((pos = prompt.source.find(needle, pos)) != std::string::npos) {
        if (pos == 0 || prompt.source[pos - 1] == '\n')
            return hbs::lineColumn(prompt.source, pos);
        ++pos;
    }
    return {1, 1};
}

Error errorAt(const PromptFile &prompt, const hbs::RenderError &error)
{
    Error e;
    e.code = ErrorCode::InvalidInput;
    e.message = QString::fromStdString(error.message);
    if (error.where && !error.where->name.empty()) {
        const auto [line, column] = hbs::lineColumn(error.where->source, error.offset);
        e.file = QString::fromStdString(error.where->name);
        e.line = line;
        e.column = column;
        return e;
    }
    auto [line, column] = hbs::lineColumn(prompt.templateText, error.offset);
    if (line == 1)
        column += prompt.templateColumn - 1;
    line += prompt.templateLine - 1;
    e.file = prompt.fileName;
    e.line = line;
    e.column = column;
    return e;
}

} // namespace

PromptEngine::PromptEngine()
{
    addDotpromptHelpers(m_helpers);
}

void PromptEngine::defineHelper(const std::string &name, hbs::Helper helper)
{
    m_helpers[name] = std::move(helper);
}

void PromptEngine::definePartial(const std::string &name, std::string source)
{
    m_partials[name] = std::move(source);
}

void PromptEngine::setPartialResolver(PartialResolver resolver)
{
    m_partialResolver = std::move(resolver);
}

void PromptEngine::defineSchema(const std::string &name, Json schema)
{
    m_schemas[name] = std::move(schema);
}

void PromptEngine::setSchemaResolver(SchemaResolver resolver)
{
    m_schemaResolver = std::move(resolver);
}

void PromptEngine::defineTool(Json definition)
{
    const std::string name = definition.value("name", std::string());
    m_tools[name] = std::move(definition);
}

void PromptEngine::setDefaultModel(const std::string &model)
{
    m_defaultModel = model;
}

void PromptEngine::setModelConfigs(Json configs)
{
    m_modelConfigs = std::move(configs);
}

bool PromptEngine::isKnownHelper(std::string_view name) const
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

Result<Json> PromptEngine::renderMetadata(const PromptFile &prompt, const Json &additional) const
{
    const Json &parsed = prompt.metadata;
    std::string model;
    if (additional.is_object() && js::isTruthy(additional.contains("model") ? &additional["model"] : nullptr))
        model = js::toString(&additional["model"]);
    else if (parsed.contains("model") && js::isTruthy(&parsed["model"]))
        model = js::toString(&parsed["model"]);
    else
        model = m_defaultModel;

    Json out = Json::object();
    if (!model.empty() && m_modelConfigs.is_object() && m_modelConfigs.contains(model))
        out["config"] = m_modelConfigs[model];
    for (const Json *merge : {&parsed, &additional}) {
        if (!merge->is_object())
            continue;
        Json originalConfig = out.contains("config") && out["config"].is_object()
            ? out["config"]
            : Json::object();
        spreadInto(out, *merge);
        Json config = std::move(originalConfig);
        if (merge->contains("config"))
            spreadInto(config, (*merge)["config"]);
        out["config"] = std::move(config);
    }

    // Tools: registered names become toolDefs, the others stay in tools.
    if (out.contains("tools") && js::isTruthy(&out["tools"])) {
        if (!out["tools"].is_array()) {
            const auto [line, column] = keyPosition(prompt, "tools");
            return failAt(ErrorCode::InvalidInput, QStringLiteral("tools must be a list of tool names"),
                          prompt.fileName, line, column);
        }
        if (!out.contains("toolDefs") || !js::isTruthy(&out["toolDefs"]))
            out["toolDefs"] = Json::array();
        Json unregistered = Json::array();
        for (const Json &name : out["tools"]) {
            const auto tool = m_tools.find(js::toString(&name));
            if (tool != m_tools.end() && out["toolDefs"].is_array())
                out["toolDefs"].push_back(tool->second);
            else
                unregistered.push_back(name);
        }
        out["tools"] = std::move(unregistered);
    }

    // Picoschema for input.schema and output.schema.
    const Picoschema pico([this](const std::string &name) -> std::optional<Json> {
        const auto it = m_schemas.find(name);
        if (it != m_schemas.end())
            return it->second;
        if (m_schemaResolver)
            return m_schemaResolver(name);
        return std::nullopt;
    });
    for (const char *section : {"input", "output"}) {
        if (!out.contains(section) || !out[section].is_object())
            continue;
        Json &meta = out[section];
        if (!meta.contains("schema") || !js::isTruthy(&meta["schema"]))
            continue;
        Json expanded;
        std::string error;
        if (!pico.parse(meta["schema"], &expanded, &error)) {
            const auto [line, column] = keyPosition(prompt, section);
            return failAt(ErrorCode::InvalidInput,
                          QStringLiteral("%1.schema: %2")
                              .arg(QLatin1String(section), QString::fromStdString(error)),
                          prompt.fileName, line, column);
        }
        if (js::isTruthy(&expanded))
            meta["schema"] = std::move(expanded);
    }
    return out;
}

Status PromptEngine::check(const PromptFile &prompt) const
{
    hbs::ParseError parseError;
    auto program = hbs::parse(prompt.templateText, &parseError);
    hbs::Template tmpl;
    tmpl.source = prompt.templateText;
    if (!program)
        return tl::unexpected(errorAt(prompt, {parseError.message, parseError.offset, &tmpl}));
    const auto known = [this](std::string_view name) { return isKnownHelper(name); };
    if (const auto unknown = hbs::findUnknownHelper(*program, known))
        return tl::unexpected(errorAt(prompt, {unknown->message, unknown->offset, &tmpl}));
    return {};
}

Result<QStringList> PromptEngine::variablesUsed(const PromptFile &prompt) const
{
    hbs::ParseError parseError;
    auto program = hbs::parse(prompt.templateText, &parseError);
    hbs::Template tmpl;
    tmpl.source = prompt.templateText;
    if (!program)
        return tl::unexpected(errorAt(prompt, {parseError.message, parseError.offset, &tmpl}));
    QStringList names;
    const auto known = [this](std::string_view name) { return isKnownHelper(name); };
    for (const std::string &name : hbs::variablesUsed(*program, known))
        names << QString::fromStdString(name);
    return names;
}

Result<RenderedPrompt> PromptEngine::render(const PromptFile &prompt,
                                            const RenderInput &input) const
{
    hbs::Template main;
    main.source = prompt.templateText;
    hbs::ParseError parseError;
    main.program = hbs::parse(main.source, &parseError);
    if (!main.program)
        return tl::unexpected(errorAt(prompt, {parseError.message, parseError.offset, &main}));
    const auto known = [this](std::string_view name) { return isKnownHelper(name); };
    if (const auto unknown = hbs::findUnknownHelper(*main.program, known))
        return tl::unexpected(errorAt(prompt, {unknown->message, unknown->offset, &main}));

    auto metadata = renderMetadata(prompt);
    if (!metadata)
        return tl::unexpected(metadata.error());
    Json metadataOut = *metadata;
    metadataOut.erase("input");

    // {...options.input.default, ...data.input}; without defaults the caller's object is used
    // as it is, which spares a deep copy of large inputs.
    const Json *defaults = nullptr;
    if (input.options.is_object() && input.options.contains("input")
        && input.options["input"].is_object() && input.options["input"].contains("default"))
        defaults = &input.options["input"]["default"];
    Json merged;
    // Defaults add nothing when absent, an empty object, or a value JS spreads to no keys.
    const bool defaultsEmpty = !defaults || (defaults->is_object() && defaults->empty())
        || (defaults->is_array() && defaults->empty())
        || (defaults->is_string() && defaults->get_ref<const std::string &>().empty())
        || (!defaults->is_structured() && !defaults->is_string());
    const bool plainInput = defaultsEmpty && input.input.is_object();
    if (!plainInput) {
        merged = Json::object();
        if (defaults)
            spreadInto(merged, *defaults);
        spreadInto(merged, input.input);
    }
    const Json &variables = plainInput ? input.input : merged;

    if (input.validateInput) {
        const Status valid = checkVariables(prompt, *metadata, variables);
        if (!valid)
            return tl::unexpected(valid.error());
    }

    Json data = Json::object();
    {
        Json meta = Json::object();
        meta["prompt"] = metadataOut;
        if (!input.docs.is_null())
            meta["docs"] = input.docs;
        if (!input.messages.is_null())
            meta["messages"] = input.messages;
        data["metadata"] = std::move(meta);
    }
    spreadInto(data, input.context);

    // Dotprompt resolves, before rendering, the partials the template names statically
    // (`{{> name}}`) and, recursively, those the resolved ones name; only these (and the
    // defined ones) exist while rendering. So a partial used only as `{{#> name}}` or by a
    // dynamic name is not found, as in the reference.
    std::map<std::string, std::unique_ptr<hbs::Template>> partials;
    std::vector<std::string> pending = hbs::partialNames(*main.program);
    while (!pending.empty()) {
        const std::string name = pending.back();
        pending.pop_back();
        if (m_partials.count(name) || partials.count(name) || !m_partialResolver)
            continue;
        std::optional<PartialSource> source = m_partialResolver(name);
        if (source && !source->refusal.isEmpty())
            return failAt(ErrorCode::InvalidInput, source->refusal, prompt.fileName, 0, 0);
        if (!source || source->source.empty())
            continue;
        auto tmpl = std::make_unique<hbs::Template>();
        tmpl->name = source->fileName.isEmpty() ? "partial '" + name + "'"
                                                : source->fileName.toStdString();
        tmpl->source = std::move(source->source);
        hbs::ParseError partialError;
        tmpl->program = hbs::parse(tmpl->source, &partialError);
        if (!tmpl->program)
            return tl::unexpected(
                errorAt(prompt, {partialError.message, partialError.offset, tmpl.get()}));
        for (std::string &inner : hbs::partialNames(*tmpl->program))
            pending.push_back(std::move(inner));
        partials[name] = std::move(tmpl);
    }
    // Defined partials are parsed on first use; helpers are checked when a partial is first
    // rendered, as handlebars compiles partials lazily.
    std::set<std::string> checked;
    auto provider = [&](const std::string &name, hbs::RenderError *error) -> const hbs::Template * {
        auto found = partials.find(name);
        if (found == partials.end()) {
            const auto defined = m_partials.find(name);
            if (defined == m_partials.end())
                return nullptr;
            auto tmpl = std::make_unique<hbs::Template>();
            tmpl->name = "partial '" + name + "'";
            tmpl->source = defined->second;
            hbs::ParseError partialError;
            tmpl->program = hbs::parse(tmpl->source, &partialError);
            if (!tmpl->program) {
                *error = {partialError.message, partialError.offset, nullptr};
                error->where = tmpl.get();
                partials[name] = std::move(tmpl);
                return nullptr;
            }
            found = partials.emplace(name, std::move(tmpl)).first;
        }
        hbs::Template *tmpl = found->second.get();
        if (!tmpl->program) {
            *error = {"the partial '" + name + "' does not parse", 0, tmpl};
            return nullptr;
        }
        if (checked.insert(name).second) {
            if (const auto unknown = hbs::findUnknownHelper(*tmpl->program, known)) {
                *error = {unknown->message, unknown->offset, tmpl};
                return nullptr;
            }
        }
        return tmpl;
    };

    hbs::Renderer renderer(m_helpers, provider, input.limits);
    auto text = renderer.render(main, variables, data);
    if (!text) {
        Error error = errorAt(prompt, text.error());
        if (text.error().message == hbs::kCancelledMessage)
            error.code = ErrorCode::Cancelled;
        return tl::unexpected(error);
    }

    RenderedPrompt rendered;
    rendered.json = std::move(metadataOut);
    rendered.json["messages"] = messages::toMessages(*text, input.messages);
    return rendered;
}

Status PromptEngine::checkInput(const PromptFile &prompt, const RenderInput &input) const
{
    auto metadata = renderMetadata(prompt);
    if (!metadata)
        return {}; // a broken front matter is render()'s error to report, not the input's
    Json merged = Json::object();
    if (input.options.is_object() && input.options.contains("input")
        && input.options["input"].is_object() && input.options["input"].contains("default"))
        spreadInto(merged, input.options["input"]["default"]);
    spreadInto(merged, input.input);
    return checkVariables(prompt, *metadata, merged);
}

Status PromptEngine::checkVariables(const PromptFile &prompt, const Json &metadata,
                                    const Json &variables)
{
    if (!metadata.contains("input") || !metadata["input"].is_object()
        || !metadata["input"].contains("schema") || !js::isTruthy(&metadata["input"]["schema"]))
        return {};
    QStringList variable;
    Status valid = validateInput(variables, metadata["input"]["schema"], prompt.fileName, &variable);
    if (valid)
        return valid;
    // Point at the variable's entry in the front matter (Picoschema `name?(type, desc)` or
    // JSON Schema `properties: name:`), or at the schema itself.
    auto keyIs = [](std::string name) {
        return [name = std::move(name)](const std::string &key) { return key == name; };
    };
    auto picoName = [](std::string name) {
        return [name = std::move(name)](const std::string &key) {
            std::string bare = key.substr(0, key.find_first_of("?("));
            while (!bare.empty() && bare.back() == ' ')
                bare.pop_back();
            return bare == name;
        };
    };
    std::vector<frontmatter::KeyMatch> pico{keyIs("input"), keyIs("schema")};
    std::vector<frontmatter::KeyMatch> jsonSchema = pico;
    for (const QString &segment : variable) {
        pico.push_back(picoName(segment.toStdString()));
        jsonSchema.push_back(keyIs("properties"));
        jsonSchema.push_back(keyIs(segment.toStdString()));
    }
    const frontmatter::Split split = frontmatter::split(prompt.source);
    int line = 0;
    int column = 0;
    if (split.matched) {
        int jsonLine = 0;
        int jsonColumn = 0;
        const int picoDepth = frontmatter::locateKey(split.yaml, pico, &line, &column);
        const int jsonDepth = frontmatter::locateKey(split.yaml, jsonSchema, &jsonLine, &jsonColumn);
        if (jsonDepth > picoDepth && jsonDepth > 2) {
            line = jsonLine;
            column = jsonColumn;
        }
    }
    if (line > 0) {
        const int yamlLine = hbs::lineColumn(prompt.source, split.yamlOffset).first;
        Error error = valid.error();
        error.line = yamlLine + line - 1;
        error.column = column;
        return tl::unexpected(std::move(error));
    }
    return valid;
}

Status PromptEngine::validateInput(const Json &input, const Json &schema, const QString &fileName,
                                   QStringList *variable)
{
    try {
        const nlohmann::json schemaDoc = nlohmann::json::parse(js::stringify(&schema));
        const nlohmann::json inputDoc = nlohmann::json::parse(js::stringify(&input));
        valijson::Schema compiled;
        valijson::SchemaParser parser;
        valijson::adapters::NlohmannJsonAdapter schemaAdapter(schemaDoc);
        parser.populateSchema(schemaAdapter, compiled);
        valijson::Validator validator;
        valijson::ValidationResults results;
        valijson::adapters::NlohmannJsonAdapter inputAdapter(inputDoc);
        if (validator.validate(compiled, inputAdapter, &results))
            return {};
        // The deepest error names the variable best.
        valijson::ValidationResults::Error best;
        valijson::ValidationResults::Error error;
        while (results.popError(error)) {
            if (error.context.size() > best.context.size() || best.description.empty())
                best = error;
        }
        QString where;
        for (size_t i = 1; i < best.context.size(); ++i) {
            QString part = QString::fromStdString(best.context[i]);
            if (part.startsWith(QLatin1Char('[')) && part.endsWith(QLatin1Char(']')))
                part = part.mid(1, part.size() - 2);
            where += (where.isEmpty() ? QString() : QStringLiteral(".")) + part;
        }
        QStringList path;
        for (size_t i = 1; i < best.context.size(); ++i) {
            QString part = QString::fromStdString(best.context[i]);
            if (part.startsWith(QLatin1Char('[')) && part.endsWith(QLatin1Char(']')))
                part = part.mid(1, part.size() - 2);
            path << part;
        }
        QString message = QString::fromStdString(best.description);
        const QString missing = QStringLiteral("Missing required property '");
        if (message.startsWith(missing)) {
            const QString name = message.mid(missing.size()).section(QLatin1Char('\''), 0, 0);
            where += (where.isEmpty() ? QString() : QStringLiteral(".")) + name;
            path << name;
            message = QStringLiteral("is required by the input schema but was not given");
        }
        if (message.contains(QLatin1String("'type' constraint"))) {
            // Say which type the schema wants for a top-level variable.
            Json wanted;
            if (best.context.size() == 2 && schema.contains("properties")) {
                const Json &properties = schema["properties"];
                if (properties.is_object() && properties.contains(where.toStdString())
                    && properties[where.toStdString()].is_object())
                    wanted = properties[where.toStdString()].value("type", Json());
            }
            message = wanted.is_null()
                ? QStringLiteral("has the wrong type for the input schema")
                : QStringLiteral("must be of type %1 (input schema)")
                      .arg(QString::fromStdString(js::toString(&wanted)).replace(QLatin1Char(','),
                                                                               QStringLiteral(" or ")));
        }
        if (variable)
            *variable = path;
        return failAt(ErrorCode::InvalidInput,
                      QStringLiteral("input variable '%1' %2").arg(where, message), fileName, 0, 0);
    } catch (const std::exception &e) {
        return failAt(ErrorCode::InvalidInput,
                      QStringLiteral("the input schema is not a usable JSON Schema"), fileName, 0,
                      0, QString::fromUtf8(e.what()));
    }
}

} // namespace psm::core
