// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "providers/anthropicprovider.h"

#include "providers/ssestreamdecoder.h"
#include "providers/wireutil.h"

#include <map>

namespace psm::providers {
namespace {

using core::FinishReason;
using core::StreamEvent;
using json::Json;

FinishReason finishReason(const QString &raw)
{
    if (raw == QLatin1String("end_turn") || raw == QLatin1String("stop_sequence"))
        return FinishReason::Stop;
    if (raw == QLatin1String("max_tokens"))
        return FinishReason::Length;
    if (raw == QLatin1String("tool_use"))
        return FinishReason::ToolCalls;
    if (raw == QLatin1String("refusal"))
        return FinishReason::ContentFilter;
    return FinishReason::Other;
}

// Anthropic's input_tokens leaves out cache reads and writes; ours counts every prompt token.
core::Usage usage(const Json &u)
{
    core::Usage out;
    out.cacheReadTokens = json::integer(u, "cache_read_input_tokens");
    out.cacheWriteTokens = json::integer(u, "cache_creation_input_tokens");
    if (auto input = json::integer(u, "input_tokens"))
        out.inputTokens
            = *input + out.cacheReadTokens.value_or(0) + out.cacheWriteTokens.value_or(0);
    out.outputTokens = json::integer(u, "output_tokens");
    return out;
}

Json mediaBlock(const core::Part &part)
{
    const bool pdf = part.contentType == QLatin1String("application/pdf");
    Json source;
    if (auto data = wire::parseDataUrl(part.url)) {
        source = { { "type", "base64" }, { "media_type", json::std8(data->mimeType) },
            { "data", data->base64.toStdString() } };
    } else {
        source = { { "type", "url" }, { "url", json::std8(part.url) } };
    }
    return { { "type", pdf ? "document" : "image" }, { "source", source } };
}

Json contentBlocks(const core::Message &message)
{
    Json blocks = Json::array();
    for (const core::Part &part : message.parts) {
        switch (part.kind) {
        case core::Part::Kind::Text:
            blocks.push_back({ { "type", "text" }, { "text", json::std8(part.text) } });
            break;
        case core::Part::Kind::Media:
            blocks.push_back(mediaBlock(part));
            break;
        case core::Part::Kind::ToolRequest:
            blocks.push_back({ { "type", "tool_use" }, { "id", json::std8(part.toolRef) },
                { "name", json::std8(part.toolName) },
                { "input", part.toolData.is_null() ? Json::object() : part.toolData } });
            break;
        case core::Part::Kind::ToolResponse:
            blocks.push_back(
                { { "type", "tool_result" }, { "tool_use_id", json::std8(part.toolRef) },
                    { "content", wire::toolOutputText(part.toolData) } });
            break;
        }
    }
    return blocks;
}

Json messages(const core::ChatRequest &request)
{
    Json out = Json::array();
    for (const core::Message &message : request.messages) {
        if (message.role == core::Role::System)
            continue; // carried in the top-level `system`
        // Tool results travel in a user turn; consecutive same-role turns are merged because
        // the API wants user and assistant to alternate.
        const char *role = message.role == core::Role::Model ? "assistant" : "user";
        Json blocks = contentBlocks(message);
        if (!out.empty() && out.back()["role"] == role) {
            for (Json &block : blocks)
                out.back()["content"].push_back(std::move(block));
        } else {
            out.push_back({ { "role", role }, { "content", std::move(blocks) } });
        }
    }
    return out;
}

class Decoder final : public SseStreamDecoder {
private:
    void handleEvent(const SseParser::Event &event, std::vector<StreamEvent> &out) override
    {
        const Json data = json::parse(event.data);
        if (!data.is_object()) {
            out.push_back(StreamEvent::malformed(
                QStringLiteral("unparseable stream event from Anthropic"), event.data));
            return;
        }
        const QString type = json::str(data, "type");
        if (type == QLatin1String("message_start")) {
            if (const Json *message = json::at(data, "message"))
                if (const Json *u = json::at(*message, "usage"))
                    out.push_back(StreamEvent::usageEvent(usage(*u)));
        } else if (type == QLatin1String("content_block_start")) {
            const Json block = data.value("content_block", Json::object());
            const int index = int(json::integer(data, "index").value_or(0));
            if (json::str(block, "type") == QLatin1String("tool_use")) {
                m_toolIndex[index] = int(m_toolIndex.size());
                out.push_back(StreamEvent::toolCallDelta(
                    m_toolIndex[index], json::str(block, "id"), json::str(block, "name"), {}));
            } else if (const QString text = json::str(block, "text"); !text.isEmpty()) {
                out.push_back(StreamEvent::textDelta(text));
            }
        } else if (type == QLatin1String("content_block_delta")) {
            const Json delta = data.value("delta", Json::object());
            const QString deltaType = json::str(delta, "type");
            if (deltaType == QLatin1String("text_delta")) {
                out.push_back(StreamEvent::textDelta(json::str(delta, "text")));
            } else if (deltaType == QLatin1String("input_json_delta")) {
                const int index = int(json::integer(data, "index").value_or(0));
                const auto tool = m_toolIndex.find(index);
                out.push_back(
                    StreamEvent::toolCallDelta(tool == m_toolIndex.end() ? 0 : tool->second, {}, {},
                        json::str(delta, "partial_json")));
            }
            // thinking_delta / signature_delta: reasoning text is not part of the answer.
        } else if (type == QLatin1String("message_delta")) {
            if (const Json *u = json::at(data, "usage"))
                out.push_back(StreamEvent::usageEvent(usage(*u)));
            const QString reason = json::str(data.value("delta", Json::object()), "stop_reason");
            if (!reason.isEmpty())
                out.push_back(StreamEvent::finish(finishReason(reason), reason));
        } else if (type == QLatin1String("message_stop")) {
            m_done = true;
        } else if (type == QLatin1String("error")) {
            const Json error = data.value("error", Json::object());
            out.push_back(StreamEvent::failure(
                core::Error { core::ErrorCode::Provider,
                    QStringLiteral("Anthropic: %1 (%2)")
                        .arg(json::str(error, "message"), json::str(error, "type")),
                    QString::fromUtf8(event.data), {}, 0, 0 },
                event.data));
        }
        // ping and content_block_stop carry nothing we need.
    }

    std::map<int, int> m_toolIndex; // content block index -> tool call index
};

} // namespace

core::Result<HttpRequest> AnthropicProvider::buildRequest(
    const core::ChatRequest &request, const ProviderSettings &settings, const QString &apiKey) const
{
    if (auto status = wire::requireBaseUrl(settings); !status)
        return tl::unexpected(status.error());
    const core::ChatParams &p = request.params;
    Json body = { { "model", json::std8(request.model) },
        { "max_tokens", p.maxOutputTokens.value_or(kDefaultMaxTokens) } };
    if (!request.system.isEmpty())
        body["system"] = json::std8(request.system);
    body["messages"] = messages(request);
    if (p.temperature)
        body["temperature"] = *p.temperature;
    if (p.topP)
        body["top_p"] = *p.topP;
    if (p.topK)
        body["top_k"] = *p.topK;
    if (!p.stopSequences.isEmpty()) {
        Json stops = Json::array();
        for (const QString &s : p.stopSequences)
            stops.push_back(json::std8(s));
        body["stop_sequences"] = std::move(stops);
    }
    // The Messages API has no seed; sending one would be rejected.
    if (request.tools.is_array() && !request.tools.empty()) {
        Json tools = Json::array();
        for (const Json &tool : request.tools) {
            Json t = { { "name", tool.value("name", std::string()) } };
            if (tool.contains("description"))
                t["description"] = tool["description"];
            t["input_schema"] = tool.value("inputSchema", Json({ { "type", "object" } }));
            tools.push_back(std::move(t));
        }
        body["tools"] = std::move(tools);
    }
    const bool structured = request.outputSchema.is_object();
    if (structured)
        body["output_format"] = { { "type", "json_schema" }, { "schema", request.outputSchema } };
    if (request.stream)
        body["stream"] = true;
    wire::mergeExtra(body, p.extra);

    HttpRequest http;
    http.url = (settings.baseUrl + QStringLiteral("/v1/messages")).toUtf8();
    http.body = json::bytes(body);
    wire::addCommonHeaders(http, settings, request.stream);
    http.addHeader("anthropic-version",
        settings.apiVersion.isEmpty() ? QByteArray("2023-06-01") : settings.apiVersion.toUtf8());
    if (structured)
        http.addHeader("anthropic-beta", "structured-outputs-2025-11-13");
    if (!apiKey.isEmpty()) {
        http.addHeader("x-api-key", apiKey.toUtf8());
        http.secrets.append(apiKey.toUtf8());
    }
    return http;
}

std::unique_ptr<StreamDecoder> AnthropicProvider::streamDecoder() const
{
    return std::make_unique<Decoder>();
}

core::Result<std::vector<StreamEvent>> AnthropicProvider::parseResponse(
    const QByteArray &body) const
{
    const Json response = json::parse(body);
    const Json *content = json::at(response, "content");
    if (!content || !content->is_array())
        return core::fail(core::ErrorCode::Provider,
            QStringLiteral("the provider's answer is not an Anthropic message"),
            QString::fromUtf8(body.left(2000)));
    std::vector<StreamEvent> events;
    int tool = 0;
    for (const Json &block : *content) {
        const QString type = json::str(block, "type");
        if (type == QLatin1String("text")) {
            events.push_back(StreamEvent::textDelta(json::str(block, "text")));
        } else if (type == QLatin1String("tool_use")) {
            events.push_back(
                StreamEvent::toolCallDelta(tool++, json::str(block, "id"), json::str(block, "name"),
                    QString::fromUtf8(json::bytes(block.value("input", Json::object())))));
        }
    }
    if (const Json *u = json::at(response, "usage"))
        events.push_back(StreamEvent::usageEvent(usage(*u)));
    const QString reason = json::str(response, "stop_reason");
    if (!reason.isEmpty())
        events.push_back(StreamEvent::finish(finishReason(reason), reason));
    return events;
}

QString AnthropicProvider::errorMessage(const QByteArray &body) const
{
    const Json response = json::parse(body);
    const Json *error = json::at(response, "error");
    if (!error)
        return {};
    const QString type = json::str(*error, "type");
    const QString message = json::str(*error, "message");
    return type.isEmpty() ? message : QStringLiteral("%1 (%2)").arg(message, type);
}

} // namespace psm::providers
