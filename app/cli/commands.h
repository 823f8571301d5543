// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "app/cli/clicontext.h"

#include <QList>
#include <QString>

namespace psm::cli {

struct Command {
    QString name;
    QString summary; // one line for `promptsmith --help`
    int (*run)(CliContext &context);
};

// Every subcommand, in the order `--help` lists them. Each lives in its own cmd_NAME.cpp.
const QList<Command> &commands();

int cmdVersion(CliContext &context);
int cmdInit(CliContext &context);
int cmdStatus(CliContext &context);
int cmdLog(CliContext &context);
int cmdShow(CliContext &context);
int cmdDiff(CliContext &context);
int cmdCommit(CliContext &context);
int cmdTag(CliContext &context);
int cmdHook(CliContext &context);
int cmdLedger(CliContext &context);
int cmdCost(CliContext &context);
int cmdRender(CliContext &context);
int cmdRun(CliContext &context);
int cmdCompare(CliContext &context);
int cmdEval(CliContext &context);
int cmdPrices(CliContext &context);
int cmdGui(CliContext &context);
int cmdCompletions(CliContext &context);

} // namespace psm::cli
