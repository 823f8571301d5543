// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

namespace psm::core {

// Sets the organisation and application names on the QCoreApplication. The GUI and the CLI must
// call this same function: QStandardPaths derives the app-data folder (ledger, drafts, imported
// prices) from these names, and both must find the same files.
void setApplicationIdentity();

} // namespace psm::core
