// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/prompt/promptscaffold.h"

#include "core/prompt/frontmatter.h"
#include "core/prompt/frontmatteredit.h"
#include "core/prompt/picoschema.h"
#include "core/prompt/promptengine.h"

#include <QRegularExpression>
#include <QStringList>

namespace psm::core {
namespace {

using Json = nlohmann::ordered_json;

QString indented(const QString &block, int spaces)
{
    QString out;
    const QString pad(spaces, QLatin1Char(' '));
    const QStringList lines = QString(block)
                                  .replace(QStringLiteral("\r\n"), QStringLiteral("\n"))
                                  .split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (line.trimmed().isEmpty())
            continue;
        out += pad + line + QLatin1Char('\n');
    }
    return out;
}

// Parses one schema field and returns its JSON (null when empty).
Result<Json> parseSchemaField(const QString &text, const QString &field)
{
    if (text.trimmed().isEmpty())
        return Json();
    Json yaml;
    frontmatter::YamlError error;
    const std::string utf8
        = QString(text).replace(QStringLiteral("\r\n"), QStringLiteral("\n")).toStdString();
    if (!frontmatter::parseYaml(utf8, &yaml, &error)) {
        return failAt(ErrorCode::InvalidInput,
            field + QStringLiteral(": ") + QString::fromStdString(error.message), field, error.line,
            error.column);
    }
    Json expanded;
    std::string picoError;
    if (!Picoschema().parse(yaml, &expanded, &picoError)) {
        return failAt(ErrorCode::InvalidInput,
            field + QStringLiteral(": ") + QString::fromStdString(picoError), field, 0, 0);
    }
    return yaml;
}

// Top-level property names of a Picoschema object ("ticket", "product?", "tags(array)").
QStringList picoFields(const Json &schema)
{
    QStringList names;
    if (!schema.is_object())
        return names;
    if (schema.contains("properties") && schema["properties"].is_object()) {
        for (const auto &[key, value] : schema["properties"].items())
            names.append(QString::fromStdString(key));
        return names;
    }
    static const QRegularExpression kName(QStringLiteral("^([A-Za-z_$][A-Za-z0-9_$]*)"));
    for (const auto &[key, value] : schema.items()) {
        const QString name = QString::fromStdString(key);
        if (name.startsWith(QLatin1Char('(')))
            continue; // (*): wildcard
        const auto match = kName.match(name);
        if (match.hasMatch())
            names.append(match.captured(1));
    }
    return names;
}

} // namespace

Result<QByteArray> scaffoldPrompt(const PromptScaffold &scaffold)
{
    auto input = parseSchemaField(scaffold.inputSchema, QStringLiteral("input schema"));
    if (!input)
        return tl::unexpected(input.error());
    auto output = parseSchemaField(scaffold.outputSchema, QStringLiteral("output schema"));
    if (!output)
        return tl::unexpected(output.error());
    const QString model = scaffold.model.trimmed();
    if (!model.isEmpty() && (!model.contains(QLatin1Char('/')) || model.contains(QLatin1Char(' '))))
        return fail(ErrorCode::InvalidInput,
            QStringLiteral("the model must be written provider/model, e.g. "
                           "openai/gpt-4o-mini"));

    QString text = QStringLiteral("---\n");
    if (!model.isEmpty())
        text += QStringLiteral("model: ") + yamlQuoted(model) + QLatin1Char('\n');
    const QString description = scaffold.description.simplified();
    if (!description.isEmpty())
        text += QStringLiteral("description: ") + yamlQuoted(description) + QLatin1Char('\n');
    text += QStringLiteral("config:\n  temperature: 0.2\n");
    if (!input->is_null())
        text += QStringLiteral("input:\n  schema:\n") + indented(scaffold.inputSchema, 4);
    if (!output->is_null())
        text += QStringLiteral("output:\n  format: json\n  schema:\n")
            + indented(scaffold.outputSchema, 4);
    text += QStringLiteral("---\n{{role \"system\"}}\nYou are a helpful assistant.");
    if (!output->is_null())
        text += QStringLiteral(" Answer with JSON only.");
    text += QStringLiteral("\n\n{{role \"user\"}}\n");
    const QStringList fields = picoFields(*input);
    if (fields.isEmpty()) {
        text += QStringLiteral("Write your prompt here.\n");
    } else {
        for (const QString &field : fields)
            text += field + QStringLiteral(": {{") + field + QStringLiteral("}}\n");
    }

    QByteArray bytes = text.toUtf8();
    // The result must load in the engine: check it the way the preview will.
    auto parsed = parsePrompt(bytes.toStdString(), QStringLiteral("new prompt"));
    if (!parsed)
        return tl::unexpected(parsed.error());
    PromptEngine engine;
    if (auto metadata = engine.renderMetadata(*parsed); !metadata)
        return tl::unexpected(metadata.error());
    if (auto checked = engine.check(*parsed); !checked)
        return tl::unexpected(checked.error());
    return bytes;
}

Result<QString> promptPathForName(const QString &name)
{
    QString trimmed = name.trimmed();
    if (trimmed.endsWith(QLatin1String(".prompt")))
        trimmed.chop(7);
    static const QRegularExpression kValid(
        QStringLiteral("^(?:[A-Za-z0-9_][A-Za-z0-9_.-]*/)*[A-Za-z0-9_][A-Za-z0-9_.-]*$"));
    if (trimmed.isEmpty() || !kValid.match(trimmed).hasMatch()
        || trimmed.contains(QLatin1String("..")) || trimmed.endsWith(QLatin1Char('.'))) {
        return fail(ErrorCode::InvalidInput,
            QStringLiteral("a prompt name uses letters, digits, _ - . and / for folders "
                           "(e.g. support/triage or triage.strict)"));
    }
    return QStringLiteral("prompts/") + trimmed + QStringLiteral(".prompt");
}

} // namespace psm::core
