// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QObject>
#include <QPointer>
#include <QStringList>

class QCompleter;
class QPlainTextEdit;
class QStringListModel;

namespace psm::ui {

// Handlebars completion for a prompt editor: after `{{` the template's variables and the
// Dotprompt/Handlebars helpers, after `{{#` the block helpers, after `{{>` the workspace's
// partials (`_NAME.prompt` files). A child of the editor; GUI thread. Variables come from the
// preview's analysis (setVariables), partials from setWorkspaceRoot() or setPartials().
class PromptCompleter final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PromptCompleter)
public:
    explicit PromptCompleter(QPlainTextEdit *editor);

    void setVariables(const QStringList &variables);
    void setPartials(const QStringList &partials);
    // Scans <root>/prompts for partials (`prompts/a/_x.prompt` -> `a/x`).
    void setWorkspaceRoot(const QString &root);
    static QStringList helperNames();
    static QStringList blockHelperNames();

    QCompleter *completer() const { return m_completer; }
    // What the popup would offer at the caret now (empty when not inside `{{`).
    QStringList currentCandidates() const;
    void updateCompletion();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    enum class Context { None, Expression, Block, Partial };
    Context contextAtCursor(QString *prefix) const;
    QStringList candidatesFor(Context context) const;
    void insertCompletion(const QString &completion);

    QPointer<QPlainTextEdit> m_editor;
    QCompleter *m_completer;
    QStringListModel *m_model;
    QStringList m_variables;
    QStringList m_partials;
};

} // namespace psm::ui
