// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/ledger/grades.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <memory>

namespace psm::core {
class LedgerWorker;
}

namespace psm::ui {

// The human grades of the grid run on screen: a cache the cells read from on the GUI thread,
// filled from the ledger and written back to it on the ledger thread (core::LedgerWorker), so
// no SQLite runs on the GUI thread. A grade set while the run's grades are still loading wins
// over the loaded one. The run's pairwise judgements are kept the same way, so a blind A/B
// session opened again goes on where the last one stopped.
class GridGrades final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GridGrades)
public:
    explicit GridGrades(QString ledgerPath, QObject *parent = nullptr);
    ~GridGrades() override;

    // Forgets the cache and reads `runId`'s grades; loaded() follows. Empty: no run.
    void loadRun(const QString &runId);
    QString runId() const { return m_runId; }

    // The call's grade, an empty one (callId set) when it has none.
    core::CallGrade grade(qint64 callId) const;
    void setGrade(const core::CallGrade &grade);
    // The run's blind pairwise judgements, loaded with its grades, plus those added since.
    const QList<core::PairJudgement> &judgements() const { return m_judgements; }
    void addJudgement(const core::PairJudgement &judgement);

Q_SIGNALS:
    void loaded(const QString &runId);
    void gradeChanged(qint64 callId);
    void judgementRecorded(qint64 judgementId);
    void failed(const QString &message);

private:
    std::unique_ptr<core::LedgerWorker> m_worker;
    QHash<qint64, core::CallGrade> m_grades;
    QSet<qint64> m_setSinceLoad;
    QList<core::PairJudgement> m_judgements;
    QString m_runId;
    int m_generation = 0; // drops the results of a load a newer one replaced
};

} // namespace psm::ui
