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
    const auto plan = engine.plan(spec);
    if (!plan)
        return context.report(plan.error());
    run::CostEvidence evidence;
    const auto ledger = openLedgerIfPresent();
    if (!ledger)
        return context.report(ledger.error());
    if (*ledger) {
        auto found = run::costEvidenceFromLedger(**ledger, *plan, spec.useCache);
        if (!found)
            return context.report(found.error());
        evidence = std::move(*found);
    }
    const run::RunCostEstimate est = run::estimateRunCost(*plan, evidence);
    if (json) {
        nlohmann::ordered_json o;
        o["calls"] = est.calls;
        o["cached_calls"] = est.cachedCalls;
        o["unknown_price_calls"] = est.unknownPriceCalls;
        o["input_tokens_estimate"] = est.inputTokens;
        o["low_usd"] = est.lowUsd;
        o["expected_usd"] = est.expectedUsd;
        o["high_usd"] = est.highUsd;
        o["price_version"] = plan->prices.version().toStdString();
        context.out << QString::fromStdString(o.dump(2)) << '\n';
        return ExitOk;
    }
    context.out << "Dry run: nothing was sent.\n"
                << est.calls << " call(s), " << est.cachedCalls << " served from the cache, "
                << est.unknownPriceCalls << " of unknown price (not in the range)\n"
                << "Input: about " << est.inputTokens << " tokens (estimated without a tokenizer)\n"
                << "Cost: " << formatUsd(est.lowUsd) << " to " << formatUsd(est.highUsd)
                << ", expected " << formatUsd(est.expectedUsd) << " (output from earlier calls of "
                << "this prompt and model, else maxOutputTokens, else "
                << evidence.defaultOutputTokens << " tokens)\n";
    return ExitOk;
}

} // namespace psm::cli
