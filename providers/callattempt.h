// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/chat/chatresult.h"

#include <optional>

namespace psm::providers {

// One HTTP attempt of a logical call, reported as it ends, so the ledger can record a call
// together with its retries. Times are wall-clock for startedAtMs, else relative milliseconds.
struct CallAttempt {
    int number = 1; // 1-based
    int httpStatus = 0; // 0 when no response arrived
    core::Failure failure = core::Failure::None;
    std::optional<core::Error> error; // keys scrubbed
    qint64 startedAtMs = 0; // ms since the epoch
    qint64 durationMs = 0;
    qint64 firstByteMs = -1; // from the attempt's start; -1 when nothing came
    qint64 bytesReceived = 0;
    bool willRetry = false;
    qint64 retryDelayMs = 0; // when willRetry: the wait before the next attempt
};

} // namespace psm::providers
