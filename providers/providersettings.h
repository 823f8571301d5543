// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QString>

#include <utility>
#include <vector>

namespace psm::providers {

// How hard the transport tries for one provider. Times in milliseconds; 0 disables a limit.
struct TransportPolicy {
    static constexpr qint64 kMegabyte = 1024 * 1024;

    qint64 connectTimeoutMs = 15'000;
    qint64 firstByteTimeoutMs = 120'000; // reasoning models can think for a while
    qint64 idleTimeoutMs = 60'000; // longest silence inside a started answer
    qint64 totalTimeoutMs = 600'000; // the whole call, retries included
    int maxRetries = 3; // attempts = 1 + maxRetries
    qint64 backoffBaseMs = 500; // delay before retry n = base * 2^(n-1), jittered
    qint64 backoffMaxMs = 30'000;
    qint64 maxRetryAfterMs = 60'000; // a longer Retry-After ends the call instead
    // The most one attempt may receive (body, stream, or error page), so a runaway or hostile
    // server cannot fill memory and the ledger: a long streamed answer is a few MB of SSE, a
    // 128k-token one about 30 MB. `max_response_mb` in promptsmith.yaml; 0: no limit.
    qint64 maxResponseBytes = 64 * kMegabyte;
};

// One entry of the `providers:` section of promptsmith.yaml (or a built-in default).
// It never holds the key itself: keys come from the KeyStore when a call starts.
struct ProviderSettings {
    QString name; // the reference prefix: `NAME/model`
    QString type; // openai, azure, anthropic, gemini, ollama, echo
    QString baseUrl; // without trailing slash; openai-style URLs include /v1
    QString apiKeyEnv; // environment variable consulted when the keychain has no key
    QString apiVersion; // Azure's api-version; Anthropic's anthropic-version
    int maxConcurrency = 4;
    std::vector<std::pair<QString, QString>> headers;
    TransportPolicy policy;

    // The built-in entry for a provider type (openai, anthropic, gemini, ollama, echo, azure),
    // or an entry with empty type when `type` is not one we know.
    static ProviderSettings builtin(const QString &type);
    static bool isKnownType(const QString &type);
};

} // namespace psm::providers
