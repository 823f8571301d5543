// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <optional>

namespace psm::core {

// The schema version that brought the summary tables CostQuery reads (cost_hours, cost_rollup):
// what a read-only connection for cost queries must require.
inline constexpr int kCostQuerySchema = 7;

class Ledger;
class PriceTable;

// What a cost breakdown is split by. Revision rows carry their prompt path as context, prompt
// rows their workspace (the ledger is per user: one path may exist in several workspaces).
enum class CostGroup { None, Model, Prompt, Revision, Workspace, Run };

// Time buckets are cut in a local time zone: a day is the user's day, a week starts on Monday.
enum class TimeBucket { None, Day, Week, Month };

// Which calls a query covers; every empty field matches everything.
struct CostFilter {
    QDateTime since; // inclusive
    QDateTime until; // exclusive
    QString workspace;
    QString model; // "provider/model"
    QString promptPath;
    QString runId;
};

// Sums over a set of calls. Known and unknown costs are kept apart: knownUsd adds the calls
// whose cost is known, unknownCostCalls (with their tokens) counts the rest, which are unpriced,
// not free. A cache hit made no provider call: it adds $0 to knownUsd and keeps what its
// original call cost in cachedOriginalUsd.
struct SpendTotals {
    qint64 calls = 0;
    qint64 errors = 0;
    qint64 providerCalls = 0; // finished ok or error, not served from the cache
    qint64 pricedCalls = 0;
    double knownUsd = 0;
    qint64 unknownCostCalls = 0; // includes calls still running
    qint64 unknownInputTokens = 0;
    qint64 unknownOutputTokens = 0;
    qint64 cachedCalls = 0;
    double cachedOriginalUsd = 0;
    qint64 cachedOriginalUnknown = 0; // cache hits whose original call has no known cost
    qint64 inputTokens = 0; // every prompt-side bucket
    qint64 outputTokens = 0; // output + reasoning
    qint64 latencyCalls = 0; // ok provider calls with a latency
    qint64 latencySumMs = 0;

    void add(const SpendTotals &other);
};

struct SpendRow {
    QDate bucket; // the bucket's first local day; null for TimeBucket::None
    QString key; // "provider/model", prompt path, revision, workspace or run id; "" when none
    QString context; // Prompt: the workspace; Revision: the prompt path
    SpendTotals totals;
};

// Latency and errors of one model. Cache hits are left out: they did not call the model.
struct ModelHealth {
    QString model; // "provider/model"
    qint64 providerCalls = 0;
    qint64 errors = 0;
    double errorRate = 0; // errors / providerCalls
    qint64 latencyCalls = 0;
    std::optional<double> meanLatencyMs;
    std::optional<qint64> p95LatencyMs; // nearest rank: the ceil(0.95 n)-th fastest
};

// One group of a repricing: what its calls were recorded at, next to what they would cost at
// today's table. Calls that cannot be repriced (no token counts, or a model today's table does
// not know) are counted apart with what was recorded for them, never as $0.
struct RepriceRow {
    QString key;
    QString context;
    qint64 calls = 0;
    qint64 repricedCalls = 0;
    double recordedUsd = 0; // of the repriced calls whose recorded cost was known
    qint64 recordedUnknownCalls = 0; // repriced calls that had no recorded cost
    double nowUsd = 0;
    qint64 cachedCalls = 0; // $0 then and now
    qint64 notRepricedCalls = 0;
    double notRepricedRecordedUsd = 0;
    QStringList recordedPriceVersions; // distinct, sorted
};

// One call behind a dashboard figure. Token counts and cost are nullopt when not known: the
// cost of such a call is unknown, never $0.
struct CostCall {
    qint64 id = 0;
    QDateTime startedAt; // UTC
    QString model; // "provider/model"
    QString workspace;
    QString promptPath;
    QString promptRevision;
    QString runId;
    std::optional<qint64> inputTokens; // every prompt-side bucket
    std::optional<qint64> outputTokens; // output + reasoning
    std::optional<double> costUsd;
    std::optional<qint64> latencyMs;
    QString status; // "running", "ok", "error", "cancelled"
    bool cached = false;
};

// The calls a figure stands for: one group as spend() reported it (key and context; a model's
// context is ignored, as spend() drops it), optionally only the calls without a known cost.
struct CallSlice {
    CostGroup group = CostGroup::None;
    QString key;
    QString context;
    bool unknownCostOnly = false;
};

// The cost dashboard's queries, answered from the ledger as plain values. Sums come from the
// summary tables of schema v7, kept by triggers: cost_rollup (one dimension, per UTC day and
// hour of day) for views with at most one filter, cost_hours (every dimension, per UTC hour)
// for the rest; the partial hours at a filter's edges are read from the calls, so sums are
// exact for any since/until. Buckets are cut on whole UTC hours, exact in every zone whose
// offset is a whole number of hours. recomputeCosts reads the calls themselves (tiers price
// each call by its own size). Runs on the ledger's thread; the GUI calls it from a pool
// thread with its own Ledger.
class CostQuery final {
public:
    explicit CostQuery(const Ledger &ledger, QTimeZone zone = QTimeZone::systemTimeZone());

    // Sorted by bucket, then key and context.
    Result<QList<SpendRow>> spend(
        const CostFilter &filter, CostGroup group, TimeBucket bucket = TimeBucket::None) const;
    Result<SpendTotals> total(const CostFilter &filter) const;
    // Sorted by model.
    Result<QList<ModelHealth>> healthByModel(const CostFilter &filter) const;
    // Sorted by key and context.
    Result<QList<RepriceRow>> recomputeCosts(
        const CostFilter &filter, CostGroup group, const PriceTable &today) const;

    // The calls of `filter` and `slice`, newest first, at most `limit` of them. Implemented in
    // costcalls.cpp: it reads the calls, not the summaries.
    Result<QList<CostCall>> calls(
        const CostFilter &filter, const CallSlice &slice, int limit = 1000) const;

    // The first local day of the bucket holding local day `day`.
    static QDate bucketStart(QDate day, TimeBucket bucket);

private:
    const Ledger &m_ledger;
    QTimeZone m_zone;
};

} // namespace psm::core
