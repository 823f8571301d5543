// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <vector>

namespace psm::core {

struct StreamEvent;

// Token counts by bucket. Unset means the API did not report it — unknown, not zero — so the
// ledger can price what is known and flag the rest. Normalised across providers: inputTokens
// counts every prompt token, cache reads and writes included (Anthropic reports them apart; we
// add them up), and outputTokens includes reasoningTokens (Gemini reports thoughts apart).
struct Usage {
    std::optional<qint64> inputTokens;
    std::optional<qint64> outputTokens;
    std::optional<qint64> cacheReadTokens;
    std::optional<qint64> cacheWriteTokens;
    std::optional<qint64> reasoningTokens;

    bool isEmpty() const;
    void mergeFrom(const Usage &later); // set fields of `later` replace ours
    bool operator==(const Usage &) const = default;
};

enum class FinishReason { Unknown, Stop, Length, ToolCalls, ContentFilter, Other };
QString finishReasonName(FinishReason reason);

// Why a call failed, coarser than the message, so callers and the ledger can group failures.
enum class Failure {
    None,
    Auth, // 401/403: the key is missing, wrong or lacks access
    BadRequest, // 400/404/413/422: the request itself is wrong; retrying will not help
    RateLimited, // 429 after the retries we were allowed
    Server, // 5xx/529 after retries
    Network, // could not connect, TLS, connection reset before an answer
    Timeout, // connect, first-byte, idle-stream or total timeout
    StreamCut, // the answer stopped part-way; the partial text is kept
    Protocol, // the provider answered something we could not understand, or a stream error
    Cancelled, // cancelled by the caller
    Config, // unknown provider type, missing key or base URL: never sent
};
QString failureName(Failure failure);

struct ToolCall {
    QString id;
    QString name;
    QString arguments; // JSON text as the model produced it (it may be invalid JSON)
};

// The final outcome of one logical call (all attempts). On failure `error` is set and the
// partial text, usage and raw bytes received so far are kept.
struct ChatResult {
    QString text;
    std::vector<ToolCall> toolCalls;
    FinishReason finishReason = FinishReason::Unknown;
    QString rawFinishReason;
    Usage usage;
    qint64 latencyMs = 0; // from the call's start to its end, across retries
    qint64 ttftMs = -1; // from the last attempt's start to its first text; -1 when none came
    QByteArray rawResponse; // the last attempt's response body as received (keys scrubbed)
    int httpStatus = 0;
    int attempts = 0;
    std::vector<Error> malformedChunks;
    Failure failure = Failure::None;
    std::optional<Error> error;

    bool ok() const { return !error.has_value(); }
    // Folds one stream event into the result, as a consumer rebuilding the answer would.
    void apply(const StreamEvent &event);
};

} // namespace psm::core
