// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/chat/chatrequest.h"
#include "core/common/result.h"
#include "providers/httprequest.h"
#include "providers/jsonutil.h"
#include "providers/providersettings.h"

// Small pieces every wire format shares: data: URLs, extra-parameter merging, common headers.
namespace psm::providers::wire {

struct DataUrl {
    QString mimeType;
    QByteArray base64;
};

// Splits `data:image/png;base64,AAAA`; nullopt for anything else (an http URL, say).
std::optional<DataUrl> parseDataUrl(const QString &url);

// Copies each key of `extra` into `body`, replacing what the mapping wrote: the user's explicit
// provider-specific setting wins.
void mergeExtra(json::Json &body, const json::Json &extra);

// Content-Type, Accept and the entry's own headers (which may override ours).
void addCommonHeaders(HttpRequest &request, const ProviderSettings &settings, bool stream);

core::Status requireBaseUrl(const ProviderSettings &settings);

// A tool's output as text, for APIs that want a string.
std::string toolOutputText(const json::Json &output);

} // namespace psm::providers::wire
