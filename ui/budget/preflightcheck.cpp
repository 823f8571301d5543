// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/budget/preflightcheck.h"

#include "ui/budget/preflightconfirm.h"
#include "ui/gitjob.h"

#include <QMessageBox>
#include <QWidget>

#include <utility>

namespace psm::ui {

PreflightCheck::PreflightCheck(QWidget *window, QString ledgerPath, QString userBudgetsPath)
    : QObject(window)
    , m_window(window)
    , m_ledgerPath(std::move(ledgerPath))
    , m_userBudgetsPath(std::move(userBudgetsPath))
{
}

PreflightCheck::~PreflightCheck()
{
    // The question is the window's child; closed here it cannot answer a check that is gone.
    delete m_question.data();
}

bool PreflightCheck::start(SpecsJob specs, run::RunEngine::PlanFunction planner, Decided decided)
{
    if (isBusy() || !decided)
        return false;
    m_decided = std::move(decided);
    const quint64 ticket = ++m_ticket;
    Q_EMIT busyChanged(true);
    // Copies only: the task may outlive the window, and then its result goes nowhere.
    GitJob::run(
        this,
        [specs = std::move(specs), planner = std::move(planner), ledgerPath = m_ledgerPath,
            budgetsPath = m_userBudgetsPath]() -> core::Result<PreflightEstimate> {
            const auto made = specs();
            if (!made) {
                PreflightEstimate unplanned;
                unplanned.planError = made.error();
                return unplanned;
            }
            return estimatePreflight(planner, *made, ledgerPath, budgetsPath);
        },
        [this, ticket](const core::Result<PreflightEstimate> &estimate) {
            if (ticket == m_ticket && isBusy())
                estimated(estimate);
        });
    return true;
}

void PreflightCheck::cancel()
{
    if (!isBusy())
        return;
    ++m_ticket;
    m_decided = nullptr;
    delete m_question.data();
    Q_EMIT busyChanged(false);
}

void PreflightCheck::estimated(const core::Result<PreflightEstimate> &estimate)
{
    if (!estimate) {
        // Not stopped silently either: without evidence the run may cost anything.
        auto *box = new QMessageBox(QMessageBox::Question, tr("Run these calls?"),
            tr("The cost could not be estimated: %1\nRun anyway?").arg(estimate.error().toString()),
            QMessageBox::Yes | QMessageBox::Cancel, m_window);
        box->setDefaultButton(QMessageBox::Cancel);
        box->setTextFormat(Qt::PlainText); // quotes SQLite's and the file system's text
        return ask(box, QMessageBox::Yes);
    }
    if (!estimate->asks())
        return decide(true);
    ask(new PreflightDialog(*estimate, m_window), QDialog::Accepted);
}

void PreflightCheck::ask(QDialog *dialog, int goResult)
{
    m_question = dialog;
    const quint64 ticket = m_ticket;
    // Queued: the answer is acted on from the event loop, never from inside the dialog's
    // teardown, and not at all once this check (and so its window) is being destroyed.
    connect(
        dialog, &QDialog::finished, this,
        [this, dialog = QPointer<QDialog>(dialog), goResult, ticket](int result) {
            if (dialog)
                dialog->deleteLater();
            if (ticket == m_ticket && isBusy())
                decide(result == goResult);
        },
        Qt::QueuedConnection);
    dialog->open();
}

void PreflightCheck::decide(bool go)
{
    const Decided decided = std::exchange(m_decided, nullptr);
    m_question.clear();
    Q_EMIT busyChanged(false);
    decided(go);
}

} // namespace psm::ui
