// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "providers/provider.h"
#include "providers/sseparser.h"

namespace psm::providers {

// The part every SSE-speaking provider's decoder shares: bytes in, SSE events split, each handed
// to the provider's handleEvent(). A provider sets m_done when its end-of-answer marker arrives.
class SseStreamDecoder : public StreamDecoder {
public:
    void feed(QByteArrayView bytes, std::vector<core::StreamEvent> &out) final
    {
        std::vector<SseParser::Event> events;
        m_sse.feed(bytes, events);
        for (const SseParser::Event &event : events)
            handleEvent(event, out);
    }
    void finish(std::vector<core::StreamEvent> &out) final
    {
        std::vector<SseParser::Event> events;
        m_sse.finish(events);
        for (const SseParser::Event &event : events)
            handleEvent(event, out);
    }
    bool complete() const final { return m_done; }

protected:
    virtual void handleEvent(const SseParser::Event &event, std::vector<core::StreamEvent> &out)
        = 0;

    bool m_done = false;

private:
    SseParser m_sse;
};

} // namespace psm::providers
