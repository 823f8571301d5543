// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once
// How `promptsmith eval` prints an eval run: text for a terminal or a CI log, JSON with every
// cell, and JUnit XML for CI systems.

#include "run/evalresult.h"

#include <QByteArray>
#include <QTextStream>

#include <nlohmann/json.hpp>

namespace psm::cli {

// One line per test and column ("PASS", "FAIL" with the failing assertion and reason, "FLIP"
// with the repeats that passed, "ERROR", "NOT RUN"), then per column the pass rate (with its
// 95% interval when there are repeats), tokens and cost, then regressions, improvements and
// flips against the baseline.
// `quiet` leaves out the lines of tests that passed.
void printEvalText(QTextStream &out, const run::EvalRunResult &result, int repeat, bool quiet);

// {"runId", "sets": [{"file", "tests", "columns": [{..., "cells": [{"test", "outcome",
// "samples": [...]}]}], "comparisons"}], "summary"}.
nlohmann::ordered_json evalJson(const run::EvalRunResult &result);

// One <testsuite> per eval set x column, one <testcase> per test; a failed, flipping or
// erroring test carries <failure> (or <error>) with the assertion's reason.
QByteArray evalJunit(const run::EvalRunResult &result);

} // namespace psm::cli
