// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/eval/assertion.h"

#include <QList>
#include <QString>

// The pure halves of model-graded assertions (llm-rubric, factuality): the grader prompt the
// user can read, and the verdict from the grader's answer. The runner makes the call between
// the two through a provider and tags it as grading in the ledger.
namespace psm::core::eval {

struct GraderMessage {
    QString role; // "system" or "user"
    QString content;
};

// promptfoo's default grading prompt, filled in: the rubric (the assertion's rendered value)
// and the output. llm-rubric asks for {"reason", "pass", "score"}.
QList<GraderMessage> rubricPrompt(const QString &rubric, const QString &output);

// promptfoo's factuality prompt: the question (the rendered prompt), the expert answer (the
// assertion's value) and the submitted output; the grader answers {"category": "A".."E", ...}.
QList<GraderMessage> factualityPrompt(
    const QString &question, const QString &expected, const QString &output);

// The grader's answer to rubricPrompt() as an assertion result, as promptfoo reads it: the
// first JSON object in the text; `pass` defaults to true and may be "yes"/"pass"; `score`
// defaults to pass as 0/1; with an assertion threshold, pass also needs score >= threshold;
// `not-llm-rubric` flips pass and uses 1 - score. No JSON object: a failed assertion.
AssertionResult parseRubricAnswer(const AssertionSpec &spec, const QString &answer);

// The grader's answer to factualityPrompt(): category A, B, C or E pass (score 1), D fails
// (score 0), as promptfoo's default score table. A missing or invalid category fails.
AssertionResult parseFactualityAnswer(const AssertionSpec &spec, const QString &answer);

} // namespace psm::core::eval
