// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <nlohmann/json.hpp>

#include <QList>
#include <QMap>
#include <QString>

#include <optional>

// The value types the eval loader produces and the assertion engine consumes. Plain values, so
// the runner can copy them across threads.
namespace psm::core::eval {

using Json = nlohmann::ordered_json;

// One `assert:` entry. `type` is the base type with any `not-` prefix moved into `inverse`.
struct AssertionSpec {
    QString type;
    bool inverse = false;
    Json value; // null when the entry has no `value`
    std::optional<double> threshold; // the entry's own threshold (levenshtein, latency, ...)
    double weight = 1.0;
    QString metric; // named metric this assertion feeds; empty = none
    Json options; // `provider` for model-graded types, else unused
    // Where the entry's `type` sits, for errors and for the result view.
    QString file;
    int line = 0;
    int column = 0;

    // "not-contains" for an inverse contains: the spelling in the eval file.
    QString displayType() const { return inverse ? QStringLiteral("not-") + type : type; }
};

// What a model call produced, as the assertions see it.
struct Observation {
    QString output;
    std::optional<double> latencyMs; // unknown for a cached answer
    std::optional<double> costUsd; // unknown when the provider has no price
    Json vars = Json::object(); // the test's variables, for `{{var}}` in values
};

enum class AssertionState {
    Passed,
    Failed,
    Error, // the assertion could not be evaluated (bad value, missing latency or cost)
    NeedsGrader, // model-graded: the runner must call a grader and parse its answer
};

struct AssertionResult {
    AssertionState state = AssertionState::Failed;
    double score = 0.0;
    QString reason;

    bool pass() const { return state == AssertionState::Passed; }
};

// The verdict on one test case (one output) from all its assertions.
struct TestVerdict {
    bool pass = false;
    double score = 0.0;
    QString reason;
    QList<AssertionResult> assertions;
    QMap<QString, double> namedScores; // metric name -> weighted mean score
    bool error = false; // some assertion is Error: the test is an error
    bool pendingGrader = false; // some assertion still needs a grader call
};

} // namespace psm::core::eval
