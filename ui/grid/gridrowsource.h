// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/eval/evalset.h"

#include <QHash>
#include <QObject>

#include <optional>

class QComboBox;
class QWidget;

namespace psm::ui {

// The grid's "Rows" selector: the variables form (one row: the preview's values) or an eval
// set (one row per test, checked by its deterministic assertions). Lists the workspace's eval
// sets that cover the prompt (run::EvalRunner::setsCovering, as the eval window does) and
// "Open eval set…". Every file is read on the pool (GitJob), never on the GUI thread. A set
// that does not load is reported with its file:line:col and the selection goes back to the
// rows used before. GUI thread; a child of the grid panel, which reads evalSet() to run.
class GridRowSource final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GridRowSource)
public:
    explicit GridRowSource(QWidget *parent);

    QComboBox *selector() const { return m_selector; }
    // Lists the sets covering the prompt again. Another prompt gets the rows it had last time
    // (the variables form at first).
    void setPrompt(const QString &workspaceRoot, const QString &relativePath);
    // Loads a set (absolute, or relative to the workspace) and, once loaded, selects it: what
    // "Open eval set…" does with the chosen file.
    void openEvalSet(const QString &path);
    void useVariablesForm();

    bool isLoading() const { return m_pending != 0; }
    bool isListing() const { return m_listing; }
    // The selected set; nullptr for the variables form (or while none has loaded yet).
    const core::eval::EvalSet *evalSet() const { return m_set ? &*m_set : nullptr; }
    QString evalSetPath() const { return m_path; } // workspace-relative; empty for the form
    // " FILE:LINE:COL: llm-rubric: model-graded checks are not run in the grid …" for the
    // set's first model-graded check, said once so its tests are not taken for unchecked;
    // empty without one.
    QString modelGradedNote() const;

Q_SIGNALS:
    void message(const QString &text, bool error);
    void evalSetLoaded(); // a set was loaded and is now the rows
    void listed(int sets); // the covering sets are in the selector

private:
    void listSets();
    void rebuild(const QStringList &covering);
    void activated(int index);
    void chooseFile();
    void selectCurrent(); // shows the rows in use, after a failed or abandoned choice

    QComboBox *m_selector;
    QString m_root;
    QString m_prompt;
    QStringList m_covering; // workspace-relative
    QHash<QString, QString> m_chosen; // "root\nprompt" -> its set when last shown ("": form)
    QString m_path; // the set in use, workspace-relative; empty: the variables form
    std::optional<core::eval::EvalSet> m_set;
    int m_loadSerial = 0;
    int m_pending = 0; // the serial of the load that will set the rows; 0: none (the last wins)
    bool m_listing = false;
    bool m_listAgain = false;
};

} // namespace psm::ui
