// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"
#include "core/prompt/promptengine.h"
#include "core/settings/workspacesettings.h"
#include "run/runspec.h"

namespace psm::run {

// One revision of a prompt as the planner reads it (a git revision is an object read, never a
// checkout): its text, revision id, the name its errors carry, and where its partials come from.
struct PromptSource {
    QByteArray text;
    QString id; // commit id or "sha256:<hex>"
    QString fileName;
    core::PromptEngine::PartialResolver partials;
};

// Turns a RunSpec into the list of calls to make: reads each prompt revision (the working
// file, editor text, or a git revision through core/workspace), renders it per input, applies
// each parameter set, resolves each model through the workspace's providers and hashes every
// request. Pure: no network, no ledger, nothing kept; runs on the caller's thread (a git
// revision is one object read). Every problem comes back as an Error with file:line:col.
class RunPlanner final {
public:
    // The workspace a spec runs in (absolute): its workspaceRoot, else the prompt's repository.
    static QString workspaceRoot(const RunSpec &spec);
    // `prices` is the table before the workspace's `prices:` overrides.
    static core::Result<RunPlan> plan(const RunSpec &spec, const core::WorkspaceSettings &settings,
        const core::PriceTable &prices);
    // `revision` of the spec's prompt, read exactly as plan() reads it (prompt diffs).
    static core::Result<PromptSource> readPromptRevision(
        const RunSpec &spec, const PromptRevision &revision);

private:
    // The one place a run renders a prompt, through the core render function every caller
    // shares, with the input checked strictly. `partials` reads `{{> name}}` from the revision
    // being run.
    static core::Result<nlohmann::ordered_json> renderForCall(const QByteArray &text,
        const QString &fileName, const core::PromptEngine::PartialResolver &partials,
        const nlohmann::ordered_json &input, const nlohmann::ordered_json &history);
};

} // namespace psm::run
