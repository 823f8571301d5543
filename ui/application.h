// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

namespace psm::ui {

// Creates the QApplication and the main window, opens the workspace (from --workspace, the last
// one used, or a fresh copy of the samples on first start) and runs the event loop.
int runApplication(int argc, char **argv);

} // namespace psm::ui
