// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

// Fixtures for the UI tests on top of tests/support: an isolated HOME (no global git identity or
// user settings leak in), Qt's test-mode paths, and a scratch workspace with sample files.

#include "tests/support/scratchrepo.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace psm::test {

// Call before the QApplication exists: libgit2 and QStandardPaths read HOME once.
inline void isolateEnvironment()
{
    const QString home = isolateGitConfig();
    qputenv("XDG_DATA_HOME", (home + QStringLiteral("/xdg-data")).toUtf8());
    QStandardPaths::setTestModeEnabled(true);
}

inline void resetSettings()
{
    QSettings settings;
    settings.clear();
    settings.sync();
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
}

inline QString git(const QString &dir, const QStringList &args)
{
    QProcess process;
    process.setWorkingDirectory(dir);
    process.start(QStringLiteral("git"), args);
    if (!process.waitForFinished(20000) || process.exitCode() != 0) {
        qWarning("git %s failed: %s", qPrintable(args.join(QLatin1Char(' '))),
            process.readAllStandardError().constData());
        return {};
    }
    return QString::fromUtf8(process.readAllStandardOutput());
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

inline QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline const QByteArray kGreetPrompt = QByteArrayLiteral("---\n"
                                                         "model: echo/test\n"
                                                         "config:\n"
                                                         "  temperature: 0.2\n"
                                                         "input:\n"
                                                         "  schema:\n"
                                                         "    name: string\n"
                                                         "---\n"
                                                         "{{role \"system\"}}\n"
                                                         "{{> header}}\n"
                                                         "{{role \"user\"}}\n"
                                                         "Say hello to {{name}}.\n");

// A git repository with a prompt, a partial, an eval set and settings, committed once. With
// `identity`, user.name/email go into its .git/config; without, commits need one set later.
class ScratchWorkspace {
public:
    explicit ScratchWorkspace(bool identity = true)
        : m_repo(identity)
    {
        m_root = QDir(m_repo.path()).canonicalPath();
        m_repo.write(QStringLiteral("prompts/greet.prompt"), kGreetPrompt);
        m_repo.write(QStringLiteral("prompts/_header.prompt"), "You are terse.\n");
        m_repo.write(QStringLiteral("evals/greet.yaml"),
            "description: greeting\ntests:\n  - vars: {name: Bob}\n");
        m_repo.write(QStringLiteral("promptsmith.yaml"), "providers: {}\n");
        m_repo.git({ QStringLiteral("add"), QStringLiteral(".") });
        // The initial commit needs an identity even when the repository must stay without one.
        m_repo.git(
            { QStringLiteral("-c"), QStringLiteral("user.name=Ada Tester"), QStringLiteral("-c"),
                QStringLiteral("user.email=ada@example.com"), QStringLiteral("commit"),
                QStringLiteral("-q"), QStringLiteral("-m"), QStringLiteral("Initial prompts") });
        m_committed = m_repo.lastExitCode() == 0;
    }

    bool isValid() const { return m_repo.isValid() && m_committed; }
    QString root() const { return m_root; }
    QString path(const QString &relative) const { return m_root + QLatin1Char('/') + relative; }

private:
    ScratchRepo m_repo;
    QString m_root;
    bool m_committed = false;
};

} // namespace psm::test
