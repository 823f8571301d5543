// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "providers/provider.h"

namespace psm::providers {

// Google Gemini API: generateContent, and streamGenerateContent?alt=sse for streams;
// systemInstruction, roles user/model, usageMetadata, x-goog-api-key header.
class GeminiProvider final : public Provider {
public:
    QString type() const override { return QStringLiteral("gemini"); }
    core::Result<HttpRequest> buildRequest(const core::ChatRequest &request,
        const ProviderSettings &settings, const QString &apiKey) const override;
    std::unique_ptr<StreamDecoder> streamDecoder() const override;
    core::Result<std::vector<core::StreamEvent>> parseResponse(
        const QByteArray &body) const override;
    QString errorMessage(const QByteArray &body) const override;
};

} // namespace psm::providers
