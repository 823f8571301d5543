// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "providers/provider.h"

namespace psm::providers {

// OpenAI Chat Completions, and everything that speaks it: any OpenAI-compatible base URL (vLLM,
// llama.cpp, LM Studio, OpenRouter, Groq, Together) and Azure OpenAI (deployment URL,
// api-version query, api-key header). Streams SSE with usage in the last chunk.
class OpenAiProvider final : public Provider {
public:
    enum class Flavor { OpenAi, Azure };
    explicit OpenAiProvider(Flavor flavor)
        : m_flavor(flavor)
    {
    }

    QString type() const override;
    core::Result<HttpRequest> buildRequest(const core::ChatRequest &request,
        const ProviderSettings &settings, const QString &apiKey) const override;
    std::unique_ptr<StreamDecoder> streamDecoder() const override;
    core::Result<std::vector<core::StreamEvent>> parseResponse(
        const QByteArray &body) const override;
    QString errorMessage(const QByteArray &body) const override;

private:
    Flavor m_flavor;
};

} // namespace psm::providers
