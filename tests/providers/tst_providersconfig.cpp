// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// The `providers:` section of promptsmith.yaml, built-in defaults and model references.
#include "providers/providersconfig.h"

#include <QTest>

using namespace psm;
using providers::ProvidersConfig;

class TstProvidersConfig final : public QObject {
    Q_OBJECT

private slots:
    void builtinsNeedNoEntry()
    {
        const ProvidersConfig config;
        for (const char *name : { "openai", "anthropic", "gemini", "ollama", "echo" })
            QVERIFY(config.find(QString::fromLatin1(name)));
        QCOMPARE(config.find(QStringLiteral("openai"))->baseUrl,
            QStringLiteral("https://api.openai.com/v1"));
        QCOMPARE(config.find(QStringLiteral("anthropic"))->apiKeyEnv,
            QStringLiteral("ANTHROPIC_API_KEY"));
        QCOMPARE(
            config.find(QStringLiteral("gemini"))->apiKeyEnv, QStringLiteral("GEMINI_API_KEY"));
        QCOMPARE(config.find(QStringLiteral("ollama"))->baseUrl,
            QStringLiteral("http://localhost:11434"));
        auto echo = config.resolve(ProvidersConfig::defaultModelRef());
        QVERIFY(echo);
        QCOMPARE(echo->first.type, QStringLiteral("echo"));
    }

    void parsesEntries()
    {
        const QString yaml = QStringLiteral("version: 1\n"
                                            "providers:\n"
                                            "  local:\n"
                                            "    type: openai\n"
                                            "    base_url: http://localhost:8080/v1/\n"
                                            "    max_concurrency: 2\n"
                                            "    max_response_mb: 2.5\n"
                                            "  work:\n"
                                            "    type: azure\n"
                                            "    base_url: https://contoso.openai.azure.com\n"
                                            "    api_key_env: CONTOSO_KEY\n"
                                            "    api_version: \"2024-10-21\"\n"
                                            "    timeout_s: 90\n"
                                            "    idle_timeout_s: 2.5\n"
                                            "    max_retries: 5\n"
                                            "    headers: {X-Team: ml, X-Trace: \"on\"}\n"
                                            "  openai:\n"
                                            "    max_concurrency: 16\n"
                                            "presets: {fast: openai/gpt-4o-mini}\n");
        auto config = ProvidersConfig::parse(yaml, QStringLiteral("promptsmith.yaml"));
        QVERIFY2(config, qPrintable(config ? QString() : config.error().toString()));
        const auto *local = config->find(QStringLiteral("local"));
        QVERIFY(local);
        QCOMPARE(local->type, QStringLiteral("openai"));
        QCOMPARE(local->baseUrl, QStringLiteral("http://localhost:8080/v1")); // slash trimmed
        QCOMPARE(local->maxConcurrency, 2);
        QCOMPARE(local->policy.maxResponseBytes, qint64(2.5 * 1024 * 1024));
        QCOMPARE(local->apiKeyEnv, QStringLiteral("OPENAI_API_KEY")); // the type's default
        const auto *work = config->find(QStringLiteral("work"));
        QCOMPARE(work->type, QStringLiteral("azure"));
        QCOMPARE(work->apiKeyEnv, QStringLiteral("CONTOSO_KEY"));
        QCOMPARE(work->apiVersion, QStringLiteral("2024-10-21"));
        QCOMPARE(work->policy.totalTimeoutMs, qint64(90'000));
        QCOMPARE(work->policy.idleTimeoutMs, qint64(2'500));
        QCOMPARE(work->policy.maxRetries, 5);
        QCOMPARE(work->policy.maxResponseBytes, providers::TransportPolicy {}.maxResponseBytes);
        QCOMPARE(work->headers.size(), size_t(2));
        QCOMPARE(work->headers[1].second, QStringLiteral("on"));
        // An entry named after a built-in overrides it and keeps its type and defaults.
        const auto *openai = config->find(QStringLiteral("openai"));
        QCOMPARE(openai->maxConcurrency, 16);
        QCOMPARE(openai->baseUrl, QStringLiteral("https://api.openai.com/v1"));
        QCOMPARE(config->names().first(), QStringLiteral("local"));
    }

    void emptyOrMissingSection()
    {
        for (const char *yaml : { "", "version: 1\n", "providers:\n", "# nothing\n" }) {
            auto config = ProvidersConfig::parse(QString::fromLatin1(yaml));
            QVERIFY(config);
            QVERIFY(config->find(QStringLiteral("echo")));
        }
    }

    void errors_data()
    {
        QTest::addColumn<QString>("yaml");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown-type")
            << QStringLiteral("providers:\n  local:\n    type: nonsense\n") << 3 << 11
            << QStringLiteral("unknown type 'nonsense'");
        QTest::newRow("no-type") << QStringLiteral("providers:\n  local:\n    base_url: http://x\n")
                                 << 3 << 5 << QStringLiteral("needs a type");
        QTest::newRow("bad-url") << QStringLiteral(
            "providers:\n  local:\n    type: openai\n    base_url: ftp://x\n")
                                 << 4 << 15 << QStringLiteral("http:// or https://");
        QTest::newRow("zero-concurrency")
            << QStringLiteral("providers:\n  openai:\n    max_concurrency: 0\n") << 3 << 22
            << QStringLiteral("above 0");
        QTest::newRow("typo") << QStringLiteral("providers:\n  openai:\n    base_ur1: http://x\n")
                              << 3 << 5 << QStringLiteral("unknown setting 'base_ur1'");
        QTest::newRow("inline-key")
            << QStringLiteral("providers:\n  openai:\n    api_key: sk-live-123456\n") << 3 << 5
            << QStringLiteral("do not belong in promptsmith.yaml");
        QTest::newRow("bad-timeout")
            << QStringLiteral("providers:\n  ollama:\n    timeout_s: soon\n") << 3 << 16
            << QStringLiteral("number of seconds");
        QTest::newRow("bad-response-limit")
            << QStringLiteral("providers:\n  openai:\n    max_response_mb: 0\n") << 3 << 22
            << QStringLiteral("max_response_mb must be a number of megabytes above 0");
        QTest::newRow("azure-without-url") << QStringLiteral("providers:\n  az:\n    type: azure\n")
                                           << 3 << 5 << QStringLiteral("needs a base_url");
        QTest::newRow("not-a-map") << QStringLiteral("providers: [a, b]\n") << 1 << 12
                                   << QStringLiteral("must be a mapping");
        QTest::newRow("entry-not-a-map") << QStringLiteral("providers:\n  local: yes\n") << 2 << 10
                                         << QStringLiteral("must be a mapping");
        QTest::newRow("slash-in-name") << QStringLiteral("providers:\n  a/b: {type: echo}\n") << 2
                                       << 3 << QStringLiteral("contain no '/'");
        QTest::newRow("broken-yaml") << QStringLiteral("providers:\n  local: {type: openai\n") << 3
                                     << 1 << QStringLiteral("not valid YAML");
    }
    void errors()
    {
        QFETCH(QString, yaml);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, message);
        auto config = ProvidersConfig::parse(yaml, QStringLiteral("promptsmith.yaml"));
        QVERIFY(!config);
        const core::Error &error = config.error();
        QVERIFY2(error.message.contains(message), qPrintable(error.message));
        QCOMPARE(error.file, QStringLiteral("promptsmith.yaml"));
        QCOMPARE(error.line, line);
        QCOMPARE(error.column, column);
        QCOMPARE(error.code, core::ErrorCode::InvalidInput);
        QVERIFY(!error.toString().contains(QLatin1String("sk-live-123456")));
    }

    // The providers come from the one settings parse; a broken other section does not hide them.
    void fromSettingsKeepsProvidersWhenAnotherSectionIsBroken()
    {
        const auto settings = core::WorkspaceSettings::parse(
            "prices: {gpt: 1}\nproviders:\n  local: {type: ollama, base_url: \"http://h:1\"}\n",
            QStringLiteral("promptsmith.yaml"));
        QVERIFY(settings.sectionError(core::WorkspaceSettings::Section::Prices));
        auto config = ProvidersConfig::fromSettings(settings);
        QVERIFY2(config, qPrintable(config ? QString() : config.error().toString()));
        QCOMPARE(config->find(QStringLiteral("local"))->baseUrl, QStringLiteral("http://h:1"));
    }

    void modelRefs_data()
    {
        QTest::addColumn<QString>("reference");
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("model");
        QTest::newRow("simple") << QStringLiteral("openai/gpt-4o-mini") << QStringLiteral("openai")
                                << QStringLiteral("gpt-4o-mini");
        QTest::newRow("first-slash-splits")
            << QStringLiteral("openrouter/meta-llama/llama-3.1-8b") << QStringLiteral("openrouter")
            << QStringLiteral("meta-llama/llama-3.1-8b");
        QTest::newRow("tag") << QStringLiteral("ollama/llama3.2:3b") << QStringLiteral("ollama")
                             << QStringLiteral("llama3.2:3b");
        QTest::newRow("no-slash") << QStringLiteral("gpt-4o") << QString() << QString();
        QTest::newRow("no-provider") << QStringLiteral("/gpt-4o") << QString() << QString();
        QTest::newRow("no-model") << QStringLiteral("openai/") << QString() << QString();
    }
    void modelRefs()
    {
        QFETCH(QString, reference);
        QFETCH(QString, provider);
        QFETCH(QString, model);
        auto ref = providers::parseModelRef(reference);
        QCOMPARE(bool(ref), !provider.isEmpty());
        if (ref) {
            QCOMPARE(ref->provider, provider);
            QCOMPARE(ref->model, model);
        } else {
            QVERIFY(ref.error().message.contains(QLatin1String("provider/model")));
        }
    }

    void resolve()
    {
        auto config = ProvidersConfig::parse(
            QStringLiteral("providers:\n  openrouter: {type: openai, base_url: "
                           "\"https://openrouter.ai/api/v1\"}\n"));
        QVERIFY(config);
        auto resolved = config->resolve(QStringLiteral("openrouter/meta-llama/llama-3.1-8b"));
        QVERIFY(resolved);
        QCOMPARE(resolved->first.baseUrl, QStringLiteral("https://openrouter.ai/api/v1"));
        QCOMPARE(resolved->second, QStringLiteral("meta-llama/llama-3.1-8b"));
        auto missing = config->resolve(QStringLiteral("local/qwen"));
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, core::ErrorCode::NotFound);
        QVERIFY(missing.error().message.contains(QLatin1String("openrouter")));
    }
};

QTEST_GUILESS_MAIN(TstProvidersConfig)
#include "tst_providersconfig.moc"
