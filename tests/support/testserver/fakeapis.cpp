// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "tests/support/testserver/fakeapis.h"

#include <QDateTime>
#include <QLocale>
#include <QRegularExpression>

namespace psm::testsupport {
namespace {

using Json = nlohmann::ordered_json;

enum class Api { OpenAi, OpenAiModels, Anthropic, Gemini, Ollama, OllamaTags, Unknown };

struct Prompt {
    QString model;
    QString lastUser;
    qint64 inputWords = 0;
    std::optional<qint64> maxTokens;
    bool stream = false;
    QString toolName; // the first tool offered, if any
};

QString qs(const Json &j)
{
    return j.is_string() ? QString::fromStdString(j.get<std::string>()) : QString();
}

// Text of a content value: a plain string, or a list of parts with "text" fields.
QString contentText(const Json &content)
{
    if (content.is_string())
        return qs(content);
    QString text;
    if (content.is_array()) {
        for (const Json &part : content) {
            if (part.is_object() && part.contains("text"))
                text += qs(part["text"]);
        }
    }
    return text;
}

std::optional<qint64> intField(const Json &obj, const char *key)
{
    if (obj.is_object() && obj.contains(key) && obj[key].is_number_integer())
        return obj[key].get<qint64>();
    return std::nullopt;
}

QByteArray dump(const Json &j)
{
    return QByteArray::fromStdString(j.dump());
}

QByteArray sse(const Json &data, const char *event = nullptr, const char *eol = "\n")
{
    QByteArray out;
    if (event)
        out += QByteArray("event: ") + event + eol;
    out += "data: " + dump(data) + eol + eol;
    return out;
}

struct Answer {
    QString text;
    bool truncated = false;
    QStringList pieces; // stream deltas; joined they give `text`
    qint64 outputWords = 0;
};

Answer answerFor(const Prompt &prompt, const FaultDirective &fault, const QString &scripted)
{
    Answer a;
    QString text = fault.largeBytes > 0 ? QString()
        : scripted.isNull()             ? expectedReply(prompt.lastUser)
                                        : scripted;
    if (fault.largeBytes > 0) {
        static const QString kWords = QStringLiteral("lorem ipsum dolor sit amet ");
        text.reserve(fault.largeBytes);
        while (text.size() < fault.largeBytes)
            text += kWords;
        text = text.trimmed();
    }
    QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (prompt.maxTokens && *prompt.maxTokens < words.size()) {
        words = words.mid(0, *prompt.maxTokens);
        a.truncated = true;
    }
    a.text = words.join(QLatin1Char(' '));
    a.outputWords = words.size();
    // Large answers stream in a few big pieces, as real APIs batch tokens under load.
    const int perPiece = fault.largeBytes > 0 ? 2000 : 1;
    for (int i = 0; i < words.size(); i += perPiece) {
        QString piece = words.mid(i, perPiece).join(QLatin1Char(' '));
        a.pieces.append(i == 0 ? piece : QLatin1Char(' ') + piece);
    }
    return a;
}

Api apiFor(const RecordedRequest &request)
{
    const QByteArray path = request.target.split('?').first();
    if (path.endsWith("/chat/completions"))
        return Api::OpenAi;
    if (path.endsWith("/v1/messages"))
        return Api::Anthropic;
    if (path.contains(":generateContent") || path.contains(":streamGenerateContent"))
        return Api::Gemini;
    if (path == "/api/chat")
        return Api::Ollama;
    if (path == "/api/tags")
        return Api::OllamaTags;
    if (path.endsWith("/v1/models") && request.method == "GET")
        return Api::OpenAiModels;
    return Api::Unknown;
}

QByteArray presentedKey(Api api, const RecordedRequest &request)
{
    switch (api) {
    case Api::OpenAiModels:
    case Api::OpenAi: {
        if (request.target.contains("/openai/deployments/"))
            return request.header("api-key");
        const QByteArray auth = request.header("authorization");
        return auth.startsWith("Bearer ") ? auth.mid(7) : QByteArray();
    }
    case Api::Anthropic:
        return request.header("x-api-key");
    case Api::Gemini:
        return request.header("x-goog-api-key");
    default:
        return {};
    }
}

FakeReply errorReply(Api api, int status, const QString &message)
{
    FakeReply reply;
    reply.status = status;
    const std::string m = message.toStdString();
    switch (api) {
    case Api::Anthropic: {
        const char *type = status == 401 ? "authentication_error"
            : status == 429              ? "rate_limit_error"
            : status == 529              ? "overloaded_error"
            : status >= 500              ? "api_error"
                                         : "invalid_request_error";
        reply.body
            = dump({ { "type", "error" }, { "error", { { "type", type }, { "message", m } } } });
        break;
    }
    case Api::Gemini: {
        const char *s = status == 401 ? "UNAUTHENTICATED"
            : status == 429           ? "RESOURCE_EXHAUSTED"
            : status >= 500           ? "UNAVAILABLE"
                                      : "INVALID_ARGUMENT";
        reply.body
            = dump({ { "error", { { "code", status }, { "message", m }, { "status", s } } } });
        break;
    }
    case Api::Ollama:
    case Api::OllamaTags:
        reply.body = dump({ { "error", m } });
        break;
    default: {
        const char *type = status == 401 ? "invalid_request_error"
            : status == 429              ? "rate_limit_exceeded"
            : status >= 500              ? "server_error"
                                         : "invalid_request_error";
        reply.body = dump({ { "error",
            { { "message", m }, { "type", type }, { "param", nullptr }, { "code", nullptr } } } });
        break;
    }
    }
    return reply;
}

QString faultMessage(int status)
{
    if (status == 429)
        return QStringLiteral("Rate limit reached for requests. Please try again later.");
    if (status == 401)
        return QStringLiteral("Unauthorized.");
    if (status == 400)
        return QStringLiteral("Bad request injected by the test.");
    return QStringLiteral("The server had an error while processing your request.");
}

// ---- OpenAI Chat Completions -------------------------------------------------------------

Json openAiUsage(const Prompt &p, const Answer &a, const ServerOptions &o)
{
    return { { "prompt_tokens", p.inputWords },
        { "completion_tokens", a.outputWords + o.reasoningTokens },
        { "total_tokens", p.inputWords + a.outputWords + o.reasoningTokens },
        { "prompt_tokens_details", { { "cached_tokens", o.cacheReadTokens } } },
        { "completion_tokens_details", { { "reasoning_tokens", o.reasoningTokens } } } };
}

FakeReply openAi(const Json &body, const RecordedRequest &request, const ServerOptions &o,
    const FaultDirective &fault, const QString &scripted)
{
    const bool azure = request.target.contains("/openai/deployments/");
    if (!azure && (!body.contains("model") || !body["model"].is_string()))
        return errorReply(Api::OpenAi, 400, QStringLiteral("you must provide a model parameter"));
    if (!body.contains("messages") || !body["messages"].is_array() || body["messages"].empty())
        return errorReply(Api::OpenAi, 400, QStringLiteral("'messages' is a required property"));
    Prompt p;
    p.model = azure ? QStringLiteral("azure-deployment") : qs(body["model"]);
    for (const Json &m : body["messages"]) {
        const QString text = contentText(m.value("content", Json()));
        p.inputWords += wordCount(text);
        if (m.value("role", std::string()) == "user")
            p.lastUser = text;
    }
    p.maxTokens = intField(body, "max_completion_tokens");
    if (!p.maxTokens)
        p.maxTokens = intField(body, "max_tokens");
    p.stream = body.value("stream", false);
    if (body.contains("tools") && body["tools"].is_array() && !body["tools"].empty())
        p.toolName = qs(body["tools"][0]["function"]["name"]);
    const bool includeUsage
        = body.contains("stream_options") && body["stream_options"].value("include_usage", false);
    const Answer a = answerFor(p, fault, scripted);
    const bool toolCall = !p.toolName.isEmpty() && p.lastUser.startsWith(QLatin1String("use "));
    const std::string finish = toolCall ? "tool_calls" : a.truncated ? "length" : "stop";
    const std::string model = p.model.toStdString();
    const std::string args = dump({ { "text", p.lastUser.toStdString() } }).toStdString();

    FakeReply reply;
    if (!p.stream) {
        Json message = { { "role", "assistant" }, { "content", a.text.toStdString() } };
        if (toolCall) {
            message["content"] = nullptr;
            message["tool_calls"] = Json::array({ { { "id", "call_1" }, { "type", "function" },
                { "function",
                    { { "name", p.toolName.toStdString() }, { "arguments", args } } } } });
        }
        reply.body = dump({ { "id", "chatcmpl-test" }, { "object", "chat.completion" },
            { "created", 1700000000 }, { "model", model },
            { "choices",
                Json::array(
                    { { { "index", 0 }, { "message", message }, { "finish_reason", finish } } }) },
            { "usage", openAiUsage(p, a, o) } });
        return reply;
    }
    reply.stream = true;
    reply.contentType = "text/event-stream";
    auto chunk = [&](Json delta, Json finishReason) {
        return sse({ { "id", "chatcmpl-test" }, { "object", "chat.completion.chunk" },
            { "created", 1700000000 }, { "model", model },
            { "choices",
                Json::array({ { { "index", 0 }, { "delta", std::move(delta) },
                    { "finish_reason", std::move(finishReason) } } }) } });
    };
    reply.chunks.push_back(chunk({ { "role", "assistant" }, { "content", "" } }, nullptr));
    if (toolCall) {
        reply.chunks.push_back(chunk(
            { { "tool_calls",
                Json::array({ { { "index", 0 }, { "id", "call_1" }, { "type", "function" },
                    { "function",
                        { { "name", p.toolName.toStdString() }, { "arguments", "" } } } } }) } },
            nullptr));
        const int half = int(args.size() / 2);
        for (const std::string &piece : { args.substr(0, half), args.substr(half) })
            reply.chunks.push_back(chunk(
                { { "tool_calls",
                    Json::array(
                        { { { "index", 0 }, { "function", { { "arguments", piece } } } } }) } },
                nullptr));
    } else {
        for (const QString &piece : a.pieces)
            reply.chunks.push_back(chunk({ { "content", piece.toStdString() } }, nullptr));
    }
    reply.chunks.push_back(chunk(Json::object(), finish));
    if (includeUsage)
        reply.chunks.push_back(sse(
            { { "id", "chatcmpl-test" }, { "object", "chat.completion.chunk" }, { "model", model },
                { "choices", Json::array() }, { "usage", openAiUsage(p, a, o) } }));
    reply.chunks.push_back("data: [DONE]\n\n");
    reply.malformedChunk = "data: {\"id\":\"chatcmpl-test\",\"choices\":[{\"delta\":{\"cont\n\n";
    reply.streamErrorChunk = sse({ { "error",
        { { "message", "The server had an error while streaming" },
            { "type", "server_error" } } } });
    return reply;
}

// ---- Anthropic Messages ------------------------------------------------------------------

FakeReply anthropic(
    const Json &body, const ServerOptions &o, const FaultDirective &fault, const QString &scripted)
{
    if (!body.contains("max_tokens") || !body["max_tokens"].is_number_integer())
        return errorReply(Api::Anthropic, 400, QStringLiteral("max_tokens: Field required"));
    if (!body.contains("messages") || !body["messages"].is_array() || body["messages"].empty())
        return errorReply(Api::Anthropic, 400, QStringLiteral("messages: Field required"));
    Prompt p;
    p.model = qs(body.value("model", Json()));
    if (body.contains("system"))
        p.inputWords += wordCount(contentText(body["system"]));
    for (const Json &m : body["messages"]) {
        const std::string role = m.value("role", std::string());
        if (role != "user" && role != "assistant")
            return errorReply(Api::Anthropic, 400,
                QStringLiteral("messages: Unexpected role \"%1\". Allowed roles "
                               "are \"user\" or \"assistant\"")
                    .arg(QString::fromStdString(role)));
        const QString text = contentText(m.value("content", Json()));
        p.inputWords += wordCount(text);
        if (role == "user")
            p.lastUser = text;
    }
    p.maxTokens = intField(body, "max_tokens");
    p.stream = body.value("stream", false);
    const Answer a = answerFor(p, fault, scripted);
    const std::string stop = a.truncated ? "max_tokens" : "end_turn";
    // Anthropic counts cache reads and writes apart from input_tokens.
    const qint64 uncached
        = std::max<qint64>(0, p.inputWords - o.cacheReadTokens - o.cacheWriteTokens);
    const Json usage = { { "input_tokens", uncached },
        { "cache_creation_input_tokens", o.cacheWriteTokens },
        { "cache_read_input_tokens", o.cacheReadTokens }, { "output_tokens", a.outputWords } };
    FakeReply reply;
    if (!p.stream) {
        reply.body = dump({ { "id", "msg_test" }, { "type", "message" }, { "role", "assistant" },
            { "model", p.model.toStdString() },
            { "content",
                Json::array({ { { "type", "text" }, { "text", a.text.toStdString() } } }) },
            { "stop_reason", stop }, { "stop_sequence", nullptr }, { "usage", usage } });
        return reply;
    }
    reply.stream = true;
    reply.contentType = "text/event-stream";
    Json startUsage = usage;
    startUsage["output_tokens"] = 1;
    reply.chunks.push_back(
        sse({ { "type", "message_start" },
                { "message",
                    { { "id", "msg_test" }, { "type", "message" }, { "role", "assistant" },
                        { "content", Json::array() }, { "model", p.model.toStdString() },
                        { "stop_reason", nullptr }, { "stop_sequence", nullptr },
                        { "usage", startUsage } } } },
            "message_start"));
    reply.chunks.push_back(sse({ { "type", "content_block_start" }, { "index", 0 },
                                   { "content_block", { { "type", "text" }, { "text", "" } } } },
        "content_block_start"));
    reply.chunks.push_back(sse({ { "type", "ping" } }, "ping"));
    for (const QString &piece : a.pieces)
        reply.chunks.push_back(
            sse({ { "type", "content_block_delta" }, { "index", 0 },
                    { "delta", { { "type", "text_delta" }, { "text", piece.toStdString() } } } },
                "content_block_delta"));
    reply.chunks.push_back(
        sse({ { "type", "content_block_stop" }, { "index", 0 } }, "content_block_stop"));
    reply.chunks.push_back(
        sse({ { "type", "message_delta" },
                { "delta", { { "stop_reason", stop }, { "stop_sequence", nullptr } } },
                { "usage", { { "output_tokens", a.outputWords } } } },
            "message_delta"));
    reply.chunks.push_back(sse({ { "type", "message_stop" } }, "message_stop"));
    reply.malformedChunk = "event: content_block_delta\ndata: {\"type\":\"content_block_del\n\n";
    reply.streamErrorChunk
        = sse({ { "type", "error" },
                  { "error", { { "type", "overloaded_error" }, { "message", "Overloaded" } } } },
            "error");
    return reply;
}

// ---- Gemini generateContent --------------------------------------------------------------

FakeReply gemini(const Json &body, const RecordedRequest &request, const ServerOptions &o,
    const FaultDirective &fault, const QString &scripted)
{
    if (!body.contains("contents") || !body["contents"].is_array() || body["contents"].empty())
        return errorReply(Api::Gemini, 400,
            QStringLiteral("* GenerateContentRequest.contents: contents is not "
                           "specified"));
    Prompt p;
    static const QRegularExpression kModel(QStringLiteral("/models/([^:]+):"));
    p.model = kModel.match(QString::fromUtf8(request.target)).captured(1);
    if (body.contains("systemInstruction"))
        p.inputWords += wordCount(contentText(body["systemInstruction"].value("parts", Json())));
    for (const Json &c : body["contents"]) {
        const std::string role = c.value("role", std::string("user"));
        if (role != "user" && role != "model")
            return errorReply(
                Api::Gemini, 400, QStringLiteral("Please use a valid role: user, model."));
        const QString text = contentText(c.value("parts", Json()));
        p.inputWords += wordCount(text);
        if (role == "user")
            p.lastUser = text;
    }
    if (body.contains("generationConfig"))
        p.maxTokens = intField(body["generationConfig"], "maxOutputTokens");
    p.stream = request.target.contains(":streamGenerateContent");
    const Answer a = answerFor(p, fault, scripted);
    const std::string finish = a.truncated ? "MAX_TOKENS" : "STOP";
    auto usage = [&](qint64 output) {
        Json u = { { "promptTokenCount", p.inputWords }, { "candidatesTokenCount", output },
            { "totalTokenCount", p.inputWords + output + o.reasoningTokens } };
        if (o.cacheReadTokens)
            u["cachedContentTokenCount"] = o.cacheReadTokens;
        if (o.reasoningTokens)
            u["thoughtsTokenCount"] = o.reasoningTokens;
        return u;
    };
    auto candidate = [&](const QString &text, const std::string *finishReason) {
        Json c = { { "content",
                       { { "parts", Json::array({ { { "text", text.toStdString() } } }) },
                           { "role", "model" } } },
            { "index", 0 } };
        if (finishReason)
            c["finishReason"] = *finishReason;
        return c;
    };
    FakeReply reply;
    if (!p.stream || !request.target.contains("alt=sse")) {
        const Json response = { { "candidates", Json::array({ candidate(a.text, &finish) }) },
            { "usageMetadata", usage(a.outputWords) }, { "modelVersion", p.model.toStdString() } };
        // Without alt=sse the streaming endpoint answers one JSON array of responses.
        reply.body = p.stream ? dump(Json::array({ response })) : dump(response);
        return reply;
    }
    reply.stream = true;
    reply.contentType = "text/event-stream";
    for (int i = 0; i < a.pieces.size(); ++i) {
        const bool last = i + 1 == a.pieces.size();
        reply.chunks.push_back(sse(
            { { "candidates", Json::array({ candidate(a.pieces[i], last ? &finish : nullptr) }) },
                { "usageMetadata", usage(last ? a.outputWords : 0) },
                { "modelVersion", p.model.toStdString() } },
            nullptr, "\r\n"));
    }
    reply.malformedChunk = "data: {\"candidates\": [{\"content\": {\"parts\r\n\r\n";
    reply.streamErrorChunk = sse({ { "error",
                                     { { "code", 503 }, { "message", "The model is overloaded." },
                                         { "status", "UNAVAILABLE" } } } },
        nullptr, "\r\n");
    return reply;
}

// ---- Ollama ------------------------------------------------------------------------------

FakeReply ollama(const Json &body, const FaultDirective &fault, const QString &scripted)
{
    if (!body.contains("model") || !body["model"].is_string())
        return errorReply(Api::Ollama, 400, QStringLiteral("model is required"));
    if (body["model"] == "missing")
        return errorReply(Api::Ollama, 404,
            QStringLiteral("model \"missing\" not found, try "
                           "pulling it first"));
    Prompt p;
    p.model = qs(body["model"]);
    for (const Json &m : body.value("messages", Json::array())) {
        const QString text = contentText(m.value("content", Json()));
        p.inputWords += wordCount(text);
        if (m.value("role", std::string()) == "user")
            p.lastUser = text;
    }
    if (body.contains("options"))
        p.maxTokens = intField(body["options"], "num_predict");
    p.stream = body.value("stream", true); // Ollama streams unless told not to
    const Answer a = answerFor(p, fault, scripted);
    const std::string model = p.model.toStdString();
    const std::string at = "2026-01-01T00:00:00.000000Z";
    const Json done = { { "model", model }, { "created_at", at },
        { "message", { { "role", "assistant" }, { "content", "" } } },
        { "done_reason", a.truncated ? "length" : "stop" }, { "done", true },
        { "total_duration", 1000000 }, { "load_duration", 1000 },
        { "prompt_eval_count", p.inputWords }, { "prompt_eval_duration", 1000 },
        { "eval_count", a.outputWords }, { "eval_duration", 1000 } };
    FakeReply reply;
    if (!p.stream) {
        Json whole = done;
        whole["message"]["content"] = a.text.toStdString();
        reply.body = dump(whole);
        return reply;
    }
    reply.stream = true;
    reply.contentType = "application/x-ndjson";
    for (const QString &piece : a.pieces)
        reply.chunks.push_back(
            dump({ { "model", model }, { "created_at", at },
                { "message", { { "role", "assistant" }, { "content", piece.toStdString() } } },
                { "done", false } })
            + '\n');
    reply.chunks.push_back(dump(done) + '\n');
    reply.malformedChunk = "{\"model\":\"x\",\"message\":{\"role\n";
    reply.streamErrorChunk
        = dump({ { "error", "an error was encountered while running the model" } }) + '\n';
    return reply;
}

FakeReply ollamaTags(const ServerOptions &o)
{
    Json models = Json::array();
    for (const QString &name : o.ollamaModels)
        models.push_back({ { "name", name.toStdString() }, { "model", name.toStdString() },
            { "modified_at", "2026-01-01T00:00:00Z" }, { "size", 2019393189 },
            { "details", { { "family", "llama" }, { "parameter_size", "3.2B" } } } });
    FakeReply reply;
    reply.body = dump({ { "models", models } });
    return reply;
}

} // namespace

FakeReply fakeReply(const RecordedRequest &request, const ServerOptions &options,
    const FaultDirective &fault, const QString &scripted)
{
    const Api api = apiFor(request);
    if (api == Api::Unknown) {
        FakeReply reply = errorReply(Api::OpenAi, 404, QStringLiteral("no such endpoint"));
        return reply;
    }
    if (fault.status) {
        FakeReply reply = errorReply(api, fault.status, faultMessage(fault.status));
        if (!fault.retryAfter.isEmpty())
            reply.headers.emplace_back("Retry-After", fault.retryAfter);
        if (fault.retryAfterDateS >= 0) {
            const QDateTime when = QDateTime::currentDateTimeUtc().addSecs(fault.retryAfterDateS);
            reply.headers.emplace_back("Retry-After",
                QLocale::c()
                    .toString(when, QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
                    .toLatin1());
        }
        return reply;
    }
    if (!options.requiredKey.isEmpty() && api != Api::Ollama && api != Api::OllamaTags) {
        const QByteArray key = presentedKey(api, request);
        if (key != options.requiredKey)
            // Real APIs quote the key they were given; the client must scrub it.
            return errorReply(api, 401,
                QStringLiteral("Incorrect API key provided: %1").arg(QString::fromUtf8(key)));
    }
    if (api == Api::OllamaTags)
        return ollamaTags(options);
    if (api == Api::OpenAiModels) {
        // GET /v1/models lists the same names Ollama's tags do, as OpenAI's model objects.
        Json data = Json::array();
        for (const QString &name : options.ollamaModels)
            data.push_back({ { "id", name.toStdString() }, { "object", "model" },
                { "created", 1700000000 }, { "owned_by", "test" } });
        FakeReply reply;
        reply.body = dump({ { "object", "list" }, { "data", data } });
        return reply;
    }
    const Json body = Json::parse(request.body.begin(), request.body.end(), nullptr, false);
    if (!body.is_object())
        return errorReply(api, 400, QStringLiteral("the request body is not valid JSON"));
    switch (api) {
    case Api::OpenAi:
        return openAi(body, request, options, fault, scripted);
    case Api::Anthropic:
        return anthropic(body, options, fault, scripted);
    case Api::Gemini:
        return gemini(body, request, options, fault, scripted);
    case Api::Ollama:
        return ollama(body, fault, scripted);
    default:
        return errorReply(api, 404, QStringLiteral("no such endpoint"));
    }
}

} // namespace psm::testsupport
