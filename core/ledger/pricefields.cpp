// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/ledger/pricefields.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <functional>

namespace psm::core {
namespace {

struct Field {
    const char *name;
    std::optional<double> BucketPrices::*member;
};

constexpr Field kFields[] = {
    { "input", &BucketPrices::input },
    { "output", &BucketPrices::output },
    { "cache_read", &BucketPrices::cacheRead },
    { "cache_write", &BucketPrices::cacheWrite },
    { "reasoning", &BucketPrices::reasoning },
};

Error invalid(const QString &where, const QString &what)
{
    return Error { ErrorCode::InvalidInput, QStringLiteral("%1: %2").arg(where, what), {}, {}, 0,
        0 };
}

// Reads the bucket fields of `object` into `prices`; `allowed` says which other keys the
// caller handles.
Status readBuckets(const nlohmann::json &object, const QString &where, BucketPrices &prices,
    const std::function<bool(const std::string &)> &allowed)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        const Field *field = std::find_if(std::begin(kFields), std::end(kFields),
            [&](const Field &f) { return it.key() == f.name; });
        if (field == std::end(kFields)) {
            if (allowed(it.key()))
                continue;
            return tl::unexpected(invalid(where,
                QStringLiteral("unknown price field '%1' (expected input, output, "
                               "cache_read, cache_write, reasoning, above_200k)")
                    .arg(QString::fromStdString(it.key()))));
        }
        if (!it.value().is_number() || it.value().get<double>() < 0
            || !std::isfinite(it.value().get<double>()))
            return tl::unexpected(invalid(where,
                QStringLiteral("'%1' must be a non-negative number of USD per "
                               "million tokens")
                    .arg(QString::fromLatin1(field->name))));
        prices.*(field->member) = it.value().get<double>();
    }
    return {};
}

std::optional<double> perMillion(const nlohmann::json &entry, const char *key)
{
    const auto it = entry.find(key);
    if (it == entry.end() || !it->is_number())
        return std::nullopt;
    // Per-token floats such as 2.5e-06 are rounded back to the published per-million figure.
    return std::round(it->get<double>() * 1e12) / 1e6;
}

} // namespace

qint64 tierThresholdFromKey(const QString &key)
{
    static const QRegularExpression re(QStringLiteral(R"(^above_(\d+)k(?:_tokens)?$)"));
    const QRegularExpressionMatch m = re.match(key);
    return m.hasMatch() ? m.captured(1).toLongLong() * 1000 : 0;
}

Result<ModelPrice> parseModelPrice(const nlohmann::json &entry, const QString &where)
{
    if (!entry.is_object())
        return tl::unexpected(invalid(where, QStringLiteral("must be a mapping of prices")));
    ModelPrice price;
    Status base = readBuckets(entry, where, price.base, [](const std::string &key) {
        return key == "aliases" || key == "tiers"
            || tierThresholdFromKey(QString::fromStdString(key)) > 0;
    });
    if (!base)
        return tl::unexpected(base.error());
    if (!price.base.input || !price.base.output)
        return tl::unexpected(invalid(where, QStringLiteral("needs both input and output")));

    for (auto it = entry.begin(); it != entry.end(); ++it) {
        const qint64 threshold = tierThresholdFromKey(QString::fromStdString(it.key()));
        if (threshold > 0) {
            ModelPrice::Tier tier { threshold, {} };
            if (!it.value().is_object())
                return tl::unexpected(invalid(where,
                    QStringLiteral("%1 must be a mapping").arg(QString::fromStdString(it.key()))));
            Status read = readBuckets(
                it.value(), where, tier.prices, [](const std::string &) { return false; });
            if (!read)
                return tl::unexpected(read.error());
            price.tiers.append(tier);
        } else if (it.key() == "tiers") {
            if (!it.value().is_array())
                return tl::unexpected(invalid(where, QStringLiteral("tiers must be a list")));
            for (const auto &t : it.value()) {
                const auto above = t.is_object() ? t.find("above_prompt_tokens") : t.end();
                if (!t.is_object() || above == t.end() || !above->is_number_integer()
                    || above->get<qint64>() <= 0)
                    return tl::unexpected(
                        invalid(where, QStringLiteral("each tier needs above_prompt_tokens")));
                ModelPrice::Tier tier { above->get<qint64>(), {} };
                Status read = readBuckets(t, where, tier.prices,
                    [](const std::string &key) { return key == "above_prompt_tokens"; });
                if (!read)
                    return tl::unexpected(read.error());
                price.tiers.append(tier);
            }
        }
    }
    std::sort(price.tiers.begin(), price.tiers.end(),
        [](const auto &a, const auto &b) { return a.abovePromptTokens < b.abovePromptTokens; });
    return price;
}

std::optional<ModelPrice> modelPriceFromLiteLlm(const nlohmann::json &entry)
{
    ModelPrice price;
    price.base.input = perMillion(entry, "input_cost_per_token");
    price.base.output = perMillion(entry, "output_cost_per_token");
    if (!price.base.input || !price.base.output)
        return std::nullopt;
    price.base.cacheRead = perMillion(entry, "cache_read_input_token_cost");
    price.base.cacheWrite = perMillion(entry, "cache_creation_input_token_cost");
    price.base.reasoning = perMillion(entry, "output_cost_per_reasoning_token");
    for (const char *size : { "128k", "200k" }) {
        const std::string suffix = std::string("_above_") + size + "_tokens";
        BucketPrices tier;
        tier.input = perMillion(entry, ("input_cost_per_token" + suffix).c_str());
        tier.output = perMillion(entry, ("output_cost_per_token" + suffix).c_str());
        tier.cacheRead = perMillion(entry, ("cache_read_input_token_cost" + suffix).c_str());
        tier.cacheWrite = perMillion(entry, ("cache_creation_input_token_cost" + suffix).c_str());
        tier.reasoning = perMillion(entry, ("output_cost_per_reasoning_token" + suffix).c_str());
        if (tier.input || tier.output || tier.cacheRead || tier.cacheWrite || tier.reasoning)
            price.tiers.append(
                { tierThresholdFromKey(QStringLiteral("above_%1").arg(QString::fromLatin1(size))),
                    tier });
    }
    return price;
}

QString providerFromLiteLlm(const QString &litellmProvider)
{
    const QString p = litellmProvider.toLower();
    if (p == QLatin1String("ollama_chat"))
        return QStringLiteral("ollama");
    if (p == QLatin1String("text-completion-openai"))
        return QStringLiteral("openai");
    return p;
}

} // namespace psm::core
