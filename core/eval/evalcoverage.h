// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/eval/evalset.h"

#include <QList>
#include <QString>

// Which eval sets cover a prompt: the ones the commit gate runs when that prompt changes.
// Pure function over loaded eval sets and paths; reads no files.
namespace psm::core::eval {

struct Coverage {
    enum class Reason {
        Named, // the set's `prompts` names the file (a path, file://path, or a glob)
        Beside, // the set is the prompt's namesake: evals/a/b/NAME.yaml for prompts/a/b/NAME.prompt
    };
    qsizetype set = -1; // index into the sets given
    Reason reason = Reason::Named;
};

// The sets among `sets` that cover `promptPath` (workspace-relative, '/'-separated), in the
// order given, each once (Named wins over Beside).
//
// Named: an entry of `prompts`, after promptfoo's optional `file://`, resolved either from the
// workspace root (how this workspace's samples write them) or from the eval set's own folder
// (how promptfoo resolves them), equals the prompt path or matches it as a glob (*, ?, [...],
// ** across folders). Inline prompt text never matches.
//
// Beside: the set's file name without .yaml/.yml equals the prompt's NAME (a variant
// NAME.VARIANT.prompt counts as NAME), and the set sits in the prompt's own folder or in the
// mirror of it: the set's folder below evals/ equals the prompt's folder below prompts/ (a
// file outside those roots counts from the workspace root).
//
// Partials (_NAME.prompt) are covered by nothing here: a caller maps a changed partial to the
// prompts that include it first. `workspaceRoot` is absolute, as EvalSet::file is.
QList<Coverage> coveringEvalSets(
    const QList<EvalSet> &sets, const QString &promptPath, const QString &workspaceRoot);

} // namespace psm::core::eval
