// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/chat/chatrequest.h"
#include "core/chat/chatresult.h"
#include "core/chat/streamevent.h"
#include "providers/callattempt.h"
#include "providers/httprequest.h"
#include "providers/providersettings.h"

#include <QObject>
#include <QThread>

#include <atomic>

namespace psm::providers {

class Provider;
class TransportWorker;

// A call ready to send: the provider's HTTP request plus what the transport needs to run it.
struct PreparedCall {
    ProviderSettings settings;
    const Provider *provider = nullptr;
    core::ChatRequest request;
    HttpRequest http;
    bool raw = false; // not a chat: the body is returned as is, in ChatResult::rawResponse
};

// Runs provider calls. Owns the transport thread, whose worker owns the libcurl multi handle;
// start() and cancel() may be called from any thread and never block. Signals arrive queued
// in the thread that owns this object: zero or more event()s, an attemptFinished() for each
// HTTP attempt, then exactly one finished() per call id (also for a cancelled call).
class Transport final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Transport)

public:
    using CallId = quint64;

    explicit Transport(QObject *parent = nullptr);
    ~Transport() override;

    // Builds the provider's HTTP request (use redactedRequestDump() on it to show it).
    static core::Result<PreparedCall> prepare(
        const ProviderSettings &settings, const core::ChatRequest &request, const QString &apiKey);

    CallId start(PreparedCall call);
    // prepare() + start(); a preparation error is reported through finished() as Config.
    CallId start(
        const ProviderSettings &settings, const core::ChatRequest &request, const QString &apiKey);
    // Any other request to the provider (Ollama's model list, say) with the same timeouts,
    // retries and concurrency limit; the answer is the result's rawResponse.
    CallId startRaw(const ProviderSettings &settings, HttpRequest request);
    void cancel(CallId id);

    // CPU time the transport thread has used so far, for benchmarks.
    qint64 threadCpuTimeNs() const;

signals:
    void event(quint64 callId, const psm::core::StreamEvent &event);
    void attemptFinished(quint64 callId, const psm::providers::CallAttempt &attempt);
    void finished(quint64 callId, const psm::core::ChatResult &result);

private:
    QThread m_thread;
    TransportWorker *m_worker = nullptr;
    std::atomic<CallId> m_nextId { 1 };
};

} // namespace psm::providers
