// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "providers/provider.h"

namespace psm::providers {

// Offline provider: answers with the rendered prompt itself, uses no tokens and costs nothing.
// The default when nothing is configured, so a fresh workspace runs without keys or network.
class EchoProvider final : public Provider {
public:
    QString type() const override { return QStringLiteral("echo"); }
    bool isOffline() const override { return true; }
    std::vector<core::StreamEvent> answer(const core::ChatRequest &request) const override;

    // The text answer() returns: a lone user message as is; otherwise "role: text" blocks.
    static QString render(const core::ChatRequest &request);

    core::Result<HttpRequest> buildRequest(const core::ChatRequest &request,
        const ProviderSettings &settings, const QString &apiKey) const override;
    std::unique_ptr<StreamDecoder> streamDecoder() const override { return nullptr; }
    core::Result<std::vector<core::StreamEvent>> parseResponse(
        const QByteArray &body) const override;
    QString errorMessage(const QByteArray &) const override { return {}; }
};

} // namespace psm::providers
