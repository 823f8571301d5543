// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "providers/providersettings.h"

namespace psm::providers {

bool ProviderSettings::isKnownType(const QString &type)
{
    static const QLatin1String kTypes[]
        = { QLatin1String("openai"), QLatin1String("azure"), QLatin1String("anthropic"),
              QLatin1String("gemini"), QLatin1String("ollama"), QLatin1String("echo") };
    return std::any_of(
        std::begin(kTypes), std::end(kTypes), [&](QLatin1String t) { return type == t; });
}

ProviderSettings ProviderSettings::builtin(const QString &type)
{
    ProviderSettings s;
    s.name = type;
    if (!isKnownType(type))
        return s;
    s.type = type;
    if (type == QLatin1String("openai")) {
        s.baseUrl = QStringLiteral("https://api.openai.com/v1");
        s.apiKeyEnv = QStringLiteral("OPENAI_API_KEY");
    } else if (type == QLatin1String("azure")) {
        s.apiKeyEnv = QStringLiteral("AZURE_OPENAI_API_KEY");
        s.apiVersion = QStringLiteral("2024-10-21");
    } else if (type == QLatin1String("anthropic")) {
        s.baseUrl = QStringLiteral("https://api.anthropic.com");
        s.apiKeyEnv = QStringLiteral("ANTHROPIC_API_KEY");
        s.apiVersion = QStringLiteral("2023-06-01");
    } else if (type == QLatin1String("gemini")) {
        s.baseUrl = QStringLiteral("https://generativelanguage.googleapis.com");
        s.apiKeyEnv = QStringLiteral("GEMINI_API_KEY");
    } else if (type == QLatin1String("ollama")) {
        s.baseUrl = QStringLiteral("http://localhost:11434");
        s.maxConcurrency = 1; // one local GPU: parallel calls only queue inside Ollama
        s.policy.firstByteTimeoutMs = 300'000; // the first call loads the model
    } else if (type == QLatin1String("echo")) {
        s.maxConcurrency = 64;
    }
    return s;
}

} // namespace psm::providers
