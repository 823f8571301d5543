// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "providers/provider.h"

namespace psm::providers {

// Anthropic Messages API: system prompt as a top-level field, max_tokens always sent, SSE
// events message_start / content_block_* / message_delta / message_stop (ping, error), cache
// token counts from usage, x-api-key and anthropic-version headers.
class AnthropicProvider final : public Provider {
public:
    // Anthropic requires max_tokens; this is what we send when the prompt sets none.
    static constexpr qint64 kDefaultMaxTokens = 4096;

    QString type() const override { return QStringLiteral("anthropic"); }
    core::Result<HttpRequest> buildRequest(const core::ChatRequest &request,
        const ProviderSettings &settings, const QString &apiKey) const override;
    std::unique_ptr<StreamDecoder> streamDecoder() const override;
    core::Result<std::vector<core::StreamEvent>> parseResponse(
        const QByteArray &body) const override;
    QString errorMessage(const QByteArray &body) const override;
};

} // namespace psm::providers
