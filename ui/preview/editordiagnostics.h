// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/prompt/diagnostic.h"

#include <QObject>
#include <QPointer>

class QPlainTextEdit;

namespace psm::ui {

using core::Diagnostic;

// Marks diagnostics in a QPlainTextEdit with a wavy underline (extra selections, added next to
// whatever the editor draws itself, e.g. its current-line highlight) and shows the message as a
// tooltip over the mark. Owned by (a child of) the editor; GUI thread.
class EditorDiagnostics final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EditorDiagnostics)
public:
    explicit EditorDiagnostics(QPlainTextEdit *editor);

    void setDiagnostics(const QList<Diagnostic> &diagnostics);
    QList<Diagnostic> diagnostics() const { return m_diagnostics; }
    // The message of the diagnostic under a document position, or empty.
    QString messageAt(int position) const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void apply();

    QPointer<QPlainTextEdit> m_editor;
    QList<Diagnostic> m_diagnostics;
    bool m_applying = false;
};

} // namespace psm::ui
