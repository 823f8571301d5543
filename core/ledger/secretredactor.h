// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QString>

namespace psm::core {

// The last guard before text reaches the ledger (or any export): replaces whatever looks like an
// API key (sk-..., sk-ant-..., AIza..., gsk_..., hf_..., xai-..., "Bearer ...") with [REDACTED],
// and in JSON also the values of keys such as api_key or authorization. Stateless, any thread.
class SecretRedactor final {
public:
    static QString redact(const QString &text);
    // Redacts a JSON document, keeping it valid JSON; text that does not parse is redacted as
    // plain text.
    static QString redactJson(const QString &json);
    static bool containsSecret(const QString &text);
};

} // namespace psm::core
