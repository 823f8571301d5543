// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"
#include "providers/providersettings.h"

#include <QHash>
#include <QObject>
#include <QStringList>

#include <functional>
#include <optional>

namespace psm::core {
struct ChatResult;
}

namespace psm::providers {

class KeyStore;
class Transport;
struct KeyDestination;

// Lists the models a provider offers where its API has a list (Ollama /api/tags,
// OpenAI-compatible GET /v1/models), through the process's Transport. Lives on the caller's
// thread; answers with listed(). A key goes along only where KeyBinding allows it
// (`consented` answers for destinations that are not the vendor's own host).
class ModelLister final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelLister)

public:
    using Consent = std::function<bool(const KeyDestination &)>;
    ModelLister(Transport *transport, KeyStore *keys, QObject *parent = nullptr);

    void list(const ProviderSettings &settings, Consent consented);

signals:
    void listed(const QString &providerName, const QStringList &models,
        const std::optional<psm::core::Error> &error);

private:
    void finish(const QString &providerName, const QString &type, const core::ChatResult &result);

    Transport *m_transport;
    KeyStore *m_keys;
    QHash<quint64, std::pair<QString, QString>> m_calls; // id -> provider name, type
};

} // namespace psm::providers
