// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/chat/chatrequest.h"
#include "core/ledger/pricetable.h"
#include "providers/providersettings.h"

#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

namespace psm::run {

// Which text of the prompt a call runs: the file on disk, unsaved editor text, or the file as
// a git revision has it (HEAD, a commit id, a tag or branch), read from the object database
// without checking anything out.
struct PromptRevision {
    enum class Kind { WorkingCopy, Text, Git };
    Kind kind = Kind::WorkingCopy;
    QString text; // Kind::Text
    QString rev; // Kind::Git

    static PromptRevision workingCopy() { return {}; }
    static PromptRevision unsavedText(QString text) { return { Kind::Text, std::move(text), {} }; }
    static PromptRevision atGit(QString rev) { return { Kind::Git, {}, std::move(rev) }; }
};

// A set of calls of one prompt: revisions x models x parameter sets x inputs x repeats, in
// that nesting order (repeats innermost). An empty list uses the single field beside it, so
// the run panel's and `promptsmith run`'s one-model run is the 1x1x1x1xN case.
struct RunSpec {
    QString workspaceRoot; // empty: the git repository holding promptPath (else its folder)
    QString promptPath; // absolute, or relative to workspaceRoot
    // Unsaved editor text used instead of the file (when `revisions` is empty); the revision
    // is then "sha256:<hex>" of it. Otherwise the revision is HEAD's commit id when the file is
    // unmodified, else the file text's hash.
    std::optional<QString> promptText;
    QString modelRef; // "provider/model"; empty: the prompt's `model`, else echo/echo
    nlohmann::ordered_json input = nlohmann::ordered_json::object();
    // Dotprompt config keys (temperature, maxOutputTokens, ...) over the prompt's own config,
    // already typed (temperature=0.2 is a number): see RunEngine::parseConfigAssignment().
    nlohmann::ordered_json configOverrides = nlohmann::ordered_json::object();
    nlohmann::ordered_json history; // conversation history (array) or null
    int repeat = 1;
    bool useCache = false; // reuse a successful ledger row with the same request hash + sample
    bool sequential = false; // one call after another (a terminal streaming text), else all
    QString runId; // empty: a fresh UUID is made
    QString purpose; // recorded with every call: empty = ordinary, "grading" = a grader's call
    // A spending limit for this run in USD; with promptsmith.yaml's `budgets: per_run_usd` the
    // lower one holds. The run stops before a call that would cross a budget.
    std::optional<double> budgetUsd;

    std::vector<PromptRevision> revisions; // empty: {promptText or the working copy}
    QStringList modelRefs; // empty: {modelRef}
    std::vector<nlohmann::ordered_json> parameterSets; // empty: {configOverrides}
    std::vector<nlohmann::ordered_json> inputs; // empty: {input}
};

// One call, ready to send: everything the executor needs, nothing it has to work out.
struct PlannedCall {
    int index = 0; // position in the plan, the sample number reported
    int revisionIndex = 0;
    int modelIndex = 0;
    int parameterSetIndex = 0;
    int inputIndex = 0;
    int repeatIndex = 0;
    QString revisionId; // commit id, or "sha256:<hex>" of the text run
    QString modelRef; // as asked ("provider/model")
    providers::ProviderSettings settings;
    core::ChatRequest request; // rendered, with the provider-side model name
    QString parametersJson; // as the ledger shows them
    QString requestHash; // of the canonical request and repeatIndex
};

// What the planner made of a RunSpec.
struct RunPlan {
    QString workspaceRoot; // absolute
    QString promptPath; // absolute
    QString relPath; // as recorded: relative to the workspace
    core::PriceTable prices; // the engine's table with the workspace's overrides
    std::vector<PlannedCall> calls;
};

} // namespace psm::run
