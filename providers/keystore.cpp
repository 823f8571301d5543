// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "providers/keystore.h"

#include <QFileInfo>
#include <QTimer>

#ifdef PSM_HAVE_QTKEYCHAIN
#include <qt6keychain/keychain.h>
#endif

#include <unistd.h>

namespace psm::providers {

KeyStore::KeyStore(QObject *parent)
    : QObject(parent)
{
}

bool KeyStore::keychainAvailable(QString *why)
{
#ifndef PSM_HAVE_QTKEYCHAIN
    if (why)
        *why = QStringLiteral("built without QtKeychain");
    return false;
#else
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    // Without a session bus QtKeychain cannot reach the Secret Service; asking anyway only
    // costs a timeout. (A bus with no Secret Service running is reported by the job itself.)
    // The bus's default place is $XDG_RUNTIME_DIR/bus, as libdbus looks for it.
    const QString runtimeDir = qEnvironmentVariable("XDG_RUNTIME_DIR");
    const bool bus = qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS")
        || QFileInfo::exists(runtimeDir.isEmpty() ? QStringLiteral("/run/user/%1/bus").arg(getuid())
                                                  : runtimeDir + QStringLiteral("/bus"));
    if (!bus) {
        if (why)
            *why = QStringLiteral("no D-Bus session bus, so no Secret Service keychain; using "
                                  "environment variables");
        return false;
    }
#endif
    return true;
#endif
}

QStringList KeyStore::environmentVariables(const ProviderSettings &settings)
{
    QStringList names;
    if (!settings.apiKeyEnv.isEmpty())
        names.append(settings.apiKeyEnv);
    if (settings.type == QLatin1String("gemini"))
        names.append(QStringLiteral("GOOGLE_API_KEY")); // what Google's own SDKs also read
    return names;
}

void KeyStore::lookupEnvironment(
    const ProviderSettings &settings, QString note, std::function<void(const Lookup &)> done)
{
    Lookup lookup;
    lookup.note = std::move(note);
    for (const QString &name : environmentVariables(settings)) {
        const QString value = qEnvironmentVariable(name.toLocal8Bit().constData()).trimmed();
        if (!value.isEmpty()) {
            lookup.key = value;
            lookup.source = Source::Environment;
            lookup.origin = QStringLiteral("env:") + name;
            break;
        }
    }
    // Always asynchronous, so callers have one code path whichever source answers.
    QTimer::singleShot(0, this, [done = std::move(done), lookup] { done(lookup); });
}

void KeyStore::lookup(const ProviderSettings &settings, std::function<void(const Lookup &)> done)
{
    QString why;
    if (!m_keychainEnabled) {
        lookupEnvironment(settings, QStringLiteral("keychain disabled"), std::move(done));
        return;
    }
    if (!keychainAvailable(&why)) {
        lookupEnvironment(settings, why, std::move(done));
        return;
    }
#ifdef PSM_HAVE_QTKEYCHAIN
    auto *job = new QKeychain::ReadPasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setKey(settings.name);
    connect(job, &QKeychain::Job::finished, this,
        [this, job, settings, done = std::move(done)]() mutable {
            if (job->error() == QKeychain::NoError && !job->textData().isEmpty()) {
                Lookup lookup;
                lookup.key = job->textData();
                lookup.source = Source::Keychain;
                lookup.origin = QStringLiteral("keychain:") + settings.name;
                done(lookup);
                return;
            }
            const QString note = job->error() == QKeychain::EntryNotFound
                ? QStringLiteral("no keychain entry")
                : QStringLiteral("keychain unavailable: %1").arg(job->errorString());
            lookupEnvironment(settings, note, std::move(done));
        });
    job->start();
#endif
}

void KeyStore::store(
    const QString &providerName, const QString &key, std::function<void(const core::Status &)> done)
{
    QString why;
    if (!m_keychainEnabled || !keychainAvailable(&why)) {
        // No plaintext fallback: a key we cannot keep safely is not kept at all.
        const core::Status status = core::fail(core::ErrorCode::Io,
            QStringLiteral("cannot store the key: %1; set it in an environment variable instead")
                .arg(m_keychainEnabled ? why : QStringLiteral("keychain disabled")));
        QTimer::singleShot(0, this, [done = std::move(done), status] { done(status); });
        return;
    }
#ifdef PSM_HAVE_QTKEYCHAIN
    auto *job = new QKeychain::WritePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setKey(providerName);
    job->setTextData(key);
    connect(job, &QKeychain::Job::finished, this, [job, done = std::move(done)] {
        if (job->error() == QKeychain::NoError)
            done(core::Status {});
        else
            done(core::fail(core::ErrorCode::Io, QStringLiteral("the keychain refused the key"),
                job->errorString()));
    });
    job->start();
#else
    Q_UNUSED(providerName);
    Q_UNUSED(key);
#endif
}

void KeyStore::remove(const QString &providerName, std::function<void(const core::Status &)> done)
{
    QString why;
    if (!m_keychainEnabled || !keychainAvailable(&why)) {
        const core::Status status = core::fail(
            core::ErrorCode::Io, QStringLiteral("no keychain to remove from: %1").arg(why));
        QTimer::singleShot(0, this, [done = std::move(done), status] { done(status); });
        return;
    }
#ifdef PSM_HAVE_QTKEYCHAIN
    auto *job = new QKeychain::DeletePasswordJob(m_service, this);
    job->setAutoDelete(true);
    job->setKey(providerName);
    connect(job, &QKeychain::Job::finished, this, [job, done = std::move(done)] {
        if (job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound)
            done(core::Status {});
        else
            done(core::fail(
                core::ErrorCode::Io, QStringLiteral("the keychain refused"), job->errorString()));
    });
    job->start();
#else
    Q_UNUSED(providerName);
#endif
}

} // namespace psm::providers
