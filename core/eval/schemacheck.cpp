// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/eval/schemacheck.h"

#include "core/prompt/frontmatter.h"
#include "core/prompt/jsvalue.h"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <QStringList>

namespace psm::core::eval {

struct SchemaCheck::Compiled {
    nlohmann::json document; // valijson's schema keeps pointers into its source document
    valijson::Schema schema;
};

bool hasJsonSchema(const nlohmann::ordered_json &value)
{
    return !value.is_null() && !(value.is_string() && value.get<std::string>().empty());
}

tl::expected<SchemaCheck, QString> compileSchema(
    const nlohmann::ordered_json &value, const QString &assertionType)
{
    auto invalid = [](const QString &why) {
        return tl::unexpected(QStringLiteral("Invalid JSON schema: ") + why);
    };
    nlohmann::ordered_json schema = value;
    if (value.is_string()) {
        frontmatter::YamlError error;
        if (!frontmatter::parseYaml(value.get<std::string>(), &schema, &error))
            return invalid(QString::fromStdString(error.message));
    }
    if (!schema.is_object() && !schema.is_boolean()) {
        return invalid(QStringLiteral("%1 assertion must have a string, boolean, or object value")
                           .arg(assertionType));
    }
    try {
        auto compiled = std::make_shared<SchemaCheck::Compiled>();
        compiled->document = nlohmann::json::parse(js::stringify(&schema));
        valijson::SchemaParser parser;
        valijson::adapters::NlohmannJsonAdapter adapter(compiled->document);
        parser.populateSchema(adapter, compiled->schema);
        SchemaCheck check;
        check.m_compiled = std::move(compiled);
        return check;
    } catch (const std::exception &e) {
        return invalid(QString::fromUtf8(e.what()));
    }
}

bool SchemaCheck::validate(const nlohmann::ordered_json &value, QString *errors) const
{
    try {
        const nlohmann::json document = nlohmann::json::parse(js::stringify(&value));
        valijson::Validator validator;
        valijson::ValidationResults results;
        valijson::adapters::NlohmannJsonAdapter adapter(document);
        if (validator.validate(m_compiled->schema, adapter, &results))
            return true;
        QStringList messages;
        valijson::ValidationResults::Error error;
        while (results.popError(error)) {
            QString where;
            for (const std::string &part : error.context)
                where += QString::fromStdString(part);
            messages << where + QStringLiteral(" ") + QString::fromStdString(error.description);
        }
        *errors = messages.join(QStringLiteral(", "));
        return false;
    } catch (const std::exception &e) {
        *errors = QString::fromUtf8(e.what());
        return false;
    }
}

} // namespace psm::core::eval
