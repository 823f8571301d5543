// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "providers/transportworker.h"

#include "providers/provider.h"

#include <QDateTime>

#include <ctime>
#include <optional>
#include <utility>

namespace psm::providers {
namespace {

using core::Failure;

struct EasyDeleter {
    void operator()(CURL *easy) const { curl_easy_cleanup(easy); }
};
struct SlistDeleter {
    void operator()(curl_slist *list) const { curl_slist_free_all(list); }
};

qint64 msBetween(
    std::chrono::steady_clock::time_point from, std::chrono::steady_clock::time_point to)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(to - from).count();
}

bool isRetryableStatus(long status)
{
    return status == 408 || status == 429 || status == 500 || status == 502 || status == 503
        || status == 504 || status == 529;
}

Failure failureForStatus(long status)
{
    if (status == 401 || status == 403)
        return Failure::Auth;
    if (status == 429)
        return Failure::RateLimited;
    if (status >= 500)
        return Failure::Server;
    return Failure::BadRequest;
}

// Errors where another attempt cannot help: the URL, TLS trust, an unsupported protocol.
bool isPermanentCurlError(CURLcode code)
{
    switch (code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_FILESIZE_EXCEEDED:
    case CURLE_OUT_OF_MEMORY:
        return true;
    default:
        return false;
    }
}

// Retry-After: delta-seconds or an HTTP-date; retry-after-ms (OpenAI, Azure) is finer.
std::optional<qint64> retryAfterMs(
    const QByteArray &retryAfter, const QByteArray &retryAfterMsHeader)
{
    bool ok = false;
    if (!retryAfterMsHeader.isEmpty()) {
        const double ms = retryAfterMsHeader.toDouble(&ok);
        if (ok && ms >= 0)
            return static_cast<qint64>(ms);
    }
    if (retryAfter.isEmpty())
        return std::nullopt;
    const double seconds = retryAfter.toDouble(&ok);
    if (ok && seconds >= 0)
        return static_cast<qint64>(seconds * 1000);
    const time_t when = curl_getdate(retryAfter.constData(), nullptr);
    if (when < 0)
        return std::nullopt;
    const qint64 delta = qint64(when) * 1000 - QDateTime::currentMSecsSinceEpoch();
    return std::max<qint64>(0, delta);
}

core::Error makeError(core::ErrorCode code, QString message, QString detail = {})
{
    return core::Error { code, std::move(message), std::move(detail), {}, 0, 0 };
}

// Names the limit and the setting that changes it, since only the user can decide to raise it.
core::Error responseTooLarge(const ProviderSettings &settings, qint64 received)
{
    const double megabytes
        = double(settings.policy.maxResponseBytes) / double(TransportPolicy::kMegabyte);
    return makeError(core::ErrorCode::Provider,
        QStringLiteral("the answer from %1 is larger than the %2 MB limit; the text received so "
                       "far is kept (raise max_response_mb in the provider's entry in "
                       "promptsmith.yaml to allow more)")
            .arg(settings.name, QString::number(megabytes, 'g', 4)),
        QStringLiteral("stopped after %1 bytes").arg(received));
}

} // namespace

struct TransportWorker::Call {
    quint64 id = 0;
    PreparedCall prepared;
    std::unique_ptr<CURL, EasyDeleter> easy;
    std::unique_ptr<curl_slist, SlistDeleter> headers;
    std::unique_ptr<StreamDecoder> decoder;
    TransportWorker *worker = nullptr;
    char errorBuffer[CURL_ERROR_SIZE] = {};

    Clock::time_point callStart;
    Clock::time_point attemptStart;
    Clock::time_point firstByteAt;
    Clock::time_point lastByteAt;
    Clock::time_point retryAt;
    qint64 attemptStartedAtMs = 0;
    int attempt = 0;
    bool running = false;
    bool waitingRetry = false;
    bool gotByte = false;
    bool delivered = false; // content events went out: a retry would repeat them
    bool tooLarge = false; // the body hit policy.maxResponseBytes; curl was told to stop
    long status = 0;
    qint64 bytes = 0;
    QByteArray body; // non-streamed answers and error bodies
    QByteArray retryAfter;
    QByteArray retryAfterMsHeader;
    std::optional<core::Error> timeout; // set when our own timer ended the attempt
    bool totalTimeout = false;
    core::ChatResult result;
    // Text deltas decoded during one curl_multi_perform(), sent as one event when it returns:
    // curl hands over each HTTP chunk on its own, and providers send a chunk per token, so a
    // read of twenty tokens would otherwise be twenty queued signals for the GUI thread.
    std::optional<core::StreamEvent> heldText;

    bool streaming() const { return prepared.request.stream; }
    bool success() const { return status >= 200 && status < 300; }
    const QString &queueKey() const { return prepared.settings.name; }
};

TransportWorker::TransportWorker() = default;

TransportWorker::~TransportWorker() = default;

void TransportWorker::post(Command command)
{
    QMutexLocker lock(&m_mutex);
    m_commands.push_back(std::move(command));
    if (m_multiForWakeup)
        curl_multi_wakeup(m_multiForWakeup);
}

void TransportWorker::stop()
{
    QMutexLocker lock(&m_mutex);
    m_stop = true;
    if (m_multiForWakeup)
        curl_multi_wakeup(m_multiForWakeup);
}

void TransportWorker::run()
{
    m_multi.reset(curl_multi_init());
    {
        QMutexLocker lock(&m_mutex);
        m_multiForWakeup = m_multi.get();
    }
    while (!m_stop) {
        drainCommands();
        pump();
        int running = 0;
        curl_multi_perform(m_multi.get(), &running);
        releaseHeldText(); // before any call's attempt or finish is reported
        readCompletions();
        checkTimers();
        pump();

        timespec cpu {};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
        m_cpuNs = qint64(cpu.tv_sec) * 1'000'000'000 + cpu.tv_nsec;
        curl_multi_poll(m_multi.get(), nullptr, 0, pollTimeoutMs(), nullptr);
    }
    // Shutting down: calls in flight are dropped without signals; nobody is left to hear them.
    for (auto &[id, call] : m_calls) {
        if (call->running)
            curl_multi_remove_handle(m_multi.get(), call->easy.get());
    }
    m_calls.clear();
    {
        QMutexLocker lock(&m_mutex);
        m_multiForWakeup = nullptr;
    }
    m_multi.reset();
}

void TransportWorker::drainCommands()
{
    std::vector<Command> commands;
    {
        QMutexLocker lock(&m_mutex);
        commands.swap(m_commands);
    }
    for (Command &command : commands) {
        if (auto *start = std::get_if<Start>(&command)) {
            startCall(std::move(*start));
        } else if (auto *cancel = std::get_if<Cancel>(&command)) {
            cancelCall(cancel->id);
        } else if (auto *failure = std::get_if<Fail>(&command)) {
            core::ChatResult result;
            result.failure = Failure::Config;
            result.error = failure->error;
            emit finished(failure->id, result);
        }
    }
}

void TransportWorker::startCall(Start &&start)
{
    auto call = std::make_unique<Call>();
    call->id = start.id;
    call->worker = this;
    call->prepared = std::move(start.call);
    call->callStart = Clock::now();
    m_queues[call->queueKey()].push_back(call->id);
    m_calls.emplace(call->id, std::move(call));
}

void TransportWorker::cancelCall(quint64 id)
{
    auto it = m_calls.find(id);
    if (it == m_calls.end())
        return;
    Call &call = *it->second;
    auto cancelled = makeError(core::ErrorCode::Cancelled, QStringLiteral("cancelled"));
    if (call.running) {
        curl_multi_remove_handle(m_multi.get(), call.easy.get());
        call.running = false;
        --m_active[call.queueKey()];
        CallAttempt attempt;
        attempt.number = call.attempt;
        attempt.httpStatus = int(call.status);
        attempt.failure = Failure::Cancelled;
        attempt.error = cancelled;
        attempt.startedAtMs = call.attemptStartedAtMs;
        attempt.durationMs = msBetween(call.attemptStart, Clock::now());
        attempt.firstByteMs = call.gotByte ? msBetween(call.attemptStart, call.firstByteAt) : -1;
        attempt.bytesReceived = call.bytes;
        emit attemptFinished(call.id, attempt);
    } else if (!call.waitingRetry) {
        auto &queue = m_queues[call.queueKey()];
        queue.erase(std::remove(queue.begin(), queue.end(), id), queue.end());
    }
    finishCall(call, Failure::Cancelled, cancelled);
}

void TransportWorker::pump()
{
    const auto now = Clock::now();
    for (Call *call : m_busy) {
        if (call->waitingRetry && call->retryAt <= now) {
            call->waitingRetry = false;
            m_queues[call->queueKey()].push_front(call->id);
        }
    }
    for (auto &[key, queue] : m_queues) {
        while (!queue.empty()) {
            auto it = m_calls.find(queue.front());
            if (it == m_calls.end()) {
                queue.pop_front();
                continue;
            }
            Call &call = *it->second;
            const int limit = std::max(1, call.prepared.settings.maxConcurrency);
            if (m_active[key] >= limit)
                break;
            queue.pop_front();
            if (call.prepared.provider && call.prepared.provider->isOffline()) {
                answerOffline(call); // erases the call
                continue;
            }
            ++m_active[key];
            beginAttempt(call);
        }
    }
}

void TransportWorker::answerOffline(Call &call)
{
    call.attempt = 1;
    call.attemptStart = Clock::now();
    call.attemptStartedAtMs = QDateTime::currentMSecsSinceEpoch();
    std::vector<core::StreamEvent> events = call.prepared.provider->answer(call.prepared.request);
    emitEvents(call, events);
    CallAttempt attempt;
    attempt.startedAtMs = call.attemptStartedAtMs;
    attempt.durationMs = msBetween(call.attemptStart, Clock::now());
    attempt.firstByteMs = 0;
    emit attemptFinished(call.id, attempt);
    finishCall(call, Failure::None, std::nullopt);
}

void TransportWorker::beginAttempt(Call &call)
{
    ++call.attempt;
    call.attemptStart = Clock::now();
    call.attemptStartedAtMs = QDateTime::currentMSecsSinceEpoch();
    call.running = true;
    m_busy.insert(&call);
    call.gotByte = false;
    call.tooLarge = false;
    call.status = 0;
    call.bytes = 0;
    call.body.clear();
    call.retryAfter.clear();
    call.retryAfterMsHeader.clear();
    call.timeout.reset();
    call.totalTimeout = false;
    call.errorBuffer[0] = '\0';
    call.decoder = call.streaming() ? call.prepared.provider->streamDecoder() : nullptr;
    call.result = core::ChatResult {};

    const HttpRequest &http = call.prepared.http;
    const TransportPolicy &policy = call.prepared.settings.policy;
    if (!call.easy)
        call.easy.reset(curl_easy_init());
    else
        curl_easy_reset(call.easy.get());
    CURL *easy = call.easy.get();

    curl_slist *headers = nullptr;
    for (const auto &[name, value] : http.headers)
        headers = curl_slist_append(headers, (name + ": " + value).constData());
    // No "Expect: 100-continue" round trip for large prompts.
    headers = curl_slist_append(headers, "Expect:");
    call.headers.reset(headers);

    curl_easy_setopt(easy, CURLOPT_URL, http.url.constData());
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
    if (http.method == "GET") {
        curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
    } else {
        curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(http.body.size()));
        curl_easy_setopt(easy, CURLOPT_POSTFIELDS, http.body.constData());
        if (http.method != "POST")
            curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, http.method.constData());
    }
    curl_easy_setopt(easy, CURLOPT_PRIVATE, &call);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, call.errorBuffer);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &TransportWorker::onBody);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &call);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &TransportWorker::onHeader);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, &call);
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(easy, CURLOPT_USERAGENT,
        "Promptsmith/"
        "0.1");
    if (policy.connectTimeoutMs > 0)
        curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, long(policy.connectTimeoutMs));
    if (policy.totalTimeoutMs > 0) {
        const qint64 left = policy.totalTimeoutMs - msBetween(call.callStart, call.attemptStart);
        curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, long(std::max<qint64>(1, left)));
    }
    curl_multi_add_handle(m_multi.get(), easy);
}

size_t TransportWorker::onHeader(char *data, size_t size, size_t count, void *userdata)
{
    auto &call = *static_cast<Call *>(userdata);
    const size_t length = size * count;
    const auto now = Clock::now();
    if (!call.gotByte) {
        call.gotByte = true;
        call.firstByteAt = now;
    }
    call.lastByteAt = now;
    const QByteArrayView line(data, qsizetype(length));
    if (line.startsWith("HTTP/")) {
        // A new response (after a 100 Continue, say): forget the previous one's headers.
        call.retryAfter.clear();
        call.retryAfterMsHeader.clear();
        return length;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon > 0) {
        const QByteArray name = line.first(colon).toByteArray().trimmed().toLower();
        if (name == "retry-after")
            call.retryAfter = line.sliced(colon + 1).toByteArray().trimmed();
        else if (name == "retry-after-ms")
            call.retryAfterMsHeader = line.sliced(colon + 1).toByteArray().trimmed();
    }
    return length;
}

size_t TransportWorker::onBody(char *data, size_t size, size_t count, void *userdata)
{
    auto &call = *static_cast<Call *>(userdata);
    const size_t length = size * count;
    const auto now = Clock::now();
    call.lastByteAt = now;
    if (!call.gotByte) {
        call.gotByte = true;
        call.firstByteAt = now;
    }
    if (call.status == 0)
        curl_easy_getinfo(call.easy.get(), CURLINFO_RESPONSE_CODE, &call.status);
    const qint64 limit = call.prepared.settings.policy.maxResponseBytes;
    if (limit > 0 && call.bytes + qint64(length) > limit) {
        call.tooLarge = true;
        return 0; // anything but `length` makes curl end the transfer (CURLE_WRITE_ERROR)
    }
    call.bytes += qint64(length);
    const QByteArrayView bytes(data, qsizetype(length));
    if (call.streaming() && call.success()) {
        call.result.rawResponse.append(bytes.data(), bytes.size());
        std::vector<core::StreamEvent> events;
        call.decoder->feed(bytes, events);
        call.worker->emitEvents(call, events, Hold::UntilPerformReturns);
    } else {
        call.body.append(bytes.data(), bytes.size());
    }
    return length;
}

void TransportWorker::emitEvents(Call &call, std::vector<core::StreamEvent> &events, Hold hold)
{
    for (core::StreamEvent &e : events) {
        const bool content = e.kind == core::StreamEvent::Kind::TextDelta
            || e.kind == core::StreamEvent::Kind::ToolCallDelta;
        if (content) {
            call.delivered = true;
            if (call.result.ttftMs < 0)
                call.result.ttftMs = msBetween(call.attemptStart, Clock::now());
        }
        if (e.kind == core::StreamEvent::Kind::Error
            || e.kind == core::StreamEvent::Kind::Malformed) {
            e.error.detail = QString::fromUtf8(
                scrubSecrets(e.error.detail.toUtf8(), call.prepared.http.secrets));
            e.raw = scrubSecrets(e.raw, call.prepared.http.secrets);
        }
        call.result.apply(e);
        if (e.kind == core::StreamEvent::Kind::TextDelta) {
            if (!call.heldText) {
                call.heldText = std::move(e);
                if (hold == Hold::UntilPerformReturns)
                    m_holdingText.push_back(call.id); // otherwise released below
            } else {
                call.heldText->text += e.text;
            }
            continue;
        }
        releaseText(call);
        emit event(call.id, e);
    }
    if (hold == Hold::No)
        releaseText(call);
}

void TransportWorker::releaseText(Call &call)
{
    if (call.heldText)
        emit event(call.id, *std::exchange(call.heldText, std::nullopt));
}

void TransportWorker::releaseHeldText()
{
    for (const quint64 id : std::exchange(m_holdingText, {})) {
        if (const auto it = m_calls.find(id); it != m_calls.end())
            releaseText(*it->second);
    }
}

void TransportWorker::readCompletions()
{
    int left = 0;
    while (CURLMsg *message = curl_multi_info_read(m_multi.get(), &left)) {
        if (message->msg != CURLMSG_DONE)
            continue;
        Call *call = nullptr;
        curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &call);
        if (call)
            endAttempt(*call, message->data.result);
    }
}

void TransportWorker::checkTimers()
{
    const auto now = Clock::now();
    std::vector<Call *> expired;
    for (Call *call : m_busy) {
        if (!call->running)
            continue;
        const TransportPolicy &policy = call->prepared.settings.policy;
        if (!call->gotByte && policy.firstByteTimeoutMs > 0
            && msBetween(call->attemptStart, now) >= policy.firstByteTimeoutMs) {
            call->timeout = makeError(core::ErrorCode::Network,
                QStringLiteral("no response within %1 ms").arg(policy.firstByteTimeoutMs));
            expired.push_back(call);
        } else if (call->gotByte && policy.idleTimeoutMs > 0
            && msBetween(call->lastByteAt, now) >= policy.idleTimeoutMs) {
            call->timeout = makeError(core::ErrorCode::Network,
                QStringLiteral("the answer stalled: nothing received for %1 ms")
                    .arg(policy.idleTimeoutMs));
            expired.push_back(call);
        }
    }
    for (Call *call : expired)
        endAttempt(*call, CURLE_OPERATION_TIMEDOUT);
}

int TransportWorker::pollTimeoutMs() const
{
    const auto now = Clock::now();
    qint64 wait = 1000;
    for (const Call *call : m_busy) {
        const TransportPolicy &policy = call->prepared.settings.policy;
        if (call->waitingRetry)
            wait = std::min(wait, msBetween(now, call->retryAt));
        if (!call->running)
            continue;
        if (!call->gotByte && policy.firstByteTimeoutMs > 0)
            wait = std::min(wait, policy.firstByteTimeoutMs - msBetween(call->attemptStart, now));
        if (call->gotByte && policy.idleTimeoutMs > 0)
            wait = std::min(wait, policy.idleTimeoutMs - msBetween(call->lastByteAt, now));
    }
    return int(std::max<qint64>(0, wait));
}

qint64 TransportWorker::backoffMs(const Call &call)
{
    const TransportPolicy &policy = call.prepared.settings.policy;
    const int exponent = std::min(call.attempt - 1, 20);
    const qint64 ceiling = std::min(policy.backoffMaxMs, policy.backoffBaseMs << exponent);
    // "Equal jitter": at least half the exponential delay, so retries still back off, with the
    // rest random so that many clients rate-limited together do not return together.
    std::uniform_int_distribution<qint64> jitter(0, std::max<qint64>(0, ceiling / 2));
    return ceiling - ceiling / 2 + jitter(m_random);
}

void TransportWorker::endAttempt(Call &call, CURLcode code)
{
    curl_multi_remove_handle(m_multi.get(), call.easy.get());
    call.running = false;
    --m_active[call.queueKey()];
    const auto now = Clock::now();
    const TransportPolicy &policy = call.prepared.settings.policy;
    if (call.status == 0)
        curl_easy_getinfo(call.easy.get(), CURLINFO_RESPONSE_CODE, &call.status);

    Failure failure = Failure::None;
    std::optional<core::Error> error;
    bool retryable = false;
    const QString curlText = call.errorBuffer[0] ? QString::fromUtf8(call.errorBuffer)
                                                 : QString::fromUtf8(curl_easy_strerror(code));
    // An error page cut at the limit still says what went wrong: report it by its status.
    if (call.tooLarge && !call.success())
        code = CURLE_OK;
    if (call.tooLarge && call.success()) {
        // Not retried: the same request would bring the same oversized answer, at a price.
        failure = Failure::Protocol;
        error = responseTooLarge(call.prepared.settings, call.bytes);
        if (!call.streaming())
            call.result.rawResponse = call.body;
    } else if (call.timeout) {
        failure = Failure::Timeout; // the partial text, if any, stays in the result
        error = call.timeout;
        error->code = core::ErrorCode::Cancelled;
        retryable = !call.delivered;
    } else if (code == CURLE_OPERATION_TIMEDOUT) {
        const bool total = policy.totalTimeoutMs > 0
            && msBetween(call.callStart, now) >= policy.totalTimeoutMs - 5;
        failure = Failure::Timeout;
        error = makeError(core::ErrorCode::Cancelled,
            total ? QStringLiteral("the call took longer than %1 ms").arg(policy.totalTimeoutMs)
                  : QStringLiteral("could not connect within %1 ms").arg(policy.connectTimeoutMs),
            curlText);
        retryable = !total && !call.delivered;
    } else if (code != CURLE_OK) {
        const bool midAnswer = call.delivered || (call.success() && call.bytes > 0);
        failure = midAnswer ? Failure::StreamCut : Failure::Network;
        error = makeError(core::ErrorCode::Network,
            midAnswer ? QStringLiteral("the connection broke during the answer")
                      : QStringLiteral("could not reach the provider"),
            curlText);
        retryable = !call.delivered && !isPermanentCurlError(code);
    } else if (call.success()) {
        std::vector<core::StreamEvent> events;
        if (call.streaming()) {
            call.decoder->finish(events);
            emitEvents(call, events);
            if (call.result.error) {
                failure = Failure::Protocol;
                error = call.result.error;
            } else if (!call.decoder->complete()) {
                failure = Failure::StreamCut;
                error = makeError(core::ErrorCode::Network,
                    QStringLiteral("the stream ended before the provider finished "
                                   "its answer"));
                retryable = !call.delivered;
            }
        } else if (call.prepared.raw) {
            call.result.rawResponse = call.body;
        } else {
            call.result.rawResponse = call.body;
            auto parsed = call.prepared.provider->parseResponse(call.body);
            if (parsed) {
                emitEvents(call, *parsed);
                if (call.result.error) {
                    failure = Failure::Protocol;
                    error = call.result.error;
                }
            } else {
                failure = Failure::Protocol;
                error = parsed.error();
            }
        }
    } else {
        call.result.rawResponse = call.body;
        failure = failureForStatus(call.status);
        QString message = call.prepared.provider->errorMessage(call.body);
        if (message.isEmpty())
            message = QString::fromUtf8(call.body.left(300)).simplified();
        error = makeError(core::ErrorCode::Provider,
            QStringLiteral("HTTP %1 from %2: %3")
                .arg(call.status)
                .arg(call.prepared.settings.name, message),
            QString::fromUtf8(call.body.left(4000)));
        retryable = isRetryableStatus(call.status);
    }

    CallAttempt attempt;
    attempt.number = call.attempt;
    attempt.httpStatus = int(call.status);
    attempt.failure = failure;
    attempt.startedAtMs = call.attemptStartedAtMs;
    attempt.durationMs = msBetween(call.attemptStart, now);
    attempt.firstByteMs = call.gotByte ? msBetween(call.attemptStart, call.firstByteAt) : -1;
    attempt.bytesReceived = call.bytes;

    if (error) {
        const auto &secrets = call.prepared.http.secrets;
        error->message = QString::fromUtf8(scrubSecrets(error->message.toUtf8(), secrets));
        error->detail = QString::fromUtf8(scrubSecrets(error->detail.toUtf8(), secrets));
    }
    qint64 delay = 0;
    if (retryable && call.attempt <= policy.maxRetries) {
        const auto asked = retryAfterMs(call.retryAfter, call.retryAfterMsHeader);
        delay = asked ? *asked : backoffMs(call);
        const qint64 elapsed = msBetween(call.callStart, now);
        if (asked && *asked > policy.maxRetryAfterMs) {
            retryable = false;
            error->message += QStringLiteral(" (the provider asked to retry after %1 s, more than "
                                             "the %2 s allowed)")
                                  .arg(double(*asked) / 1000.0)
                                  .arg(double(policy.maxRetryAfterMs) / 1000.0);
        } else if (policy.totalTimeoutMs > 0 && elapsed + delay >= policy.totalTimeoutMs) {
            retryable = false;
        }
    } else {
        retryable = false;
    }
    attempt.error = error;
    attempt.willRetry = retryable;
    attempt.retryDelayMs = retryable ? delay : 0;
    emit attemptFinished(call.id, attempt);

    if (retryable) {
        call.waitingRetry = true;
        // From the clock now, not the attempt's end: a Retry-After date was turned into a delay
        // against the current time, and counting from earlier would retry before that date.
        call.retryAt = Clock::now() + std::chrono::milliseconds(delay);
        return;
    }
    finishCall(call, failure, std::move(error));
}

void TransportWorker::finishCall(Call &call, Failure failure, std::optional<core::Error> error)
{
    core::ChatResult result = std::move(call.result);
    result.latencyMs = msBetween(call.callStart, Clock::now());
    result.attempts = call.attempt;
    result.httpStatus = int(call.status);
    result.failure = failure;
    result.error = std::move(error);
    result.rawResponse = scrubSecrets(std::move(result.rawResponse), call.prepared.http.secrets);
    const quint64 id = call.id;
    m_busy.erase(&call);
    m_calls.erase(id); // `call` is gone from here on
    emit finished(id, result);
}

} // namespace psm::providers
