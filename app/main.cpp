// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// One binary: with a command (known or not) or --help/--version it is the headless CLI and never
// touches a display; with no command, or `gui`, it opens the window.
#include "app/cli/cli.h"
#include "ui/application.h"

int main(int argc, char **argv)
{
    psm::ui::reportStartupMark("main");
    if (psm::cli::wantsCli(argc, argv))
        return psm::cli::run(argc, argv);
    return psm::ui::runApplication(psm::cli::dropGuiCommand(argc, argv), argv);
}
