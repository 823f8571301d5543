// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "providers/transport.h"

#include <QObject>
#include <QTest>

#include <map>

namespace psm::tests {

// Collects what a Transport reports, per call id, for assertions (test thread only).
class CallRecorder final : public QObject {
public:
    struct Call {
        std::vector<core::StreamEvent> events;
        std::vector<providers::CallAttempt> attempts;
        std::optional<core::ChatResult> result;
    };

    explicit CallRecorder(providers::Transport &transport)
    {
        connect(&transport, &providers::Transport::event, this,
            [this](quint64 id, const core::StreamEvent &e) { m_calls[id].events.push_back(e); });
        connect(&transport, &providers::Transport::attemptFinished, this,
            [this](quint64 id, const providers::CallAttempt &a) {
                m_calls[id].attempts.push_back(a);
            });
        connect(&transport, &providers::Transport::finished, this,
            [this](quint64 id, const core::ChatResult &r) {
                if (m_calls[id].result)
                    ++m_duplicateFinishes;
                m_calls[id].result = r;
            });
    }

    bool wait(quint64 id, int timeoutMs = 10'000)
    {
        return QTest::qWaitFor([&] { return m_calls[id].result.has_value(); }, timeoutMs);
    }

    // wait() then the result; a default (failed) result when it never came.
    core::ChatResult result(quint64 id, int timeoutMs = 10'000)
    {
        if (!wait(id, timeoutMs)) {
            core::ChatResult none;
            none.error = core::Error { core::ErrorCode::Internal,
                QStringLiteral("the call did not finish in time"), {}, {}, 0, 0 };
            return none;
        }
        return *m_calls[id].result;
    }

    const Call &call(quint64 id) { return m_calls[id]; }

    // The answer as a consumer folding the events would see it.
    core::ChatResult rebuilt(quint64 id)
    {
        core::ChatResult r;
        for (const core::StreamEvent &e : m_calls[id].events)
            r.apply(e);
        return r;
    }

    int countEvents(quint64 id, core::StreamEvent::Kind kind)
    {
        return int(std::count_if(m_calls[id].events.begin(), m_calls[id].events.end(),
            [kind](const core::StreamEvent &e) { return e.kind == kind; }));
    }

    int duplicateFinishes() const { return m_duplicateFinishes; }

private:
    std::map<quint64, Call> m_calls;
    int m_duplicateFinishes = 0;
};

} // namespace psm::tests
