// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "providers/provider.h"

#include "providers/anthropicprovider.h"
#include "providers/echoprovider.h"
#include "providers/geminiprovider.h"
#include "providers/ollamaprovider.h"
#include "providers/openaiprovider.h"

namespace psm::providers {

std::vector<core::StreamEvent> Provider::answer(const core::ChatRequest &) const
{
    return {};
}

const Provider *providerForType(const QString &type)
{
    static const OpenAiProvider openai(OpenAiProvider::Flavor::OpenAi);
    static const OpenAiProvider azure(OpenAiProvider::Flavor::Azure);
    static const AnthropicProvider anthropic;
    static const GeminiProvider gemini;
    static const OllamaProvider ollama;
    static const EchoProvider echo;
    if (type == QLatin1String("openai"))
        return &openai;
    if (type == QLatin1String("azure"))
        return &azure;
    if (type == QLatin1String("anthropic"))
        return &anthropic;
    if (type == QLatin1String("gemini"))
        return &gemini;
    if (type == QLatin1String("ollama"))
        return &ollama;
    if (type == QLatin1String("echo"))
        return &echo;
    return nullptr;
}

} // namespace psm::providers
