// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"
#include "core/settings/workspacesettings.h"
#include "providers/providersettings.h"

#include <QStringList>

#include <vector>

namespace psm::providers {

// `provider/model`: the first `/` splits, so `openrouter/meta-llama/llama-3.1-8b` names the
// model `meta-llama/llama-3.1-8b` of provider `openrouter`.
struct ModelRef {
    QString provider;
    QString model;
};
core::Result<ModelRef> parseModelRef(const QString &reference);

// The `providers:` section of promptsmith.yaml plus the built-in entries (openai, anthropic,
// gemini, ollama, echo), which need no entry. Value type; built on any thread.
//
//   providers:
//     local: {type: openai, base_url: "http://localhost:8080/v1", max_concurrency: 2}
//     work:  {type: azure, base_url: "https://x.openai.azure.com", api_key_env: AZ_KEY,
//             api_version: "2024-10-21", timeout_s: 120, headers: {X-Team: ml}}
class ProvidersConfig final {
public:
    ProvidersConfig(); // built-ins only

    // Interprets the `providers:` entries of the parsed settings (types, defaults, allowed
    // keys); errors carry file:line:column. The section's own error when it was dropped.
    static core::Result<ProvidersConfig> fromSettings(const core::WorkspaceSettings &settings);
    // fromSettings() of a whole promptsmith.yaml text.
    static core::Result<ProvidersConfig> parse(
        const QString &yamlText, const QString &fileName = {});

    // A configured entry, else the built-in of that name, else nullptr.
    const ProviderSettings *find(const QString &name) const;
    // The settings and provider-side model for a `provider/model` reference.
    core::Result<std::pair<ProviderSettings, QString>> resolve(const QString &reference) const;
    QStringList names() const; // configured and built-in, configured first

    // Used when a prompt names no model and the workspace sets no default: offline echo.
    static QString defaultModelRef() { return QStringLiteral("echo/echo"); }

private:
    std::vector<ProviderSettings> m_configured;
    std::vector<ProviderSettings> m_builtin;
};

} // namespace psm::providers
