// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QByteArray>
#include <QString>

namespace psm::testsupport {

// What the test server should do wrong for one request. Written as text so a test can queue
// it or send it in an `X-Test-Fault` header: `status=429;retry-after=1`, `stall`,
// `stall-after=2`, `cut-after=3`, `malformed-at=1`, `chunk-delay=20`, `latency=100`,
// `large=2000000`, `stream-error`, `retry-after-date=2` (an HTTP date 2 s ahead), `close`.
struct FaultDirective {
    int status = 0;
    QByteArray retryAfter; // sent verbatim
    int retryAfterDateS = -1; // send Retry-After as an HTTP date this many seconds ahead
    int latencyMs = -1; // overrides the server's latency
    bool stall = false; // never answer
    int stallAfter = -1; // stream this many chunks, then go silent
    int cutAfter = -1; // stream this many chunks, then close the connection
    int malformedAt = -1; // insert a broken chunk before chunk N (0-based)
    int chunkDelayMs = 0;
    qint64 largeBytes = 0; // answer with about this many bytes of text
    bool streamError = false; // the provider's in-stream error event after the first chunk
    bool close = false; // Connection: close after the answer

    // Unknown keys are an error so a typo in a test cannot silently test nothing.
    static FaultDirective parse(const QString &text, QString *error = nullptr);
};

} // namespace psm::testsupport
