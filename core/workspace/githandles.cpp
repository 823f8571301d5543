// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/workspace/githandles.h"

#include <QDir>
#include <QFileInfo>

namespace psm::core::git {
namespace {

bool envFlag(const char *name)
{
    const QByteArray value = qgetenv(name).trimmed().toLower();
    return !value.isEmpty() && value != "0" && value != "false" && value != "no";
}

// libgit2 1.5 predates GIT_CONFIG_NOSYSTEM/GIT_CONFIG_GLOBAL; honour them as far as its search
// paths allow, so the app reads the same identity the git CLI would in CI and in our tests.
void applyGitEnvironment()
{
    if (envFlag("GIT_CONFIG_NOSYSTEM"))
        git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_SYSTEM, "");
    if (!qEnvironmentVariableIsSet("GIT_CONFIG_GLOBAL"))
        return;
    const QString global = qEnvironmentVariable("GIT_CONFIG_GLOBAL");
    if (global.isEmpty() || global == QLatin1String("/dev/null")) {
        git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_GLOBAL, "");
        git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_XDG, "");
    } else if (QFileInfo(global).fileName() == QLatin1String(".gitconfig")) {
        const QByteArray dir = QFile::encodeName(QFileInfo(global).absolutePath());
        git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_GLOBAL, dir.constData());
        git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_XDG, "");
    }
}

struct Library {
    Library()
    {
        git_libgit2_init();
        applyGitEnvironment();
    }
    ~Library() { git_libgit2_shutdown(); }
    Library(const Library &) = delete;
    Library &operator=(const Library &) = delete;
};

} // namespace

void ensureInitialised()
{
    static Library library; // thread-safe one-time construction (C++11 magic statics)
}

QString lastErrorText()
{
    const git_error *error = git_error_last();
    return error && error->message ? QString::fromUtf8(error->message).trimmed() : QString();
}

tl::unexpected<Error> failGit(const QString &message, ErrorCode code)
{
    return fail(code, message, lastErrorText());
}

QString oidHex(const git_oid *oid)
{
    char hex[GIT_OID_HEXSZ + 1] = {};
    git_oid_tostr(hex, sizeof hex, oid);
    return QString::fromLatin1(hex);
}

} // namespace psm::core::git
