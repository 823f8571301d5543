// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace psm::test {

// Points HOME, XDG_CONFIG_HOME and GIT_CONFIG_GLOBAL of this process (and so of every git and
// promptsmith child it starts) at an empty temporary home, and sets GIT_CONFIG_NOSYSTEM, so
// tests never read or touch the machine's git config. Call it first thing in initTestCase(),
// before any libgit2 use. Returns the home folder; its .gitconfig starts empty.
QString isolateGitConfig();

// A throw-away git repository in a QTemporaryDir, made and driven with the real `git` CLI so
// fixtures do not depend on the code under test. Identity lives in the repo's .git/config.
class ScratchRepo final {
public:
    explicit ScratchRepo(bool withIdentity = true);

    bool isValid() const { return m_valid; }
    QString path() const { return m_dir.path(); }
    QString filePath(const QString &relative) const;

    bool write(const QString &relative, const QByteArray &bytes) const;
    QByteArray read(const QString &relative) const;
    bool remove(const QString &relative) const;

    // Runs `git ARGS` in the repository; returns stdout (trimmed of the final newline). The
    // exit code and stderr are kept for the next look.
    QString git(const QStringList &args) const;
    int lastExitCode() const { return m_lastExitCode; }
    QString lastError() const { return m_lastError; }

    // `git add -A && git commit -m MESSAGE`; returns the new HEAD id, empty on failure.
    QString commitAll(const QString &message) const;

    // Commits `relative` as "base\n", then changes it to "side\n" on a new branch `side` and to
    // "main\n" on `main`, so merging, rebasing or picking one onto the other stops with a
    // conflict in that file. Leaves `main` checked out; returns its HEAD id, empty on failure.
    QString divergeBranches(const QString &relative) const;

private:
    QTemporaryDir m_dir;
    bool m_valid = false;
    mutable int m_lastExitCode = 0;
    mutable QString m_lastError;
};

} // namespace psm::test
