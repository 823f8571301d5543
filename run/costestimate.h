// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "run/runspec.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <optional>

namespace psm::run {

// Output-token counts of earlier ok calls of one prompt and model, as the ledger holds them.
struct OutputTokenStats {
    qint64 samples = 0;
    qint64 low = 0; // the smallest
    double mean = 0;
    qint64 p90 = 0; // nearest-rank 90th percentile
};
OutputTokenStats outputTokenStats(QList<qint64> outputTokens);

// What the ledger knows that an estimate needs; gathered by the caller so the estimate stays
// pure and testable.
struct CostEvidence {
    QHash<QString, OutputTokenStats> outputTokensByModel; // key: PlannedCall::modelRef
    // Request hashes that have an ok ledger row; leave empty unless the spec uses the cache.
    QSet<QString> cachedRequestHashes;
    // The output assumed when neither the ledger nor the request's maxOutputTokens says.
    qint64 defaultOutputTokens = 1024;
};

// One call's estimate. Output is a range: low is the smallest earlier output (0 without
// history), expected the earlier mean (else the output cap), high the request's
// maxOutputTokens (else the earlier p90, else the default). usd is nullopt for an unknown price.
struct CallCostEstimate {
    bool cached = false; // served from the ledger: costs nothing
    qint64 inputTokens = 0;
    qint64 lowOutputTokens = 0;
    qint64 expectedOutputTokens = 0;
    qint64 highOutputTokens = 0;
    std::optional<double> lowUsd;
    std::optional<double> expectedUsd;
    std::optional<double> highUsd;
};

// The estimate of a whole plan. Calls of unknown price are counted apart and add nothing to
// the sums: unknown is never $0.
struct RunCostEstimate {
    int calls = 0;
    int cachedCalls = 0;
    int unknownPriceCalls = 0;
    qint64 inputTokens = 0; // of the calls that will be sent
    double lowUsd = 0;
    double expectedUsd = 0;
    double highUsd = 0;
};

// Prompt-side tokens of a rendered request, estimated without a tokenizer (tokenestimate), with
// the same per-message framing the prompt preview counts.
qint64 estimateRequestInputTokens(const core::ChatRequest &request);

// The price that applies to a call, by the rule the engine prices with: the configured provider
// name first, then the vendor's type but only for the vendor's own endpoint.
std::optional<core::ModelPrice> priceForCall(
    const PlannedCall &call, const core::PriceTable &prices);

CallCostEstimate estimateCallCost(
    const PlannedCall &call, const core::PriceTable &prices, const CostEvidence &evidence);
RunCostEstimate estimateRunCost(const RunPlan &plan, const CostEvidence &evidence);

} // namespace psm::run
