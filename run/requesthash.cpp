// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "run/requesthash.h"

#include <QCryptographicHash>

namespace psm::run {
namespace {

using Json = nlohmann::json;

std::string utf8(const QString &s)
{
    return s.toStdString();
}

Json partJson(const core::Part &part)
{
    using Kind = core::Part::Kind;
    switch (part.kind) {
    case Kind::Text:
        return Json { { "text", utf8(part.text) } };
    case Kind::Media:
        return Json { { "media",
            { { "url", utf8(part.url) }, { "contentType", utf8(part.contentType) } } } };
    case Kind::ToolRequest:
        return Json { { "toolRequest",
            { { "ref", utf8(part.toolRef) }, { "name", utf8(part.toolName) },
                { "input", Json(part.toolData) } } } };
    case Kind::ToolResponse:
        return Json { { "toolResponse",
            { { "ref", utf8(part.toolRef) }, { "name", utf8(part.toolName) },
                { "output", Json(part.toolData) } } } };
    }
    return Json();
}

} // namespace

nlohmann::ordered_json requestParameters(const core::ChatParams &p)
{
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    if (p.temperature)
        j["temperature"] = *p.temperature;
    if (p.maxOutputTokens)
        j["maxOutputTokens"] = *p.maxOutputTokens;
    if (p.topP)
        j["topP"] = *p.topP;
    if (p.topK)
        j["topK"] = *p.topK;
    if (!p.stopSequences.isEmpty()) {
        auto &stops = j["stopSequences"] = nlohmann::ordered_json::array();
        for (const QString &s : p.stopSequences)
            stops.push_back(utf8(s));
    }
    if (p.seed)
        j["seed"] = *p.seed;
    if (p.extra.is_object())
        for (const auto &[key, value] : p.extra.items())
            j[key] = value;
    return j;
}

nlohmann::json canonicalRequest(const ProviderSettings &settings, const core::ChatRequest &request)
{
    Json messages = Json::array();
    for (const core::Message &m : request.messages) {
        Json parts = Json::array();
        for (const core::Part &part : m.parts)
            parts.push_back(partJson(part));
        messages.push_back({ { "role", utf8(core::roleName(m.role)) }, { "content", parts } });
    }
    // nlohmann::json (not ordered_json) sorts object keys, nested ones included: canonical.
    return Json {
        { "providerType", utf8(settings.type) },
        { "baseUrl", utf8(settings.baseUrl) },
        { "apiVersion", utf8(settings.apiVersion) },
        { "model", utf8(request.model) },
        { "system", utf8(request.system) },
        { "messages", messages },
        { "parameters", Json(requestParameters(request.params)) },
        { "outputSchema", Json(request.outputSchema) },
        { "tools", Json(request.tools) },
    };
}

QString requestHash(const ProviderSettings &settings, const core::ChatRequest &request, int sample)
{
    Json keyed = { { "request", canonicalRequest(settings, request) }, { "sample", sample } };
    const std::string text = keyed.dump();
    return QStringLiteral("sha256:")
        + QString::fromLatin1(
            QCryptographicHash::hash(QByteArray::fromStdString(text), QCryptographicHash::Sha256)
                .toHex());
}

QString inputHash(const nlohmann::ordered_json &vars)
{
    const std::string text = Json(vars).dump(); // Json sorts object keys: canonical
    return QStringLiteral("sha256:")
        + QString::fromLatin1(
            QCryptographicHash::hash(QByteArray::fromStdString(text), QCryptographicHash::Sha256)
                .toHex());
}

} // namespace psm::run
