// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Pricing: the bundled table, per-bucket costs, long-context tiers, unknown prices, model and
// provider matching, workspace overrides (JSON and YAML) and LiteLLM import.
#include "core/ledger/pricetable.h"
#include "tests/support/shareddata.h"

#include <QFile>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace psm::core;

Q_DECLARE_METATYPE(psm::core::TokenUsage)

namespace {

TokenUsage usage(
    qint64 input, qint64 cacheRead, qint64 cacheWrite, qint64 output, qint64 reasoning = 0)
{
    return TokenUsage { input, cacheRead, cacheWrite, output, reasoning };
}

const QString kLiteLlmPath
    = psm::testsupport::sharedDir() + QStringLiteral("/data/model_prices_and_context_window.json");
// With ../shared present a missing snapshot fails rather than skips, so CI cannot pass without
// having compared the bundled prices with it.
const QString kMissingLiteLlm
    = QStringLiteral("../shared is present but its LiteLLM price snapshot is not: ") + kLiteLlmPath;

} // namespace

class TestPriceTable final : public QObject {
    Q_OBJECT
private:
    PriceTable m_bundled;

private Q_SLOTS:
    void initTestCase()
    {
        auto table = PriceTable::bundled();
        QVERIFY2(table, qPrintable(table ? QString() : table.error().toString()));
        m_bundled = *table;
        QVERIFY(!m_bundled.version().isEmpty());
        QVERIFY(!m_bundled.checked().isEmpty());
    }

    void bundledCoversCurrentModels_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("model");
        for (const char *m : { "gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano",
                 "o3", "o4-mini", "gpt-5", "gpt-5-mini", "gpt-5-nano" })
            QTest::addRow("openai/%s", m) << "openai" << QString::fromLatin1(m);
        for (const char *m : { "claude-sonnet-4-5", "claude-sonnet-4", "claude-opus-4-1",
                 "claude-haiku-4-5", "claude-3-7-sonnet", "claude-3-5-haiku" })
            QTest::addRow("anthropic/%s", m) << "anthropic" << QString::fromLatin1(m);
        for (const char *m :
            { "gemini-2.5-pro", "gemini-2.5-flash", "gemini-2.5-flash-lite", "gemini-2.0-flash" })
            QTest::addRow("gemini/%s", m) << "gemini" << QString::fromLatin1(m);
    }
    void bundledCoversCurrentModels()
    {
        QFETCH(QString, provider);
        QFETCH(QString, model);
        QString key;
        const auto price = m_bundled.find(provider, model, &key);
        QVERIFY(price);
        QCOMPARE(key, provider + QLatin1Char('/') + model);
        QVERIFY(*price->base.input > 0);
        QVERIFY(*price->base.output > *price->base.input);
    }

    void bucketsArePricedSeparately_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("model");
        QTest::addColumn<TokenUsage>("tokens");
        QTest::addColumn<double>("expected");
        // gpt-4o: 2.50 in, 1.25 cached, 10 out; reasoning billed as output.
        QTest::newRow("gpt-4o") << "openai"
                                << "gpt-4o" << usage(1000, 2000, 0, 500, 100)
                                << (1000 * 2.5 + 2000 * 1.25 + 500 * 10.0 + 100 * 10.0) / 1e6;
        // claude-sonnet-4-5: 3 in, 0.30 cache read, 3.75 cache write, 15 out.
        QTest::newRow("sonnet 4.5") << "anthropic"
                                    << "claude-sonnet-4-5" << usage(1000, 10000, 2000, 300)
                                    << (1000 * 3.0 + 10000 * 0.3 + 2000 * 3.75 + 300 * 15.0) / 1e6;
        // gemini-2.5-flash: 0.30 in, 0.03 cached, 2.50 out (thinking too).
        QTest::newRow("2.5 flash") << "gemini"
                                   << "gemini-2.5-flash" << usage(4000, 1000, 0, 200, 800)
                                   << (4000 * 0.3 + 1000 * 0.03 + 1000 * 2.5) / 1e6;
        QTest::newRow("haiku 3.5") << "anthropic"
                                   << "claude-3-5-haiku" << usage(1'000'000, 0, 0, 0) << 0.8;
    }
    void bucketsArePricedSeparately()
    {
        QFETCH(QString, provider);
        QFETCH(QString, model);
        QFETCH(TokenUsage, tokens);
        QFETCH(double, expected);
        const CostEstimate cost = m_bundled.cost(provider, model, tokens);
        QVERIFY(cost.usd);
        QVERIFY2(qFuzzyCompare(*cost.usd, expected),
            qPrintable(QStringLiteral("%1 != %2").arg(*cost.usd, 0, 'g', 12).arg(expected)));
        QCOMPARE(cost.priceVersion, m_bundled.version());
    }

    void longContextTiers_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("model");
        QTest::addColumn<TokenUsage>("tokens");
        QTest::addColumn<double>("expected");
        // Exactly 200k prompt tokens is still the base tier; the threshold counts cache tokens.
        QTest::newRow("sonnet 4.5 at 200k")
            << "anthropic"
            << "claude-sonnet-4-5" << usage(150'000, 50'000, 0, 1000)
            << (150'000 * 3.0 + 50'000 * 0.3 + 1000 * 15.0) / 1e6;
        QTest::newRow("sonnet 4.5 above") << "anthropic"
                                          << "claude-sonnet-4-5" << usage(150'000, 60'000, 0, 1000)
                                          << (150'000 * 6.0 + 60'000 * 0.6 + 1000 * 22.5) / 1e6;
        QTest::newRow("sonnet 4 above")
            << "anthropic"
            << "claude-sonnet-4-20250514" << usage(100'000, 0, 150'000, 10)
            << (100'000 * 6.0 + 150'000 * 7.5 + 10 * 22.5) / 1e6;
        QTest::newRow("2.5 pro base") << "gemini"
                                      << "gemini-2.5-pro" << usage(100'000, 0, 0, 1000)
                                      << (100'000 * 1.25 + 1000 * 10.0) / 1e6;
        QTest::newRow("2.5 pro above") << "gemini"
                                       << "gemini-2.5-pro" << usage(250'000, 10'000, 0, 1000, 500)
                                       << (250'000 * 2.5 + 10'000 * 0.25 + 1500 * 15.0) / 1e6;
        // A model without tiers keeps one price at any length.
        QTest::newRow("gpt-4.1 1M")
            << "openai"
            << "gpt-4.1" << usage(900'000, 0, 0, 100) << (900'000 * 2.0 + 100 * 8.0) / 1e6;
    }
    void longContextTiers() { bucketsArePricedSeparately(); }

    void unknownIsNotZero_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("model");
        QTest::addColumn<TokenUsage>("tokens");
        QTest::newRow("unknown model") << "openai"
                                       << "gpt-9-ultra" << usage(10, 0, 0, 10);
        QTest::newRow("unknown provider") << "groq"
                                          << "llama-3.3-70b" << usage(10, 0, 0, 10);
        // A future snapshot is not assumed to cost what the base model costs.
        QTest::newRow("unlisted snapshot") << "openai"
                                           << "gpt-4o-2030-01-01" << usage(10, 0, 0, 10);
        QTest::newRow("no usage reported")
            << "openai"
            << "gpt-4o" << TokenUsage { std::nullopt, {}, {}, std::nullopt, {} };
        QTest::newRow("no output count") << "openai"
                                         << "gpt-4o" << TokenUsage { 10, {}, {}, {}, {} };
        QTest::newRow("empty") << ""
                               << "" << usage(10, 0, 0, 10);
    }
    void unknownIsNotZero()
    {
        QFETCH(QString, provider);
        QFETCH(QString, model);
        QFETCH(TokenUsage, tokens);
        const CostEstimate cost = m_bundled.cost(provider, model, tokens);
        QVERIFY(!cost.usd.has_value());
    }

    void localProvidersCostAKnownZero_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("model");
        QTest::newRow("ollama") << "ollama"
                                << "llama3.2";
        QTest::newRow("echo") << "echo"
                              << "echo";
        QTest::newRow("local") << "local"
                               << "qwen2.5-7b";
    }
    void localProvidersCostAKnownZero()
    {
        QFETCH(QString, provider);
        QFETCH(QString, model);
        const CostEstimate cost = m_bundled.cost(provider, model, usage(5000, 10, 10, 900));
        QVERIFY(cost.usd.has_value());
        QCOMPARE(*cost.usd, 0.0);
        QCOMPARE(cost.matchedKey, provider + QStringLiteral("/*"));
    }

    void modelMatching_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("key");
        QTest::newRow("openai snapshot") << "openai"
                                         << "gpt-4o-mini-2024-07-18"
                                         << "openai/gpt-4o-mini";
        QTest::newRow("priced snapshot") << "openai"
                                         << "gpt-4o-2024-05-13"
                                         << "openai/gpt-4o-2024-05-13";
        QTest::newRow("anthropic snapshot") << "anthropic"
                                            << "claude-sonnet-4-5-20250929"
                                            << "anthropic/claude-sonnet-4-5";
        QTest::newRow("anthropic alias") << "anthropic"
                                         << "claude-sonnet-4-0"
                                         << "anthropic/claude-sonnet-4";
        QTest::newRow("google alias") << "google"
                                      << "gemini-2.5-flash"
                                      << "gemini/gemini-2.5-flash";
        QTest::newRow("gemini api name") << "gemini"
                                         << "models/gemini-2.5-pro"
                                         << "gemini/gemini-2.5-pro";
        QTest::newRow("full reference as model") << "openai"
                                                 << "openai/gpt-4o-mini"
                                                 << "openai/gpt-4o-mini";
        QTest::newRow("case") << "OpenAI"
                              << "GPT-4o"
                              << "openai/gpt-4o";
    }
    void modelMatching()
    {
        QFETCH(QString, provider);
        QFETCH(QString, model);
        QFETCH(QString, key);
        QString matched;
        QVERIFY(m_bundled.find(provider, model, &matched));
        QCOMPARE(matched, key);
    }

    void snapshotWithOwnPrice()
    {
        const auto old = m_bundled.cost(QStringLiteral("openai"),
            QStringLiteral("gpt-4o-2024-05-13"), usage(1'000'000, 0, 0, 0));
        QCOMPARE(old.usd, std::optional<double>(5.0));
    }

    void jsonOverrides()
    {
        PriceTable table = m_bundled;
        const auto prices = nlohmann::json::parse(R"({
            "openai/gpt-4o": {"input": 1.0, "output": 4.0},
            "acme/foo-1": {"input": 0.5, "output": 1.5, "cache_read": 0.05,
                           "above_128k": {"input": 1.0}}
        })");
        QVERIFY(table.applyOverrides(prices, QStringLiteral("promptsmith.yaml")));
        QVERIFY(table.version().startsWith(m_bundled.version() + QStringLiteral("+overrides@")));
        // The override replaces the entry: cache reads fall back to its input price.
        QVERIFY(qFuzzyCompare(*table
                                   .cost(QStringLiteral("openai"), QStringLiteral("gpt-4o"),
                                       usage(1000, 1000, 0, 1000))
                                   .usd,
            (1000 * 1.0 + 1000 * 1.0 + 1000 * 4.0) / 1e6));
        // Snapshots that alias the model follow the override.
        QVERIFY(
            qFuzzyCompare(*table
                               .cost(QStringLiteral("openai"), QStringLiteral("gpt-4o-2024-11-20"),
                                   usage(1'000'000, 0, 0, 0))
                               .usd,
                1.0));
        QVERIFY(qFuzzyCompare(
            *table.cost(QStringLiteral("acme"), QStringLiteral("foo-1"), usage(200'000, 0, 0, 1000))
                 .usd,
            (200'000 * 1.0 + 1000 * 1.5) / 1e6));
        QVERIFY(!m_bundled.find(QStringLiteral("acme"), QStringLiteral("foo-1")));
    }

    void badOverridesChangeNothing_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("typo") << QByteArray(R"({"openai/gpt-4o": {"input": 1, "ouput": 2}})")
                              << "ouput";
        QTest::newRow("missing output")
            << QByteArray(R"({"openai/gpt-4o": {"input": 1}})") << "input and output";
        QTest::newRow("negative") << QByteArray(R"({"openai/gpt-4o": {"input": -1, "output": 2}})")
                                  << "non-negative";
        QTest::newRow("string") << QByteArray(R"({"openai/gpt-4o": {"input": "1", "output": 2}})")
                                << "number";
        QTest::newRow("no provider")
            << QByteArray(R"({"gpt-4o": {"input": 1, "output": 2}})") << "provider/model";
        QTest::newRow("not a map") << QByteArray(R"([1, 2])") << "mapping";
        QTest::newRow("second bad") << QByteArray(R"({"openai/gpt-4o": {"input": 1, "output": 2},
                                                     "x/y": {"output": 2}})")
                                    << "x/y";
    }
    void badOverridesChangeNothing()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, mentions);
        PriceTable table = m_bundled;
        const Status s = table.applyOverrides(
            nlohmann::json::parse(json.constData()), QStringLiteral("promptsmith.yaml"));
        QVERIFY(!s);
        QCOMPARE(s.error().code, ErrorCode::InvalidInput);
        QVERIFY2(s.error().message.contains(mentions), qPrintable(s.error().message));
        QCOMPARE(table.version(), m_bundled.version());
        QCOMPARE(table.find(QStringLiteral("openai"), QStringLiteral("gpt-4o"))->base.input,
            std::optional<double>(2.5));
    }

    void yamlOverrides()
    {
        PriceTable table = m_bundled;
        const QByteArray yaml = "# workspace settings\n"
                                "providers:\n"
                                "  openai: {baseUrl: https://api.openai.com/v1}\n"
                                "prices:\n"
                                "  local/my-finetune: {input: 0.2, output: 0.8}\n"
                                "  anthropic/claude-sonnet-4-5:\n"
                                "    input: 2.4\n"
                                "    output: 12\n"
                                "    cache_read: 0.24\n"
                                "    above_200k: {input: 4.8, output: 18}\n";
        const Status s = table.applyOverridesFromYaml(yaml, QStringLiteral("promptsmith.yaml"));
        QVERIFY2(s, qPrintable(s ? QString() : s.error().toString()));
        QCOMPARE(*table
                      .cost(QStringLiteral("local"), QStringLiteral("my-finetune"),
                          usage(1'000'000, 0, 0, 0))
                      .usd,
            0.2);
        QCOMPARE(
            *table.cost(QStringLiteral("local"), QStringLiteral("other"), usage(1'000'000, 0, 0, 0))
                 .usd,
            0.0);
        QVERIFY(
            qFuzzyCompare(*table
                               .cost(QStringLiteral("anthropic"),
                                   QStringLiteral("claude-sonnet-4-5"), usage(300'000, 0, 0, 1000))
                               .usd,
                (300'000 * 4.8 + 1000 * 18.0) / 1e6));

        PriceTable untouched = m_bundled;
        QVERIFY(untouched.applyOverridesFromYaml("providers: {}\n", QStringLiteral("p.yaml")));
        QCOMPARE(untouched.version(), m_bundled.version());
    }

    void yamlErrorsSayWhere_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("quoted number") << QByteArray("prices:\n  openai/gpt-4o:\n    input: \"2\"\n"
                                                     "    output: 8\n")
                                       << 3 << 12 << "must be a number";
        QTest::newRow("typo") << QByteArray(
            "prices:\n  openai/gpt-4o:\n    input: 2\n    ouput: 8\n")
                              << 3 << 5 << "ouput";
        QTest::newRow("list") << QByteArray("prices: [1, 2]\n") << 1 << 9 << "mapping";
        QTest::newRow("syntax") << QByteArray("prices:\n  a/b: {input: 1\n") << 3 << 1 << "";
    }
    void yamlErrorsSayWhere()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, mentions);
        PriceTable table = m_bundled;
        const Status s = table.applyOverridesFromYaml(yaml, QStringLiteral("promptsmith.yaml"));
        QVERIFY(!s);
        QCOMPARE(s.error().code, ErrorCode::InvalidInput);
        QCOMPARE(s.error().file, QStringLiteral("promptsmith.yaml"));
        QCOMPARE(s.error().line, line);
        QCOMPARE(s.error().column, column);
        QVERIFY2(s.error().message.contains(mentions), qPrintable(s.error().toString()));
        QCOMPARE(table.version(), m_bundled.version());
    }

    void liteLlmFormat()
    {
        const QByteArray json = R"({
            "sample_spec": {"litellm_provider": "x", "input_cost_per_token": 0.0,
                            "output_cost_per_token": 0.0},
            "acme-large": {"litellm_provider": "openai", "mode": "chat",
                           "input_cost_per_token": 2e-06, "output_cost_per_token": 8e-06,
                           "cache_read_input_token_cost": 5e-07,
                           "cache_creation_input_token_cost": 2.5e-06,
                           "output_cost_per_reasoning_token": 1.2e-05,
                           "input_cost_per_token_above_128k_tokens": 4e-06,
                           "output_cost_per_token_above_128k_tokens": 1.6e-05},
            "gemini/acme-flash": {"litellm_provider": "gemini", "input_cost_per_token": 1e-07,
                                  "output_cost_per_token": 4e-07},
            "ollama_chat/tiny": {"litellm_provider": "ollama_chat", "input_cost_per_token": 0.0,
                                 "output_cost_per_token": 0.0},
            "acme-image": {"litellm_provider": "openai", "mode": "image_generation",
                           "output_cost_per_image": 0.04}
        })";
        auto table = PriceTable::fromLiteLlm(json, QStringLiteral("prices.json"));
        QVERIFY2(table, qPrintable(table ? QString() : table.error().toString()));
        QCOMPARE(table->size(), 3);
        QVERIFY(table->version().startsWith(QLatin1String("litellm@")));
        const auto large = table->find(QStringLiteral("openai"), QStringLiteral("acme-large"));
        QVERIFY(large);
        QCOMPARE(large->base.input, std::optional<double>(2.0));
        QCOMPARE(large->base.cacheWrite, std::optional<double>(2.5));
        QCOMPARE(large->base.reasoning, std::optional<double>(12.0));
        QCOMPARE(large->tiers.size(), 1);
        QCOMPARE(large->tiers.at(0).abovePromptTokens, qint64(128'000));
        QVERIFY(qFuzzyCompare(*table
                                   ->cost(QStringLiteral("openai"), QStringLiteral("acme-large"),
                                       usage(1000, 100, 10, 10, 5))
                                   .usd,
            (1000 * 2.0 + 100 * 0.5 + 10 * 2.5 + 10 * 8.0 + 5 * 12.0) / 1e6));
        QVERIFY(qFuzzyCompare(*table
                                   ->cost(QStringLiteral("openai"), QStringLiteral("acme-large"),
                                       usage(130'000, 0, 0, 10))
                                   .usd,
            (130'000 * 4.0 + 10 * 16.0) / 1e6));
        QVERIFY(table->find(QStringLiteral("gemini"), QStringLiteral("acme-flash")));
        QCOMPARE(
            *table->cost(QStringLiteral("ollama"), QStringLiteral("tiny"), usage(9, 0, 0, 9)).usd,
            0.0);
        QVERIFY(
            !table->cost(QStringLiteral("openai"), QStringLiteral("acme-image"), usage(9, 0, 0, 9))
                 .usd);

        QVERIFY(!PriceTable::fromLiteLlm("[]", QStringLiteral("x.json")));
        QVERIFY(!PriceTable::fromLiteLlm("{\"a\": {}}", QStringLiteral("x.json")));
        QVERIFY(!PriceTable::fromLiteLlm("{not json", QStringLiteral("x.json")));
        QCOMPARE(PriceTable::importLiteLlmFile(QStringLiteral("/nonexistent/p.json")).error().code,
            ErrorCode::NotFound);
    }

    void importSharedLiteLlmFile()
    {
        if (!psm::testsupport::sharedDirPresent())
            QSKIP("../shared is not beside this checkout (a plain clone)");
        QVERIFY2(QFile::exists(kLiteLlmPath), qPrintable(kMissingLiteLlm));
        auto litellm = PriceTable::importLiteLlmFile(kLiteLlmPath);
        QVERIFY2(litellm, qPrintable(litellm ? QString() : litellm.error().toString()));
        QVERIFY(litellm->size() > 1000);
        QCOMPARE(*litellm
                      ->cost(QStringLiteral("openai"), QStringLiteral("gpt-4o-mini"),
                          usage(1'000'000, 0, 0, 1'000'000))
                      .usd,
            0.15 + 0.6);
        QVERIFY(
            qFuzzyCompare(*litellm
                               ->cost(QStringLiteral("anthropic"),
                                   QStringLiteral("claude-sonnet-4-5"), usage(250'000, 0, 0, 1000))
                               .usd,
                (250'000 * 6.0 + 1000 * 22.5) / 1e6));
        QCOMPARE(
            *litellm->cost(
                        QStringLiteral("ollama"), QStringLiteral("llama3.1"), usage(10, 0, 0, 10))
                 .usd,
            0.0);
        QVERIFY(!litellm
                     ->cost(QStringLiteral("ollama"), QStringLiteral("never-heard-of-it"),
                         usage(10, 0, 0, 10))
                     .usd);

        PriceTable merged = m_bundled;
        merged.merge(*litellm);
        QCOMPARE(merged.version(), m_bundled.version() + QLatin1Char('+') + litellm->version());
        QString key;
        QVERIFY(merged.find(QStringLiteral("openai"), QStringLiteral("gpt-4o-2024-08-06"), &key));
        QCOMPARE(key, QStringLiteral("openai/gpt-4o-2024-08-06")); // LiteLLM's own entry
        // Bundled-only entries survive a merge (LiteLLM has no echo provider).
        QCOMPARE(
            *merged.cost(QStringLiteral("echo"), QStringLiteral("echo"), usage(1, 0, 0, 1)).usd,
            0.0);
    }

    // The bundled table is derived from the shared LiteLLM snapshot: every base price must agree
    // with it, except the corrections the table's metadata lists.
    void bundledAgreesWithLiteLlm()
    {
        if (!psm::testsupport::sharedDirPresent())
            QSKIP("../shared is not beside this checkout (a plain clone)");
        QVERIFY2(QFile::exists(kLiteLlmPath), qPrintable(kMissingLiteLlm));
        auto litellm = PriceTable::importLiteLlmFile(kLiteLlmPath);
        QVERIFY(litellm);
        QFile file(QStringLiteral(":/prices/prices.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto doc = nlohmann::json::parse(file.readAll().toStdString());
        QCOMPARE(doc["corrections"].size(), size_t(2));
        int compared = 0;
        for (auto it = doc["models"].begin(); it != doc["models"].end(); ++it) {
            const QString key = QString::fromStdString(it.key());
            if (key.endsWith(QLatin1String("/*")))
                continue;
            const QString provider = key.section(QLatin1Char('/'), 0, 0);
            QString model = key.section(QLatin1Char('/'), 1);
            auto theirs = litellm->find(provider, model);
            for (const auto &alias : it.value().value("aliases", nlohmann::json::array())) {
                if (!theirs)
                    theirs
                        = litellm->find(provider, QString::fromStdString(alias.get<std::string>()));
            }
            QVERIFY2(theirs, qPrintable(key));
            const auto ours = m_bundled.find(provider, model);
            QCOMPARE(ours->base.input, theirs->base.input);
            QCOMPARE(ours->base.output, theirs->base.output);
            if (key != QLatin1String("gemini/gemini-2.5-pro"))
                QCOMPARE(ours->base.cacheRead, theirs->base.cacheRead);
            QCOMPARE(ours->tiers.size(), theirs->tiers.size());
            ++compared;
        }
        QVERIFY(compared >= 30);
    }
};

QTEST_GUILESS_MAIN(TestPriceTable)
#include "tst_pricetable.moc"
