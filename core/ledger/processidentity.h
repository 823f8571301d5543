// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QString>
#include <QtGlobal>

namespace psm::core {

// Who wrote a ledger row, recorded so that a later Promptsmith on the same machine can tell
// whether that process is still running: a row left `running` by a process that quit or crashed
// mid-call is marked as interrupted at the next open, and one from a live process is left alone.
// Plain value; any thread.
struct ProcessIdentity {
    qint64 pid = 0;
    QString host; // machine id (/etc/machine-id), else the host name
    QString boot; // boot id: every process of an earlier boot has ended
    // Start time of the process in clock ticks since boot (Linux /proc), 0 when unknown: a pid
    // reused by a newer process has a different one.
    qint64 startTicks = 0;

    // This process (computed once).
    static const ProcessIdentity &current();
    // What is known about process `pid` on this machine right now (startTicks 0 when it is not
    // running or its start time cannot be read).
    static ProcessIdentity ofRunningProcess(qint64 pid);

    enum class Liveness { Alive, Ended, Unknown };
    // Whether the process a row names is still running. Unknown for another machine, or where
    // this platform cannot tell; such rows are never touched.
    Liveness liveness() const;
};

} // namespace psm::core
