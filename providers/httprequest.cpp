// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "providers/httprequest.h"

namespace psm::providers {
namespace {

bool isCredentialHeader(const QByteArray &name)
{
    const QByteArray lower = name.toLower();
    return lower == "authorization" || lower == "proxy-authorization" || lower == "x-api-key"
        || lower == "api-key" || lower == "x-goog-api-key" || lower == "cookie"
        || lower.contains("token") || lower.contains("secret");
}

} // namespace

QByteArray scrubSecrets(QByteArray data, const QList<QByteArray> &secrets)
{
    static const QByteArray kMask = QByteArrayLiteral("[REDACTED]");
    for (const QByteArray &secret : secrets) {
        // A one- or two-byte "secret" would shred the text and protect nothing.
        if (secret.size() >= 4)
            data.replace(secret, kMask);
    }
    return data;
}

QString redactedRequestDump(const HttpRequest &request)
{
    QByteArray dump = request.method + ' ' + scrubSecrets(request.url, request.secrets) + '\n';
    for (const auto &[name, value] : request.headers) {
        dump += name + ": ";
        dump += isCredentialHeader(name) ? QByteArrayLiteral("[REDACTED]")
                                         : scrubSecrets(value, request.secrets);
        dump += '\n';
    }
    dump += '\n';
    dump += scrubSecrets(request.body, request.secrets);
    return QString::fromUtf8(dump);
}

} // namespace psm::providers
