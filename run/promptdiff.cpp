// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "run/promptdiff.h"

#include "core/prompt/promptrender.h"
#include "core/prompt/tokenestimate.h"
#include "run/runplanner.h"

#include <algorithm>

namespace psm::run {
namespace {

using Json = nlohmann::ordered_json;

struct RenderedRevision {
    QString id;
    core::PromptRender render;
};

core::Result<RenderedRevision> renderRevision(
    const RunSpec &spec, const PromptRevision &revision, const Json &variables)
{
    auto source = RunPlanner::readPromptRevision(spec, revision);
    if (!source)
        return tl::unexpected(source.error());
    core::PromptRenderRequest request;
    request.text = QString::fromUtf8(source->text);
    request.fileName = source->fileName;
    request.partials = source->partials;
    request.input = variables.is_object() ? variables : Json::object();
    request.validation = core::InputValidation::Warn;
    RenderedRevision out { source->id, core::renderPrompt(request) };
    if (!out.render.ok())
        return tl::unexpected(out.render.rendered.error());
    return out;
}

// A message's text parts joined; media and other parts as a short placeholder, so a changed
// image URL still shows.
QString messageText(const Json &message)
{
    const Json &content = message.contains("content") ? message.at("content") : Json();
    if (content.is_string())
        return QString::fromStdString(content.get<std::string>());
    QString text;
    if (!content.is_array())
        return text;
    for (const Json &part : content) {
        if (part.contains("text") && part.at("text").is_string())
            text += QString::fromStdString(part.at("text").get<std::string>());
        else
            text += QStringLiteral("[%1]").arg(QString::fromStdString(part.dump()));
    }
    return text;
}

QString roleOf(const Json &message)
{
    return message.contains("role") && message.at("role").is_string()
        ? QString::fromStdString(message.at("role").get<std::string>())
        : QString();
}

nlohmann::json plain(const Json &value)
{
    return nlohmann::json::parse(value.dump());
}

QString jsonText(const Json &value)
{
    return QString::fromStdString(value.dump(-1, ' ', false, Json::error_handler_t::replace));
}

void compareSetting(
    PromptDiff &diff, const QString &key, const Json *oldValue, const Json *newValue)
{
    if (!oldValue && !newValue)
        return;
    if (oldValue && newValue && plain(*oldValue) == plain(*newValue))
        return;
    diff.settings.append({ key, oldValue ? std::optional(jsonText(*oldValue)) : std::nullopt,
        newValue ? std::optional(jsonText(*newValue)) : std::nullopt });
}

const Json *member(const Json &object, const char *key)
{
    if (!object.is_object())
        return nullptr;
    const auto it = object.find(key);
    return it == object.end() || it->is_null() ? nullptr : &*it;
}

QString changeLine(const core::JsonChange &change)
{
    const QString path = change.path.isEmpty() ? QStringLiteral("(root)") : change.path;
    switch (change.kind) {
    case core::JsonChangeKind::Added:
        return QStringLiteral("  + %1: %2")
            .arg(path, QString::fromStdString(change.newValue.dump()));
    case core::JsonChangeKind::Removed:
        return QStringLiteral("  - %1: %2")
            .arg(path, QString::fromStdString(change.oldValue.dump()));
    case core::JsonChangeKind::Changed:
    case core::JsonChangeKind::TypeChanged:
        break;
    }
    return QStringLiteral("  ~ %1: %2 -> %3")
        .arg(path, QString::fromStdString(change.oldValue.dump()),
            QString::fromStdString(change.newValue.dump()));
}

} // namespace

bool PromptDiff::messagesDiffer() const
{
    return std::any_of(messages.begin(), messages.end(),
        [](const MessageChange &m) { return m.oldRole != m.newRole || m.oldText != m.newText; });
}

core::Result<PromptDiff> diffPromptRevisions(const RunSpec &spec, const PromptRevision &oldRevision,
    const PromptRevision &newRevision, const nlohmann::ordered_json &variables)
{
    auto oldSide = renderRevision(spec, oldRevision, variables);
    if (!oldSide)
        return tl::unexpected(oldSide.error());
    auto newSide = renderRevision(spec, newRevision, variables);
    if (!newSide)
        return tl::unexpected(newSide.error());
    const core::PromptRender &o = oldSide->render;
    const core::PromptRender &n = newSide->render;

    PromptDiff diff;
    diff.oldRevisionId = oldSide->id;
    diff.newRevisionId = newSide->id;

    const Json &oldMessages = o.rendered->messages();
    const Json &newMessages = n.rendered->messages();
    const size_t count = std::max(oldMessages.size(), newMessages.size());
    for (size_t i = 0; i < count; ++i) {
        MessageChange m;
        if (i < oldMessages.size()) {
            m.oldRole = roleOf(oldMessages[i]);
            m.oldText = messageText(oldMessages[i]);
        }
        if (i < newMessages.size()) {
            m.newRole = roleOf(newMessages[i]);
            m.newText = messageText(newMessages[i]);
        }
        m.diff = core::diffWords(m.oldText, m.newText);
        diff.messages.append(std::move(m));
    }

    for (const QString &v : n.variablesUsed)
        if (!o.variablesUsed.contains(v))
            diff.variablesAdded.append(v);
    for (const QString &v : o.variablesUsed)
        if (!n.variablesUsed.contains(v))
            diff.variablesRemoved.append(v);

    const Json &oldJson = o.rendered->json;
    const Json &newJson = n.rendered->json;
    compareSetting(
        diff, QStringLiteral("model"), member(oldJson, "model"), member(newJson, "model"));
    const Json *oldConfig = member(oldJson, "config");
    const Json *newConfig = member(newJson, "config");
    QStringList keys;
    for (const Json *config : { oldConfig, newConfig })
        if (config && config->is_object())
            for (const auto &[key, value] : config->items())
                if (!keys.contains(QString::fromStdString(key)))
                    keys.append(QString::fromStdString(key));
    for (const QString &key : keys) {
        const std::string k = key.toStdString();
        compareSetting(diff, key, oldConfig ? member(*oldConfig, k.c_str()) : nullptr,
            newConfig ? member(*newConfig, k.c_str()) : nullptr);
    }

    diff.inputSchemaChanges = core::diffJson(plain(o.inputSchema), plain(n.inputSchema));
    const Json *oldOutput = member(oldJson, "output");
    const Json *newOutput = member(newJson, "output");
    diff.outputSchemaChanges = core::diffJson(oldOutput ? plain(*oldOutput) : nlohmann::json(),
        newOutput ? plain(*newOutput) : nlohmann::json());

    diff.oldInputTokens = o.tokenEstimate;
    diff.newInputTokens = n.tokenEstimate;
    for (const core::PromptRender *render : { &o, &n })
        for (const core::Error &warning : render->warnings)
            if (!diff.warnings.contains(warning.toString()))
                diff.warnings.append(warning.toString());
    return diff;
}

QString describePromptDiff(const PromptDiff &diff)
{
    QStringList lines;
    lines
        << QStringLiteral("%1 -> %2").arg(diff.oldRevisionId.left(19), diff.newRevisionId.left(19));
    if (!diff.variablesAdded.isEmpty())
        lines << QStringLiteral("Variables added: %1")
                     .arg(diff.variablesAdded.join(QStringLiteral(", ")));
    if (!diff.variablesRemoved.isEmpty())
        lines << QStringLiteral("Variables removed: %1")
                     .arg(diff.variablesRemoved.join(QStringLiteral(", ")));
    if (!diff.settings.isEmpty()) {
        lines << QStringLiteral("Settings:");
        for (const SettingChange &s : diff.settings)
            lines << QStringLiteral("  %1: %2 -> %3")
                         .arg(s.key, s.oldValue.value_or(QStringLiteral("(none)")),
                             s.newValue.value_or(QStringLiteral("(none)")));
    }
    if (!diff.inputSchemaChanges.isEmpty()) {
        lines << QStringLiteral("Input schema:");
        for (const core::JsonChange &c : diff.inputSchemaChanges)
            lines << changeLine(c);
    }
    if (!diff.outputSchemaChanges.isEmpty()) {
        lines << QStringLiteral("Output schema:");
        for (const core::JsonChange &c : diff.outputSchemaChanges)
            lines << changeLine(c);
    }
    int changedMessages = 0;
    for (const MessageChange &m : diff.messages)
        if (m.oldRole != m.newRole || m.oldText != m.newText)
            ++changedMessages;
    lines << QStringLiteral("Messages: %1 of %2 changed")
                 .arg(changedMessages)
                 .arg(diff.messages.size());
    lines << QStringLiteral("Input tokens per call (estimate): %1 -> %2 (%3%4)")
                 .arg(diff.oldInputTokens)
                 .arg(diff.newInputTokens)
                 .arg(diff.inputTokenDelta() >= 0 ? QStringLiteral("+") : QString())
                 .arg(diff.inputTokenDelta());
    for (const QString &warning : diff.warnings)
        lines << QStringLiteral("Warning: %1").arg(warning);
    return lines.join(u'\n');
}

} // namespace psm::run
