// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "app/cli/cli.h"
#include "core/common/result.h"

#include <QString>
#include <QStringList>
#include <QTextStream>

namespace psm::core {
class Workspace;
}

namespace psm::cli {

struct CommandDescription;

// What a subcommand gets: its own arguments (after the subcommand name), the global options
// and the output streams. Commands print results to `out`, diagnostics to `err`, and return
// an ExitCode; they never call exit().
struct CliContext {
    QStringList args;         // argv[0] is "promptsmith SUBCOMMAND", for QCommandLineParser
    QString workspaceOption;  // --workspace DIR, empty when not given
    QTextStream &out;
    QTextStream &err;
    // Describe mode (completions, man page): when set, parseArguments() records the command's
    // options here and stops the command before it runs.
    CommandDescription *describe = nullptr;

    // --workspace when given, else the git repository containing the current directory.
    core::Result<core::Workspace> openWorkspace() const;

    // Prints "promptsmith: <error>" to err and returns the exit code its ErrorCode maps to.
    int report(const core::Error &error) const;
    int usageError(const QString &message) const;
};

int exitCodeFor(core::ErrorCode code);

} // namespace psm::cli
