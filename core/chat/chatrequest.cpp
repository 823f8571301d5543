// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/chat/chatrequest.h"

namespace psm::core {

QString roleName(Role role)
{
    switch (role) {
    case Role::System:
        return QStringLiteral("system");
    case Role::User:
        return QStringLiteral("user");
    case Role::Model:
        return QStringLiteral("model");
    case Role::Tool:
        return QStringLiteral("tool");
    }
    return {};
}

std::optional<Role> roleFromName(const QString &name)
{
    if (name == QLatin1String("system"))
        return Role::System;
    if (name == QLatin1String("user"))
        return Role::User;
    if (name == QLatin1String("model") || name == QLatin1String("assistant"))
        return Role::Model;
    if (name == QLatin1String("tool"))
        return Role::Tool;
    return std::nullopt;
}

Part Part::fromText(QString text)
{
    Part part;
    part.text = std::move(text);
    return part;
}

Part Part::fromMedia(QString url, QString contentType)
{
    Part part;
    part.kind = Kind::Media;
    part.url = std::move(url);
    part.contentType = std::move(contentType);
    return part;
}

Part Part::toolRequest(QString ref, QString name, nlohmann::ordered_json input)
{
    Part part;
    part.kind = Kind::ToolRequest;
    part.toolRef = std::move(ref);
    part.toolName = std::move(name);
    part.toolData = std::move(input);
    return part;
}

Part Part::toolResponse(QString ref, QString name, nlohmann::ordered_json output)
{
    Part part = toolRequest(std::move(ref), std::move(name), std::move(output));
    part.kind = Kind::ToolResponse;
    return part;
}

QString Message::text() const
{
    QString joined;
    for (const Part &part : parts) {
        if (part.kind == Part::Kind::Text)
            joined += part.text;
    }
    return joined;
}

Message Message::fromText(Role role, QString text)
{
    return Message { role, { Part::fromText(std::move(text)) } };
}

} // namespace psm::core
