// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/prompt/promptfile.h"

#include "core/prompt/frontmatter.h"
#include "core/prompt/hbsparser.h"
#include "core/prompt/jsvalue.h"

#include <array>

namespace psm::core {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::array<std::string_view, 12> kReserved = {
    "config", "description", "ext",   "input",   "model",   "name",
    "output", "raw",         "toolDefs", "tools", "variant", "version"};

bool isReserved(std::string_view key)
{
    for (const std::string_view reserved : kReserved) {
        if (key == reserved)
            return true;
    }
    return false;
}

Json baseMetadata()
{
    Json base = Json::object();
    base["ext"] = Json::object();
    base["metadata"] = Json::object();
    base["config"] = Json::object();
    return base;
}

} // namespace

Result<PromptFile> parsePrompt(const std::string &source, const QString &fileName)
{
    PromptFile prompt;
    prompt.fileName = fileName;
    prompt.source = source;
    prompt.metadata = baseMetadata();

    const frontmatter::Split split = frontmatter::split(prompt.source);
    // An empty front matter block counts as none, and then the fences stay in the template.
    if (!split.matched || split.yaml.empty()) {
        prompt.templateText = prompt.source;
        return prompt;
    }

    Json parsed;
    frontmatter::YamlError yamlError;
    const auto [yamlLine, yamlColumn] = hbs::lineColumn(prompt.source, split.yamlOffset);
    (void)yamlColumn;
    if (!frontmatter::parseYaml(split.yaml, &parsed, &yamlError)) {
        return failAt(ErrorCode::InvalidInput,
                      QStringLiteral("invalid YAML front matter: ")
                          + QString::fromStdString(yamlError.message),
                      fileName, yamlError.line > 0 ? yamlLine + yamlError.line - 1 : yamlLine,
                      yamlError.column);
    }
    if (parsed.is_null())
        parsed = Json::object();
    if (!parsed.is_object()) {
        return failAt(ErrorCode::InvalidInput,
                      QStringLiteral("the front matter must be a YAML mapping of keys to values"),
                      fileName, yamlLine, 1);
    }

    Json pruned = baseMetadata();
    Json ext = Json::object();
    for (const std::string_view keyView : js::keysInJsOrder(parsed)) {
        const std::string key(keyView);
        const Json &value = parsed[key];
        if (isReserved(key)) {
            pruned[key] = value;
        } else if (key.find('.') != std::string::npos) {
            const size_t dot = key.rfind('.');
            Json &ns = ext[key.substr(0, dot)];
            if (!ns.is_object())
                ns = Json::object();
            ns[key.substr(dot + 1)] = value;
        }
    }
    pruned["raw"] = parsed;
    pruned["ext"] = std::move(ext);
    prompt.metadata = std::move(pruned);
    prompt.hasFrontMatter = true;

    const std::string_view body = split.body;
    const size_t lead = js::leadingSpace(body);
    prompt.templateText = std::string(js::trim(body));
    const auto [line, column] = hbs::lineColumn(prompt.source, split.bodyOffset + lead);
    prompt.templateLine = line;
    prompt.templateColumn = column;
    return prompt;
}

} // namespace psm::core
