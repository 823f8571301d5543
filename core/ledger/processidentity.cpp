// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/ledger/processidentity.h"

#include <QCoreApplication>
#include <QFile>
#include <QSysInfo>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <csignal>
#endif

namespace psm::core {
namespace {

// Field 22 of /proc/PID/stat. The command name (field 2) may hold spaces and parentheses, so
// the fields are counted from its closing ')'.
qint64 startTicksOf(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    if (close < 0)
        return 0;
    const QList<QByteArray> fields = text.mid(close + 2).split(' ');
    constexpr int kStartTimeAfterComm = 22 - 3; // fields 3.. follow the command name
    return fields.size() > kStartTimeAfterComm ? fields.at(kStartTimeAfterComm).toLongLong() : 0;
}

QString hostId()
{
    const QByteArray machine = QSysInfo::machineUniqueId();
    return machine.isEmpty() ? QSysInfo::machineHostName() : QString::fromLatin1(machine);
}

} // namespace

const ProcessIdentity &ProcessIdentity::current()
{
    static const ProcessIdentity self = ofRunningProcess(QCoreApplication::applicationPid());
    return self;
}

ProcessIdentity ProcessIdentity::ofRunningProcess(qint64 pid)
{
    ProcessIdentity id;
    id.pid = pid;
    id.host = hostId();
    id.boot = QString::fromLatin1(QSysInfo::bootUniqueId());
    id.startTicks = startTicksOf(pid);
    return id;
}

ProcessIdentity::Liveness ProcessIdentity::liveness() const
{
    const ProcessIdentity &self = current();
    if (pid <= 0 || host.isEmpty() || host != self.host)
        return Liveness::Unknown;
    if (!boot.isEmpty() && !self.boot.isEmpty() && boot != self.boot)
        return Liveness::Ended;
#ifdef Q_OS_UNIX
    // Signal 0 only asks whether the process exists; EPERM means it does, as another user's.
    if (::kill(pid_t(pid), 0) != 0 && errno == ESRCH)
        return Liveness::Ended;
    const qint64 nowTicks = startTicksOf(pid);
    if (startTicks != 0 && nowTicks != 0 && startTicks != nowTicks)
        return Liveness::Ended; // the pid now belongs to a newer process
    return Liveness::Alive;
#else
    return Liveness::Unknown;
#endif
}

} // namespace psm::core
