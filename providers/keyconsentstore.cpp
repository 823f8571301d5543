// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "providers/keyconsentstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

#include <nlohmann/json.hpp>

namespace psm::providers {
namespace {

using Json = nlohmann::json;

Json readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Json::array();
    const QByteArray bytes = file.readAll();
    Json list = Json::parse(bytes.constData(), bytes.constData() + bytes.size(), nullptr, false);
    return list.is_array() ? list : Json::array();
}

Json entry(const QString &workspace, const QString &host, const QString &origin)
{
    return Json { { "workspace", QDir::cleanPath(workspace).toStdString() },
        { "host", host.toLower().toStdString() }, { "key", origin.toStdString() } };
}

} // namespace

KeyConsentStore::KeyConsentStore(QString path)
    : m_path(path.isEmpty()
            ? QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
                  .filePath(QStringLiteral("key-consent.json"))
            : std::move(path))
{
}

bool KeyConsentStore::isAllowed(
    const QString &workspace, const QString &host, const QString &origin) const
{
    const Json wanted = entry(workspace, host, origin);
    for (const Json &e : readAll(m_path))
        if (e == wanted)
            return true;
    return false;
}

core::Status KeyConsentStore::allow(
    const QString &workspace, const QString &host, const QString &origin)
{
    if (isAllowed(workspace, host, origin))
        return {};
    Json list = readAll(m_path);
    list.push_back(entry(workspace, host, origin));
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);
    const std::string text = list.dump(2) + "\n";
    if (!file.open(QIODevice::WriteOnly) || file.write(text.data(), qint64(text.size())) < 0
        || !file.commit())
        return core::fail(core::ErrorCode::Io, QStringLiteral("cannot remember the consent"),
            m_path + QStringLiteral(": ") + file.errorString());
    return {};
}

} // namespace psm::providers
