// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/grid/gridgrades.h"

#include "core/ledger/ledgerworker.h"

#include <QMetaObject>

namespace psm::ui {

GridGrades::GridGrades(QString ledgerPath, QObject *parent)
    : QObject(parent)
    , m_worker(std::make_unique<core::LedgerWorker>(std::move(ledgerPath)))
{
}

// The worker's destructor runs the pending writes first; what they post back to this object is
// dropped with it.
GridGrades::~GridGrades() = default;

void GridGrades::loadRun(const QString &runId)
{
    m_runId = runId;
    m_grades.clear();
    m_setSinceLoad.clear();
    m_judgements.clear();
    const int generation = ++m_generation;
    if (runId.isEmpty()) {
        Q_EMIT loaded(runId);
        return;
    }
    m_worker->post([this, runId, generation](core::Ledger *ledger, const core::Error *openError) {
        core::Result<QHash<qint64, core::CallGrade>> grades = ledger
            ? core::Grades::ofRun(*ledger, runId)
            : core::Result<QHash<qint64, core::CallGrade>>(tl::unexpected(*openError));
        core::Result<QList<core::PairJudgement>> judgements = ledger
            ? core::Grades::judgementsOfRun(*ledger, runId)
            : core::Result<QList<core::PairJudgement>>(tl::unexpected(*openError));
        QMetaObject::invokeMethod(
            this,
            [this, runId, generation, grades = std::move(grades),
                judgements = std::move(judgements)] {
                if (generation != m_generation)
                    return;
                if (!grades || !judgements) {
                    Q_EMIT failed(
                        tr("Cannot read the grades: %1")
                            .arg((grades ? judgements.error() : grades.error()).toString()));
                    return;
                }
                // Judgements added while loading were appended already; the ledger's go first.
                m_judgements = *judgements + m_judgements;
                for (auto it = grades->cbegin(); it != grades->cend(); ++it)
                    if (!m_setSinceLoad.contains(it.key()))
                        m_grades.insert(it.key(), it.value());
                Q_EMIT loaded(runId);
            },
            Qt::QueuedConnection);
    });
}

core::CallGrade GridGrades::grade(qint64 callId) const
{
    core::CallGrade empty;
    empty.callId = callId;
    return m_grades.value(callId, empty);
}

void GridGrades::setGrade(const core::CallGrade &grade)
{
    if (grade.callId <= 0)
        return;
    if (grade.isEmpty())
        m_grades.remove(grade.callId);
    else
        m_grades.insert(grade.callId, grade);
    m_setSinceLoad.insert(grade.callId);
    Q_EMIT gradeChanged(grade.callId);
    m_worker->post([this, grade](core::Ledger *ledger, const core::Error *openError) {
        const core::Status written
            = ledger ? core::Grades::set(*ledger, grade) : tl::unexpected(*openError);
        if (written)
            return;
        QMetaObject::invokeMethod(
            this,
            [this, message = written.error().toString()] {
                Q_EMIT failed(tr("The grade was not saved: %1").arg(message));
            },
            Qt::QueuedConnection);
    });
}

void GridGrades::addJudgement(const core::PairJudgement &judgement)
{
    if (judgement.runId == m_runId)
        m_judgements.append(judgement);
    m_worker->post([this, judgement](core::Ledger *ledger, const core::Error *openError) {
        const core::Result<qint64> id = ledger ? core::Grades::addJudgement(*ledger, judgement)
                                               : core::Result<qint64>(tl::unexpected(*openError));
        QMetaObject::invokeMethod(
            this,
            [this, id] {
                if (id)
                    Q_EMIT judgementRecorded(*id);
                else
                    Q_EMIT failed(tr("The judgement was not saved: %1").arg(id.error().toString()));
            },
            Qt::QueuedConnection);
    });
}

} // namespace psm::ui
