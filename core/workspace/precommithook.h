// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"

#include <QByteArray>
#include <QString>

// Promptsmith's git pre-commit hook: a small sh script that runs `promptsmith eval --gate
// --staged` and passes its exit code to git, so a commit whose staged prompts regress (1), whose
// eval file is broken (2) or whose eval run failed (3) is stopped. Installed in the hooks
// folder git really uses (githooks.h). A hook someone else wrote is never overwritten: install
// refuses unless asked to chain it (moved aside, run first, the commit stops if it fails) or to
// replace it (moved aside, not run); either way uninstall puts it back.
namespace psm::core {

enum class ExistingHook {
    Refuse, // a pre-commit hook that is not ours: Conflict, nothing changed
    Chain, // keep it as pre-commit.promptsmith-chained; ours runs it first
    Replace, // keep it as pre-commit.promptsmith-replaced; it no longer runs
};

struct HookInstall {
    QString hookPath; // absolute
    QString movedAside; // where the previous hook went; empty when there was none
    bool reinstalled = false; // ours was already there and has been rewritten
};

struct HookRemoval {
    QString hookPath;
    QString restored; // the hook moved back into place; empty when none
    bool removed = false; // false: there was no hook of ours
};

// Writes the hook (mode 0755) into the hooks folder of the repository containing
// `repositoryPath`. `binary` is the absolute path of the promptsmith to run; the script falls
// back to `promptsmith` on PATH when that file is gone. Re-installing over our own hook
// rewrites it (idempotent). Conflict, naming the hook and the way out, for a foreign hook with
// ExistingHook::Refuse, or when the name to move it to is taken.
Result<HookInstall> installPreCommitHook(const QString &repositoryPath, const QString &binary,
    ExistingHook existing = ExistingHook::Refuse);

// Removes our hook and moves back the one it chained or replaced. A foreign hook is left
// alone (Conflict); no hook at all is not an error (removed = false).
Result<HookRemoval> uninstallPreCommitHook(const QString &repositoryPath);

// The script itself, and whether a hook file's bytes are ours (by its marker line).
QByteArray preCommitHookScript(const QString &binary);
bool isPromptsmithHook(const QByteArray &script);

} // namespace psm::core
