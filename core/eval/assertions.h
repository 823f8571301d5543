// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/eval/assertion.h"

#include <optional>

// The deterministic assertion engine: promptfoo's verdicts for one output, without a network.
// Called by the eval runner on any thread; pure functions of their arguments.
namespace psm::core::eval {

enum class AssertionSupport {
    Deterministic, // evaluated here
    ModelGraded, // llm-rubric, factuality: needs a grader call by the runner
    Unsupported, // a promptfoo type we refuse on purpose (javascript, python, ...)
    Unknown, // not a promptfoo type at all
};

// How `type` (without any `not-` prefix) is handled.
AssertionSupport assertionSupport(const QString &type);

// One assertion against one observation. Model-graded types come back NeedsGrader with the
// reason saying so; everything else is Passed, Failed or Error with promptfoo's reason text.
//
// promptfoo semantics matched on purpose:
// - String values are rendered against the test's vars first (`{{name}}`, `{{a.b}}`); numbers
//   and booleans are coerced with JS String() ("contains 42" looks for "42").
// - equals: a mapping or list value is compared deep-equal to JSON.parse(output), key order
//   ignored, 1 and 1.0 equal; output that is not JSON fails (and `not-equals` passes). A scalar
//   value is compared as String(value) === output, exactly (no trimming, case-sensitive).
// - icontains*: both sides lower-cased; -any/-all accept a list or a comma-separated string.
// - regex: JavaScript syntax. Patterns JavaScript rejects — such as PCRE's inline `(?i)` —
//   fail with "Invalid regex pattern", as in promptfoo, even though our engine could run them.
// - is-json: any JSON value (JSON.parse), so "42" and "\"x\"" are JSON. contains-json: only
//   objects found by extractJsonObjects(); with a schema `value` (mapping, or YAML/JSON text),
//   pass when any found object validates.
// - levenshtein: distance in UTF-16 units <= threshold (5 when none; 0 is honoured).
// - latency/cost: a threshold is required; `not-` means strictly above it; an unknown latency
//   or cost is an Error, as promptfoo throws there ("does not support cached results" /
//   "providers that do not return cost") — an unpriced call never silently passes a budget.
AssertionResult evaluateAssertion(const AssertionSpec &spec, const Observation &observation);

// The test's verdict from its assertion results (same order as `specs`), promptfoo's
// AssertionsResult: score = sum(score * weight) / sum(weight); without a test threshold the test
// passes when every assertion passed; with one, when score >= threshold, regardless of which
// assertions failed; one of weight 0 never fails it. Named metrics are weighted means of their
// assertions' scores. An Error makes the test fail whatever the threshold; a NeedsGrader
// result leaves it pending.
TestVerdict scoreTest(const QList<AssertionSpec> &specs, const QList<AssertionResult> &results,
    std::optional<double> testThreshold);

// evaluateAssertion over every spec, then scoreTest.
TestVerdict evaluateTest(const QList<AssertionSpec> &specs, const Observation &observation,
    std::optional<double> testThreshold);

// A string value with `{{ var }}` and `{{ var.path }}` replaced from `vars` (JS String() of the
// value, "" for a missing one, as nunjucks prints undefined). Other nunjucks syntax is left as is.
QString renderValue(const QString &value, const Json &vars);

} // namespace psm::core::eval
