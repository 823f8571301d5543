// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "app/cli/commanddescription.h"

namespace psm::cli {

// promptsmith(1) in roff (man macros), generated from the command table.
QString manPage(const QList<CommandDescription> &table, const QString &version);

} // namespace psm::cli
