// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <memory>

namespace psm::testsupport {

struct RecordedRequest {
    QByteArray method;
    QByteArray target; // path and query
    QMap<QByteArray, QByteArray> headers; // names lower-cased
    QByteArray body;

    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    nlohmann::ordered_json json() const;
};

// A fault for the requests whose body contains every one of `bodyContains`: lets a test fault
// chosen cells of a concurrent grid, where the order of a queue of faults is a race.
struct FaultRule {
    QList<QByteArray> bodyContains;
    QString directive; // as in X-Test-Fault
    int times = -1; // the first N matching requests only (a retry is a request); -1: all
};

// A scripted answer for the requests whose body contains every one of `bodyContains`, given
// instead of "You said: ..." (faults still apply): lets a demo give each model and parameter
// set its own, realistic text. Successive matching requests take successive `texts`, cycling,
// so repeats of one cell can differ as a sampled model's do.
struct ReplyRule {
    QList<QByteArray> bodyContains;
    QStringList texts;
    int next = 0; // index of the next text; advanced by the server
};

// Knobs read by the server thread for every request.
struct ServerOptions {
    int latencyMs = 0;
    QByteArray requiredKey; // when set, a request without it gets the provider's 401
    qint64 cacheReadTokens = 0; // reported in each API's cache-read field
    qint64 cacheWriteTokens = 0; // Anthropic's cache_creation_input_tokens
    qint64 reasoningTokens = 0; // OpenAI reasoning_tokens, Gemini thoughtsTokenCount
    QStringList ollamaModels { QStringLiteral("llama3.2:latest") };
    // Hold every answer until this many requests are in progress at once; from then on (until
    // resetStats()) answers go out as usual. Lets a test see a client's parallelism without a
    // race against the clock: on a loaded machine the first answer can otherwise be done before
    // the last request arrives. Held at most holdTimeoutMs, so a client that never sends that
    // many fails the test's assertion instead of hanging it. 0: no gate.
    int holdUntilConcurrent = 0;
    int holdTimeoutMs = 10'000;
    // Checked after X-Test-Fault and before the queue; the first rule that matches applies.
    QList<FaultRule> faultRules;
    // The first rule that matches gives the answer's text; none matches: "You said: ...".
    QList<ReplyRule> replyRules;
};

class ServerCore;

// A real HTTP/1.1 server on 127.0.0.1 with an ephemeral port, running in its own thread, that
// answers like OpenAI (/v1/chat/completions, Azure deployments), Anthropic (/v1/messages),
// Gemini (:generateContent, :streamGenerateContent?alt=sse) and Ollama (/api/chat, /api/tags).
// Answers are deterministic: "You said: <last user text>" unless a ReplyRule scripts them, usage
// from word counts. Every
// request is recorded; faults are queued (one per request, in order) or sent in X-Test-Fault.
class TestServer final {
public:
    TestServer();
    ~TestServer();
    TestServer(const TestServer &) = delete;
    TestServer &operator=(const TestServer &) = delete;

    bool start(); // blocks until listening
    void stop();
    quint16 port() const;
    QString baseUrl() const; // http://127.0.0.1:PORT

    void setOptions(const ServerOptions &options);
    void pushFault(const QString &directive);
    void clearFaults();

    QList<RecordedRequest> requests() const;
    int requestCount() const;
    int maxConcurrent() const; // most requests in progress at once since the last reset
    void resetStats();

private:
    std::unique_ptr<ServerCore> m_core;
};

// The deterministic answer text for a prompt, so tests can compare without copying the rule.
QString expectedReply(const QString &lastUserText);
qint64 wordCount(const QString &text);

} // namespace psm::testsupport
