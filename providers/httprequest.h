// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>
#include <vector>

namespace psm::providers {

// One HTTP request as a provider builds it, before the transport sends it. `secrets` lists the
// key material it carries so every dump, log line and stored body can be scrubbed of it.
struct HttpRequest {
    QByteArray method = QByteArrayLiteral("POST");
    QByteArray url;
    std::vector<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QList<QByteArray> secrets;

    void addHeader(QByteArray name, QByteArray value)
    {
        headers.emplace_back(std::move(name), std::move(value));
    }
};

// Replaces every occurrence of each secret in `data` with "[REDACTED]".
QByteArray scrubSecrets(QByteArray data, const QList<QByteArray> &secrets);

// A human-readable dump (method, URL, headers, body) with the key removed: credential headers
// (Authorization, x-api-key, api-key, x-goog-api-key, ...) are masked whatever they hold, and
// the secrets are scrubbed from URL, other headers and body.
QString redactedRequestDump(const HttpRequest &request);

} // namespace psm::providers
