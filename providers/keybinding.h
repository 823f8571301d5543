// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"
#include "providers/providersettings.h"

#include <QString>
#include <QStringList>

namespace psm::providers {

// Where a key may go. A workspace is somebody's git repository: its promptsmith.yaml can point
// any provider at any URL and name any environment variable as the key. So a key is sent
// without asking only to its vendor's own host (OPENAI_API_KEY or the keychain entry
// "openai" to api.openai.com, and so on); any other destination needs the user's consent,
// remembered per (workspace, host, key source) outside the repository (KeyConsentStore).
// Plain http with a key is refused unless the host is loopback.
struct KeyDestination {
    QString host; // lower case, from the provider's base_url
    QString origin; // "env:NAME" or "keychain:ENTRY" (KeyStore::Lookup::origin)
    bool plainHttp = false;
    bool loopback = false;
};

class KeyBinding final {
public:
    enum class Verdict { Send, NeedsConsent, Refuse };

    static KeyDestination destination(const ProviderSettings &settings, const QString &origin);
    // The vendor host a key source belongs to ("api.openai.com"), or empty for any other key.
    static QString vendorHost(const QString &origin);
    // Send when bound to the vendor or `consented`; Refuse for http to a non-loopback host.
    static Verdict verdict(const KeyDestination &to, bool consented);
    // What to tell the user when the verdict is not Send; names the host and the key source
    // (never the key). `cliHint` adds how to allow it on the command line.
    static core::Error refusal(
        const KeyDestination &to, Verdict verdict, const QString &provider, bool cliHint);
};

} // namespace psm::providers
