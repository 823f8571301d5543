// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "providers/transport.h"

#include <QMutex>
#include <QObject>

#include <atomic>
#include <chrono>
#include <deque>
#include <memory>
#include <random>
#include <unordered_map>
#include <unordered_set>
#include <variant>
#include <vector>

#include <curl/curl.h>

namespace psm::providers {

// The transport thread's loop: owns the curl multi handle and every easy handle (created,
// used and freed on this thread only). Commands arrive through post() from any thread and wake
// curl_multi_poll(); results leave as signals, queued to the Transport's thread.
class TransportWorker final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransportWorker)

public:
    struct Start {
        quint64 id;
        PreparedCall call;
    };
    struct Cancel {
        quint64 id;
    };
    struct Fail {
        quint64 id;
        core::Error error;
    };
    using Command = std::variant<Start, Cancel, Fail>;

    TransportWorker();
    ~TransportWorker() override;

    void post(Command command); // any thread
    void stop(); // any thread
    void run(); // the transport thread, until stop()
    qint64 threadCpuTimeNs() const { return m_cpuNs.load(); }

signals:
    void event(quint64 callId, const psm::core::StreamEvent &event);
    void attemptFinished(quint64 callId, const psm::providers::CallAttempt &attempt);
    void finished(quint64 callId, const psm::core::ChatResult &result);

private:
    using Clock = std::chrono::steady_clock;
    struct Call;
    struct MultiDeleter {
        void operator()(CURLM *multi) const { curl_multi_cleanup(multi); }
    };

    void drainCommands();
    void startCall(Start &&start);
    void cancelCall(quint64 id);
    void pump();
    void beginAttempt(Call &call);
    void answerOffline(Call &call);
    void readCompletions();
    void checkTimers();
    void endAttempt(Call &call, CURLcode code);
    void finishCall(Call &call, core::Failure failure, std::optional<core::Error> error);
    enum class Hold { No, UntilPerformReturns };
    // Applies and emits a call's events; text deltas may be held and merged (see Call).
    void emitEvents(Call &call, std::vector<core::StreamEvent> &events, Hold hold = Hold::No);
    void releaseText(Call &call);
    void releaseHeldText();
    qint64 backoffMs(const Call &call);
    int pollTimeoutMs() const;

    static size_t onHeader(char *data, size_t size, size_t count, void *userdata);
    static size_t onBody(char *data, size_t size, size_t count, void *userdata);

    QMutex m_mutex; // guards m_commands and m_multiForWakeup
    std::vector<Command> m_commands;
    CURLM *m_multiForWakeup = nullptr;
    std::atomic<bool> m_stop { false };
    std::atomic<qint64> m_cpuNs { 0 };

    std::unique_ptr<CURLM, MultiDeleter> m_multi;
    std::unordered_map<quint64, std::unique_ptr<Call>> m_calls;
    // Running or waiting to retry: what the timers look at, so a long queue costs nothing.
    std::unordered_set<Call *> m_busy;
    std::vector<quint64> m_holdingText; // calls with a held text delta
    std::unordered_map<QString, std::deque<quint64>> m_queues; // per provider name
    std::unordered_map<QString, int> m_active;
    std::mt19937_64 m_random { std::random_device {}() };
};

} // namespace psm::providers
