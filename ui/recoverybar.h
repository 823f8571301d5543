// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/workspace/draftstore.h"

#include <QFrame>

class QLabel;

namespace psm::ui {

// The non-modal "Recover unsaved changes?" bar shown above the editor when drafts from an
// earlier session are left for the opened workspace. Holds the drafts until the user picks
// Restore or Discard; the MainWindow acts on the signals. GUI thread.
class RecoveryBar final : public QFrame {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecoveryBar)
public:
    explicit RecoveryBar(QWidget *parent = nullptr);

    void offer(const QList<core::Draft> &drafts); // hides itself when `drafts` is empty
    QList<core::Draft> drafts() const { return m_drafts; }

Q_SIGNALS:
    void restoreRequested(const QList<psm::core::Draft> &drafts);
    void discardRequested(const QList<psm::core::Draft> &drafts);

private:
    QList<core::Draft> m_drafts;
    QLabel *m_text = nullptr;
};

} // namespace psm::ui
