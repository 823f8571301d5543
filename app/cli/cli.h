// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

namespace psm::cli {

// Exit codes, documented in the README and `promptsmith --help`.
enum ExitCode : int {
    ExitOk = 0,
    ExitCheckFailed = 1, // the command ran and a check it makes did not pass
    ExitUsage = 2,       // bad usage or bad input (unknown option, malformed file, unknown rev)
    ExitRuntime = 3,     // it could not do its job (git, disk, network, provider failure)
};

// False only for the window: no command (nothing, or only `--workspace DIR`) or `gui`. Any
// other first word is a command, known or not, and the CLI answers it without a display.
bool wantsCli(int argc, char **argv);

// Removes a `gui` command word from argv, so the window's parser sees only its options.
// Returns the new argc.
int dropGuiCommand(int argc, char **argv);

// Creates a QCoreApplication, dispatches to the subcommand and returns its exit code.
int run(int argc, char **argv);

} // namespace psm::cli
