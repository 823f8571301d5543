// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/ledger/secretredactor.h"

#include <QRegularExpression>

#include <nlohmann/json.hpp>

namespace psm::core {
namespace {

const QString kRedacted = QStringLiteral("[REDACTED]");

const QRegularExpression &keyPattern()
{
    // Key shapes of the providers we speak to, plus OpenAI-compatible hosts (Groq, Hugging Face,
    // xAI, OpenRouter's sk-or-). Long enough bodies only, so "sk-1" in prose survives.
    static const QRegularExpression re(QStringLiteral(
        R"((?<![A-Za-z0-9])(?:sk-[A-Za-z0-9_\-]{16,}|AIza[0-9A-Za-z_\-]{30,}|gsk_[A-Za-z0-9]{20,})"
        R"(|hf_[A-Za-z0-9]{20,}|xai-[A-Za-z0-9]{20,}))"));
    return re;
}

const QRegularExpression &bearerPattern()
{
    static const QRegularExpression re(QStringLiteral(R"((Bearer\s+)[A-Za-z0-9._~+/\-]{12,}=*)"),
        QRegularExpression::CaseInsensitiveOption);
    return re;
}

bool isSecretKeyName(const std::string &key)
{
    QString name = QString::fromStdString(key).toLower();
    name.remove(QLatin1Char('_')).remove(QLatin1Char('-'));
    static const QStringList names = {
        QStringLiteral("apikey"),
        QStringLiteral("xapikey"),
        QStringLiteral("xgoogapikey"),
        QStringLiteral("authorization"),
        QStringLiteral("proxyauthorization"),
        QStringLiteral("password"),
        QStringLiteral("secret"),
        QStringLiteral("clientsecret"),
        QStringLiteral("accesstoken"),
        QStringLiteral("bearertoken"),
    };
    return names.contains(name);
}

void redactNode(nlohmann::ordered_json &node)
{
    if (node.is_object()) {
        for (auto it = node.begin(); it != node.end(); ++it) {
            if (isSecretKeyName(it.key()) && !it.value().is_null())
                it.value() = kRedacted.toStdString();
            else
                redactNode(it.value());
        }
    } else if (node.is_array()) {
        for (auto &item : node)
            redactNode(item);
    } else if (node.is_string()) {
        const QString text = QString::fromStdString(node.get<std::string>());
        if (SecretRedactor::containsSecret(text))
            node = SecretRedactor::redact(text).toStdString();
    }
}

} // namespace

QString SecretRedactor::redact(const QString &text)
{
    if (text.isNull())
        return text;
    QString out = text;
    out.replace(keyPattern(), kRedacted);
    out.replace(bearerPattern(), QStringLiteral("\\1") + kRedacted);
    return out;
}

bool SecretRedactor::containsSecret(const QString &text)
{
    return text.contains(keyPattern()) || text.contains(bearerPattern());
}

QString SecretRedactor::redactJson(const QString &json)
{
    if (json.isEmpty())
        return json;
    auto doc = nlohmann::ordered_json::parse(json.toStdString(), nullptr, false);
    if (doc.is_discarded())
        return redact(json);
    redactNode(doc);
    return QString::fromStdString(doc.dump());
}

} // namespace psm::core
