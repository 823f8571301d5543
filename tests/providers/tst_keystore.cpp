// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Key lookup (keychain, then environment) and key redaction in everything we keep.
// Isolated from the user's session: main() hides any D-Bus session bus and gives the test a
// runtime folder of its own before anything runs, so no test here can read or write the real
// keychain, and every test asserts the same things on a desktop as on a headless CI box.
#include "providerfixture.h"
#include "providers/keystore.h"
#include "tests/support/sessionbusisolation.h"

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace psm;
using providers::KeyStore;

class TstKeyStore final : public QObject {
    Q_OBJECT

public:
    explicit TstKeyStore(QString runtimeDir)
        : m_runtimeDir(std::move(runtimeDir))
    {
    }

private:
    testsupport::TestServer m_server;
    QString m_runtimeDir; // our XDG_RUNTIME_DIR, empty unless a test puts a "bus" in it

    KeyStore::Lookup lookup(KeyStore &store, const providers::ProviderSettings &settings)
    {
        std::optional<KeyStore::Lookup> answer;
        store.lookup(settings, [&](const KeyStore::Lookup &l) { answer = l; });
        // Asynchronous even when the environment answers at once.
        [&] { QVERIFY(!answer); }();
        [&] { QVERIFY(QTest::qWaitFor([&] { return answer.has_value(); }, 30'000)); }();
        return answer.value_or(KeyStore::Lookup {});
    }

    core::Status storeKey(KeyStore &store, const QString &provider, const QString &key)
    {
        std::optional<core::Status> status;
        store.store(provider, key, [&](const core::Status &s) { status = s; });
        [&] { QVERIFY(QTest::qWaitFor([&] { return status.has_value(); }, 30'000)); }();
        return status.value_or(core::fail(core::ErrorCode::Internal, QStringLiteral("no answer")));
    }

private slots:
    void initTestCase()
    {
        QCOMPARE(qEnvironmentVariable("XDG_RUNTIME_DIR"), m_runtimeDir);
        QVERIFY(!qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"));
        QVERIFY(m_server.start());
    }
    void cleanup()
    {
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        QFile::remove(m_runtimeDir + QStringLiteral("/bus"));
    }
    void cleanupTestCase() { m_server.stop(); }

    void noSessionBusMeansEnvironmentOnly()
    {
        QString why;
        QVERIFY(!KeyStore::keychainAvailable(&why));
        QVERIFY2(why.contains(QLatin1String("no D-Bus session bus")), qPrintable(why));
        QVERIFY(why.contains(QLatin1String("environment variables")));

        auto settings = providers::ProviderSettings::builtin(QStringLiteral("openai"));
        settings.apiKeyEnv = QStringLiteral("PSM_TEST_NOBUS_KEY");
        qputenv("PSM_TEST_NOBUS_KEY", "sk-nobus-7");
        KeyStore store; // keychain enabled: it is the missing bus that sends us to the env
        const KeyStore::Lookup found = lookup(store, settings);
        qunsetenv("PSM_TEST_NOBUS_KEY");
        QCOMPARE(found.key, QStringLiteral("sk-nobus-7"));
        QCOMPARE(found.source, KeyStore::Source::Environment);
        QCOMPARE(found.note, why);

        const core::Status stored
            = storeKey(store, QStringLiteral("openai"), QStringLiteral("sk-nobus-8"));
        QVERIFY(!stored);
        QVERIFY(stored.error().message.contains(QLatin1String("no D-Bus session bus")));
    }

    // The bus's default place counts as a bus, wherever XDG_RUNTIME_DIR puts it.
    void busInTheRuntimeDirIsFound()
    {
        QVERIFY(!KeyStore::keychainAvailable());
        QFile bus(m_runtimeDir + QStringLiteral("/bus"));
        QVERIFY(bus.open(QIODevice::WriteOnly));
        bus.close();
        QVERIFY(KeyStore::keychainAvailable());
    }

    // A session bus is configured but nothing answers on it (here: a socket path with no
    // listener, never the user's bus): lookups fall back to the environment and say why, and a
    // key to store is refused, not written anywhere else.
    void unreachableKeychainFallsBackToEnvironment()
    {
        qputenv("DBUS_SESSION_BUS_ADDRESS",
            "unix:path=" + QFile::encodeName(m_runtimeDir) + "/nobody-listens-here");
        QVERIFY(KeyStore::keychainAvailable());
        auto settings = providers::ProviderSettings::builtin(QStringLiteral("anthropic"));
        settings.name = QStringLiteral("psm-test-unreachable");
        settings.apiKeyEnv = QStringLiteral("PSM_TEST_DEADBUS_KEY");
        qputenv("PSM_TEST_DEADBUS_KEY", "sk-ant-deadbus-3");
        KeyStore store;
        const KeyStore::Lookup found = lookup(store, settings);
        qunsetenv("PSM_TEST_DEADBUS_KEY");
        QCOMPARE(found.key, QStringLiteral("sk-ant-deadbus-3"));
        QCOMPARE(found.source, KeyStore::Source::Environment);
        QVERIFY2(
            found.note.startsWith(QLatin1String("keychain unavailable")), qPrintable(found.note));

        const core::Status stored
            = storeKey(store, settings.name, QStringLiteral("sk-ant-deadbus-4"));
        QVERIFY(!stored);
        QVERIFY(!stored.error().toString().contains(QLatin1String("sk-ant-deadbus-4")));
    }

    void environmentFallback()
    {
        auto settings = providers::ProviderSettings::builtin(QStringLiteral("openai"));
        settings.name = QStringLiteral("team");
        settings.apiKeyEnv = QStringLiteral("PSM_TEST_TEAM_KEY");
        qputenv("PSM_TEST_TEAM_KEY", "sk-from-env-42");
        KeyStore store;
        store.setKeychainEnabled(false);
        const KeyStore::Lookup found = lookup(store, settings);
        QCOMPARE(found.key, QStringLiteral("sk-from-env-42"));
        QCOMPARE(found.source, KeyStore::Source::Environment);
        QVERIFY(!found.note.isEmpty());
        QVERIFY(!found.note.contains(found.key));

        qunsetenv("PSM_TEST_TEAM_KEY");
        const KeyStore::Lookup none = lookup(store, settings);
        QVERIFY(none.key.isEmpty());
        QCOMPARE(none.source, KeyStore::Source::None);
    }

    void geminiAlsoReadsGoogleApiKey()
    {
        auto settings = providers::ProviderSettings::builtin(QStringLiteral("gemini"));
        QCOMPARE(KeyStore::environmentVariables(settings),
            (QStringList { QStringLiteral("GEMINI_API_KEY"), QStringLiteral("GOOGLE_API_KEY") }));
        qunsetenv("GEMINI_API_KEY");
        qputenv("GOOGLE_API_KEY", "AIza-google-1");
        KeyStore store;
        store.setKeychainEnabled(false);
        QCOMPARE(lookup(store, settings).key, QStringLiteral("AIza-google-1"));
        qunsetenv("GOOGLE_API_KEY");
    }

    void refusesToStoreWithoutKeychain()
    {
        KeyStore store;
        store.setKeychainEnabled(false);
        const core::Status status
            = storeKey(store, QStringLiteral("openai"), QStringLiteral("sk-nowhere-1"));
        QVERIFY(!status);
        QVERIFY(status.error().message.contains(QLatin1String("environment variable")));
        QVERIFY(!status.error().toString().contains(QLatin1String("sk-nowhere-1")));
    }

    void dumpsAreRedacted_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QByteArray>("credentialHeader");
        for (auto [type, header] : { std::pair { "openai", "Authorization" },
                 { "azure", "api-key" }, { "anthropic", "x-api-key" },
                 { "gemini", "x-goog-api-key" }, { "ollama", "Authorization" } })
            QTest::newRow(type) << QString::fromLatin1(type) << QByteArray(header);
    }
    void dumpsAreRedacted()
    {
        QFETCH(QString, type);
        QFETCH(QByteArray, credentialHeader);
        const QString canary = QStringLiteral("sk-canary-d00dfeed-%1").arg(type);
        auto settings = tests::localSettings(type, m_server);
        // A key pasted into a custom header as well must not survive either.
        settings.headers.emplace_back(QStringLiteral("X-Forwarded-Key"), canary);
        core::ChatRequest request
            = tests::chatRequest(QStringLiteral("m"), {}, QStringLiteral("hi"), true);
        auto prepared = providers::Transport::prepare(settings, request, canary);
        QVERIFY(prepared);
        bool carried = false; // the real request does carry it: the check below is not vacuous
        for (const auto &[name, value] : prepared->http.headers)
            carried = carried || (name == credentialHeader && value.contains(canary.toUtf8()));
        QVERIFY(carried);
        const QString dump = providers::redactedRequestDump(prepared->http);
        QVERIFY2(!dump.contains(canary), qPrintable(dump));
        QVERIFY(dump.contains(QString::fromLatin1(credentialHeader + ": [REDACTED]")));
        QVERIFY(dump.contains(QLatin1String("X-Forwarded-Key: [REDACTED]")));
    }

    // The whole path: a canary key from the environment, through a call that fails and is
    // retried; nothing the app keeps (result, attempts, events, dump) holds it.
    void canaryNeverKept()
    {
        const QByteArray canary = "sk-canary-0123456789abcdef";
        qputenv("PSM_TEST_CANARY_KEY", canary);
        auto settings = tests::localSettings(QStringLiteral("openai"), m_server);
        settings.apiKeyEnv = QStringLiteral("PSM_TEST_CANARY_KEY");
        KeyStore store;
        store.setKeychainEnabled(false);
        const QString key = lookup(store, settings).key;
        QCOMPARE(key.toUtf8(), canary);
        qunsetenv("PSM_TEST_CANARY_KEY");

        testsupport::ServerOptions options;
        options.requiredKey = "sk-the-right-one";
        m_server.setOptions(options);
        m_server.resetStats();
        m_server.pushFault(QStringLiteral("status=500"));
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        const auto id = transport.start(
            settings, tests::chatRequest(QStringLiteral("m"), {}, QStringLiteral("x"), true), key);
        const core::ChatResult result = recorder.result(id);
        QCOMPARE(result.failure, core::Failure::Auth);
        QCOMPARE(result.attempts, 2);
        QCOMPARE(m_server.requests().back().header("authorization"), "Bearer " + canary);
        QVERIFY(!result.rawResponse.contains(canary));
        QVERIFY(!result.error->toString().toUtf8().contains(canary));
        for (const auto &attempt : recorder.call(id).attempts)
            QVERIFY(!attempt.error || !attempt.error->toString().toUtf8().contains(canary));
        for (const auto &event : recorder.call(id).events) {
            QVERIFY(!event.raw.contains(canary));
            QVERIFY(!event.error.toString().toUtf8().contains(canary));
        }
    }
};

int main(int argc, char **argv)
{
    const auto runtime = psm::testsupport::isolateFromSessionBus();
    if (!runtime)
        return 1;
    QCoreApplication app(argc, argv);
    TstKeyStore test(runtime->path());
    return QTest::qExec(&test, argc, argv);
}
#include "tst_keystore.moc"
