// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/eval/evaltrailers.h"
#include "run/evalresult.h"
#include "run/runengine.h"

#include <QPointer>
#include <QStringList>
#include <QWidget>

#include <memory>
#include <optional>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTimer;

namespace psm::run {
class EvalRunner;
}

namespace psm::ui {

// The commit gate's eval run: given the files about to be committed, runs the eval sets that
// cover the changed prompts (working copy as candidate, HEAD as baseline) and shows pass rates
// per set and column, the regressions and new flips with the failing reason, and the change in
// input tokens per call. Re-runs when the files change; a Skip button cancels. The run is
// asynchronous (RunEngine): the GUI thread never waits on the network.
class EvalGatePanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EvalGatePanel)
public:
    enum class State {
        Idle, // no files given yet
        NothingCovered, // no changed prompt has an eval set: nothing to gate
        Running,
        Passed, // no regression and no new flip against HEAD
        Regressed, // regressions or new flips: committing needs an explicit override
        Failed, // the run could not judge (bad eval file, provider error, no key, skipped)
    };

    explicit EvalGatePanel(run::RunEngineOptions engineOptions, QWidget *parent = nullptr);
    ~EvalGatePanel() override;

    // The workspace and the workspace-relative paths about to be committed. A change restarts
    // the run after a short pause, so ticking several boxes in a row runs once.
    void setChangedPaths(const QString &root, const QStringList &paths);
    void skip(); // cancels the run; the gate then reports Failed ("skipped")

    State state() const { return m_state; }
    // The evidence for the commit's trailers: only for a finished run that judged (Passed or
    // Regressed); nullopt otherwise, so a failed or skipped run adds no trailers.
    std::optional<core::eval::EvalEvidence> evidence() const;
    // One line for the dialog's status: what the gate decided and why.
    QString summary() const;

Q_SIGNALS:
    void stateChanged(psm::ui::EvalGatePanel::State state);

private:
    QStringList coveringSets(); // fills m_uncovered and m_notes
    void start();
    void onFinished();
    void setState(State state, const QString &summary);

    run::RunEngineOptions m_engineOptions;
    std::unique_ptr<run::RunEngine> m_engine; // made on the first run that has sets
    QPointer<run::EvalRunner> m_runner;
    QString m_root;
    QStringList m_paths;
    QStringList m_sets; // the eval sets to run
    QStringList m_uncovered; // changed prompts no eval set covers
    QStringList m_notes; // what the run leaves out, and why
    bool m_skipped = false;
    State m_state = State::Idle;
    QString m_summary;
    std::optional<run::EvalRunResult> m_result;

    QTimer *m_restart = nullptr;
    QLabel *m_summaryLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_skip = nullptr;
    QPlainTextEdit *m_details = nullptr;
};

} // namespace psm::ui
