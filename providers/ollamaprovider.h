// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "providers/provider.h"

#include <QStringList>

namespace psm::providers {

// Ollama's native API: /api/chat with NDJSON streaming, generation settings under `options`,
// prompt_eval_count/eval_count usage; the installed models from /api/tags.
class OllamaProvider final : public Provider {
public:
    QString type() const override { return QStringLiteral("ollama"); }
    core::Result<HttpRequest> buildRequest(const core::ChatRequest &request,
        const ProviderSettings &settings, const QString &apiKey) const override;
    std::unique_ptr<StreamDecoder> streamDecoder() const override;
    core::Result<std::vector<core::StreamEvent>> parseResponse(
        const QByteArray &body) const override;
    QString errorMessage(const QByteArray &body) const override;

    // GET /api/tags, to run with Transport::startRaw(); parseModelList() reads its body.
    static HttpRequest modelListRequest(const ProviderSettings &settings);
    static core::Result<QStringList> parseModelList(const QByteArray &body);
};

} // namespace psm::providers
