// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QDialog>

class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace psm::ui {

class LogPanel;

// Commits a chosen set of changed files with a message. Loads the status and the git identity in
// a GitJob when shown; when no identity is configured it says so and offers name/email fields
// that are written to the workspace's .git/config before committing. Non-modal; GUI thread.
class CommitDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CommitDialog)
public:
    CommitDialog(const QString &root, const QStringList &unsavedPaths, LogPanel *log,
        QWidget *parent = nullptr);

    bool isLoaded() const { return m_loaded; }

Q_SIGNALS:
    void committed(const QString &commitId, const QString &summary);

private:
    void load();
    void updateCommitEnabled();
    void commit();
    QStringList checkedPaths() const;

    QString m_root;
    LogPanel *m_log;
    bool m_loaded = false;
    bool m_needIdentity = false;
    bool m_busy = false;
    bool m_refused = false; // the repository cannot take a commit now; m_status says why

    QListWidget *m_files = nullptr;
    QPlainTextEdit *m_message = nullptr;
    QGroupBox *m_identityBox = nullptr;
    QLabel *m_identityError = nullptr;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_email = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_commit = nullptr;
};

} // namespace psm::ui
