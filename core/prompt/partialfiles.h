// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/prompt/promptengine.h"

#include <QString>

namespace psm::core {

// The workspace a prompt file belongs to: the nearest folder upwards that holds `.git`, else
// the file's own folder. Plain file-system walk (no libgit2), usable from any thread.
QString workspaceRootFor(const QString &promptPath);

// Resolves `{{> name}}` (and `{{> dir/name}}`) to `_name.prompt` files: first next to the
// prompt, then in the workspace's `prompts/` folder. The partial's file name (relative to the
// workspace when inside it) is reported in errors. Absolute names, names with '..' and files
// whose symbolic links lead outside the work tree are refused with a reason (see
// worktreefiles.h), so no file outside the workspace reaches a prompt.
PromptEngine::PartialResolver partialFileResolver(const QString &promptPath,
                                                  const QString &workspaceRoot);

// input.default from the prompt's front matter as Dotprompt render options
// ({"input": {"default": ...}}), or an empty object when it has none.
nlohmann::ordered_json frontMatterDefaults(const PromptFile &prompt);

} // namespace psm::core
