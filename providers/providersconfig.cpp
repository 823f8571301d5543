// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "providers/providersconfig.h"

#include <QUrl>

#include <yaml-cpp/yaml.h>

namespace psm::providers {
namespace {

// yaml-cpp throws; everything it does stays inside this file, turned into Error values.
struct ConfigError {
    QString message;
    YAML::Mark mark;
};

QString text(const YAML::Node &node)
{
    return QString::fromStdString(node.Scalar());
}

QString scalar(const YAML::Node &node, const QString &what)
{
    if (!node.IsScalar())
        throw ConfigError { QStringLiteral("%1 must be a plain value").arg(what), node.Mark() };
    return text(node);
}

qint64 positiveInteger(const YAML::Node &node, const QString &what)
{
    bool ok = false;
    const qint64 value = scalar(node, what).toLongLong(&ok);
    if (!ok || value <= 0)
        throw ConfigError {
            QStringLiteral("%1 must be a whole number above 0, not '%2'").arg(what, text(node)),
            node.Mark()
        };
    return value;
}

// A number of `unit` above 0, fractions allowed.
double positiveAmount(const YAML::Node &node, const QString &what, const QString &unit)
{
    bool ok = false;
    const double amount = scalar(node, what).toDouble(&ok);
    if (!ok || amount <= 0)
        throw ConfigError { QStringLiteral("%1 must be a number of %2 above 0, not '%3'")
                                .arg(what, unit, text(node)),
            node.Mark() };
    return amount;
}

qint64 secondsToMs(const YAML::Node &node, const QString &what)
{
    return qint64(positiveAmount(node, what, QStringLiteral("seconds")) * 1000);
}

ProviderSettings parseEntry(const QString &name, const YAML::Node &entry)
{
    if (!entry.IsMap())
        throw ConfigError {
            QStringLiteral("provider '%1' must be a mapping (type, base_url, ...)").arg(name),
            entry.Mark()
        };
    QString type = name;
    YAML::Mark typeMark = entry.Mark();
    if (const YAML::Node t = entry["type"]) {
        type = scalar(t, QStringLiteral("type"));
        typeMark = t.Mark();
    }
    if (!ProviderSettings::isKnownType(type))
        throw ConfigError { entry["type"]
                ? QStringLiteral("provider '%1' has unknown type '%2' (expected openai, azure, "
                                 "anthropic, gemini, ollama or echo)")
                      .arg(name, type)
                : QStringLiteral("provider '%1' needs a type (openai, azure, anthropic, gemini, "
                                 "ollama or echo)")
                      .arg(name),
            typeMark };
    ProviderSettings s = ProviderSettings::builtin(type);
    s.name = name;
    for (const auto &item : entry) {
        const YAML::Node &keyNode = item.first;
        const YAML::Node &value = item.second;
        const QString key = text(keyNode);
        if (key == QLatin1String("type")) {
            continue;
        } else if (key == QLatin1String("base_url")) {
            QString url = scalar(value, key);
            while (url.endsWith(QLatin1Char('/')))
                url.chop(1);
            const QUrl parsed(url);
            if (!parsed.isValid()
                || (parsed.scheme() != QLatin1String("http")
                    && parsed.scheme() != QLatin1String("https")))
                throw ConfigError { QStringLiteral(
                                        "base_url must be an http:// or https:// URL, not '%1'")
                                        .arg(url),
                    value.Mark() };
            s.baseUrl = url;
        } else if (key == QLatin1String("api_key_env")) {
            s.apiKeyEnv = scalar(value, key);
        } else if (key == QLatin1String("api_version")) {
            s.apiVersion = scalar(value, key);
        } else if (key == QLatin1String("max_concurrency")) {
            s.maxConcurrency = int(std::min<qint64>(positiveInteger(value, key), 1024));
        } else if (key == QLatin1String("max_retries")) {
            bool ok = false;
            const int retries = scalar(value, key).toInt(&ok);
            if (!ok || retries < 0 || retries > 20)
                throw ConfigError {
                    QStringLiteral("max_retries must be a whole number from 0 to 20"), value.Mark()
                };
            s.policy.maxRetries = retries;
        } else if (key == QLatin1String("timeout_s")) {
            s.policy.totalTimeoutMs = secondsToMs(value, key);
        } else if (key == QLatin1String("connect_timeout_s")) {
            s.policy.connectTimeoutMs = secondsToMs(value, key);
        } else if (key == QLatin1String("first_byte_timeout_s")) {
            s.policy.firstByteTimeoutMs = secondsToMs(value, key);
        } else if (key == QLatin1String("idle_timeout_s")) {
            s.policy.idleTimeoutMs = secondsToMs(value, key);
        } else if (key == QLatin1String("max_response_mb")) {
            const double megabytes = positiveAmount(value, key, QStringLiteral("megabytes"));
            // Capped (1 TB) so an absurd number cannot overflow the conversion to bytes.
            s.policy.maxResponseBytes
                = qint64(std::min(megabytes, 1024.0 * 1024.0) * double(TransportPolicy::kMegabyte));
        } else if (key == QLatin1String("headers")) {
            if (!value.IsMap())
                throw ConfigError { QStringLiteral("headers must be a mapping of name: value"),
                    value.Mark() };
            for (const auto &header : value)
                s.headers.emplace_back(
                    text(header.first), scalar(header.second, text(header.first)));
        } else if (key == QLatin1String("api_key") || key == QLatin1String("key")) {
            // The file is in git: a key here would be published with the next push.
            throw ConfigError { QStringLiteral("API keys do not belong in promptsmith.yaml (it is "
                                               "committed); store the key in the keychain or name "
                                               "an environment variable with api_key_env"),
                keyNode.Mark() };
        } else {
            throw ConfigError {
                QStringLiteral("unknown setting '%1' for provider '%2'").arg(key, name),
                keyNode.Mark()
            };
        }
    }
    if (s.baseUrl.isEmpty() && type != QLatin1String("echo"))
        throw ConfigError {
            QStringLiteral("provider '%1' of type %2 needs a base_url").arg(name, type),
            entry.Mark()
        };
    return s;
}

} // namespace

core::Result<ModelRef> parseModelRef(const QString &reference)
{
    const qsizetype slash = reference.indexOf(QLatin1Char('/'));
    if (slash <= 0 || slash == reference.size() - 1)
        return core::fail(core::ErrorCode::InvalidInput,
            QStringLiteral("model reference '%1' should be provider/model, e.g. "
                           "openai/gpt-4o-mini")
                .arg(reference));
    return ModelRef { reference.left(slash), reference.mid(slash + 1) };
}

ProvidersConfig::ProvidersConfig()
{
    for (const char *type : { "openai", "anthropic", "gemini", "ollama", "echo" })
        m_builtin.push_back(ProviderSettings::builtin(QString::fromLatin1(type)));
}

core::Result<ProvidersConfig> ProvidersConfig::parse(
    const QString &yamlText, const QString &fileName)
{
    ProvidersConfig config;
    try {
        const YAML::Node root = YAML::Load(yamlText.toStdString());
        if (!root || root.IsNull())
            return config;
        if (!root.IsMap())
            throw ConfigError { QStringLiteral("the settings file must be a mapping"),
                root.Mark() };
        const YAML::Node providers = root["providers"];
        if (!providers || providers.IsNull())
            return config;
        if (!providers.IsMap())
            throw ConfigError { QStringLiteral("providers must be a mapping of name: settings"),
                providers.Mark() };
        for (const auto &item : providers) {
            const YAML::Node &nameNode = item.first;
            const QString name = text(nameNode);
            if (name.isEmpty() || name.contains(QLatin1Char('/')))
                throw ConfigError { QStringLiteral("provider name '%1' must be non-empty and "
                                                   "contain no '/'")
                                        .arg(name),
                    nameNode.Mark() };
            if (config.find(name)
                && std::any_of(config.m_configured.begin(), config.m_configured.end(),
                    [&](auto &s) { return s.name == name; }))
                throw ConfigError { QStringLiteral("provider '%1' is defined twice").arg(name),
                    nameNode.Mark() };
            config.m_configured.push_back(parseEntry(name, item.second));
        }
    } catch (const ConfigError &error) {
        return core::failAt(core::ErrorCode::InvalidInput, error.message, fileName,
            error.mark.line + 1, error.mark.column + 1);
    } catch (const YAML::Exception &error) {
        return core::failAt(core::ErrorCode::InvalidInput,
            QStringLiteral("not valid YAML: %1").arg(QString::fromStdString(error.msg)), fileName,
            error.mark.line + 1, error.mark.column + 1);
    }
    return config;
}

const ProviderSettings *ProvidersConfig::find(const QString &name) const
{
    for (const auto *list : { &m_configured, &m_builtin }) {
        for (const ProviderSettings &s : *list) {
            if (s.name == name)
                return &s;
        }
    }
    return nullptr;
}

core::Result<std::pair<ProviderSettings, QString>> ProvidersConfig::resolve(
    const QString &reference) const
{
    auto ref = parseModelRef(reference);
    if (!ref)
        return tl::unexpected(ref.error());
    const ProviderSettings *settings = find(ref->provider);
    if (!settings)
        return core::fail(core::ErrorCode::NotFound,
            QStringLiteral("no provider named '%1' (configured: %2)")
                .arg(ref->provider, names().join(QStringLiteral(", "))));
    return std::make_pair(*settings, ref->model);
}

QStringList ProvidersConfig::names() const
{
    QStringList out;
    for (const auto *list : { &m_configured, &m_builtin }) {
        for (const ProviderSettings &s : *list) {
            if (!out.contains(s.name))
                out.append(s.name);
        }
    }
    return out;
}

} // namespace psm::providers
