// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

namespace psm::ui {

// Creates the QApplication and the main window, opens the workspace (from --workspace, the last
// one used, or a fresh copy of the samples on first start) and runs the event loop.
int runApplication(int argc, char **argv);

// With PSM_REPORT_FIRST_PAINT=1 in the environment, prints "psm-startup WHAT NANOSECONDS" on
// stderr (CLOCK_MONOTONIC, comparable across processes) for tests/bench/bench_startup. The
// marks "first-paint" and "workspace-painted" are taken when that frame is fully painted.
// No-op otherwise.
void reportStartupMark(const char *what);

} // namespace psm::ui
