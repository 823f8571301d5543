// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once
// Shell completion scripts generated from the command table. The scripts are static: model
// names and prompt paths, which depend on the workspace, come from calling the binary back
// (`promptsmith completions --list-models` / `--list-prompts`) at completion time.

#include "app/cli/commanddescription.h"

namespace psm::cli {

// What a value (an option's or a positional argument's) completes to.
enum class ValueKind { None, Model, Prompt, File, Directory, Choice };
ValueKind valueKind(const QString &valueName); // "provider/model" -> Model, "DIR" -> Directory ...

QString bashCompletion(const QList<CommandDescription> &table);
QString zshCompletion(const QList<CommandDescription> &table);
QString fishCompletion(const QList<CommandDescription> &table);

} // namespace psm::cli
