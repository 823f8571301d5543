// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"
#include "core/ledger/callrecord.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <nlohmann/json_fwd.hpp>

#include <optional>

namespace psm::core {

class WorkspaceSettings;

// Prices of one model in USD per million tokens, one per token bucket. An absent bucket falls
// back: cacheRead and cacheWrite to input, reasoning to output.
struct BucketPrices {
    std::optional<double> input;
    std::optional<double> output;
    std::optional<double> cacheRead;
    std::optional<double> cacheWrite;
    std::optional<double> reasoning;
};

struct ModelPrice {
    BucketPrices base;
    // Long-context tiers, ascending: when a call's prompt tokens exceed abovePromptTokens the
    // whole call is priced at that tier (as Anthropic and Google bill); a bucket the tier does
    // not name keeps the base price.
    struct Tier {
        qint64 abovePromptTokens = 0;
        BucketPrices prices;
    };
    QList<Tier> tiers;
};

// What one call cost. usd is nullopt when the model has no known price (or the call reported no
// token counts): unknown, never 0.
struct CostEstimate {
    std::optional<double> usd;
    QString priceVersion; // the table's version(), for the ledger row
    QString matchedKey; // the entry used ("openai/gpt-4o", "ollama/*"), empty when unknown
};

// The model price table: the bundled one (resources/prices/prices.json), optionally merged with
// an imported LiteLLM file and the workspace's `prices:` overrides. A plain value, cheap to copy
// to any thread. Keys are "provider/model" in lower case; "provider/*" prices a whole provider.
class PriceTable final {
public:
    // The table compiled into the binary.
    static Result<PriceTable> bundled();
    // Our own format (see resources/prices/prices.json); `source` names it in errors.
    static Result<PriceTable> fromJson(const QByteArray &json, const QString &source);
    // A LiteLLM model_prices_and_context_window.json: *_cost_per_token fields, cache read and
    // creation costs, reasoning cost, *_above_128k/200k_tokens tiers, litellm_provider.
    static Result<PriceTable> fromLiteLlm(const QByteArray &json, const QString &source);
    static Result<PriceTable> importLiteLlmFile(const QString &path);

    // `prices: {provider/model: {input: X, output: Y, cache_read, cache_write, reasoning,
    // above_200k: {...}}}` in USD per million tokens. Each entry replaces the model's price.
    // The json overload takes the mapping itself; the YAML one a whole promptsmith.yaml and
    // reports errors at file:line:col. Nothing is applied when any entry is wrong.
    Status applyOverrides(const nlohmann::json &prices, const QString &source);
    Status applyOverridesFromYaml(const QByteArray &yaml, const QString &file);
    // The `prices:` of parsed settings; the section's error when it was dropped.
    Status applyOverrides(const WorkspaceSettings &settings);

    // Entries of `other` replace ours; versions are joined.
    void merge(const PriceTable &other);

    // Exact key, then an alias (a known snapshot priced the same), then "provider/*".
    // Provider aliases: google -> gemini; Gemini's "models/" prefix is ignored.
    std::optional<ModelPrice> find(
        const QString &provider, const QString &model, QString *matchedKey = nullptr) const;
    CostEstimate cost(const QString &provider, const QString &model, const TokenUsage &usage) const;
    // Prices `usage` with `price` (no lookup); nullopt when input or output counts are unknown.
    static std::optional<double> costOf(const ModelPrice &price, const TokenUsage &usage);

    // Every distinct abovePromptTokens of every model's tiers, ascending: the prompt sizes at
    // which some call's price changes, so sums of calls between two of them price linearly.
    QList<qint64> tierThresholds() const;

    QString version() const { return m_version; }
    QString checked() const { return m_checked; }
    qsizetype size() const { return m_models.size(); }

private:
    void insert(const QString &key, const ModelPrice &price);

    QHash<QString, ModelPrice> m_models;
    QHash<QString, QString> m_aliases; // "provider/snapshot" -> key
    QString m_version;
    QString m_checked;
};

} // namespace psm::core
