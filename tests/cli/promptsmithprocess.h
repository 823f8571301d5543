// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once
// Runs the built `promptsmith` as a user would, with no display at all: a window attempt then
// aborts in Qt's platform plugin (a crash exit) instead of passing unnoticed offscreen.

#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

namespace psm::test {

struct Ran {
    bool crashed = false;
    int code = -1;
    QByteArray out;
    QByteArray err;
};

// `home` isolates HOME and the XDG folders (per-user prices, ledger, settings).
inline QProcessEnvironment headlessEnvironment(const QString &home)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : { "QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY" })
        env.remove(QString::fromLatin1(name));
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), home + QStringLiteral("/cache"));
    env.insert(QStringLiteral("PROMPTSMITH_LEDGER"), home + QStringLiteral("/ledger.sqlite"));
    return env;
}

inline Ran runProgram(const QString &program, const QStringList &args,
    const QProcessEnvironment &env, const QString &workingDirectory = {})
{
    QProcess process;
    process.setProcessEnvironment(env);
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    process.start(program, args);
    Ran ran;
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        ran.err = "timed out or did not start: " + process.errorString().toUtf8();
        return ran;
    }
    ran.crashed = process.exitStatus() != QProcess::NormalExit;
    ran.code = ran.crashed ? -1 : process.exitCode();
    ran.out = process.readAllStandardOutput();
    ran.err = process.readAllStandardError();
    return ran;
}

inline QString describe(const Ran &ran)
{
    return QStringLiteral("crashed %1, exit %2; stdout: %3; stderr: %4")
        .arg(ran.crashed)
        .arg(ran.code)
        .arg(QString::fromUtf8(ran.out), QString::fromUtf8(ran.err));
}

} // namespace psm::test
