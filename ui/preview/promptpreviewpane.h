// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/prompt/promptrender.h"

#include <QFutureWatcher>
#include <QPointer>
#include <QWidget>

#include <atomic>
#include <memory>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTextBrowser;
class QTimer;

namespace psm::ui {

using core::Diagnostic;
class VariableStore;
class VariablesForm;

// The live preview beside the editor: the rendered messages of the current prompt text (role
// headings, text, media and section markers), the variables form, the model field and an
// estimated token count. Renders ~250 ms after the last change on a QtConcurrent worker through
// core::renderPrompt; a newer change cancels the render in flight, and stale results are
// dropped. Never waits for a render: destroying the pane cancels it and leaves the worker to
// finish on its own copies. Lives on the GUI thread; the main window feeds it the current
// editor (setEditor) and file (setPrompt).
class PromptPreviewPane final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PromptPreviewPane)
public:
    explicit PromptPreviewPane(QWidget *parent = nullptr);
    ~PromptPreviewPane() override;

    // Which prompt is shown: the workspace root and the file's workspace-relative path. Loads
    // the variable values remembered for it.
    void setPrompt(const QString &workspaceRoot, const QString &relativePath);
    // Follows this editor's text, and applies model-field edits to it as one undoable step.
    // nullptr detaches.
    void setEditor(QPlainTextEdit *editor);
    // Or feed the text directly (tests, read-only views).
    void setPromptText(const QString &text);

    void setDebounceMs(int ms);
    void setVariableStore(std::shared_ptr<VariableStore> store);

    const core::PromptRender &lastResult() const { return m_result; }
    // The error or warning line above the messages (empty when hidden).
    QString errorText() const;
    QList<Diagnostic> diagnostics() const { return m_result.diagnostics; }
    VariablesForm *variablesForm() const { return m_form; }
    nlohmann::ordered_json variableValues() const;
    QString messagesText() const; // the message view as plain text

Q_SIGNALS:
    void diagnosticsChanged(const QList<psm::core::Diagnostic> &diagnostics);
    void rendered(); // a fresh result is on screen
    // The model field changed the file's front matter; the new full text.
    void promptTextEdited(const QString &text);

private:
    void scheduleRender();
    void startRender();
    void showResult(const core::PromptRender &result);
    void cancelRunningRender();
    void applyModelField();
    void rememberValues();

    QLineEdit *m_model;
    QLabel *m_tokens;
    QLabel *m_error;
    QTextBrowser *m_messages;
    VariablesForm *m_form;
    QTimer *m_debounce;
    QFutureWatcher<core::PromptRender> m_watcher;
    // The cancel flag of the render in flight; shared with its worker, which may outlive us.
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QPointer<QPlainTextEdit> m_editor;
    QMetaObject::Connection m_editorConnection;
    std::shared_ptr<VariableStore> m_store;
    QString m_root;
    QString m_path;
    QString m_text;
    quint64 m_generation = 0; // bumped by every change
    quint64 m_runningGeneration = 0;
    bool m_pending = false; // a change arrived while a render was running
    core::PromptRender m_result;
    nlohmann::ordered_json m_pendingValues = nlohmann::ordered_json::object(); // to restore
};

} // namespace psm::ui
