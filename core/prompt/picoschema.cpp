// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/prompt/picoschema.h"

#include "core/prompt/jsvalue.h"

#include <algorithm>

namespace psm::core {
namespace {

using Json = nlohmann::ordered_json;

bool isScalarType(const std::string &type)
{
    return type == "any" || type == "boolean" || type == "integer" || type == "null"
        || type == "number" || type == "string";
}

// "type, description": split at the first comma, spaces after it dropped.
std::pair<std::string, std::optional<std::string>> extractDescription(const std::string &input)
{
    const size_t comma = input.find(',');
    if (comma == std::string::npos)
        return {input, std::nullopt};
    // /(.*?), *(.*)$/ — `.` stops at line breaks, so text after one is not part of the match.
    const size_t lineBreak = input.find_first_of("\n\r");
    if (lineBreak != std::string::npos && lineBreak < comma)
        return {input, std::nullopt};
    size_t start = comma + 1;
    while (start < input.size() && input[start] == ' ')
        ++start;
    std::string description = input.substr(start);
    const size_t end = description.find_first_of("\n\r");
    if (end != std::string::npos)
        description.resize(end);
    return {input.substr(0, comma), description};
}

std::string joinPath(const std::string &path, const std::string &key)
{
    return path.empty() ? key : path + "." + key;
}

} // namespace

bool Picoschema::resolve(const std::string &name, Json *out, std::string *error) const
{
    if (!m_resolver) {
        *error = "unsupported scalar type '" + name + "'";
        return false;
    }
    const std::optional<Json> found = m_resolver(name);
    if (!found || found->is_null()) {
        *error = "could not find schema with name '" + name + "'";
        return false;
    }
    *out = *found;
    return true;
}

bool Picoschema::parse(const Json &schema, Json *out, std::string *error) const
{
    if (!js::isTruthy(&schema)) {
        *out = nullptr;
        return true;
    }
    if (schema.is_string()) {
        const auto [type, description] = extractDescription(schema.get<std::string>());
        if (isScalarType(type)) {
            Json result = Json::object();
            result["type"] = type;
            if (description && !description->empty())
                result["description"] = *description;
            *out = std::move(result);
            return true;
        }
        Json resolved;
        if (!resolve(type, &resolved, error))
            return false;
        if (description && !description->empty() && resolved.is_object())
            resolved["description"] = *description;
        *out = std::move(resolved);
        return true;
    }
    if (schema.is_object()) {
        const auto type = schema.find("type");
        if (type != schema.end() && type->is_string()) {
            const std::string &name = type->get_ref<const std::string &>();
            if (isScalarType(name) || name == "object" || name == "array") {
                *out = schema;
                return true;
            }
        }
        const auto properties = schema.find("properties");
        if (properties != schema.end() && (properties->is_object() || properties->is_array()
                                           || properties->is_null())) {
            Json result = schema;
            result["type"] = "object";
            *out = std::move(result);
            return true;
        }
    }
    return parsePico(schema, {}, out, error);
}

bool Picoschema::parsePico(const Json &node, const std::string &path, Json *out,
                           std::string *error) const
{
    if (node.is_string()) {
        const auto [type, description] = extractDescription(node.get<std::string>());
        if (!isScalarType(type)) {
            Json resolved;
            if (!resolve(type, &resolved, error)) {
                if (!path.empty())
                    *error += " (at '" + path + "')";
                return false;
            }
            if (description && !description->empty() && resolved.is_object())
                resolved["description"] = *description;
            *out = std::move(resolved);
            return true;
        }
        Json result = Json::object();
        if (type != "any")
            result["type"] = type;
        if (description && !description->empty())
            result["description"] = *description;
        *out = std::move(result);
        return true;
    }
    // JS `typeof` says "object" for null and arrays too: null has no keys (an empty object
    // schema) and an array's keys are its indexes, as in the reference.
    if (!node.is_object() && !node.is_null() && !node.is_array()) {
        *error = "Picoschema consists only of objects and strings, got "
            + js::stringify(&node) + (path.empty() ? std::string() : " at '" + path + "'");
        return false;
    }
    Json schema = Json::object();
    schema["type"] = "object";
    schema["properties"] = Json::object();
    schema["required"] = Json::array();
    schema["additionalProperties"] = false;
    std::vector<std::string> keys;
    if (node.is_array()) {
        for (size_t i = 0; i < node.size(); ++i)
            keys.push_back(std::to_string(i));
    } else if (node.is_object()) {
        for (const std::string_view key : js::keysInJsOrder(node))
            keys.emplace_back(key);
    }
    for (const std::string &key : keys) {
        const Json &value = node.is_array() ? node[std::stoul(key)] : node.find(key).value();
        if (key == "(*)") {
            Json additional;
            if (!parsePico(value, joinPath(path, key), &additional, error))
                return false;
            schema["additionalProperties"] = std::move(additional);
            continue;
        }
        const size_t paren = key.find('(');
        const std::string name = key.substr(0, paren);
        std::string typeInfo;
        if (paren != std::string::npos) {
            const size_t next = key.find('(', paren + 1);
            typeInfo = key.substr(paren + 1, next == std::string::npos ? std::string::npos
                                                                       : next - paren - 1);
        }
        const bool optional = !name.empty() && name.back() == '?';
        const std::string property = optional ? name.substr(0, name.size() - 1) : name;
        if (!optional)
            schema["required"].push_back(property);
        if (typeInfo.empty()) {
            Json prop;
            if (!parsePico(value, joinPath(path, key), &prop, error))
                return false;
            if (optional && prop.is_object() && prop.contains("type") && prop["type"].is_string())
                prop["type"] = Json::array({prop["type"], "null"});
            schema["properties"][property] = std::move(prop);
            continue;
        }
        const auto [type, description] =
            extractDescription(typeInfo.substr(0, typeInfo.empty() ? 0 : typeInfo.size() - 1));
        if (type == "array") {
            Json items;
            if (!parsePico(value, joinPath(path, key), &items, error))
                return false;
            Json prop = Json::object();
            prop["type"] = optional ? Json::array({"array", "null"}) : Json("array");
            prop["items"] = std::move(items);
            schema["properties"][property] = std::move(prop);
        } else if (type == "object") {
            Json prop;
            if (!parsePico(value, joinPath(path, key), &prop, error))
                return false;
            if (optional && prop.is_object())
                prop["type"] = Json::array({prop.contains("type") ? prop["type"] : Json(), "null"});
            schema["properties"][property] = std::move(prop);
        } else if (type == "enum") {
            // The reference takes any value as the list, and only fails adding null to a
            // value that is not a list.
            if (optional && !value.is_array()) {
                *error = "the optional enum '" + joinPath(path, property)
                    + "' needs a list of values";
                return false;
            }
            Json values = value;
            if (optional && std::find(values.begin(), values.end(), Json()) == values.end())
                values.push_back(nullptr);
            Json prop = Json::object();
            prop["enum"] = std::move(values);
            schema["properties"][property] = std::move(prop);
        } else {
            *error = "parenthetical types must be 'object' or 'array', got '" + type + "' at '"
                + joinPath(path, key) + "'";
            return false;
        }
        if (description && !description->empty())
            schema["properties"][property]["description"] = *description;
    }
    if (schema["required"].empty())
        schema.erase("required");
    *out = std::move(schema);
    return true;
}

} // namespace psm::core
