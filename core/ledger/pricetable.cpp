// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/ledger/pricetable.h"

#include "core/ledger/pricefields.h"

#include <QCryptographicHash>
#include <QFile>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace psm::core {
namespace {

QString canonicalProvider(const QString &provider)
{
    const QString p = provider.trimmed().toLower();
    if (p == QLatin1String("google"))
        return QStringLiteral("gemini");
    return p;
}

QString canonicalModel(const QString &provider, const QString &model)
{
    QString m = model.trimmed().toLower();
    if (m.startsWith(provider + QLatin1Char('/')))
        m = m.mid(provider.size() + 1); // "openai" + "openai/gpt-4o"
    if (provider == QLatin1String("gemini") && m.startsWith(QLatin1String("models/")))
        m = m.mid(7); // the Gemini API names models "models/gemini-2.5-pro"
    return m;
}

QString shortHash(const QByteArray &bytes)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().left(12));
}

} // namespace

Result<PriceTable> PriceTable::bundled()
{
    QFile file(QStringLiteral(":/prices/prices.json"));
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Internal,
            QStringLiteral("The bundled price table is missing from this build"),
            file.errorString());
    return fromJson(file.readAll(), QStringLiteral("bundled prices.json"));
}

Result<PriceTable> PriceTable::fromJson(const QByteArray &json, const QString &source)
{
    const auto doc
        = nlohmann::json::parse(json.constData(), json.constData() + json.size(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return fail(ErrorCode::InvalidInput, QStringLiteral("%1 is not a JSON object").arg(source));
    const auto models = doc.find("models");
    const auto version = doc.find("version");
    if (models == doc.end() || !models->is_object() || version == doc.end()
        || !version->is_string())
        return fail(ErrorCode::InvalidInput,
            QStringLiteral("%1 needs a \"version\" string and a \"models\" object").arg(source));

    PriceTable table;
    table.m_version = QString::fromStdString(version->get<std::string>());
    if (const auto checked = doc.find("checked"); checked != doc.end() && checked->is_string())
        table.m_checked = QString::fromStdString(checked->get<std::string>());
    for (auto it = models->begin(); it != models->end(); ++it) {
        const QString key = QString::fromStdString(it.key());
        Result<ModelPrice> price = parseModelPrice(it.value(), source + QLatin1Char(':') + key);
        if (!price)
            return tl::unexpected(price.error());
        table.insert(key, *price);
        const auto aliases = it.value().find("aliases");
        if (aliases == it.value().end())
            continue;
        const QString provider = key.section(QLatin1Char('/'), 0, 0).toLower();
        for (const auto &alias : *aliases) {
            if (!alias.is_string())
                return fail(ErrorCode::InvalidInput,
                    QStringLiteral("%1:%2: aliases must be strings").arg(source, key));
            table.m_aliases.insert(
                provider + QLatin1Char('/') + QString::fromStdString(alias.get<std::string>()),
                key.toLower());
        }
    }
    return table;
}

Result<PriceTable> PriceTable::importLiteLlmFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::NotFound, QStringLiteral("Cannot read the price file %1").arg(path),
            file.errorString());
    return fromLiteLlm(file.readAll(), path);
}

Result<PriceTable> PriceTable::fromLiteLlm(const QByteArray &json, const QString &source)
{
    const auto doc
        = nlohmann::json::parse(json.constData(), json.constData() + json.size(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return fail(ErrorCode::InvalidInput,
            QStringLiteral("%1 is not a LiteLLM price file (not a JSON object)").arg(source));
    PriceTable table;
    table.m_version = QStringLiteral("litellm@") + shortHash(json);
    QHash<QString, bool> fromBareKey; // prefer "gpt-4o" over a duplicate "openai/gpt-4o"
    for (auto it = doc.begin(); it != doc.end(); ++it) {
        if (it.key() == "sample_spec" || !it.value().is_object())
            continue;
        const auto &entry = it.value();
        const auto provider = entry.find("litellm_provider");
        if (provider == entry.end() || !provider->is_string())
            continue;
        std::optional<ModelPrice> price = modelPriceFromLiteLlm(entry);
        if (!price)
            continue; // no per-token price: unknown, not zero
        const QString litellmProvider = QString::fromStdString(provider->get<std::string>());
        const QString ours = providerFromLiteLlm(litellmProvider);
        QString model = QString::fromStdString(it.key());
        const bool bare = !model.startsWith(litellmProvider + QLatin1Char('/'));
        if (!bare)
            model = model.mid(litellmProvider.size() + 1);
        const QString key = ours + QLatin1Char('/') + model.toLower();
        if (!bare && fromBareKey.value(key))
            continue;
        fromBareKey.insert(key, bare);
        table.insert(key, *price);
    }
    if (table.m_models.isEmpty())
        return fail(ErrorCode::InvalidInput,
            QStringLiteral("%1 has no model with per-token prices").arg(source));
    return table;
}

Status PriceTable::applyOverrides(const nlohmann::json &prices, const QString &source)
{
    if (!prices.is_object())
        return fail(ErrorCode::InvalidInput,
            QStringLiteral("%1: prices must be a mapping of provider/model to prices").arg(source));
    QList<std::pair<QString, ModelPrice>> parsed;
    for (auto it = prices.begin(); it != prices.end(); ++it) {
        const QString key = QString::fromStdString(it.key());
        if (!key.contains(QLatin1Char('/')) || key.startsWith(QLatin1Char('/'))
            || key.endsWith(QLatin1Char('/')))
            return fail(ErrorCode::InvalidInput,
                QStringLiteral("%1: price key '%2' must be provider/model").arg(source, key));
        Result<ModelPrice> price
            = parseModelPrice(it.value(), source + QStringLiteral(": prices.") + key);
        if (!price)
            return tl::unexpected(price.error());
        parsed.append({ key, *price });
    }
    for (const auto &[key, price] : parsed) {
        const QString provider = canonicalProvider(key.section(QLatin1Char('/'), 0, 0));
        insert(provider + QLatin1Char('/') + key.section(QLatin1Char('/'), 1), price);
    }
    if (!parsed.isEmpty()) {
        m_version
            += QStringLiteral("+overrides@") + shortHash(QByteArray::fromStdString(prices.dump()));
    }
    return {};
}

void PriceTable::merge(const PriceTable &other)
{
    for (auto it = other.m_models.cbegin(); it != other.m_models.cend(); ++it)
        m_models.insert(it.key(), it.value());
    for (auto it = other.m_aliases.cbegin(); it != other.m_aliases.cend(); ++it)
        m_aliases.insert(it.key(), it.value());
    m_version
        = m_version.isEmpty() ? other.m_version : m_version + QLatin1Char('+') + other.m_version;
}

QList<qint64> PriceTable::tierThresholds() const
{
    QList<qint64> thresholds;
    for (const ModelPrice &price : m_models) {
        for (const ModelPrice::Tier &tier : price.tiers) {
            if (!thresholds.contains(tier.abovePromptTokens))
                thresholds.append(tier.abovePromptTokens);
        }
    }
    std::sort(thresholds.begin(), thresholds.end());
    return thresholds;
}

void PriceTable::insert(const QString &key, const ModelPrice &price)
{
    m_models.insert(key.toLower(), price);
}

std::optional<ModelPrice> PriceTable::find(
    const QString &provider, const QString &model, QString *matchedKey) const
{
    const QString p = canonicalProvider(provider);
    const QString key = p + QLatin1Char('/') + canonicalModel(p, model);
    QString found;
    if (m_models.contains(key))
        found = key;
    else if (const auto alias = m_aliases.constFind(key);
             alias != m_aliases.cend() && m_models.contains(*alias))
        found = *alias;
    else if (const QString any = p + QStringLiteral("/*"); m_models.contains(any))
        found = any;
    if (found.isEmpty())
        return std::nullopt;
    if (matchedKey)
        *matchedKey = found;
    return m_models.value(found);
}

CostEstimate PriceTable::cost(
    const QString &provider, const QString &model, const TokenUsage &usage) const
{
    CostEstimate estimate;
    estimate.priceVersion = m_version;
    const std::optional<ModelPrice> price = find(provider, model, &estimate.matchedKey);
    if (price)
        estimate.usd = costOf(*price, usage);
    return estimate;
}

std::optional<double> PriceTable::costOf(const ModelPrice &price, const TokenUsage &usage)
{
    if (!usage.inputUncached || !usage.output)
        return std::nullopt;
    const ModelPrice::Tier *tier = nullptr;
    for (const ModelPrice::Tier &t : price.tiers) {
        if (usage.promptTokens() > t.abovePromptTokens)
            tier = &t;
    }
    const auto pick = [&](std::optional<double> BucketPrices::*bucket) {
        if (tier && (tier->prices.*bucket))
            return tier->prices.*bucket;
        return price.base.*bucket;
    };
    const std::optional<double> input = pick(&BucketPrices::input);
    const std::optional<double> output = pick(&BucketPrices::output);
    if (!input || !output)
        return std::nullopt;
    const double cacheRead = pick(&BucketPrices::cacheRead).value_or(*input);
    const double cacheWrite = pick(&BucketPrices::cacheWrite).value_or(*input);
    const double reasoning = pick(&BucketPrices::reasoning).value_or(*output);
    const double perMillion = double(*usage.inputUncached) * *input
        + double(usage.cacheRead.value_or(0)) * cacheRead
        + double(usage.cacheWrite.value_or(0)) * cacheWrite + double(*usage.output) * *output
        + double(usage.reasoning.value_or(0)) * reasoning;
    return perMillion / 1e6;
}

} // namespace psm::core
