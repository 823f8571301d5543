// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/workspace/workspacewatcher.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QSet>
#include <QTimer>

namespace psm::core {
namespace {

constexpr int kDebounceMs = 200;
// inotify watches are a per-user budget shared with every other program; a workspace that
// needs more than this is not one we can watch file by file.
constexpr int kMaxWatches = 4000;

// Directories that never hold workspace files and can be huge.
bool skippedDirectory(const QString &name)
{
    return name.startsWith(QLatin1Char('.')) || name == QLatin1String("node_modules")
        || name == QLatin1String("__pycache__");
}

// Only files the workspace reads are watched one by one; new or removed files of any kind show
// up as directory changes.
bool watchedFile(const QString &name)
{
    return name.endsWith(QLatin1String(".prompt")) || name.endsWith(QLatin1String(".yaml"))
        || name.endsWith(QLatin1String(".yml")) || name == QLatin1String(".gitignore");
}

// The repository's git directory: `.git`, or the folder a `.git` file points at (worktrees,
// submodules).
QString gitDirOf(const QString &root)
{
    const QString dotGit = root + QStringLiteral("/.git");
    const QFileInfo info(dotGit);
    if (info.isDir())
        return dotGit;
    QFile file(dotGit);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QString line = QString::fromUtf8(file.readLine()).trimmed();
    if (!line.startsWith(QLatin1String("gitdir:")))
        return {};
    const QString target = line.mid(7).trimmed();
    return QDir::cleanPath(
        QDir::isAbsolutePath(target) ? target : root + QLatin1Char('/') + target);
}

} // namespace

WorkspaceWatcher::WorkspaceWatcher(const QString &root, QObject *parent)
    : QObject(parent)
    , m_root(QDir::cleanPath(root))
    , m_watcher(new QFileSystemWatcher(this))
    , m_filesTimer(new QTimer(this))
    , m_repoTimer(new QTimer(this))
{
    for (QTimer *timer : { m_filesTimer, m_repoTimer }) {
        timer->setSingleShot(true);
        timer->setInterval(kDebounceMs);
    }
    connect(m_filesTimer, &QTimer::timeout, this, [this] {
        rescanDirectories(); // once per burst: a checkout can touch thousands of paths
        Q_EMIT filesChanged();
    });
    connect(m_repoTimer, &QTimer::timeout, this, [this] { Q_EMIT repositoryChanged(); });

    const QString gitDir = gitDirOf(m_root);
    if (!gitDir.isEmpty()) {
        m_gitDirs << gitDir;
        QFile commonDir(gitDir + QStringLiteral("/commondir"));
        if (commonDir.open(QIODevice::ReadOnly)) {
            const QString common = QString::fromUtf8(commonDir.readAll()).trimmed();
            m_gitDirs << QDir::cleanPath(
                QDir::isAbsolutePath(common) ? common : gitDir + QLatin1Char('/') + common);
        }
    }

    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, [this](const QString &path) {
        if (isGitPath(path)) {
            rescanGitDirectories();
            m_repoTimer->start();
        } else {
            m_filesTimer->start();
        }
    });
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, [this](const QString &path) {
        // A save by rename replaces the inode and drops its watch: watch the new file.
        if (QFileInfo::exists(path) && !m_watcher->files().contains(path))
            m_watcher->addPath(path);
        m_filesTimer->start();
    });

    rescanGitDirectories();
    rescanDirectories();
}

WorkspaceWatcher::~WorkspaceWatcher() = default;

bool WorkspaceWatcher::isGitPath(const QString &path) const
{
    for (const QString &gitDir : m_gitDirs) {
        if (path == gitDir || path.startsWith(gitDir + QLatin1Char('/')))
            return true;
    }
    return false;
}

void WorkspaceWatcher::addPaths(const QStringList &candidates)
{
    const QStringList watchedDirs = m_watcher->directories();
    const QStringList watchedFiles = m_watcher->files();
    QSet<QString> watched(watchedDirs.cbegin(), watchedDirs.cend());
    watched.unite(QSet<QString>(watchedFiles.cbegin(), watchedFiles.cend()));
    QStringList missing;
    for (const QString &path : candidates) {
        if (!watched.contains(path) && watched.size() + missing.size() < kMaxWatches)
            missing << path;
    }
    if (!missing.isEmpty())
        m_watcher->addPaths(missing);
}

void WorkspaceWatcher::rescanGitDirectories()
{
    // HEAD, the index and packed-refs are replaced by rename, which shows on their folder;
    // branch and tag refs live in folders of their own, possibly nested (feature/x).
    QStringList paths;
    for (const QString &gitDir : std::as_const(m_gitDirs)) {
        paths << gitDir;
        for (const QString &refs :
            { QStringLiteral("/refs/heads"), QStringLiteral("/refs/tags") }) {
            const QString top = gitDir + refs;
            if (!QFileInfo(top).isDir())
                continue;
            paths << top;
            QDirIterator it(top, QDir::Dirs | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
            while (it.hasNext())
                paths << it.next();
        }
    }
    addPaths(paths);
}

void WorkspaceWatcher::rescanDirectories()
{
    QStringList paths { m_root };
    QStringList pending { m_root };
    while (!pending.isEmpty()) {
        const QDir dir(pending.takeLast());
        const QFileInfoList entries
            = dir.entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
        for (const QFileInfo &entry : entries) {
            if (entry.isDir() && !entry.isSymLink()) {
                if (skippedDirectory(entry.fileName()))
                    continue;
                paths << entry.filePath();
                pending << entry.filePath();
            } else if (entry.isFile() && watchedFile(entry.fileName())) {
                paths << entry.filePath();
            }
        }
    }
    addPaths(paths);
}

} // namespace psm::core
