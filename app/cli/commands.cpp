// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "app/cli/commands.h"

namespace psm::cli {

const QList<Command> &commands()
{
    static const QList<Command> list = {
        {QStringLiteral("version"), QStringLiteral("Print the version"), &cmdVersion},
        {QStringLiteral("render"), QStringLiteral("Render a .prompt file into messages"),
         &cmdRender},
    };
    return list;
}

} // namespace psm::cli
