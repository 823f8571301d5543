// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once
// Shared by the workspace subcommands (init, status, log, show, diff, commit, tag): option
// parsing with --help, path resolution and the JSON shapes they print.

#include "app/cli/clicontext.h"
#include "core/workspace/workspace.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QJsonValue>

#include <optional>

namespace psm::cli {

// Parses context.args. Returns an exit code when the command should stop there: ExitOk after
// printing --help (with `usage` as its first line), ExitUsage after printing a parse error.
// In describe mode (context.describe set) it records the options, `usage` and the description
// there and returns ExitOk without parsing, so the command runs nothing.
std::optional<int> parseArguments(
    CliContext &context, QCommandLineParser &parser, const QString &usage);

// A path typed by the user: relative to the current directory when that lies inside the
// workspace (as git does), else relative to the workspace root.
QString workspacePath(const core::Workspace &workspace, const QString &typed);

QString changeName(core::ChangeKind change); // "modified", "untracked", ...

QJsonObject toJson(const core::FileStatus &status);
QJsonObject toJson(const core::CommitInfo &commit);
QJsonObject toJson(const core::TagInfo &tag);
QJsonObject toJson(const core::FileDiff &diff);

// One JSON document on stdout, indented, with a final newline.
void printJson(CliContext &context, const QJsonValue &value);

// Whether a run engine's note goes to stderr: ledger and promptsmith.yaml problems always,
// the rest (where a key came from, ...) only with --verbose.
bool engineNoteShown(const QString &note, bool verbose);

} // namespace psm::cli
