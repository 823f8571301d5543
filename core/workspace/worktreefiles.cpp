// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/workspace/worktreefiles.h"

#include "core/workspace/atomicwrite.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace psm::core {
namespace {

constexpr int kMaxLinkHops = 40; // as Linux's ELOOP limit

// The path with every symbolic link followed. Unlike canonicalFilePath() this also works when
// the last components do not exist yet (a file about to be created) or name a dangling link,
// whose target is where a write would land.
Result<QString> followLinks(const QString &path)
{
    QString current = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    QStringList missing; // trailing components that do not exist, outermost last
    for (int hops = 0; hops <= kMaxLinkHops;) {
        const QFileInfo info(current);
        if (info.exists()) {
            const QString canonical = info.canonicalFilePath();
            if (canonical.isEmpty())
                break;
            if (missing.isEmpty())
                return canonical;
            return QDir::cleanPath(canonical + QLatin1Char('/') + missing.join(QLatin1Char('/')));
        }
        if (info.isSymLink()) {
            current = QDir::cleanPath(info.symLinkTarget());
            ++hops;
            continue;
        }
        if (info.isRoot() || info.fileName().isEmpty())
            break;
        missing.prepend(info.fileName());
        current = info.absolutePath();
    }
    return fail(ErrorCode::InvalidInput,
        QStringLiteral("Cannot resolve %1: too many symbolic links, or a loop").arg(path));
}

bool isUnder(const QString &path, const QString &folder)
{
    return path == folder || path.startsWith(folder + QLatin1Char('/'));
}

} // namespace

Result<QString> realPathInWorkTree(const QString &root, const QString &path)
{
    const QString realRoot = QFileInfo(root).canonicalFilePath();
    if (realRoot.isEmpty())
        return fail(ErrorCode::NotFound,
            QStringLiteral("The workspace folder %1 does not exist").arg(root));
    const QString full = QDir::isAbsolutePath(path)
        ? QDir::cleanPath(path)
        : QDir::cleanPath(root + QLatin1Char('/') + path);
    Result<QString> real = followLinks(full);
    if (!real)
        return real;
    const QString gitDir = realRoot + QStringLiteral("/.git");
    if (real->startsWith(realRoot + QLatin1Char('/')) && !isUnder(*real, gitDir))
        return real;

    // Say which path was refused and where it leads, so the user can find the link.
    const QString cleanRoot = QDir::cleanPath(root);
    const QString shown
        = isUnder(full, cleanRoot) && full != cleanRoot ? full.mid(cleanRoot.size() + 1) : full;
    const QFileInfo link(full);
    const QString via = link.isSymLink()
        ? QStringLiteral(" (a symbolic link to %1)").arg(link.symLinkTarget())
        : full != *real ? QStringLiteral(" (through a symbolic link)")
                        : QString();
    if (isUnder(*real, gitDir))
        return fail(ErrorCode::InvalidInput,
            QStringLiteral("%1 leads to %2%3, inside the repository's .git folder; Promptsmith "
                           "does not read or write git's own files")
                .arg(shown, *real, via));
    return fail(ErrorCode::InvalidInput,
        QStringLiteral("%1 leads to %2%3, outside the workspace %4; Promptsmith reads and "
                       "writes only files inside the workspace")
            .arg(shown, *real, via, realRoot));
}

Result<QByteArray> readWorkTreeFile(const QString &root, const QString &path)
{
    const Result<QString> real = realPathInWorkTree(root, path);
    if (!real)
        return tl::unexpected(real.error());
    const QFileInfo info(*real);
    if (!info.exists())
        return fail(ErrorCode::NotFound, QStringLiteral("%1 does not exist").arg(path));
    // A FIFO or device inside the tree would block or never end.
    if (!info.isFile())
        return fail(ErrorCode::InvalidInput, QStringLiteral("%1 is not a regular file").arg(path));
    QFile file(*real);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, QStringLiteral("Cannot read %1").arg(path), file.errorString());
    return file.readAll();
}

Status writeWorkTreeFile(const QString &root, const QString &path, const QByteArray &bytes)
{
    const Result<QString> real = realPathInWorkTree(root, path);
    if (!real)
        return tl::unexpected(real.error());
    return writeFileAtomically(*real, bytes);
}

} // namespace psm::core
