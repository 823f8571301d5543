// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// One binary: with a subcommand (or --help/--version) it is the headless CLI and never touches a
// display; with no arguments, or only GUI options, it opens the window.
#include "app/cli/cli.h"
#include "ui/application.h"

int main(int argc, char **argv)
{
    if (psm::cli::wantsCli(argc, argv))
        return psm::cli::run(argc, argv);
    return psm::ui::runApplication(argc, argv);
}
