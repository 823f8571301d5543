// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/workspace/workspace.h"
#include "run/runengine.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace psm::ui {

class EvalGatePanel;
class LogPanel;

// Commits a chosen set of changed files with a message. Loads the status and the git identity in
// a GitJob when shown; when no identity is configured it says so and offers name/email fields
// that are written to the workspace's .git/config before committing. Non-modal; GUI thread.
//
// The commit gate: the eval sets covering the ticked prompts run (EvalGatePanel) whenever the
// ticked files change. While they run, Commit waits (Skip cancels them). Regressions or new
// flips disable Commit until "Commit anyway (override)" is ticked; a judged run, clean or
// overridden, adds its Eval-* trailers to the message (Eval-Override names the git identity).
// A run that could not judge (bad eval file, provider error, no key, skipped) is shown as such
// and does not block: the commit is then made without trailers, since there is no evidence to
// record, and claiming a pass would be a lie.
class CommitDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CommitDialog)
public:
    // `evalEngine`: options of the RunEngine the gate's eval runs use (the app passes its one
    // transport). The engine is made only when some ticked prompt has an eval set.
    CommitDialog(const QString &root, const QStringList &unsavedPaths, LogPanel *log,
        QWidget *parent = nullptr);
    CommitDialog(const QString &root, const QStringList &unsavedPaths, LogPanel *log,
        run::RunEngineOptions evalEngine, QWidget *parent = nullptr);

    bool isLoaded() const { return m_loaded; }

Q_SIGNALS:
    void committed(const QString &commitId, const QString &summary);

private:
    void load();
    void updateCommitEnabled();
    void onCheckedFilesChanged();
    bool gateAllowsCommit() const;
    void commit();
    QStringList checkedPaths() const;

    QString m_root;
    LogPanel *m_log;
    bool m_loaded = false;
    bool m_needIdentity = false;
    bool m_busy = false;
    bool m_refused = false; // the repository cannot take a commit now; m_status says why
    std::optional<core::Identity> m_identity; // git's, for Eval-Override

    QListWidget *m_files = nullptr;
    QPlainTextEdit *m_message = nullptr;
    QGroupBox *m_identityBox = nullptr;
    QLabel *m_identityError = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_email = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_commit = nullptr;
    EvalGatePanel *m_gate = nullptr;
    QCheckBox *m_override = nullptr;
};

} // namespace psm::ui
