// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"
#include "core/diff/jsondiff.h"
#include "core/diff/worddiff.h"
#include "run/runspec.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <optional>

namespace psm::run {

// One rendered message of the two revisions, paired by position.
struct MessageChange {
    QString oldRole; // empty when the old revision has no message here
    QString newRole; // empty when the new revision has none
    QString oldText;
    QString newText;
    core::WordDiff diff;
};

// A front-matter value that differs: `model` or a `config` key. JSON text of each side,
// nullopt where the key is absent.
struct SettingChange {
    QString key;
    std::optional<QString> oldValue;
    std::optional<QString> newValue;
};

// What changed between two revisions of one prompt for the same variables: the rendered
// messages, the variables the template reads, the model and config, the input and output
// schemas, and the estimated input tokens per call (core::estimateTokens, not a tokenizer).
struct PromptDiff {
    QString oldRevisionId;
    QString newRevisionId;
    QList<MessageChange> messages;
    QStringList variablesAdded;
    QStringList variablesRemoved;
    QList<SettingChange> settings; // `model` first, then config keys in file order
    QList<core::JsonChange> inputSchemaChanges;
    QList<core::JsonChange> outputSchemaChanges;
    int oldInputTokens = 0; // estimates
    int newInputTokens = 0;
    // Variables one revision needs that the given values lack: rendered empty, said here.
    QStringList warnings;

    int inputTokenDelta() const { return newInputTokens - oldInputTokens; }
    bool messagesDiffer() const;
};

// Reads both revisions of `spec`'s prompt as the planner does (RunPlanner::readPromptRevision,
// never a checkout), renders each with `variables` (over the inputs' defaults, not strict: a
// variable only the new revision reads is a difference to show, not an error) and compares
// them. Fails when a revision cannot be read or its template does not parse. Any thread.
core::Result<PromptDiff> diffPromptRevisions(const RunSpec &spec, const PromptRevision &oldRevision,
    const PromptRevision &newRevision, const nlohmann::ordered_json &variables);

// The differences as plain text, one per line, for the prompt diff view and the CLI.
QString describePromptDiff(const PromptDiff &diff);

} // namespace psm::run
