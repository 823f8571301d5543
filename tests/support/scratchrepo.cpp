// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "tests/support/scratchrepo.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>

namespace psm::test {

QString isolateGitConfig()
{
    static QTemporaryDir home; // lives until the test process ends
    static const bool done = [] {
        QDir(home.path()).mkpath(QStringLiteral("xdg"));
        QFile config(home.path() + QStringLiteral("/.gitconfig"));
        config.open(QIODevice::WriteOnly); // empty
        qputenv("HOME", QFile::encodeName(home.path()));
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(home.path() + QStringLiteral("/xdg")));
        qputenv("GIT_CONFIG_GLOBAL", QFile::encodeName(config.fileName()));
        qputenv("GIT_CONFIG_NOSYSTEM", "1");
        qunsetenv("GIT_DIR");
        qunsetenv("GIT_WORK_TREE");
        qunsetenv("GIT_INDEX_FILE");
        return true;
    }();
    Q_UNUSED(done);
    return home.path();
}

ScratchRepo::ScratchRepo(bool withIdentity)
{
    isolateGitConfig();
    if (!m_dir.isValid())
        return;
    git({ QStringLiteral("init"), QStringLiteral("-q"), QStringLiteral("-b"),
        QStringLiteral("main") });
    m_valid = m_lastExitCode == 0;
    if (m_valid && withIdentity) {
        git({ QStringLiteral("config"), QStringLiteral("user.name"),
            QStringLiteral("Test Author") });
        git({ QStringLiteral("config"), QStringLiteral("user.email"),
            QStringLiteral("author@example.com") });
        m_valid = m_lastExitCode == 0;
    }
}

QString ScratchRepo::filePath(const QString &relative) const
{
    return m_dir.filePath(relative);
}

bool ScratchRepo::write(const QString &relative, const QByteArray &bytes) const
{
    const QString full = filePath(relative);
    QDir().mkpath(QFileInfo(full).absolutePath());
    QFile file(full);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate)
        && file.write(bytes) == bytes.size();
}

QByteArray ScratchRepo::read(const QString &relative) const
{
    QFile file(filePath(relative));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool ScratchRepo::remove(const QString &relative) const
{
    return QFile::remove(filePath(relative));
}

QString ScratchRepo::git(const QStringList &args) const
{
    QProcess process;
    process.setWorkingDirectory(m_dir.path());
    process.start(QStringLiteral("git"), args);
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit) {
        m_lastExitCode = -1;
        m_lastError = process.errorString();
        return {};
    }
    m_lastExitCode = process.exitCode();
    m_lastError = QString::fromUtf8(process.readAllStandardError());
    QString out = QString::fromUtf8(process.readAllStandardOutput());
    if (out.endsWith(QLatin1Char('\n')))
        out.chop(1);
    return out;
}

QString ScratchRepo::commitAll(const QString &message) const
{
    git({ QStringLiteral("add"), QStringLiteral("-A") });
    if (m_lastExitCode != 0)
        return {};
    git({ QStringLiteral("commit"), QStringLiteral("-q"), QStringLiteral("-m"), message });
    if (m_lastExitCode != 0)
        return {};
    return git({ QStringLiteral("rev-parse"), QStringLiteral("HEAD") });
}

QString ScratchRepo::divergeBranches(const QString &relative) const
{
    if (!write(relative, "base\n") || commitAll(QStringLiteral("base")).isEmpty())
        return {};
    git({ QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("-b"),
        QStringLiteral("side") });
    if (!write(relative, "side\n") || commitAll(QStringLiteral("side change")).isEmpty())
        return {};
    git({ QStringLiteral("checkout"), QStringLiteral("-q"), QStringLiteral("main") });
    if (m_lastExitCode != 0 || !write(relative, "main\n"))
        return {};
    return commitAll(QStringLiteral("main change"));
}

} // namespace psm::test
