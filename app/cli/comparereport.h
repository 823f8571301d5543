// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once
// How `promptsmith compare` prints a grid: a readable table (one block per input row, one line
// per column, then the column summaries) or one JSON document with every cell and sample.

#include "run/grid.h"

#include <QTextStream>

#include <nlohmann/json.hpp>

namespace psm::cli {

void printGridTable(QTextStream &out, const run::Grid &grid, const QString &runId);
nlohmann::ordered_json gridJson(const run::Grid &grid, const QString &runId);

} // namespace psm::cli
