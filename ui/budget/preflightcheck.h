// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"
#include "run/runengine.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

class QDialog;
class QWidget;

namespace psm::ui {

struct PreflightEstimate;

// The ask-first step before a run that costs, without blocking the window: the caller's specs
// job, their plans, the ledger's evidence and the budgets files are read on a pool thread
// (estimatePreflight); back on the GUI thread, PreflightDialog asks (window-modal) only when
// the estimate's upper bound is above the threshold. A spec that does not plan goes ahead (the
// run reports the same error); a ledger that cannot be read asks whether to run without an
// estimate. One check at a time. A child of the window that starts runs (the grid panel, the
// eval window): a result that comes after cancel() or after the window is gone is dropped.
class PreflightCheck final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreflightCheck)
public:
    // Runs on the worker: the engine runs the window will start. Shares nothing with the
    // window (copies only). An error is the run's to report, as a plan's.
    using SpecsJob = std::function<core::Result<QList<run::RunSpec>>()>;
    // On the GUI thread, once: true to start the run, false when the user said no.
    using Decided = std::function<void(bool go)>;

    // `ledgerPath`, `userBudgetsPath`: empty for the defaults, as in RunEngineOptions.
    PreflightCheck(QWidget *window, QString ledgerPath, QString userBudgetsPath);
    ~PreflightCheck() override;

    // Starts the estimate; `planner` is RunEngine::detachedPlanner() of the engine that will
    // run. False (and nothing started) while another check is busy.
    bool start(SpecsJob specs, run::RunEngine::PlanFunction planner, Decided decided);
    // Abandons the check: a question shown is closed, `decided` is never called and the
    // estimate still being made is ignored when it comes.
    void cancel();
    // From start() until `decided` is called or cancel().
    bool isBusy() const { return m_decided != nullptr; }

Q_SIGNALS:
    void busyChanged(bool busy);

private:
    void estimated(const core::Result<PreflightEstimate> &estimate);
    // Shows `dialog` (window-modal, no nested event loop) and decides on its answer.
    void ask(QDialog *dialog, int goResult);
    void decide(bool go);

    QPointer<QWidget> m_window;
    QString m_ledgerPath;
    QString m_userBudgetsPath;
    Decided m_decided;
    quint64 m_ticket = 0; // of the check in progress; a late answer of an older one is dropped
    QPointer<QDialog> m_question;
};

} // namespace psm::ui
