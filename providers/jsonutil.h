// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QByteArray>
#include <QString>

#include <nlohmann/json.hpp>

#include <optional>

// Non-throwing reads of provider JSON, which may lack any field or hold the wrong type.
namespace psm::providers::json {

using Json = nlohmann::ordered_json;

inline Json parse(QByteArrayView bytes)
{
    return Json::parse(bytes.begin(), bytes.end(), nullptr, false);
}

inline const Json *at(const Json &object, const char *key)
{
    if (!object.is_object())
        return nullptr;
    auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

inline QString str(const Json &object, const char *key)
{
    const Json *value = at(object, key);
    return value && value->is_string() ? QString::fromStdString(value->get<std::string>())
                                       : QString();
}

inline std::optional<qint64> integer(const Json &object, const char *key)
{
    const Json *value = at(object, key);
    if (!value || !value->is_number())
        return std::nullopt;
    return value->get<qint64>();
}

inline std::string std8(const QString &text)
{
    return text.toStdString();
}

inline QByteArray bytes(const Json &value)
{
    return QByteArray::fromStdString(value.dump(-1, ' ', false, Json::error_handler_t::replace));
}

} // namespace psm::providers::json
