// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/chat/chatrequest.h"
#include "core/chat/streamevent.h"
#include "core/common/result.h"
#include "providers/httprequest.h"
#include "providers/providersettings.h"

#include <QByteArrayView>

#include <memory>
#include <vector>

namespace psm::providers {

// Turns one provider's stream (SSE or NDJSON bytes, in arbitrary pieces) into StreamEvents.
// One per attempt, used only on the transport thread.
class StreamDecoder {
public:
    virtual ~StreamDecoder() = default;
    virtual void feed(QByteArrayView bytes, std::vector<core::StreamEvent> &out) = 0;
    // The end of the bytes: flush a last unterminated event.
    virtual void finish(std::vector<core::StreamEvent> &out) = 0;
    // True once the provider's own end-of-answer marker arrived ([DONE], message_stop, done,
    // a finishReason). A transfer that ends cleanly without it was cut.
    virtual bool complete() const = 0;
};

// One wire format: pure translation, no I/O, no state between calls, usable from any thread.
// The transport does the sending; the offline `echo` provider answers in place instead.
class Provider {
public:
    virtual ~Provider() = default;
    virtual QString type() const = 0;

    // Offline providers never touch the network: the transport calls answer() instead.
    virtual bool isOffline() const { return false; }
    virtual std::vector<core::StreamEvent> answer(const core::ChatRequest &request) const;

    virtual core::Result<HttpRequest> buildRequest(const core::ChatRequest &request,
        const ProviderSettings &settings, const QString &apiKey) const = 0;
    virtual std::unique_ptr<StreamDecoder> streamDecoder() const = 0;
    // A whole (non-streamed) answer as the same events a stream would produce.
    virtual core::Result<std::vector<core::StreamEvent>> parseResponse(
        const QByteArray &body) const = 0;
    // The human message inside an error body ({"error": {"message": ...}} and kin), or empty.
    virtual QString errorMessage(const QByteArray &body) const = 0;
};

// The provider implementing a type from ProviderSettings, or nullptr. The objects are static.
const Provider *providerForType(const QString &type);

} // namespace psm::providers
