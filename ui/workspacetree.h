// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/workspace/workspace.h"

#include <QTreeWidget>

namespace psm::ui {

// The workspace's files grouped as Prompts, Partials, Eval sets and Settings, each with a change
// marker from git status (M, A, U, D, R, C). Fed by the main window from background git jobs;
// emits fileActivated when the user opens a file. GUI thread.
class WorkspaceTree final : public QTreeWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkspaceTree)
public:
    static constexpr int kPathRole = Qt::UserRole + 1;

    explicit WorkspaceTree(QWidget *parent = nullptr);

    void setFiles(const QList<core::WorkspaceFile> &files);
    void setStatus(const QList<core::FileStatus> &status);
    void clearWorkspace(const QString &placeholder);
    void selectPath(const QString &path);
    QTreeWidgetItem *itemForPath(const QString &path) const;
    QString markerFor(const QString &path) const; // "" when unchanged

Q_SIGNALS:
    void fileActivated(const QString &path);

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuild();

    QList<core::WorkspaceFile> m_files;
    QList<core::FileStatus> m_status;
    QString m_placeholder;
};

} // namespace psm::ui
