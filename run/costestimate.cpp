// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "run/costestimate.h"

#include "core/prompt/tokenestimate.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace psm::run {
namespace {

constexpr qint64 kTokensPerMessage = 4; // as core/prompt/promptrender counts for the preview

std::optional<double> priceTokens(
    const std::optional<core::ModelPrice> &price, qint64 inputTokens, qint64 outputTokens)
{
    if (!price)
        return std::nullopt;
    core::TokenUsage usage;
    usage.inputUncached = inputTokens;
    usage.output = outputTokens;
    return core::PriceTable::costOf(*price, usage);
}

} // namespace

OutputTokenStats outputTokenStats(QList<qint64> outputTokens)
{
    OutputTokenStats stats;
    if (outputTokens.isEmpty())
        return stats;
    std::sort(outputTokens.begin(), outputTokens.end());
    stats.samples = outputTokens.size();
    stats.low = outputTokens.front();
    stats.mean = double(std::accumulate(outputTokens.cbegin(), outputTokens.cend(), qint64(0)))
        / double(stats.samples);
    const auto rank = qsizetype(std::ceil(0.9 * double(stats.samples)));
    stats.p90 = outputTokens.at(std::max<qsizetype>(rank, 1) - 1);
    return stats;
}

qint64 estimateRequestInputTokens(const core::ChatRequest &request)
{
    qint64 tokens = 0;
    if (!request.system.isEmpty())
        tokens += kTokensPerMessage + core::estimateTokens(request.system);
    for (const core::Message &message : request.messages) {
        tokens += kTokensPerMessage;
        for (const core::Part &part : message.parts) {
            if (part.kind == core::Part::Kind::Text)
                tokens += core::estimateTokens(part.text);
        }
    }
    return tokens;
}

std::optional<core::ModelPrice> priceForCall(
    const PlannedCall &call, const core::PriceTable &prices)
{
    if (auto price = prices.find(call.settings.name, call.request.model))
        return price;
    if (call.settings.name != call.settings.type
        && call.settings.baseUrl
            == providers::ProviderSettings::builtin(call.settings.type).baseUrl)
        return prices.find(call.settings.type, call.request.model);
    return std::nullopt;
}

CallCostEstimate estimateCallCost(
    const PlannedCall &call, const core::PriceTable &prices, const CostEvidence &evidence)
{
    CallCostEstimate est;
    est.inputTokens = estimateRequestInputTokens(call.request);
    if (evidence.cachedRequestHashes.contains(call.requestHash)) {
        est.cached = true;
        est.lowUsd = est.expectedUsd = est.highUsd = 0.0;
        return est;
    }
    const std::optional<qint64> cap = call.request.params.maxOutputTokens;
    const auto history = evidence.outputTokensByModel.constFind(call.modelRef);
    const bool known = history != evidence.outputTokensByModel.cend() && history->samples > 0;
    est.highOutputTokens = cap ? *cap : known ? history->p90 : evidence.defaultOutputTokens;
    est.expectedOutputTokens = known ? qint64(std::llround(history->mean)) : est.highOutputTokens;
    est.lowOutputTokens = known ? history->low : 0;
    // A cap lowered since the earlier calls bounds them too: a call never outputs past it.
    est.expectedOutputTokens = std::min(est.expectedOutputTokens, est.highOutputTokens);
    est.lowOutputTokens = std::min(est.lowOutputTokens, est.expectedOutputTokens);

    const std::optional<core::ModelPrice> price = priceForCall(call, prices);
    est.lowUsd = priceTokens(price, est.inputTokens, est.lowOutputTokens);
    est.expectedUsd = priceTokens(price, est.inputTokens, est.expectedOutputTokens);
    est.highUsd = priceTokens(price, est.inputTokens, est.highOutputTokens);
    return est;
}

RunCostEstimate estimateRunCost(const RunPlan &plan, const CostEvidence &evidence)
{
    RunCostEstimate total;
    for (const PlannedCall &call : plan.calls) {
        const CallCostEstimate est = estimateCallCost(call, plan.prices, evidence);
        ++total.calls;
        if (est.cached) {
            ++total.cachedCalls;
            continue;
        }
        total.inputTokens += est.inputTokens;
        if (!est.expectedUsd) {
            ++total.unknownPriceCalls;
            continue;
        }
        total.lowUsd += est.lowUsd.value_or(0);
        total.expectedUsd += *est.expectedUsd;
        total.highUsd += est.highUsd.value_or(0);
    }
    return total;
}

} // namespace psm::run
