// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "providers/transport.h"

#include "providers/provider.h"
#include "providers/transportworker.h"

#include <mutex>

namespace psm::providers {

Transport::Transport(QObject *parent)
    : QObject(parent)
{
    static std::once_flag curlInit;
    std::call_once(curlInit, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    qRegisterMetaType<psm::core::StreamEvent>();
    qRegisterMetaType<psm::core::ChatResult>();
    qRegisterMetaType<psm::providers::CallAttempt>();

    m_thread.setObjectName(QStringLiteral("psm-transport"));
    m_worker = new TransportWorker;
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::started, m_worker, [worker = m_worker] { worker->run(); });
    connect(m_worker, &TransportWorker::event, this, &Transport::event);
    connect(m_worker, &TransportWorker::attemptFinished, this, &Transport::attemptFinished);
    connect(m_worker, &TransportWorker::finished, this, &Transport::finished);
    m_thread.start();
}

Transport::~Transport()
{
    m_worker->stop();
    m_thread.quit();
    m_thread.wait();
    delete m_worker;
}

core::Result<PreparedCall> Transport::prepare(
    const ProviderSettings &settings, const core::ChatRequest &request, const QString &apiKey)
{
    const Provider *provider = providerForType(settings.type);
    if (!provider)
        return core::fail(core::ErrorCode::InvalidInput,
            QStringLiteral("provider '%1' has unknown type '%2'")
                .arg(settings.name, settings.type));
    PreparedCall call { settings, provider, request, {} };
    if (!provider->isOffline()) {
        auto http = provider->buildRequest(request, settings, apiKey);
        if (!http)
            return tl::unexpected(http.error());
        call.http = std::move(*http);
    }
    return call;
}

Transport::CallId Transport::start(PreparedCall call)
{
    const CallId id = m_nextId++;
    m_worker->post(TransportWorker::Start { id, std::move(call) });
    return id;
}

Transport::CallId Transport::start(
    const ProviderSettings &settings, const core::ChatRequest &request, const QString &apiKey)
{
    auto prepared = prepare(settings, request, apiKey);
    if (prepared)
        return start(std::move(*prepared));
    const CallId id = m_nextId++;
    m_worker->post(TransportWorker::Fail { id, prepared.error() });
    return id;
}

Transport::CallId Transport::startRaw(const ProviderSettings &settings, HttpRequest request)
{
    PreparedCall call { settings, providerForType(settings.type), {}, std::move(request), true };
    call.request.stream = false;
    if (!call.provider || call.provider->isOffline()) {
        const CallId id = m_nextId++;
        m_worker->post(TransportWorker::Fail { id,
            core::Error { core::ErrorCode::InvalidInput,
                QStringLiteral("provider '%1' does not take HTTP requests").arg(settings.name), {},
                {}, 0, 0 } });
        return id;
    }
    return start(std::move(call));
}

void Transport::cancel(CallId id)
{
    m_worker->post(TransportWorker::Cancel { id });
}

qint64 Transport::threadCpuTimeNs() const
{
    return m_worker->threadCpuTimeNs();
}

} // namespace psm::providers
