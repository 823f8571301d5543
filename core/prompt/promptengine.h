// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"
#include "core/prompt/hbsrenderer.h"
#include "core/prompt/promptfile.h"

#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>

namespace psm::core {

// What a render gets besides the prompt file, as Dotprompt's DataArgument and options.
struct RenderInput {
    nlohmann::ordered_json input = nlohmann::ordered_json::object();   // the template's variables
    nlohmann::ordered_json context = nlohmann::ordered_json::object(); // @variables (@state, @auth...)
    nlohmann::ordered_json messages;   // conversation history (array) or null
    nlohmann::ordered_json docs;       // retrieved documents for @metadata.docs, or null
    // Dotprompt's render options (additional metadata); only `input.default` affects the
    // variables: they are applied under `input`. Callers that want the file's own defaults
    // (the CLI, the GUI preview) pass {"input": {"default": <front matter input.default>}}.
    nlohmann::ordered_json options = nlohmann::ordered_json::object();
    // Check the input (after defaults) against the prompt's input schema with valijson.
    bool validateInput = false;
    // Bounds on the work and a cancel flag (see hbs::RenderLimits).
    hbs::RenderLimits limits;
};

// Dotprompt's RenderedPrompt: the resolved metadata (ext, metadata, config, model, output, raw,
// ... without `input`) followed by `messages`, in the reference's key order.
struct RenderedPrompt {
    nlohmann::ordered_json json;
    const nlohmann::ordered_json &messages() const { return json.at("messages"); }
};

// The Dotprompt engine: Handlebars with Dotprompt's helpers (role, history, media, section,
// json, ifEquals, unlessEquals), partials, named schemas and tools, behaving as the reference
// `dotprompt` npm package does. Configure once, then render from any one thread at a time;
// render() keeps no state between calls. Used by the CLI, the GUI preview and runs.
class PromptEngine final {
public:
    using Json = nlohmann::ordered_json;
    struct PartialSource {
        std::string source;
        QString fileName; // for error messages; may be empty
        QString refusal = {}; // set when the partial exists but may not be read: render fails
    };
    // Looks a partial up by name ({{> name}}); nullopt when there is none.
    using PartialResolver = std::function<std::optional<PartialSource>(const std::string &name)>;
    using SchemaResolver = std::function<std::optional<Json>(const std::string &name)>;

    PromptEngine();

    void defineHelper(const std::string &name, hbs::Helper helper);
    void definePartial(const std::string &name, std::string source);
    void setPartialResolver(PartialResolver resolver);
    void defineSchema(const std::string &name, Json schema);
    void setSchemaResolver(SchemaResolver resolver);
    void defineTool(Json definition); // keyed by definition["name"]
    void setDefaultModel(const std::string &model);
    void setModelConfigs(Json configs); // {"model name": {config...}}

    // Metadata only (Dotprompt renderMetadata): model configs, `additional` merged over the
    // file's metadata, tools resolved, Picoschema expanded. Includes `input`.
    Result<Json> renderMetadata(const PromptFile &prompt,
                                const Json &additional = Json::object()) const;

    Result<RenderedPrompt> render(const PromptFile &prompt, const RenderInput &input) const;

    // Syntax and helper check of the template without rendering (for editors).
    Status check(const PromptFile &prompt) const;

    // Top-level variables the template reads (for the GUI's variable form and completion).
    Result<QStringList> variablesUsed(const PromptFile &prompt) const;

    // The input after `options.input.default`, checked against the prompt's input schema (as
    // render() does with validateInput); for callers that render anyway and only warn.
    Status checkInput(const PromptFile &prompt, const RenderInput &input) const;

    // The input after defaults, checked against a JSON Schema; the error names the variable.
    // `variable` receives the offending variable's path (["address", "city"]).
    static Status validateInput(const Json &input, const Json &schema, const QString &fileName,
                                QStringList *variable = nullptr);

private:
    static Status checkVariables(const PromptFile &prompt, const Json &metadata,
                                 const Json &variables);
    bool isKnownHelper(std::string_view name) const;

    hbs::HelperMap m_helpers;
    std::map<std::string, std::string> m_partials;
    PartialResolver m_partialResolver;
    std::map<std::string, Json> m_schemas;
    SchemaResolver m_schemaResolver;
    std::map<std::string, Json> m_tools;
    std::string m_defaultModel;
    Json m_modelConfigs = Json::object();
};

} // namespace psm::core
