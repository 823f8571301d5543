// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/preview/variablestore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace psm::ui {
namespace {

using Json = nlohmann::ordered_json;

std::string keyFor(const QString &workspaceRoot, const QString &promptPath)
{
    return (QDir::cleanPath(workspaceRoot) + QLatin1Char('|') + promptPath).toStdString();
}

} // namespace

VariableStore::VariableStore(QString filePath)
    : m_filePath(std::move(filePath))
{
    if (m_filePath.isEmpty()) {
        m_filePath = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
            + QStringLiteral("/preview-variables.json");
    }
}

Json VariableStore::readAll() const
{
    QFile file(m_filePath);
    if (!file.open(QIODevice::ReadOnly))
        return Json::object();
    const QByteArray bytes = file.readAll();
    Json all = Json::parse(bytes.constData(), bytes.constData() + bytes.size(), nullptr, false);
    return all.is_object() ? all : Json::object();
}

Json VariableStore::load(const QString &workspaceRoot, const QString &promptPath) const
{
    const Json all = readAll();
    const auto it = all.find(keyFor(workspaceRoot, promptPath));
    return it != all.end() && it->is_object() ? *it : Json::object();
}

bool VariableStore::save(
    const QString &workspaceRoot, const QString &promptPath, const Json &values) const
{
    Json all = readAll();
    const std::string key = keyFor(workspaceRoot, promptPath);
    if (values.empty())
        all.erase(key);
    else
        all[key] = values;
    QDir().mkpath(QFileInfo(m_filePath).absolutePath());
    QSaveFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    // `replace`: dump() throws on bytes that are not UTF-8, and this runs on the GUI thread.
    const std::string text = all.dump(2, ' ', false, Json::error_handler_t::replace) + '\n';
    file.write(text.data(), qint64(text.size()));
    return file.commit();
}

} // namespace psm::ui
