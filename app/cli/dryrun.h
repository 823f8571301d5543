// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// `--dry-run` of run, compare and eval: the pre-flight estimate of a spec, calling nothing.
#pragma once

#include "app/cli/clicontext.h"
#include "run/runengine.h"

namespace psm::cli {

// Plans the spec as `engine` would run it, takes earlier output sizes and cache hits from the
// ledger (when there is one) and prints the calls and the cost range; --json as one object.
int printDryRun(
    CliContext &context, const run::RunEngine &engine, const run::RunSpec &spec, bool json);

// The same for several engine runs made as one (an eval run's main runs), summed; plus
// `graderCalls` said apart: their input holds outputs not yet known, so they are not in the
// range.
int printDryRun(CliContext &context, const run::RunEngine &engine, const QList<run::RunSpec> &specs,
    int graderCalls, bool json);

} // namespace psm::cli
