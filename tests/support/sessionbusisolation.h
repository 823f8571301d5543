// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QFile>
#include <QTemporaryDir>

#include <memory>

namespace psm::testsupport {

// Takes the user's D-Bus session bus away from a test, so nothing in it can read or write the
// real keychain (Secret Service) and keychain-dependent tests assert the same things on a
// desktop as on a headless CI box: a private XDG_RUNTIME_DIR (where libdbus looks for the bus)
// and no DBUS_SESSION_BUS_ADDRESS. Call it first in main(), before any Q*Application or D-Bus
// connection exists, and keep the folder alive; nullptr when the folder cannot be made.
inline std::unique_ptr<QTemporaryDir> isolateFromSessionBus()
{
    auto runtime = std::make_unique<QTemporaryDir>();
    if (!runtime->isValid())
        return nullptr;
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(runtime->path()));
    qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    return runtime;
}

} // namespace psm::testsupport
