// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace psm::core {

// Token counts of one call in disjoint buckets, so cost = sum(bucket x its price). Providers
// report overlapping totals (OpenAI's prompt_tokens includes cached tokens, completion_tokens
// includes reasoning); the provider layer splits them before they get here. nullopt = the
// provider did not say.
struct TokenUsage {
    std::optional<qint64> inputUncached;
    std::optional<qint64> cacheRead;
    std::optional<qint64> cacheWrite;
    std::optional<qint64> output; // visible output, reasoning excluded
    std::optional<qint64> reasoning;

    // Every prompt-side token (uncached + cache read + cache write): what long-context tiers
    // are measured against.
    qint64 promptTokens() const
    {
        return inputUncached.value_or(0) + cacheRead.value_or(0) + cacheWrite.value_or(0);
    }
};

enum class CallStatus { Running, Ok, Error, Cancelled };

QString callStatusName(CallStatus status);

// What is known when a logical call begins. promptRevision is a commit id, or "sha256:<hex>" of
// the unsaved text. parametersJson is redacted of anything that looks like a secret on write.
struct CallStart {
    QDateTime startedAt; // invalid: now
    QString workspace;
    QString promptPath;
    QString promptRevision;
    QString provider;
    QString model;
    QString parametersJson;
    QString requestHash;
    QString runId; // groups the calls of one comparison or eval run; may be empty
    // Where the call sits in its run, as JSON ({"revision":0,"model":1,"params":0,"input":2,
    // "repeat":0} for a planned call), so a grid or eval run can be rebuilt from the ledger.
    QString cellJson;
    QString purpose; // empty: an ordinary call; "grading": a model-graded assertion's grader
};

// One HTTP attempt of a logical call (retries add more).
struct CallAttempt {
    int attempt = 1; // 1-based
    QDateTime startedAt;
    std::optional<int> httpStatus; // nullopt: no HTTP response (connection failed)
    QString error;
    std::optional<qint64> latencyMs;
};

// How a logical call ended. On error the partial output is kept in outputText.
struct CallOutcome {
    CallStatus status = CallStatus::Ok;
    QString error;
    QDateTime finishedAt; // invalid: now
    std::optional<qint64> latencyMs;
    std::optional<qint64> timeToFirstTokenMs;
    TokenUsage tokens;
    std::optional<double> costUsd; // nullopt: unknown price; never 0 for unknown
    QString priceVersion;
    QString outputText; // the model's answer, stored and served from the cache verbatim
    QString finishReason;
    bool cached = false; // served from the response cache, no provider call
    std::optional<qint64> cachedFromId; // the original call when cached
};

struct CallRecord {
    qint64 id = 0;
    CallStart start;
    CallOutcome outcome; // status Running while the call is in flight
    QList<CallAttempt> attempts;
};

// Which calls to read. The ledger is per user, so calls of every workspace are in it.
struct CallQuery {
    QDateTime since; // invalid: no lower bound
    int limit = 100; // <= 0: no limit (calls() only)
    QString workspace; // empty: every workspace
    QString promptPath; // empty: every prompt
    QString runId; // empty: every run
};

enum class CostGrouping { Model, Prompt, Day };

// One line of a cost breakdown. Known and unknown costs are kept apart: knownUsd sums the calls
// whose cost is known; unknownCostCalls counts the rest, which are not zero, only unpriced.
struct CostRow {
    QString key; // "provider/model", the prompt path, or the UTC day "YYYY-MM-DD"
    QString workspace; // by prompt: the workspace the prompt path belongs to
    qint64 calls = 0;
    double knownUsd = 0;
    qint64 unknownCostCalls = 0;
    qint64 inputTokens = 0; // all prompt-side buckets
    qint64 outputTokens = 0; // output + reasoning
};

} // namespace psm::core
