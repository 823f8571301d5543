// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "run/costevidence.h"

#include "core/ledger/ledger.h"

namespace psm::run {

core::Result<CostEvidence> costEvidenceFromLedger(
    const core::Ledger &ledger, const RunPlan &plan, bool useCache)
{
    CostEvidence evidence;
    // Rows name the provider and its own model name; the estimate is keyed by the reference.
    QHash<QString, QString> refOf;
    for (const PlannedCall &call : plan.calls)
        refOf.insert(call.settings.name + u'/' + call.request.model, call.modelRef);

    core::CallQuery query;
    query.limit = 0;
    query.workspace = plan.workspaceRoot;
    query.promptPath = plan.relPath;
    const auto rows = ledger.calls(query);
    if (!rows)
        return tl::unexpected(rows.error());
    QHash<QString, QList<qint64>> outputs;
    for (const core::CallRecord &row : *rows) {
        const auto ref = refOf.constFind(row.start.provider + u'/' + row.start.model);
        if (ref == refOf.cend() || row.outcome.status != core::CallStatus::Ok || row.outcome.cached
            || !row.outcome.tokens.output)
            continue;
        outputs[*ref].append(*row.outcome.tokens.output + row.outcome.tokens.reasoning.value_or(0));
    }
    for (auto it = outputs.cbegin(); it != outputs.cend(); ++it)
        evidence.outputTokensByModel.insert(it.key(), outputTokenStats(it.value()));

    if (useCache) {
        for (const PlannedCall &call : plan.calls) {
            const auto hit = ledger.cachedResponse(call.requestHash);
            if (!hit)
                return tl::unexpected(hit.error());
            if (*hit)
                evidence.cachedRequestHashes.insert(call.requestHash);
        }
    }
    return evidence;
}

} // namespace psm::run
