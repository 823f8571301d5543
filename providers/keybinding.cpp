// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "providers/keybinding.h"

#include <QUrl>

#include <algorithm>

namespace psm::providers {
namespace {

struct VendorKey {
    QLatin1String origin;
    QLatin1String host;
};

// The keys Promptsmith itself knows the home of: the vendors' documented variables and the
// keychain entries of the built-in providers.
constexpr VendorKey kVendorKeys[] = {
    { QLatin1String("env:OPENAI_API_KEY"), QLatin1String("api.openai.com") },
    { QLatin1String("keychain:openai"), QLatin1String("api.openai.com") },
    { QLatin1String("env:ANTHROPIC_API_KEY"), QLatin1String("api.anthropic.com") },
    { QLatin1String("keychain:anthropic"), QLatin1String("api.anthropic.com") },
    { QLatin1String("env:GEMINI_API_KEY"), QLatin1String("generativelanguage.googleapis.com") },
    { QLatin1String("env:GOOGLE_API_KEY"), QLatin1String("generativelanguage.googleapis.com") },
    { QLatin1String("keychain:gemini"), QLatin1String("generativelanguage.googleapis.com") },
};

} // namespace

QString KeyBinding::vendorHost(const QString &origin)
{
    for (const VendorKey &k : kVendorKeys)
        if (origin == k.origin)
            return k.host;
    return {};
}

KeyDestination KeyBinding::destination(const ProviderSettings &settings, const QString &origin)
{
    const QUrl url(settings.baseUrl);
    KeyDestination to;
    to.host = url.host().toLower();
    to.origin = origin;
    to.plainHttp = url.scheme() != QLatin1String("https");
    // QHostAddress is QtNetwork; the loopback names and 127.0.0.0/8 are all we need here.
    to.loopback = to.host == QLatin1String("localhost") || to.host == QLatin1String("::1")
        || (to.host.startsWith(QLatin1String("127.")) && to.host.count(QLatin1Char('.')) == 3
            && std::all_of(to.host.cbegin(), to.host.cend(),
                [](QChar c) { return c.isDigit() || c == QLatin1Char('.'); }));
    return to;
}

KeyBinding::Verdict KeyBinding::verdict(const KeyDestination &to, bool consented)
{
    if (to.plainHttp && !to.loopback)
        return Verdict::Refuse;
    if (!to.plainHttp && !to.host.isEmpty() && to.host == vendorHost(to.origin))
        return Verdict::Send;
    return consented ? Verdict::Send : Verdict::NeedsConsent;
}

core::Error KeyBinding::refusal(
    const KeyDestination &to, Verdict verdict, const QString &provider, bool cliHint)
{
    const QString source = to.origin.startsWith(QLatin1String("env:"))
        ? QStringLiteral("the environment variable %1").arg(to.origin.mid(4))
        : QStringLiteral("the keychain entry '%1'").arg(to.origin.section(QLatin1Char(':'), 1));
    if (verdict == Verdict::Refuse)
        return core::Error { core::ErrorCode::InvalidInput,
            QStringLiteral("refusing to send the API key from %1 over plain http to %2 "
                           "(provider '%3'): use https, or a server on this machine")
                .arg(source, to.host, provider),
            {}, {}, 0, 0 };
    const QString vendor = vendorHost(to.origin);
    QString message = QStringLiteral("provider '%1' would send the API key from %2 to %3, %4; "
                                     "not sent without your consent")
                          .arg(provider, source, to.host,
                              vendor.isEmpty() ? QStringLiteral("a host this key is not bound to")
                                               : QStringLiteral("which is not %1").arg(vendor));
    if (cliHint)
        message
            += QStringLiteral(" (run again with --allow-key-host %1 if you trust it)").arg(to.host);
    return core::Error { core::ErrorCode::InvalidInput, message, {}, {}, 0, 0 };
}

} // namespace psm::providers
