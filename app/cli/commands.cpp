// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "app/cli/commands.h"

namespace psm::cli {

const QList<Command> &commands()
{
    static const QList<Command> list = {
        {QStringLiteral("init"), QStringLiteral("Create a workspace (git repository)"), &cmdInit},
        {QStringLiteral("status"), QStringLiteral("List changed files"), &cmdStatus},
        {QStringLiteral("log"), QStringLiteral("List the commits of one file"), &cmdLog},
        {QStringLiteral("show"), QStringLiteral("Print a file at a revision"), &cmdShow},
        {QStringLiteral("diff"), QStringLiteral("Diff revisions or the working copy"), &cmdDiff},
        {QStringLiteral("commit"), QStringLiteral("Commit selected files"), &cmdCommit},
        {QStringLiteral("tag"), QStringLiteral("Create, list or delete release tags"), &cmdTag},
        {QStringLiteral("hook"),
         QStringLiteral("Install or remove the pre-commit hook that gates on eval sets"),
         &cmdHook},
        {QStringLiteral("render"), QStringLiteral("Render a .prompt file into messages"),
         &cmdRender},
        {QStringLiteral("run"), QStringLiteral("Run a prompt against a model and record the call"),
         &cmdRun},
        {QStringLiteral("compare"),
         QStringLiteral("Run a prompt as a grid of models, parameters and revisions"),
         &cmdCompare},
        {QStringLiteral("eval"),
         QStringLiteral("Run eval sets against the prompts, compare with a baseline"), &cmdEval},
        {QStringLiteral("prices"), QStringLiteral("Import or show model prices"), &cmdPrices},
        {QStringLiteral("ledger"), QStringLiteral("List recorded provider calls"), &cmdLedger},
        {QStringLiteral("cost"), QStringLiteral("Sum call costs by model, prompt or day"),
         &cmdCost},
        {QStringLiteral("gui"), QStringLiteral("Open the window (also with no command)"),
         &cmdGui},
        {QStringLiteral("completions"),
         QStringLiteral("Print shell completions (bash, zsh, fish) or the man page"),
         &cmdCompletions},
        {QStringLiteral("version"), QStringLiteral("Print the version"), &cmdVersion},
    };
    return list;
}

} // namespace psm::cli
