// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/workspace/githooks.h"

#include "core/workspace/githandles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace psm::core {

Result<QString> hooksDirectory(const QString &path)
{
    git::ensureInitialised();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    git_repository *rawRepo = nullptr;
    const int rc
        = git_repository_open_ext(&rawRepo, QFile::encodeName(absolute).constData(), 0, nullptr);
    if (rc == GIT_ENOTFOUND)
        return fail(
            ErrorCode::NotFound, QStringLiteral("No git repository at or above %1").arg(absolute));
    if (rc != 0)
        return git::failGit(QStringLiteral("Cannot open the git repository at %1").arg(absolute));
    git::Repository repo(rawRepo);

    git_config *rawConfig = nullptr;
    if (git_repository_config_snapshot(&rawConfig, repo.get()) != 0)
        return git::failGit(QStringLiteral("Cannot read the repository's git config"));
    git::Config config(rawConfig);
    git::Buf configured;
    const int found = git_config_get_path(&configured.buf, config.get(), "core.hooksPath");
    if (found != 0 && found != GIT_ENOTFOUND)
        return git::failGit(QStringLiteral("Cannot read core.hooksPath"));
    git_error_clear();
    if (found == 0 && configured.buf.size > 0) {
        const QString hooks = QFile::decodeName(configured.bytes());
        if (QDir::isAbsolutePath(hooks))
            return QDir::cleanPath(hooks);
        // A bare repository has no work tree; git runs its hooks in the git directory.
        const char *base = git_repository_workdir(repo.get());
        if (!base)
            base = git_repository_path(repo.get());
        return QDir::cleanPath(QFile::decodeName(base) + u'/' + hooks);
    }
    return QDir::cleanPath(
        QFile::decodeName(git_repository_commondir(repo.get())) + QStringLiteral("/hooks"));
}

} // namespace psm::core
