// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "providers/modellister.h"

#include "providers/keybinding.h"
#include "providers/keystore.h"
#include "providers/ollamaprovider.h"
#include "providers/transport.h"

#include <QPointer>

#include <nlohmann/json.hpp>

namespace psm::providers {

ModelLister::ModelLister(Transport *transport, KeyStore *keys, QObject *parent)
    : QObject(parent)
    , m_transport(transport)
    , m_keys(keys)
{
    connect(m_transport, &Transport::finished, this,
        [this](quint64 callId, const core::ChatResult &result) {
            const auto it = m_calls.constFind(callId);
            if (it == m_calls.constEnd())
                return;
            const auto [name, type] = *it;
            m_calls.erase(it);
            finish(name, type, result);
        });
}

void ModelLister::list(const ProviderSettings &settings, Consent consented)
{
    const QString name = settings.name;
    const auto reply = [this, name](QStringList models, std::optional<core::Error> e) {
        QMetaObject::invokeMethod(
            this, [this, name, models, e] { emit listed(name, models, e); }, Qt::QueuedConnection);
    };
    if (settings.type == QLatin1String("echo")) {
        reply({ QStringLiteral("echo") }, std::nullopt);
        return;
    }
    if (settings.type != QLatin1String("ollama") && settings.type != QLatin1String("openai")) {
        reply({},
            core::Error { core::ErrorCode::InvalidInput,
                QStringLiteral("provider type %1 offers no model list here; type the model name")
                    .arg(settings.type),
                {}, {}, 0, 0 });
        return;
    }
    QPointer<ModelLister> self(this);
    m_keys->lookup(settings, [self, settings, consented](const KeyStore::Lookup &found) {
        if (!self)
            return;
        HttpRequest http;
        if (settings.type == QLatin1String("ollama")) {
            http = OllamaProvider::modelListRequest(settings);
        } else {
            http.method = "GET";
            http.url = (settings.baseUrl + QStringLiteral("/models")).toUtf8();
            http.addHeader("Accept", "application/json");
            for (const auto &[header, value] : settings.headers)
                http.addHeader(header.toUtf8(), value.toUtf8());
            // A list is not worth asking about: without the binding's yes, ask without a key.
            const KeyDestination to = KeyBinding::destination(settings, found.origin);
            const bool allowed = !found.key.isEmpty()
                && KeyBinding::verdict(to, consented && consented(to)) == KeyBinding::Verdict::Send;
            if (allowed) {
                http.addHeader("Authorization", "Bearer " + found.key.toUtf8());
                http.secrets.append(found.key.toUtf8());
            }
        }
        const quint64 id = self->m_transport->startRaw(settings, http);
        self->m_calls.insert(id, { settings.name, settings.type });
    });
}

void ModelLister::finish(
    const QString &providerName, const QString &type, const core::ChatResult &result)
{
    if (!result.ok()) {
        emit listed(providerName, {}, result.error);
        return;
    }
    if (type == QLatin1String("ollama")) {
        auto models = OllamaProvider::parseModelList(result.rawResponse);
        if (models)
            emit listed(providerName, *models, std::nullopt);
        else
            emit listed(providerName, {}, models.error());
        return;
    }
    // OpenAI-compatible: {"data": [{"id": "..."}, ...]}
    using Json = nlohmann::json;
    const Json body = Json::parse(result.rawResponse.constData(),
        result.rawResponse.constData() + result.rawResponse.size(), nullptr, false);
    if (body.is_object() && body.contains("data") && body["data"].is_array()) {
        QStringList models;
        for (const Json &m : body["data"])
            if (m.is_object() && m.contains("id") && m["id"].is_string())
                models.append(QString::fromStdString(m["id"].get<std::string>()));
        models.sort();
        emit listed(providerName, models, std::nullopt);
        return;
    }
    emit listed(providerName, {},
        core::Error { core::ErrorCode::Provider,
            QStringLiteral("the model list is not the expected {\"data\": [...]}"),
            QString::fromUtf8(result.rawResponse.left(200)), {}, 0, 0 });
}

} // namespace psm::providers
