// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/workspace/atomicwrite.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace psm::core {

Status writeFileAtomically(const QString &path, const QByteArray &bytes)
{
    const QFileInfo info(path);
    if (info.isDir())
        return fail(ErrorCode::InvalidInput, QStringLiteral("%1 is a folder").arg(path));
    if (!QDir().mkpath(info.absolutePath()))
        return fail(
            ErrorCode::Io, QStringLiteral("Cannot create the folder %1").arg(info.absolutePath()));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(ErrorCode::Io, QStringLiteral("Cannot write %1").arg(path), file.errorString());
    if (file.write(bytes) != bytes.size()) {
        const QString detail = file.errorString();
        file.cancelWriting();
        return fail(ErrorCode::Io, QStringLiteral("Cannot write %1").arg(path), detail);
    }
    if (!file.commit())
        return fail(ErrorCode::Io, QStringLiteral("Cannot save %1").arg(path), file.errorString());
    return {};
}

} // namespace psm::core
