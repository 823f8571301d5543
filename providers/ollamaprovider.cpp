// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "providers/ollamaprovider.h"

#include "providers/sseparser.h"
#include "providers/wireutil.h"

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
    return raw.isEmpty() ? FinishReason::Stop : FinishReason::Other;
}

core::Result<Json> messages(const core::ChatRequest &request)
{
    Json out = Json::array();
    if (!request.system.isEmpty())
        out.push_back({ { "role", "system" }, { "content", json::std8(request.system) } });
    for (const core::Message &message : request.messages) {
        const char *role = message.role == core::Role::Model ? "assistant"
            : message.role == core::Role::Tool               ? "tool"
            : message.role == core::Role::System             ? "system"
                                                             : "user";
        Json m = { { "role", role }, { "content", json::std8(message.text()) } };
        Json images = Json::array();
        Json calls = Json::array();
        for (const core::Part &part : message.parts) {
            if (part.kind == core::Part::Kind::Media) {
                auto data = wire::parseDataUrl(part.url);
                if (!data)
                    return core::fail(core::ErrorCode::InvalidInput,
                        QStringLiteral("Ollama takes images inline only (a "
                                       "data: URL), not %1")
                            .arg(part.url.left(80)));
                images.push_back(data->base64.toStdString());
            } else if (part.kind == core::Part::Kind::ToolRequest) {
                calls.push_back({ { "function",
                    { { "name", json::std8(part.toolName) },
                        { "arguments",
                            part.toolData.is_null() ? Json::object() : part.toolData } } } });
            } else if (part.kind == core::Part::Kind::ToolResponse) {
                m["content"] = wire::toolOutputText(part.toolData);
                m["tool_name"] = json::std8(part.toolName);
            }
        }
        if (!images.empty())
            m["images"] = std::move(images);
        if (!calls.empty())
            m["tool_calls"] = std::move(calls);
        out.push_back(std::move(m));
    }
    return out;
}

// One /api/chat object (a stream line or the whole answer) as events; true when `done`.
bool appendEvents(const Json &chunk, int &tools, std::vector<StreamEvent> &out)
{
    if (const Json *message = json::at(chunk, "message")) {
        if (const QString text = json::str(*message, "content"); !text.isEmpty())
            out.push_back(StreamEvent::textDelta(text));
        if (const Json *calls = json::at(*message, "tool_calls"); calls && calls->is_array()) {
            for (const Json &call : *calls) {
                const Json fn = call.value("function", Json::object());
                out.push_back(StreamEvent::toolCallDelta(tools++, json::str(call, "id"),
                    json::str(fn, "name"),
                    QString::fromUtf8(json::bytes(fn.value("arguments", Json::object())))));
            }
        }
    }
    if (!chunk.value("done", false))
        return false;
    core::Usage usage;
    usage.inputTokens = json::integer(chunk, "prompt_eval_count");
    usage.outputTokens = json::integer(chunk, "eval_count");
    out.push_back(StreamEvent::usageEvent(usage));
    const QString reason = json::str(chunk, "done_reason");
    out.push_back(StreamEvent::finish(finishReason(reason), reason));
    return true;
}

class Decoder final : public StreamDecoder {
public:
    void feed(QByteArrayView bytes, std::vector<StreamEvent> &out) override
    {
        std::vector<QByteArray> lines;
        m_lines.feed(bytes, lines);
        handle(lines, out);
    }
    void finish(std::vector<StreamEvent> &out) override
    {
        std::vector<QByteArray> lines;
        m_lines.finish(lines);
        handle(lines, out);
    }
    bool complete() const override { return m_done; }

private:
    void handle(const std::vector<QByteArray> &lines, std::vector<StreamEvent> &out)
    {
        for (const QByteArray &line : lines) {
            const Json chunk = json::parse(line);
            if (!chunk.is_object()) {
                out.push_back(StreamEvent::malformed(
                    QStringLiteral("unparseable stream line from Ollama"), line));
                continue;
            }
            if (const QString error = json::str(chunk, "error"); !error.isEmpty()) {
                out.push_back(StreamEvent::failure(
                    core::Error { core::ErrorCode::Provider, QStringLiteral("Ollama: ") + error,
                        QString::fromUtf8(line), {}, 0, 0 },
                    line));
                continue;
            }
            if (appendEvents(chunk, m_tools, out))
                m_done = true;
        }
    }

    NdjsonSplitter m_lines;
    int m_tools = 0;
    bool m_done = false;
};

} // namespace

core::Result<HttpRequest> OllamaProvider::buildRequest(
    const core::ChatRequest &request, const ProviderSettings &settings, const QString &apiKey) const
{
    if (auto status = wire::requireBaseUrl(settings); !status)
        return tl::unexpected(status.error());
    auto converted = messages(request);
    if (!converted)
        return tl::unexpected(converted.error());
    Json body = { { "model", json::std8(request.model) }, { "messages", std::move(*converted) } };
    const core::ChatParams &p = request.params;
    Json options = Json::object();
    if (p.temperature)
        options["temperature"] = *p.temperature;
    if (p.topP)
        options["top_p"] = *p.topP;
    if (p.topK)
        options["top_k"] = *p.topK;
    if (p.maxOutputTokens)
        options["num_predict"] = *p.maxOutputTokens;
    if (p.seed)
        options["seed"] = *p.seed;
    if (!p.stopSequences.isEmpty()) {
        Json stops = Json::array();
        for (const QString &s : p.stopSequences)
            stops.push_back(json::std8(s));
        options["stop"] = std::move(stops);
    }
    // Extra keys are model options (num_ctx, repeat_penalty, ...) unless they are request
    // fields of their own.
    if (p.extra.is_object()) {
        for (auto it = p.extra.begin(); it != p.extra.end(); ++it) {
            static const std::string_view kTopLevel[] = { "keep_alive", "think", "format" };
            const bool top = std::find(std::begin(kTopLevel), std::end(kTopLevel), it.key())
                != std::end(kTopLevel);
            (top ? body : options)[it.key()] = it.value();
        }
    }
    if (!options.empty())
        body["options"] = std::move(options);
    if (request.outputSchema.is_object())
        body["format"] = request.outputSchema;
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
    body["stream"] = request.stream; // Ollama streams unless told otherwise

    HttpRequest http;
    http.url = (settings.baseUrl + QStringLiteral("/api/chat")).toUtf8();
    http.body = json::bytes(body);
    http.addHeader("Content-Type", "application/json");
    for (const auto &[name, value] : settings.headers)
        http.addHeader(name.toUtf8(), value.toUtf8());
    // A bare Ollama needs no key; one behind an authenticating proxy may take a bearer token.
    if (!apiKey.isEmpty()) {
        http.addHeader("Authorization", "Bearer " + apiKey.toUtf8());
        http.secrets.append(apiKey.toUtf8());
    }
    return http;
}

std::unique_ptr<StreamDecoder> OllamaProvider::streamDecoder() const
{
    return std::make_unique<Decoder>();
}

core::Result<std::vector<StreamEvent>> OllamaProvider::parseResponse(const QByteArray &body) const
{
    const Json response = json::parse(body);
    if (!response.is_object() || !json::at(response, "message"))
        return core::fail(core::ErrorCode::Provider,
            QStringLiteral("the provider's answer is not an Ollama chat response"),
            QString::fromUtf8(body.left(2000)));
    std::vector<StreamEvent> events;
    int tools = 0;
    appendEvents(response, tools, events);
    return events;
}

QString OllamaProvider::errorMessage(const QByteArray &body) const
{
    return json::str(json::parse(body), "error");
}

HttpRequest OllamaProvider::modelListRequest(const ProviderSettings &settings)
{
    HttpRequest http;
    http.method = "GET";
    http.url = (settings.baseUrl + QStringLiteral("/api/tags")).toUtf8();
    http.addHeader("Accept", "application/json");
    for (const auto &[name, value] : settings.headers)
        http.addHeader(name.toUtf8(), value.toUtf8());
    return http;
}

core::Result<QStringList> OllamaProvider::parseModelList(const QByteArray &body)
{
    const Json response = json::parse(body);
    const Json *models = json::at(response, "models");
    if (!models || !models->is_array())
        return core::fail(core::ErrorCode::Provider,
            QStringLiteral("Ollama's model list is not in the expected shape"),
            QString::fromUtf8(body.left(2000)));
    QStringList names;
    for (const Json &model : *models) {
        const QString name = json::str(model, "name");
        if (!name.isEmpty())
            names.append(name);
    }
    return names;
}

} // namespace psm::providers
