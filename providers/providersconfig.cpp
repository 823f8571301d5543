// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "providers/providersconfig.h"

#include <QUrl>

namespace psm::providers {
namespace {

using Json = nlohmann::ordered_json;

// Raised while interpreting one entry; turned into an Error value at the section's end.
struct ConfigError {
    QString message;
    int line = 0;
    int column = 0;
};

ConfigError atValue(const core::SettingsField &f, const QString &message)
{
    return ConfigError { message, f.valueLine, f.valueColumn };
}

ConfigError atKey(const core::SettingsField &f, const QString &message)
{
    return ConfigError { message, f.line, f.column };
}

QString text(const Json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>()) : QString();
}

QString scalar(const core::SettingsField &f)
{
    if (!f.value.is_string())
        throw atValue(f, QStringLiteral("%1 must be a plain value").arg(f.key));
    return text(f.value);
}

qint64 positiveInteger(const core::SettingsField &f)
{
    bool ok = false;
    const qint64 value = scalar(f).toLongLong(&ok);
    if (!ok || value <= 0)
        throw atValue(f,
            QStringLiteral("%1 must be a whole number above 0, not '%2'")
                .arg(f.key, text(f.value)));
    return value;
}

// A number of `unit` above 0, fractions allowed.
double positiveAmount(const core::SettingsField &f, const QString &unit)
{
    bool ok = false;
    const double amount = scalar(f).toDouble(&ok);
    if (!ok || amount <= 0)
        throw atValue(f,
            QStringLiteral("%1 must be a number of %2 above 0, not '%3'")
                .arg(f.key, unit, text(f.value)));
    return amount;
}

qint64 secondsToMs(const core::SettingsField &f)
{
    return qint64(positiveAmount(f, QStringLiteral("seconds")) * 1000);
}

ProviderSettings parseEntry(const core::ProviderEntry &entry)
{
    const QString &name = entry.name;
    if (name.isEmpty() || name.contains(QLatin1Char('/')))
        throw ConfigError {
            QStringLiteral("provider name '%1' must be non-empty and contain no '/'").arg(name),
            entry.line, entry.column
        };
    if (!entry.isMapping)
        throw ConfigError {
            QStringLiteral("provider '%1' must be a mapping (type, base_url, ...)").arg(name),
            entry.bodyLine, entry.bodyColumn
        };
    QString type = name;
    bool typeGiven = false;
    int typeLine = entry.bodyLine;
    int typeColumn = entry.bodyColumn;
    for (const core::SettingsField &f : entry.fields) {
        if (f.key == QLatin1String("type")) {
            type = scalar(f);
            typeGiven = true;
            typeLine = f.valueLine;
            typeColumn = f.valueColumn;
        }
    }
    if (!ProviderSettings::isKnownType(type))
        throw ConfigError { typeGiven
                ? QStringLiteral("provider '%1' has unknown type '%2' (expected openai, azure, "
                                 "anthropic, gemini, ollama or echo)")
                      .arg(name, type)
                : QStringLiteral("provider '%1' needs a type (openai, azure, anthropic, gemini, "
                                 "ollama or echo)")
                      .arg(name),
            typeLine, typeColumn };
    ProviderSettings s = ProviderSettings::builtin(type);
    s.name = name;
    for (const core::SettingsField &f : entry.fields) {
        const QString &key = f.key;
        if (key == QLatin1String("type")) {
            continue;
        } else if (key == QLatin1String("base_url")) {
            QString url = scalar(f);
            while (url.endsWith(QLatin1Char('/')))
                url.chop(1);
            const QUrl parsed(url);
            if (!parsed.isValid()
                || (parsed.scheme() != QLatin1String("http")
                    && parsed.scheme() != QLatin1String("https")))
                throw atValue(f,
                    QStringLiteral("base_url must be an http:// or https:// URL, not '%1'")
                        .arg(url));
            s.baseUrl = url;
        } else if (key == QLatin1String("api_key_env")) {
            s.apiKeyEnv = scalar(f);
        } else if (key == QLatin1String("api_version")) {
            s.apiVersion = scalar(f);
        } else if (key == QLatin1String("max_concurrency")) {
            s.maxConcurrency = int(std::min<qint64>(positiveInteger(f), 1024));
        } else if (key == QLatin1String("max_retries")) {
            bool ok = false;
            const int retries = scalar(f).toInt(&ok);
            if (!ok || retries < 0 || retries > 20)
                throw atValue(f, QStringLiteral("max_retries must be a whole number from 0 to 20"));
            s.policy.maxRetries = retries;
        } else if (key == QLatin1String("timeout_s")) {
            s.policy.totalTimeoutMs = secondsToMs(f);
        } else if (key == QLatin1String("connect_timeout_s")) {
            s.policy.connectTimeoutMs = secondsToMs(f);
        } else if (key == QLatin1String("first_byte_timeout_s")) {
            s.policy.firstByteTimeoutMs = secondsToMs(f);
        } else if (key == QLatin1String("idle_timeout_s")) {
            s.policy.idleTimeoutMs = secondsToMs(f);
        } else if (key == QLatin1String("max_response_mb")) {
            const double megabytes = positiveAmount(f, QStringLiteral("megabytes"));
            // Capped (1 TB) so an absurd number cannot overflow the conversion to bytes.
            s.policy.maxResponseBytes
                = qint64(std::min(megabytes, 1024.0 * 1024.0) * double(TransportPolicy::kMegabyte));
        } else if (key == QLatin1String("headers")) {
            if (!f.value.is_object())
                throw atValue(f, QStringLiteral("headers must be a mapping of name: value"));
            for (const auto &[header, value] : f.value.items()) {
                if (!value.is_string())
                    throw atValue(f,
                        QStringLiteral("header %1 must be a plain value")
                            .arg(QString::fromStdString(header)));
                s.headers.emplace_back(QString::fromStdString(header), text(value));
            }
        } else if (key == QLatin1String("api_key") || key == QLatin1String("key")) {
            // The file is in git: a key here would be published with the next push.
            throw atKey(f,
                QStringLiteral("API keys do not belong in promptsmith.yaml (it is committed); "
                               "store the key in the keychain or name an environment variable "
                               "with api_key_env"));
        } else {
            throw atKey(f, QStringLiteral("unknown setting '%1' for provider '%2'").arg(key, name));
        }
    }
    if (s.baseUrl.isEmpty() && type != QLatin1String("echo"))
        throw ConfigError {
            QStringLiteral("provider '%1' of type %2 needs a base_url").arg(name, type),
            entry.bodyLine, entry.bodyColumn
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
    return fromSettings(core::WorkspaceSettings::parse(yamlText.toUtf8(), fileName));
}

core::Result<ProvidersConfig> ProvidersConfig::fromSettings(const core::WorkspaceSettings &settings)
{
    if (auto error = settings.sectionError(core::WorkspaceSettings::Section::Providers))
        return tl::unexpected(*error);
    ProvidersConfig config;
    try {
        for (const core::ProviderEntry &entry : settings.providers())
            config.m_configured.push_back(parseEntry(entry));
    } catch (const ConfigError &error) {
        return core::failAt(core::ErrorCode::InvalidInput, error.message, settings.filePath(),
            error.line, error.column);
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
