// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "providers/openaiprovider.h"

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
    if (raw == QLatin1String("stop"))
        return FinishReason::Stop;
    if (raw == QLatin1String("length"))
        return FinishReason::Length;
    if (raw == QLatin1String("tool_calls") || raw == QLatin1String("function_call"))
        return FinishReason::ToolCalls;
    if (raw == QLatin1String("content_filter"))
        return FinishReason::ContentFilter;
    return FinishReason::Other;
}

core::Usage usage(const Json &u)
{
    core::Usage out;
    out.inputTokens = json::integer(u, "prompt_tokens");
    out.outputTokens = json::integer(u, "completion_tokens");
    if (const Json *details = json::at(u, "prompt_tokens_details"))
        out.cacheReadTokens = json::integer(*details, "cached_tokens");
    if (const Json *details = json::at(u, "completion_tokens_details"))
        out.reasoningTokens = json::integer(*details, "reasoning_tokens");
    return out;
}

// Only api.openai.com and Azure reject the older names; compatible servers (vLLM, llama.cpp)
// often know only max_tokens and accept top_k.
bool isOfficialHost(const ProviderSettings &settings, OpenAiProvider::Flavor flavor)
{
    if (flavor == OpenAiProvider::Flavor::Azure)
        return true;
    const QString host = QUrl(settings.baseUrl).host();
    return host == QLatin1String("api.openai.com");
}

Json contentParts(const core::Message &message)
{
    const bool textOnly = std::all_of(message.parts.begin(), message.parts.end(),
        [](auto &p) { return p.kind == core::Part::Kind::Text; });
    if (textOnly)
        return json::std8(message.text());
    Json parts = Json::array();
    for (const core::Part &part : message.parts) {
        if (part.kind == core::Part::Kind::Text)
            parts.push_back({ { "type", "text" }, { "text", json::std8(part.text) } });
        else if (part.kind == core::Part::Kind::Media)
            parts.push_back(
                { { "type", "image_url" }, { "image_url", { { "url", json::std8(part.url) } } } });
    }
    return parts;
}

Json messages(const core::ChatRequest &request)
{
    Json out = Json::array();
    if (!request.system.isEmpty())
        out.push_back({ { "role", "system" }, { "content", json::std8(request.system) } });
    for (const core::Message &message : request.messages) {
        switch (message.role) {
        case core::Role::System:
            out.push_back({ { "role", "system" }, { "content", json::std8(message.text()) } });
            break;
        case core::Role::User:
            out.push_back({ { "role", "user" }, { "content", contentParts(message) } });
            break;
        case core::Role::Model: {
            Json m = { { "role", "assistant" } };
            const QString text = message.text();
            m["content"] = text.isEmpty() ? Json() : Json(json::std8(text));
            Json calls = Json::array();
            for (const core::Part &part : message.parts) {
                if (part.kind != core::Part::Kind::ToolRequest)
                    continue;
                calls.push_back({ { "id", json::std8(part.toolRef) }, { "type", "function" },
                    { "function",
                        { { "name", json::std8(part.toolName) },
                            { "arguments", wire::toolOutputText(part.toolData) } } } });
            }
            if (!calls.empty())
                m["tool_calls"] = std::move(calls);
            out.push_back(std::move(m));
            break;
        }
        case core::Role::Tool:
            for (const core::Part &part : message.parts) {
                if (part.kind == core::Part::Kind::ToolResponse)
                    out.push_back(
                        { { "role", "tool" }, { "tool_call_id", json::std8(part.toolRef) },
                            { "content", wire::toolOutputText(part.toolData) } });
                else if (part.kind == core::Part::Kind::Text)
                    out.push_back({ { "role", "tool" }, { "content", json::std8(part.text) } });
            }
            break;
        }
    }
    return out;
}

void appendChoiceEvents(const Json &chunk, const char *messageKey, std::vector<StreamEvent> &out)
{
    const Json *choices = json::at(chunk, "choices");
    if (choices && choices->is_array() && !choices->empty()) {
        const Json &choice = (*choices)[0];
        if (const Json *delta = json::at(choice, messageKey)) {
            const QString text = json::str(*delta, "content");
            if (!text.isEmpty())
                out.push_back(StreamEvent::textDelta(text));
            if (const Json *calls = json::at(*delta, "tool_calls"); calls && calls->is_array()) {
                int position = 0;
                for (const Json &call : *calls) {
                    const int index
                        = static_cast<int>(json::integer(call, "index").value_or(position));
                    const Json fn = call.value("function", Json::object());
                    out.push_back(StreamEvent::toolCallDelta(index, json::str(call, "id"),
                        json::str(fn, "name"), json::str(fn, "arguments")));
                    ++position;
                }
            }
        }
        const QString reason = json::str(choice, "finish_reason");
        if (!reason.isEmpty())
            out.push_back(StreamEvent::finish(finishReason(reason), reason));
    }
    if (const Json *u = json::at(chunk, "usage"); u && u->is_object())
        out.push_back(StreamEvent::usageEvent(usage(*u)));
}

class Decoder final : public SseStreamDecoder {
private:
    void handleEvent(const SseParser::Event &event, std::vector<StreamEvent> &out) override
    {
        if (event.data.trimmed() == "[DONE]") {
            m_done = true;
            return;
        }
        const Json chunk = json::parse(event.data);
        if (!chunk.is_object()) {
            out.push_back(StreamEvent::malformed(
                QStringLiteral("unparseable stream chunk from the provider"), event.data));
            return;
        }
        if (const Json *error = json::at(chunk, "error")) {
            QString message = json::str(*error, "message");
            if (message.isEmpty())
                message = QString::fromUtf8(json::bytes(*error));
            out.push_back(StreamEvent::failure(core::Error { core::ErrorCode::Provider, message,
                                                   QString::fromUtf8(event.data), {}, 0, 0 },
                event.data));
            return;
        }
        appendChoiceEvents(chunk, "delta", out);
    }
};

} // namespace

QString OpenAiProvider::type() const
{
    return m_flavor == Flavor::Azure ? QStringLiteral("azure") : QStringLiteral("openai");
}

core::Result<HttpRequest> OpenAiProvider::buildRequest(
    const core::ChatRequest &request, const ProviderSettings &settings, const QString &apiKey) const
{
    if (auto status = wire::requireBaseUrl(settings); !status)
        return tl::unexpected(status.error());
    HttpRequest http;
    if (m_flavor == Flavor::Azure) {
        http.url = (settings.baseUrl + QStringLiteral("/openai/deployments/")
            + QString::fromLatin1(QUrl::toPercentEncoding(request.model))
            + QStringLiteral("/chat/completions?api-version=")
            + QString::fromLatin1(QUrl::toPercentEncoding(settings.apiVersion)))
                       .toUtf8();
    } else {
        http.url = (settings.baseUrl + QStringLiteral("/chat/completions")).toUtf8();
    }

    const bool official = isOfficialHost(settings, m_flavor);
    const core::ChatParams &p = request.params;
    Json body = Json::object();
    if (m_flavor == Flavor::OpenAi)
        body["model"] = json::std8(request.model);
    body["messages"] = messages(request);
    if (p.temperature)
        body["temperature"] = *p.temperature;
    if (p.topP)
        body["top_p"] = *p.topP;
    if (p.topK && !official)
        body["top_k"] = *p.topK;
    if (p.maxOutputTokens)
        body[official ? "max_completion_tokens" : "max_tokens"] = *p.maxOutputTokens;
    if (!p.stopSequences.isEmpty()) {
        Json stop = Json::array();
        for (const QString &s : p.stopSequences)
            stop.push_back(json::std8(s));
        body["stop"] = std::move(stop);
    }
    if (p.seed)
        body["seed"] = *p.seed;
    if (request.outputSchema.is_object())
        body["response_format"] = { { "type", "json_schema" },
            { "json_schema", { { "name", "output" }, { "schema", request.outputSchema } } } };
    if (request.tools.is_array() && !request.tools.empty()) {
        Json tools = Json::array();
        for (const Json &tool : request.tools) {
            Json fn = { { "name", tool.value("name", std::string()) } };
            if (tool.contains("description"))
                fn["description"] = tool["description"];
            fn["parameters"] = tool.value("inputSchema", Json({ { "type", "object" } }));
            tools.push_back({ { "type", "function" }, { "function", std::move(fn) } });
        }
        body["tools"] = std::move(tools);
    }
    body["stream"] = request.stream;
    if (request.stream)
        body["stream_options"] = { { "include_usage", true } };
    wire::mergeExtra(body, p.extra);

    http.body = json::bytes(body);
    wire::addCommonHeaders(http, settings, request.stream);
    if (!apiKey.isEmpty()) {
        const QByteArray key = apiKey.toUtf8();
        if (m_flavor == Flavor::Azure)
            http.addHeader("api-key", key);
        else
            http.addHeader("Authorization", "Bearer " + key);
        http.secrets.append(key);
    }
    return http;
}

std::unique_ptr<StreamDecoder> OpenAiProvider::streamDecoder() const
{
    return std::make_unique<Decoder>();
}

core::Result<std::vector<StreamEvent>> OpenAiProvider::parseResponse(const QByteArray &body) const
{
    const Json response = json::parse(body);
    if (!response.is_object() || !json::at(response, "choices"))
        return core::fail(core::ErrorCode::Provider,
            QStringLiteral("the provider's answer is not a chat completion"),
            QString::fromUtf8(body.left(2000)));
    std::vector<StreamEvent> events;
    appendChoiceEvents(response, "message", events);
    return events;
}

QString OpenAiProvider::errorMessage(const QByteArray &body) const
{
    const Json response = json::parse(body);
    if (const Json *error = json::at(response, "error")) {
        if (error->is_string())
            return QString::fromStdString(error->get<std::string>());
        return json::str(*error, "message");
    }
    QString message = json::str(response, "message");
    return message.isEmpty() ? json::str(response, "detail") : message;
}

} // namespace psm::providers
