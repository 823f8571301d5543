// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "app/cli/commands.h"

#include <QCoreApplication>

namespace psm::cli {

int cmdVersion(CliContext &context)
{
    context.out << QCoreApplication::applicationName() << QLatin1Char(' ')
                << QCoreApplication::applicationVersion() << Qt::endl;
    return ExitOk;
}

} // namespace psm::cli
