// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/eval/evalset.h"
#include "run/evalresult.h"

#include <QString>

#include <optional>

// The words the eval result window uses for cells, samples and columns: plain text, no markup
// (outputs and reasons are untrusted), kept apart from the widgets so a test can read them.
namespace psm::ui::evaltext {

enum class CellKind { Pass, Fail, Error, NotRun, Flip };

// A cell over its repeats: Flip when some repeats passed and others did not; Error when every
// verdict failed and one of them was an error; NotRun when no repeat gave a verdict.
CellKind cellKind(const run::EvalCell &cell);
// "pass", "fail", "error", "not run", "flip 1/2"; with repeats > 1 a stable cell says "2/2".
QString cellLabel(const run::EvalCell &cell);
// The first failing (or not run) repeat's assertion type and reason; empty for a pass.
QString cellProblem(const run::EvalCell &cell);

// Everything about one repeat, for the detail pane: status, output, every assertion's verdict
// and reason (types from `test` when known), grader prompts and answers, tokens, cost,
// latency, cached. `test` may be null (the set could not be re-read).
QString sampleDetail(const run::EvalTestInfo &info, const run::EvalSample &sample, int repeatIndex,
    const core::eval::EvalTest *test);

// "3/8 passed (38%, 95% CI 14%–69%)": the interval only when repeats > 1.
QString passRateText(const core::eval::PassRate &rate, int repeat);
// "$0.0012", "$0.0012 + 2 calls of unknown price", or "unknown" when no call had a price.
QString costText(const run::EvalColumn &column);
QString tokensText(const run::EvalColumn &column);

} // namespace psm::ui::evaltext
