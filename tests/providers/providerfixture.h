// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "callrecorder.h"
#include "providers/transport.h"
#include "tests/support/testserver/testserver.h"

namespace psm::tests {

// Settings for a provider type pointed at the local test server, with test-sized timeouts.
inline providers::ProviderSettings localSettings(
    const QString &type, const testsupport::TestServer &server)
{
    auto s = providers::ProviderSettings::builtin(type);
    s.baseUrl = server.baseUrl();
    if (type == QLatin1String("openai"))
        s.baseUrl += QStringLiteral("/v1");
    s.maxConcurrency = 8;
    s.policy.connectTimeoutMs = 2000;
    s.policy.firstByteTimeoutMs = 5000;
    s.policy.idleTimeoutMs = 5000;
    s.policy.totalTimeoutMs = 15000;
    s.policy.backoffBaseMs = 10;
    return s;
}

inline core::ChatRequest chatRequest(
    const QString &model, const QString &system, const QString &user, bool stream)
{
    core::ChatRequest r;
    r.model = model;
    r.system = system;
    r.messages.push_back(core::Message::fromText(core::Role::User, user));
    r.stream = stream;
    return r;
}

inline QString describe(const core::ChatResult &r)
{
    return r.error ? r.error->toString() : QStringLiteral("ok");
}

} // namespace psm::tests
