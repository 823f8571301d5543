// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "providers/wireutil.h"

namespace psm::providers::wire {

std::optional<DataUrl> parseDataUrl(const QString &url)
{
    if (!url.startsWith(QLatin1String("data:")))
        return std::nullopt;
    const qsizetype comma = url.indexOf(QLatin1Char(','));
    if (comma < 0)
        return std::nullopt;
    const QString meta = url.mid(5, comma - 5);
    if (!meta.endsWith(QLatin1String(";base64")))
        return std::nullopt;
    return DataUrl { meta.chopped(7), url.mid(comma + 1).toLatin1() };
}

void mergeExtra(json::Json &body, const json::Json &extra)
{
    if (!extra.is_object())
        return;
    for (auto it = extra.begin(); it != extra.end(); ++it)
        body[it.key()] = it.value();
}

void addCommonHeaders(HttpRequest &request, const ProviderSettings &settings, bool stream)
{
    request.addHeader("Content-Type", "application/json");
    request.addHeader("Accept", stream ? "text/event-stream" : "application/json");
    for (const auto &[name, value] : settings.headers)
        request.addHeader(name.toUtf8(), value.toUtf8());
}

core::Status requireBaseUrl(const ProviderSettings &settings)
{
    if (settings.baseUrl.isEmpty())
        return core::fail(core::ErrorCode::InvalidInput,
            QStringLiteral("provider '%1' has no base_url").arg(settings.name));
    return {};
}

std::string toolOutputText(const json::Json &output)
{
    if (output.is_string())
        return output.get<std::string>();
    return output.dump(-1, ' ', false, json::Json::error_handler_t::replace);
}

} // namespace psm::providers::wire
