// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Keys bound to their vendor's host: what is sent without asking, what needs consent, what is
// refused; and the consent file kept outside the workspace.
#include "providers/keybinding.h"
#include "providers/keyconsentstore.h"
#include "providers/providersconfig.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace psm;
using providers::KeyBinding;
using Verdict = KeyBinding::Verdict;

Q_DECLARE_METATYPE(Verdict)

class TstKeyBinding final : public QObject {
    Q_OBJECT

private slots:
    void verdicts_data()
    {
        QTest::addColumn<QString>("yaml"); // one provider entry named p, or empty: built-in
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("origin");
        QTest::addColumn<bool>("consented");
        QTest::addColumn<Verdict>("expected");
        // The vendor default path: unchanged, nothing asked.
        QTest::newRow("openai env") << QString() << "openai"
                                    << "env:OPENAI_API_KEY" << false << Verdict::Send;
        QTest::newRow("openai keychain") << QString() << "openai"
                                         << "keychain:openai" << false << Verdict::Send;
        QTest::newRow("anthropic env") << QString() << "anthropic"
                                       << "env:ANTHROPIC_API_KEY" << false << Verdict::Send;
        QTest::newRow("gemini env") << QString() << "gemini"
                                    << "env:GEMINI_API_KEY" << false << Verdict::Send;
        QTest::newRow("gemini google env") << QString() << "gemini"
                                           << "env:GOOGLE_API_KEY" << false << Verdict::Send;
        // The finding: a workspace re-pointing a built-in at its own host.
        QTest::newRow("openai overridden")
            << "  openai: {type: openai, base_url: "
               "\"https://attacker.example/v1\"}\n"
            << "openai"
            << "env:OPENAI_API_KEY" << false << Verdict::NeedsConsent;
        QTest::newRow("openai overridden keychain")
            << "  openai: {type: openai, base_url: \"https://attacker.example/v1\"}\n"
            << "openai"
            << "keychain:openai" << false << Verdict::NeedsConsent;
        QTest::newRow("any env var")
            << "  p: {type: openai, base_url: \"https://api.openai.com/v1\", "
               "api_key_env: AWS_SECRET_ACCESS_KEY}\n"
            << "p"
            << "env:AWS_SECRET_ACCESS_KEY" << false << Verdict::NeedsConsent;
        QTest::newRow("cross vendor") << "  p: {type: openai}\n"
                                      << "p"
                                      << "env:ANTHROPIC_API_KEY" << false << Verdict::NeedsConsent;
        QTest::newRow("azure consented") << "  p: {type: azure, base_url: "
                                            "\"https://contoso.openai.azure.com\", api_key_env: "
                                            "AZ_KEY}\n"
                                         << "p"
                                         << "env:AZ_KEY" << true << Verdict::Send;
        QTest::newRow("azure not consented")
            << "  p: {type: azure, base_url: \"https://contoso.openai.azure.com\", api_key_env: "
               "AZ_KEY}\n"
            << "p"
            << "env:AZ_KEY" << false << Verdict::NeedsConsent;
        QTest::newRow("http loopback consented") << "  p: {type: openai, base_url: "
                                                    "\"http://127.0.0.1:8080/v1\"}\n"
                                                 << "p"
                                                 << "env:OPENAI_API_KEY" << true << Verdict::Send;
        QTest::newRow("http localhost consented") << "  p: {type: openai, base_url: "
                                                     "\"http://localhost:8080/v1\"}\n"
                                                  << "p"
                                                  << "env:OPENAI_API_KEY" << true << Verdict::Send;
        QTest::newRow("http remote refused even consented")
            << "  p: {type: openai, base_url: \"http://gpu-box.lan/v1\"}\n"
            << "p"
            << "env:OPENAI_API_KEY" << true << Verdict::Refuse;
        QTest::newRow("http vendor name refused")
            << "  openai: {type: openai, base_url: \"http://api.openai.com/v1\"}\n"
            << "openai"
            << "env:OPENAI_API_KEY" << true << Verdict::Refuse;
        QTest::newRow("127 lookalike is not loopback")
            << "  p: {type: openai, base_url: \"http://127.0.0.1.attacker.example/v1\"}\n"
            << "p"
            << "env:OPENAI_API_KEY" << true << Verdict::Refuse;
    }
    void verdicts()
    {
        QFETCH(QString, yaml);
        QFETCH(QString, provider);
        QFETCH(QString, origin);
        QFETCH(bool, consented);
        QFETCH(Verdict, expected);
        auto config = providers::ProvidersConfig::parse(
            yaml.isEmpty() ? QString() : QStringLiteral("providers:\n") + yaml);
        QVERIFY2(config, qPrintable(config ? QString() : config.error().toString()));
        const auto *settings = config->find(provider);
        QVERIFY(settings);
        const auto to = KeyBinding::destination(*settings, origin);
        QCOMPARE(KeyBinding::verdict(to, consented), expected);
        if (expected != Verdict::Send) {
            const core::Error e
                = KeyBinding::refusal(to, KeyBinding::verdict(to, consented), provider, true);
            QVERIFY2(e.message.contains(to.host), qPrintable(e.message));
            QCOMPARE(e.code, core::ErrorCode::InvalidInput);
        }
    }

    void consentIsPerWorkspaceHostAndKey()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("config/key-consent.json"));
        providers::KeyConsentStore store(file);
        const QString ws = QStringLiteral("/home/u/prompts");
        QVERIFY(!store.isAllowed(ws, QStringLiteral("llm.corp"), QStringLiteral("env:CORP_KEY")));
        QVERIFY(store.allow(ws, QStringLiteral("LLM.corp"), QStringLiteral("env:CORP_KEY")));
        QVERIFY(store.isAllowed(
            ws + QLatin1Char('/'), QStringLiteral("llm.corp"), QStringLiteral("env:CORP_KEY")));
        QVERIFY(!store.isAllowed(QStringLiteral("/home/u/other"), QStringLiteral("llm.corp"),
            QStringLiteral("env:CORP_KEY")));
        QVERIFY(!store.isAllowed(ws, QStringLiteral("evil.corp"), QStringLiteral("env:CORP_KEY")));
        QVERIFY(
            !store.isAllowed(ws, QStringLiteral("llm.corp"), QStringLiteral("env:OPENAI_API_KEY")));
        // Kept by a second instance (the next session); never holds a key, only its source.
        providers::KeyConsentStore again(file);
        QVERIFY(again.isAllowed(ws, QStringLiteral("llm.corp"), QStringLiteral("env:CORP_KEY")));
        QVERIFY(again.allow(ws, QStringLiteral("llm.corp"), QStringLiteral("env:CORP_KEY")));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll().count("llm.corp"), 1);
    }

    void defaultConsentFileIsNotInAWorkspace()
    {
        QStandardPaths::setTestModeEnabled(true);
        const providers::KeyConsentStore store;
        QVERIFY(store.path().startsWith(
            QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)));
    }
};

QTEST_GUILESS_MAIN(TstKeyBinding)
#include "tst_keybinding.moc"
