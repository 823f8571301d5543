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

// True when argv names a subcommand or a CLI-only option, so no display is needed.
bool wantsCli(int argc, char **argv);

// Creates a QCoreApplication, dispatches to the subcommand and returns its exit code.
int run(int argc, char **argv);

} // namespace psm::cli
