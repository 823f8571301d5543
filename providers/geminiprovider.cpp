// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "providers/geminiprovider.h"

#include "providers/ssestreamdecoder.h"
#include "providers/wireutil.h"

#include <QUrl>

namespace psm::providers {
namespace {

using core::FinishReason;
using core::StreamEvent;
using json::Json;

FinishReason finishReason(const QString &raw)
{
    if (raw == QLatin1String("STOP"))
        return FinishReason::Stop;
    if (raw == QLatin1String("MAX_TOKENS"))
        return FinishReason::Length;
    if (raw == QLatin1String("SAFETY") || raw == QLatin1String("RECITATION")
        || raw == QLatin1String("BLOCKLIST") || raw == QLatin1String("PROHIBITED_CONTENT")
        || raw == QLatin1String("SPII") || raw == QLatin1String("IMAGE_SAFETY"))
        return FinishReason::ContentFilter;
    return FinishReason::Other;
}

// Gemini counts thoughts apart from candidates; our outputTokens includes them.
core::Usage usage(const Json &u)
{
    core::Usage out;
    out.inputTokens = json::integer(u, "promptTokenCount");
    out.cacheReadTokens = json::integer(u, "cachedContentTokenCount");
    out.reasoningTokens = json::integer(u, "thoughtsTokenCount");
    const auto candidates = json::integer(u, "candidatesTokenCount");
    if (candidates || out.reasoningTokens)
        out.outputTokens = candidates.value_or(0) + out.reasoningTokens.value_or(0);
    return out;
}

Json part(const core::Part &p)
{
    switch (p.kind) {
    case core::Part::Kind::Text:
        return { { "text", json::std8(p.text) } };
    case core::Part::Kind::Media:
        if (auto data = wire::parseDataUrl(p.url))
            return { { "inlineData",
                { { "mimeType", json::std8(data->mimeType) },
                    { "data", data->base64.toStdString() } } } };
        return { { "fileData",
            { { "mimeType", json::std8(p.contentType) }, { "fileUri", json::std8(p.url) } } } };
    case core::Part::Kind::ToolRequest:
        return { { "functionCall",
            { { "name", json::std8(p.toolName) },
                { "args", p.toolData.is_null() ? Json::object() : p.toolData } } } };
    case core::Part::Kind::ToolResponse:
        return { { "functionResponse",
            { { "name", json::std8(p.toolName) },
                { "response",
                    p.toolData.is_object() ? p.toolData
                                           : Json({ { "result", p.toolData } }) } } } };
    }
    return Json::object();
}

Json contents(const core::ChatRequest &request)
{
    Json out = Json::array();
    for (const core::Message &message : request.messages) {
        if (message.role == core::Role::System)
            continue;
        const char *role = message.role == core::Role::Model ? "model" : "user";
        Json parts = Json::array();
        for (const core::Part &p : message.parts)
            parts.push_back(part(p));
        if (!out.empty() && out.back()["role"] == role) {
            for (Json &p : parts)
                out.back()["parts"].push_back(std::move(p));
        } else {
            out.push_back({ { "role", role }, { "parts", std::move(parts) } });
        }
    }
    return out;
}

// One GenerateContentResponse (a stream chunk or the whole answer) as events. Returns true
// when it carried a finish reason, which ends a Gemini stream.
bool appendEvents(const Json &response, int &toolCount, std::vector<StreamEvent> &out)
{
    bool finished = false;
    const Json *candidates = json::at(response, "candidates");
    if (candidates && candidates->is_array() && !candidates->empty()) {
        const Json &candidate = (*candidates)[0];
        const Json content = candidate.value("content", Json::object());
        for (const Json &p : content.value("parts", Json::array())) {
            if (p.value("thought", false))
                continue; // thought summaries are not the answer
            if (const QString text = json::str(p, "text"); !text.isEmpty())
                out.push_back(StreamEvent::textDelta(text));
            if (const Json *call = json::at(p, "functionCall")) {
                QString id = json::str(*call, "id");
                out.push_back(StreamEvent::toolCallDelta(toolCount++, id, json::str(*call, "name"),
                    QString::fromUtf8(json::bytes(call->value("args", Json::object())))));
            }
        }
        const QString reason = json::str(candidate, "finishReason");
        if (!reason.isEmpty()) {
            out.push_back(StreamEvent::finish(finishReason(reason), reason));
            finished = true;
        }
    } else if (const Json *feedback = json::at(response, "promptFeedback")) {
        const QString blocked = json::str(*feedback, "blockReason");
        if (!blocked.isEmpty()) {
            out.push_back(StreamEvent::finish(FinishReason::ContentFilter, blocked));
            finished = true;
        }
    }
    if (const Json *u = json::at(response, "usageMetadata"))
        out.push_back(StreamEvent::usageEvent(usage(*u)));
    return finished;
}

StreamEvent errorEvent(const Json &error, const QByteArray &raw)
{
    return StreamEvent::failure(
        core::Error { core::ErrorCode::Provider,
            QStringLiteral("Gemini: %1 (%2)")
                .arg(json::str(error, "message"), json::str(error, "status")),
            QString::fromUtf8(raw), {}, 0, 0 },
        raw);
}

class Decoder final : public SseStreamDecoder {
private:
    void handleEvent(const SseParser::Event &event, std::vector<StreamEvent> &out) override
    {
        const Json data = json::parse(event.data);
        if (!data.is_object()) {
            out.push_back(StreamEvent::malformed(
                QStringLiteral("unparseable stream chunk from Gemini"), event.data));
            return;
        }
        if (const Json *error = json::at(data, "error")) {
            out.push_back(errorEvent(*error, event.data));
            return;
        }
        if (appendEvents(data, m_tools, out))
            m_done = true;
    }

    int m_tools = 0;
};

} // namespace

core::Result<HttpRequest> GeminiProvider::buildRequest(
    const core::ChatRequest &request, const ProviderSettings &settings, const QString &apiKey) const
{
    if (auto status = wire::requireBaseUrl(settings); !status)
        return tl::unexpected(status.error());
    QString model = request.model;
    if (model.startsWith(QLatin1String("models/")))
        model = model.mid(7);
    HttpRequest http;
    http.url = (settings.baseUrl + QStringLiteral("/v1beta/models/")
        + QString::fromLatin1(QUrl::toPercentEncoding(model, "-._~"))
        + (request.stream ? QStringLiteral(":streamGenerateContent?alt=sse")
                          : QStringLiteral(":generateContent")))
                   .toUtf8();

    Json body = Json::object();
    body["contents"] = contents(request);
    if (!request.system.isEmpty())
        body["systemInstruction"]
            = { { "parts", Json::array({ { { "text", json::std8(request.system) } } }) } };
    const core::ChatParams &p = request.params;
    Json config = Json::object();
    if (p.temperature)
        config["temperature"] = *p.temperature;
    if (p.topP)
        config["topP"] = *p.topP;
    if (p.topK)
        config["topK"] = *p.topK;
    if (p.maxOutputTokens)
        config["maxOutputTokens"] = *p.maxOutputTokens;
    if (!p.stopSequences.isEmpty()) {
        Json stops = Json::array();
        for (const QString &s : p.stopSequences)
            stops.push_back(json::std8(s));
        config["stopSequences"] = std::move(stops);
    }
    if (p.seed)
        config["seed"] = *p.seed;
    if (request.outputSchema.is_object()) {
        config["responseMimeType"] = "application/json";
        config["responseJsonSchema"] = request.outputSchema;
    }
    if (request.tools.is_array() && !request.tools.empty()) {
        Json declarations = Json::array();
        for (const Json &tool : request.tools) {
            Json d = { { "name", tool.value("name", std::string()) } };
            if (tool.contains("description"))
                d["description"] = tool["description"];
            if (tool.contains("inputSchema"))
                d["parametersJsonSchema"] = tool["inputSchema"];
            declarations.push_back(std::move(d));
        }
        body["tools"] = Json::array({ { { "functionDeclarations", std::move(declarations) } } });
    }
    // Extra keys are generation settings (thinkingConfig, candidateCount, ...) unless they
    // name a top-level request field.
    if (p.extra.is_object()) {
        for (auto it = p.extra.begin(); it != p.extra.end(); ++it) {
            static const std::string_view kTopLevel[]
                = { "safetySettings", "cachedContent", "toolConfig", "labels", "tools" };
            const bool top = std::find(std::begin(kTopLevel), std::end(kTopLevel), it.key())
                != std::end(kTopLevel);
            (top ? body : config)[it.key()] = it.value();
        }
    }
    if (!config.empty())
        body["generationConfig"] = std::move(config);

    http.body = json::bytes(body);
    wire::addCommonHeaders(http, settings, request.stream);
    if (!apiKey.isEmpty()) {
        http.addHeader("x-goog-api-key", apiKey.toUtf8());
        http.secrets.append(apiKey.toUtf8());
    }
    return http;
}

std::unique_ptr<StreamDecoder> GeminiProvider::streamDecoder() const
{
    return std::make_unique<Decoder>();
}

core::Result<std::vector<StreamEvent>> GeminiProvider::parseResponse(const QByteArray &body) const
{
    const Json response = json::parse(body);
    std::vector<StreamEvent> events;
    int tools = 0;
    if (response.is_array()) {
        // streamGenerateContent without alt=sse: one JSON array of chunks.
        for (const Json &chunk : response)
            appendEvents(chunk, tools, events);
        return events;
    }
    if (!response.is_object()
        || (!json::at(response, "candidates") && !json::at(response, "promptFeedback")))
        return core::fail(core::ErrorCode::Provider,
            QStringLiteral("the provider's answer is not a Gemini response"),
            QString::fromUtf8(body.left(2000)));
    appendEvents(response, tools, events);
    return events;
}

QString GeminiProvider::errorMessage(const QByteArray &body) const
{
    Json response = json::parse(body);
    if (response.is_array() && !response.empty())
        response = response[0];
    const Json *error = json::at(response, "error");
    if (!error)
        return {};
    const QString status = json::str(*error, "status");
    const QString message = json::str(*error, "message");
    return status.isEmpty() ? message : QStringLiteral("%1 (%2)").arg(message, status);
}

} // namespace psm::providers
