// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "app/cli/dryrun.h"

#include "app/cli/commands.h"
#include "app/cli/ledgercli.h"
#include "run/costestimate.h"
#include "run/costevidence.h"

#include <nlohmann/json.hpp>

namespace psm::cli {

int printDryRun(
    CliContext &context, const run::RunEngine &engine, const run::RunSpec &spec, bool json)
{
    return printDryRun(context, engine, QList<run::RunSpec> { spec }, -1, json);
}

int printDryRun(CliContext &context, const run::RunEngine &engine, const QList<run::RunSpec> &specs,
    int graderCalls, bool json)
{
    const auto ledger = openLedgerIfPresent();
    if (!ledger)
        return context.report(ledger.error());
    run::RunCostEstimate est;
    qint64 defaultOutputTokens = run::CostEvidence {}.defaultOutputTokens;
    QString priceVersion;
    for (const run::RunSpec &spec : specs) {
        const auto plan = engine.plan(spec);
        if (!plan)
            return context.report(plan.error());
        run::CostEvidence evidence;
        if (*ledger) {
            auto found = run::costEvidenceFromLedger(**ledger, *plan, spec.useCache);
            if (!found)
                return context.report(found.error());
            evidence = std::move(*found);
        }
        const run::RunCostEstimate one = run::estimateRunCost(*plan, evidence);
        est.calls += one.calls;
        est.cachedCalls += one.cachedCalls;
        est.unknownPriceCalls += one.unknownPriceCalls;
        est.inputTokens += one.inputTokens;
        est.lowUsd += one.lowUsd;
        est.expectedUsd += one.expectedUsd;
        est.highUsd += one.highUsd;
        defaultOutputTokens = evidence.defaultOutputTokens;
        priceVersion = plan->prices.version();
    }
    if (json) {
        nlohmann::ordered_json o;
        o["calls"] = est.calls;
        o["cached_calls"] = est.cachedCalls;
        o["unknown_price_calls"] = est.unknownPriceCalls;
        if (graderCalls >= 0)
            o["grader_calls_not_estimated"] = graderCalls;
        o["input_tokens_estimate"] = est.inputTokens;
        o["low_usd"] = est.lowUsd;
        o["expected_usd"] = est.expectedUsd;
        o["high_usd"] = est.highUsd;
        o["price_version"] = priceVersion.toStdString();
        context.out << QString::fromStdString(o.dump(2)) << '\n';
        return ExitOk;
    }
    context.out << "Dry run: nothing was sent.\n"
                << est.calls << " call(s), " << est.cachedCalls << " served from the cache, "
                << est.unknownPriceCalls << " of unknown price (not in the range)\n";
    if (graderCalls >= 0)
        context.out << "Grader calls: up to " << graderCalls
                    << " more (llm-rubric, factuality; not in the range: they grade outputs not "
                       "made yet)\n";
    context.out << "Input: about " << est.inputTokens << " tokens (estimated without a tokenizer)\n"
                << "Cost: " << formatUsd(est.lowUsd) << " to " << formatUsd(est.highUsd)
                << ", expected " << formatUsd(est.expectedUsd) << " (output from earlier calls of "
                << "this prompt and model, else maxOutputTokens, else " << defaultOutputTokens
                << " tokens)\n";
    return ExitOk;
}

} // namespace psm::cli
