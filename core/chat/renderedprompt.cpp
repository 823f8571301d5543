// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/chat/renderedprompt.h"

namespace psm::core {
namespace {

using json = nlohmann::ordered_json;

QString qstr(const json &value)
{
    return QString::fromStdString(value.get<std::string>());
}

tl::unexpected<Error> invalid(const QString &path, const QString &what)
{
    return fail(ErrorCode::InvalidInput, QStringLiteral("rendered prompt: %1: %2").arg(path, what));
}

Result<Part> convertPart(const json &part, const QString &path)
{
    if (part.is_string())
        return Part::fromText(qstr(part));
    if (!part.is_object())
        return invalid(path, QStringLiteral("a content part must be an object"));
    if (auto it = part.find("text"); it != part.end()) {
        if (!it->is_string())
            return invalid(path + QStringLiteral(".text"), QStringLiteral("must be a string"));
        return Part::fromText(qstr(*it));
    }
    if (auto it = part.find("media"); it != part.end()) {
        if (!it->is_object() || !it->contains("url") || !(*it)["url"].is_string())
            return invalid(path + QStringLiteral(".media"), QStringLiteral("needs a string `url`"));
        QString contentType;
        if (auto ct = it->find("contentType"); ct != it->end() && ct->is_string())
            contentType = qstr(*ct);
        return Part::fromMedia(qstr((*it)["url"]), contentType);
    }
    for (const char *key : { "toolRequest", "toolResponse" }) {
        auto it = part.find(key);
        if (it == part.end())
            continue;
        const QString where = path + QLatin1Char('.') + QLatin1String(key);
        if (!it->is_object() || !it->contains("name") || !(*it)["name"].is_string())
            return invalid(where, QStringLiteral("needs a string `name`"));
        QString ref;
        if (auto r = it->find("ref"); r != it->end() && r->is_string())
            ref = qstr(*r);
        const bool request = std::string_view(key) == "toolRequest";
        const json data = it->value(request ? "input" : "output", json());
        return request ? Part::toolRequest(ref, qstr((*it)["name"]), data)
                       : Part::toolResponse(ref, qstr((*it)["name"]), data);
    }
    if (part.contains("metadata") && part.size() == 1)
        return Part::fromText(QString());
    return invalid(path,
        QStringLiteral("unsupported content part (expected text, media, "
                       "toolRequest or toolResponse)"));
}

Result<std::optional<double>> number(const json &config, const char *key)
{
    auto it = config.find(key);
    if (it == config.end() || it->is_null())
        return std::optional<double>();
    if (!it->is_number())
        return invalid(
            QStringLiteral("config.") + QLatin1String(key), QStringLiteral("must be a number"));
    return std::optional<double>(it->get<double>());
}

Result<std::optional<qint64>> integer(const json &config, const char *key)
{
    auto it = config.find(key);
    if (it == config.end() || it->is_null())
        return std::optional<qint64>();
    if (it->is_number_integer())
        return std::optional<qint64>(it->get<qint64>());
    if (it->is_number_float()) {
        const double value = it->get<double>();
        if (value == static_cast<double>(static_cast<qint64>(value)))
            return std::optional<qint64>(static_cast<qint64>(value));
    }
    return invalid(
        QStringLiteral("config.") + QLatin1String(key), QStringLiteral("must be an integer"));
}

Status convertConfig(const json &config, ChatParams &params)
{
    if (!config.is_object())
        return invalid(QStringLiteral("config"), QStringLiteral("must be an object"));
    auto temperature = number(config, "temperature");
    auto topP = number(config, "topP");
    auto maxOutputTokens = integer(config, "maxOutputTokens");
    auto topK = integer(config, "topK");
    auto seed = integer(config, "seed");
    for (const auto *r : { &temperature, &topP }) {
        if (!*r)
            return tl::unexpected(r->error());
    }
    for (const auto *r : { &maxOutputTokens, &topK, &seed }) {
        if (!*r)
            return tl::unexpected(r->error());
    }
    params.temperature = *temperature;
    params.topP = *topP;
    params.maxOutputTokens = *maxOutputTokens;
    params.topK = *topK;
    params.seed = *seed;
    if (auto it = config.find("stopSequences"); it != config.end() && !it->is_null()) {
        if (!it->is_array())
            return invalid(QStringLiteral("config.stopSequences"),
                QStringLiteral("must be a list of strings"));
        for (const json &stop : *it) {
            if (!stop.is_string())
                return invalid(QStringLiteral("config.stopSequences"),
                    QStringLiteral("must be a list of strings"));
            params.stopSequences.append(qstr(stop));
        }
    }
    static const std::string_view known[]
        = { "temperature", "topP", "maxOutputTokens", "topK", "seed", "stopSequences" };
    for (auto it = config.begin(); it != config.end(); ++it) {
        if (std::find(std::begin(known), std::end(known), it.key()) == std::end(known))
            params.extra[it.key()] = it.value();
    }
    return {};
}

Status convertTools(const json &rendered, ChatRequest &request)
{
    json tools = json::array();
    for (const char *key : { "toolDefs", "tools" }) {
        auto it = rendered.find(key);
        if (it == rendered.end() || it->is_null())
            continue;
        if (!it->is_array())
            return invalid(QLatin1String(key), QStringLiteral("must be a list"));
        for (size_t i = 0; i < it->size(); ++i) {
            const json &tool = (*it)[i];
            // A bare name refers to a tool the runtime registers; we have no definition to
            // send for it, and a definition given in toolDefs wins anyway.
            if (tool.is_string())
                continue;
            if (!tool.is_object() || !tool.contains("name") || !tool["name"].is_string())
                return invalid(QStringLiteral("%1[%2]").arg(QLatin1String(key)).arg(i),
                    QStringLiteral("a tool needs a string `name`"));
            const bool seen = std::any_of(tools.begin(), tools.end(),
                [&](const json &t) { return t["name"] == tool["name"]; });
            if (!seen)
                tools.push_back(tool);
        }
    }
    if (!tools.empty())
        request.tools = std::move(tools);
    return {};
}

} // namespace

Result<ChatRequest> chatRequestFromRenderedPrompt(const json &rendered)
{
    if (!rendered.is_object())
        return invalid(QStringLiteral("$"), QStringLiteral("must be an object"));
    ChatRequest request;
    if (auto it = rendered.find("model"); it != rendered.end() && it->is_string())
        request.model = qstr(*it);
    if (auto it = rendered.find("config"); it != rendered.end() && !it->is_null()) {
        if (auto status = convertConfig(*it, request.params); !status)
            return tl::unexpected(status.error());
    }
    if (auto it = rendered.find("output"); it != rendered.end() && it->is_object()) {
        if (auto schema = it->find("schema"); schema != it->end() && !schema->is_null()) {
            if (!schema->is_object())
                return invalid(QStringLiteral("output.schema"),
                    QStringLiteral("must be a JSON Schema object"));
            request.outputSchema = *schema;
        }
    }
    if (auto status = convertTools(rendered, request); !status)
        return tl::unexpected(status.error());

    auto messages = rendered.find("messages");
    if (messages == rendered.end() || !messages->is_array())
        return invalid(QStringLiteral("messages"), QStringLiteral("must be a list"));
    QStringList systemTexts;
    for (size_t i = 0; i < messages->size(); ++i) {
        const json &message = (*messages)[i];
        const QString path = QStringLiteral("messages[%1]").arg(i);
        if (!message.is_object() || !message.contains("role") || !message["role"].is_string())
            return invalid(path, QStringLiteral("needs a string `role`"));
        const auto role = roleFromName(qstr(message["role"]));
        if (!role)
            return invalid(path + QStringLiteral(".role"),
                QStringLiteral("unknown role '%1' (expected system, user, model or "
                               "tool)")
                    .arg(qstr(message["role"])));
        Message converted { *role, {} };
        const json content = message.value("content", json::array());
        if (content.is_string()) {
            converted.parts.push_back(Part::fromText(qstr(content)));
        } else if (content.is_array()) {
            for (size_t p = 0; p < content.size(); ++p) {
                auto part = convertPart(content[p], path + QStringLiteral(".content[%1]").arg(p));
                if (!part)
                    return tl::unexpected(part.error());
                if (part->kind == Part::Kind::Text && part->text.isEmpty())
                    continue;
                converted.parts.push_back(std::move(*part));
            }
        } else {
            return invalid(path + QStringLiteral(".content"), QStringLiteral("must be a list"));
        }
        if (*role == Role::System)
            systemTexts.append(converted.text());
        else if (!converted.parts.empty())
            request.messages.push_back(std::move(converted));
    }
    request.system = systemTexts.join(QStringLiteral("\n\n"));
    return request;
}

} // namespace psm::core
