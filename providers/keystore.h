// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"
#include "providers/providersettings.h"

#include <QObject>

#include <functional>

namespace psm::providers {

// Where API keys come from: the OS keychain through QtKeychain (Secret Service, Keychain,
// Credential Manager) first, then the environment (the entry's api_key_env). Lives on the
// thread that uses it (the GUI or CLI thread); every answer arrives asynchronously through a
// callback on that thread. Keys are never written anywhere but the keychain, and never logged.
class KeyStore final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyStore)

public:
    enum class Source { Keychain, Environment, None };
    struct Lookup {
        QString key; // empty when none was found
        Source source = Source::None;
        // Which key it is, for binding it to a host: "env:OPENAI_API_KEY", "keychain:openai".
        QString origin;
        QString note; // why the keychain was not used, for the UI or `--verbose` (no key)
    };

    explicit KeyStore(QObject *parent = nullptr);

    // True when a keychain backend could answer here: built with QtKeychain and, on Linux, a
    // D-Bus session bus to reach the Secret Service. A headless box has none: env vars only.
    static bool keychainAvailable(QString *why = nullptr);
    void setKeychainEnabled(bool enabled) { m_keychainEnabled = enabled; }

    // The key for a provider: keychain entry "<service>/<provider name>", then environment.
    void lookup(const ProviderSettings &settings, std::function<void(const Lookup &)> done);
    void store(const QString &providerName, const QString &key,
        std::function<void(const core::Status &)> done);
    void remove(const QString &providerName, std::function<void(const core::Status &)> done);

    // The environment variables consulted for a provider, in order.
    static QStringList environmentVariables(const ProviderSettings &settings);

private:
    void lookupEnvironment(
        const ProviderSettings &settings, QString note, std::function<void(const Lookup &)> done);

    QString m_service = QStringLiteral("promptsmith");
    bool m_keychainEnabled = true;
};

} // namespace psm::providers
