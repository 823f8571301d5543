// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/workspace/precommithook.h"

#include "core/workspace/atomicwrite.h"
#include "core/workspace/githooks.h"

#include <QFile>
#include <QFileInfo>

namespace psm::core {
namespace {

const QByteArray kMarker = "# promptsmith-hook: pre-commit";
const QString kChained = QStringLiteral("pre-commit.promptsmith-chained");
const QString kReplaced = QStringLiteral("pre-commit.promptsmith-replaced");

// A single-quoted sh word: nothing inside is expanded; a quote is closed, escaped, reopened.
QByteArray shellQuoted(const QString &text)
{
    QByteArray quoted = text.toUtf8();
    quoted.replace('\'', "'\\''");
    return '\'' + quoted + '\'';
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool exists(const QString &path)
{
    const QFileInfo info(path);
    return info.exists() || info.isSymLink(); // a dangling link is a hook git would try too
}

Status moveAside(const QString &from, const QString &to)
{
    if (!QFile::rename(from, to))
        return fail(ErrorCode::Io, QStringLiteral("Cannot move %1 to %2").arg(from, to));
    return {};
}

} // namespace

QByteArray preCommitHookScript(const QString &binary)
{
    QByteArray script = "#!/bin/sh\n" + kMarker + "\n" +
        R"(# Written by `promptsmith hook install`; `promptsmith hook uninstall` removes it.
# Runs the eval sets that cover the staged prompts against HEAD and stops the commit when
# they regressed (exit 1), an eval file is broken (2) or the run failed (3). Skip it once
# with `git commit --no-verify`.

# The hook that was here before, when installed with --chain: it runs first, as it did.
chained="$(dirname "$0")/pre-commit.promptsmith-chained"
if [ -x "$chained" ]; then
    "$chained" "$@" || exit $?
fi

installed=@BINARY@
promptsmith="$installed"
if [ ! -x "$promptsmith" ]; then
    # Moved or uninstalled since this hook was written: the one on PATH will do.
    promptsmith=$(command -v promptsmith) || {
        echo "pre-commit: promptsmith is neither at $installed nor on PATH; install it, or" \
             "remove this hook with 'promptsmith hook uninstall'" >&2
        exit 127
    }
fi
exec "$promptsmith" eval --gate --staged
)";
    script.replace("@BINARY@", shellQuoted(binary));
    return script;
}

bool isPromptsmithHook(const QByteArray &script)
{
    return script.startsWith("#!") && script.contains("\n" + kMarker + "\n");
}

Result<HookInstall> installPreCommitHook(
    const QString &repositoryPath, const QString &binary, ExistingHook existing)
{
    const auto dir = hooksDirectory(repositoryPath);
    if (!dir)
        return tl::unexpected(dir.error());
    HookInstall result;
    result.hookPath = *dir + QStringLiteral("/pre-commit");
    if (exists(result.hookPath)) {
        if (isPromptsmithHook(readAll(result.hookPath))) {
            result.reinstalled = true;
        } else if (existing == ExistingHook::Refuse) {
            return fail(ErrorCode::Conflict,
                QStringLiteral("%1 already exists and is not Promptsmith's; it was left as it "
                               "is. Install with --chain to keep it and run it before the eval "
                               "gate, or with --force to set it aside (kept as %2, restored by "
                               "`promptsmith hook uninstall`)")
                    .arg(result.hookPath, kReplaced));
        } else {
            const QString aside
                = *dir + u'/' + (existing == ExistingHook::Chain ? kChained : kReplaced);
            if (exists(aside))
                return fail(ErrorCode::Conflict,
                    QStringLiteral("Cannot keep %1 as %2: that file exists already; move one of "
                                   "them away first")
                        .arg(result.hookPath, aside));
            if (Status moved = moveAside(result.hookPath, aside); !moved)
                return tl::unexpected(moved.error());
            result.movedAside = aside;
        }
    }
    const auto restoreAside = [&] {
        if (!result.movedAside.isEmpty())
            QFile::rename(result.movedAside, result.hookPath);
    };
    if (Status written = writeFileAtomically(result.hookPath, preCommitHookScript(binary));
        !written) {
        restoreAside();
        return tl::unexpected(written.error());
    }
    const auto executable = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner
        | QFile::ReadGroup | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther;
    if (!QFile::setPermissions(result.hookPath, executable)) {
        QFile::remove(result.hookPath);
        restoreAside();
        return fail(
            ErrorCode::Io, QStringLiteral("Cannot make %1 executable").arg(result.hookPath));
    }
    return result;
}

Result<HookRemoval> uninstallPreCommitHook(const QString &repositoryPath)
{
    const auto dir = hooksDirectory(repositoryPath);
    if (!dir)
        return tl::unexpected(dir.error());
    HookRemoval result;
    result.hookPath = *dir + QStringLiteral("/pre-commit");
    if (!exists(result.hookPath))
        return result;
    if (!isPromptsmithHook(readAll(result.hookPath)))
        return fail(ErrorCode::Conflict,
            QStringLiteral("%1 is not Promptsmith's hook; it was left as it is")
                .arg(result.hookPath));
    if (!QFile::remove(result.hookPath))
        return fail(ErrorCode::Io, QStringLiteral("Cannot remove %1").arg(result.hookPath));
    result.removed = true;
    for (const QString &name : { kChained, kReplaced }) {
        const QString aside = *dir + u'/' + name;
        if (!exists(aside))
            continue;
        if (Status moved = moveAside(aside, result.hookPath); !moved)
            return tl::unexpected(moved.error());
        result.restored = aside;
        break;
    }
    return result;
}

} // namespace psm::core
