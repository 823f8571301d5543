// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/eval/evaltrailers.h"
#include "core/workspace/workspace.h"

#include <optional>

#include <QWidget>

class QCheckBox;
class QLabel;
class QListWidget;
class QPushButton;
class QToolButton;

namespace psm::ui {

class DiffView;
class LogPanel;

// The commits that changed the current file (Workspace::history) and the diff of the picked
// one against its parent or the working copy, or between two picked commits. Every git call runs
// in a GitJob; late answers for a file no longer shown are dropped. Restoring a version is asked
// of the MainWindow (restoreRequested), which owns the undo. A commit that carries eval
// evidence (Eval-* trailers, core/eval/evaltrailers.h) shows it as a badge ("11/12 · 1
// regression") with the trailers in its tooltip; the messages are parsed in the history job,
// off the GUI thread. GUI thread.
class HistoryPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryPanel)
public:
    HistoryPanel(LogPanel *log, QWidget *parent = nullptr);

    void setWorkspace(const QString &root);
    void setFile(const QString &path); // empty: nothing to show
    QString file() const { return m_path; }
    void refresh(); // history again, keeping the selection
    void selectRows(const QList<int> &rows);

    QList<core::CommitInfo> commits() const { return m_commits; }
    // The eval evidence of the commit in row `row`; nullopt when it has none.
    std::optional<core::eval::EvalEvidence> evidence(int row) const;
    // "11/12 · 1 regression · overridden": what the badge says.
    static QString evidenceBadge(const core::eval::EvalEvidence &evidence);
    DiffView *diffView() const { return m_diff; }
    static QString relativeTime(const QDateTime &when, const QDateTime &now);

Q_SIGNALS:
    void restoreRequested(const QString &commitId, const QString &path);
    void historyLoaded(); // after each successful history answer (tests wait on it)

private:
    // A commit as the list shows it: its evidence parsed off the GUI thread with the history.
    struct Entry {
        core::CommitInfo commit;
        std::optional<core::eval::EvalEvidence> evidence;
        QList<core::Trailer> evalTrailers;
    };

    void requestHistory();
    void showCommits(const QList<Entry> &entries);
    void updateDiff();
    void setDiffTitle(const QString &title);

    LogPanel *m_log;
    QString m_root;
    QString m_path;
    QList<core::CommitInfo> m_commits;
    QList<std::optional<core::eval::EvalEvidence>> m_evidence; // parallel to m_commits
    quint64 m_historyGeneration = 0;
    quint64 m_diffGeneration = 0;

    QLabel *m_title = nullptr;
    QListWidget *m_list = nullptr;
    QCheckBox *m_againstWorkingCopy = nullptr;
    QToolButton *m_sideBySide = nullptr;
    QToolButton *m_inline = nullptr;
    QPushButton *m_restore = nullptr;
    QLabel *m_diffTitle = nullptr;
    DiffView *m_diff = nullptr;
};

} // namespace psm::ui
