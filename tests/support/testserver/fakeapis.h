// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "tests/support/testserver/faultdirective.h"
#include "tests/support/testserver/testserver.h"

#include <utility>
#include <vector>

namespace psm::testsupport {

// One planned answer: a whole body, or the chunks of a stream (SSE events or NDJSON lines,
// each complete) that the connection writes one by one, faults permitting.
struct FakeReply {
    int status = 200;
    QByteArray contentType = "application/json";
    std::vector<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    bool stream = false;
    std::vector<QByteArray> chunks;
    QByteArray malformedChunk; // inserted for malformed-at
    QByteArray streamErrorChunk; // the API's in-stream error, for stream-error
};

// The answer each fake API gives to `request` (wire formats as the real services send them);
// its text is `scripted` when that is not null (a ReplyRule matched).
FakeReply fakeReply(const RecordedRequest &request, const ServerOptions &options,
    const FaultDirective &fault, const QString &scripted = {});

} // namespace psm::testsupport
