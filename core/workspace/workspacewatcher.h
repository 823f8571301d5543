// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

class QFileSystemWatcher;
class QTimer;

namespace psm::core {

// Notices changes made outside the app — an editor, `git` on the command line — to the files of
// one workspace or to its git state (HEAD, index, refs), and reports them once per burst.
// Lives on the GUI thread; owns no git handle.
class WorkspaceWatcher final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkspaceWatcher)
public:
    explicit WorkspaceWatcher(const QString &root, QObject *parent = nullptr);
    ~WorkspaceWatcher() override;

Q_SIGNALS:
    // Files were added, removed or changed in the working tree (debounced ~200 ms).
    void filesChanged();
    // HEAD, the index, branches or tags moved (a commit, checkout, tag made elsewhere).
    void repositoryChanged();

private:
    void rescanDirectories();
    void rescanGitDirectories();
    void addPaths(const QStringList &candidates);
    bool isGitPath(const QString &path) const;

    QString m_root;
    QStringList m_gitDirs; // the git dir, and the common dir of a linked worktree
    QFileSystemWatcher *m_watcher = nullptr;
    QTimer *m_filesTimer = nullptr;
    QTimer *m_repoTimer = nullptr;
};

} // namespace psm::core
