// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/prompt/inputfields.h"

#include "core/prompt/jsvalue.h"

#include <QCoreApplication>

namespace psm::core {
namespace {

using Json = nlohmann::ordered_json;

QString str(const Json &value)
{
    return value.is_string() ? QString::fromStdString(value.get_ref<const std::string &>())
                             : QString::fromStdString(js::stringify(&value));
}

// The first non-null type of a schema node ("string" for ["string", "null"]).
std::string typeOf(const Json &node)
{
    if (!node.is_object() || !node.contains("type"))
        return node.is_object() && node.contains("enum") ? "enum" : "";
    const Json &type = node["type"];
    if (type.is_string())
        return type.get_ref<const std::string &>();
    if (type.is_array()) {
        for (const Json &t : type) {
            if (t.is_string() && t.get_ref<const std::string &>() != "null")
                return t.get_ref<const std::string &>();
        }
    }
    return "";
}

InputField::Kind kindOf(const Json &node)
{
    using Kind = InputField::Kind;
    if (node.is_object() && node.contains("enum") && node["enum"].is_array())
        return Kind::Enum;
    const std::string type = typeOf(node);
    if (type == "number")
        return Kind::Number;
    if (type == "integer")
        return Kind::Integer;
    if (type == "boolean")
        return Kind::Boolean;
    if (type == "array" || type == "object")
        return Kind::Json;
    return Kind::Text;
}

} // namespace

QList<InputField> inputFields(const Json &schema, const QStringList &extraVariables)
{
    QList<InputField> fields;
    QStringList seen;
    const auto properties = schema.is_object() ? schema.find("properties") : schema.end();
    if (schema.is_object() && properties != schema.end() && properties->is_object()) {
        QStringList required;
        const auto requiredNode = schema.find("required");
        if (requiredNode != schema.end() && requiredNode->is_array()) {
            for (const Json &r : *requiredNode) {
                if (r.is_string())
                    required.append(str(r));
            }
        }
        for (const auto &[key, node] : properties->items()) {
            InputField field;
            field.name = QString::fromStdString(key);
            field.kind = kindOf(node);
            field.required = required.contains(field.name);
            if (node.is_object() && node.contains("description") && node["description"].is_string())
                field.description = str(node["description"]);
            if (field.kind == InputField::Kind::Enum) {
                for (const Json &choice : node["enum"]) {
                    if (!choice.is_null())
                        field.choices.append(str(choice));
                }
            }
            seen.append(field.name);
            fields.append(std::move(field));
        }
    }
    for (const QString &name : extraVariables) {
        if (seen.contains(name))
            continue;
        InputField field;
        field.name = name;
        field.description
            = QCoreApplication::translate("psm::core", "Used by the template; not in input.schema");
        fields.append(std::move(field));
        seen.append(name);
    }
    return fields;
}

} // namespace psm::core
