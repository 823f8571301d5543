// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/workspace/draftstore.h"

#include "core/workspace/atomicwrite.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <algorithm>

namespace psm::core {
namespace {

QString normalisedRoot(const QString &root)
{
    return QDir::cleanPath(QDir::fromNativeSeparators(root));
}

// One file per (workspace, path), named by a hash so any path maps to a safe file name.
QString fileNameFor(const QString &workspaceRoot, const QString &path)
{
    const QByteArray key = normalisedRoot(workspaceRoot).toUtf8() + '\0' + path.toUtf8();
    return QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha1).toHex())
        + QStringLiteral(".json");
}

} // namespace

DraftStore::DraftStore(QString dir)
    : m_dir(dir.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                + QStringLiteral("/drafts")
                          : std::move(dir))
{
}

Status DraftStore::save(const Draft &draft)
{
    if (draft.workspaceRoot.isEmpty() || draft.path.isEmpty())
        return fail(
            ErrorCode::InvalidInput, QStringLiteral("A draft needs a workspace and a path"));
    QJsonObject object;
    object.insert(QStringLiteral("workspaceRoot"), normalisedRoot(draft.workspaceRoot));
    object.insert(QStringLiteral("path"), draft.path);
    object.insert(QStringLiteral("text"), draft.text);
    object.insert(QStringLiteral("baseSha"), QString::fromLatin1(draft.baseSha.toHex()));
    const QDateTime savedAt
        = draft.savedAt.isValid() ? draft.savedAt : QDateTime::currentDateTimeUtc();
    object.insert(QStringLiteral("savedAt"), savedAt.toUTC().toString(Qt::ISODateWithMs));
    return writeFileAtomically(
        m_dir + QLatin1Char('/') + fileNameFor(draft.workspaceRoot, draft.path),
        QJsonDocument(object).toJson(QJsonDocument::Indented));
}

Result<QList<Draft>> DraftStore::drafts(const QString &workspaceRoot) const
{
    const QString root = normalisedRoot(workspaceRoot);
    QList<Draft> result;
    const QDir dir(m_dir);
    if (!dir.exists())
        return result;
    const QStringList files = dir.entryList({ QStringLiteral("*.json") }, QDir::Files);
    for (const QString &name : files) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            continue; // vanished or unreadable: another instance may be discarding it
        QJsonParseError error {};
        const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
        if (error.error != QJsonParseError::NoError || !document.isObject())
            continue; // a torn or foreign file is not a draft; leave it for a human
        const QJsonObject object = document.object();
        if (object.value(QStringLiteral("workspaceRoot")).toString() != root)
            continue;
        Draft draft;
        draft.workspaceRoot = root;
        draft.path = object.value(QStringLiteral("path")).toString();
        draft.text = object.value(QStringLiteral("text")).toString();
        draft.baseSha
            = QByteArray::fromHex(object.value(QStringLiteral("baseSha")).toString().toLatin1());
        draft.savedAt = QDateTime::fromString(
            object.value(QStringLiteral("savedAt")).toString(), Qt::ISODateWithMs);
        if (!draft.path.isEmpty())
            result.append(draft);
    }
    std::sort(result.begin(), result.end(),
        [](const Draft &a, const Draft &b) { return a.path < b.path; });
    return result;
}

Status DraftStore::discard(const QString &workspaceRoot, const QString &path)
{
    QFile file(m_dir + QLatin1Char('/') + fileNameFor(workspaceRoot, path));
    if (file.exists() && !file.remove())
        return fail(ErrorCode::Io, QStringLiteral("Cannot remove the draft of %1").arg(path),
            file.errorString());
    return {};
}

} // namespace psm::core
