// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <optional>

namespace psm::core {

class Ledger;

enum class Thumb { None, Up, Down };

QString thumbName(Thumb thumb); // "", "up", "down"

// A person's grade of one call's output, kept in the ledger beside the call (schema v8), never
// in the workspace: grades are about outputs, which live only in the ledger.
struct CallGrade {
    qint64 callId = 0;
    Thumb thumb = Thumb::None;
    std::optional<int> score; // 1..5
    QString note;
    QDateTime updatedAt; // UTC; set by the ledger on write

    bool isEmpty() const { return thumb == Thumb::None && !score && note.isEmpty(); }
    bool operator==(const CallGrade &other) const = default;
};

enum class PairChoice { Left, Right, Tie };

QString pairChoiceName(PairChoice choice); // "left", "right", "tie"

// One blind pairwise judgement: call A (from the column the user picked first) against call B,
// as shown on screen. The choice is what the user pressed; winner() maps it back to A or B.
struct PairJudgement {
    qint64 id = 0; // set by the ledger
    QString runId;
    qint64 callA = 0;
    qint64 callB = 0;
    bool aShownLeft = true;
    PairChoice choice = PairChoice::Tie;
    QDateTime judgedAt; // UTC; now when invalid

    enum class Winner { A, B, Tie };
    Winner winner() const;
};

// Reads and writes grades and judgements on a ledger connection (its thread; in the GUI the
// LedgerWorker's). Notes pass SecretRedactor on the way in, as error texts do.
class Grades final {
public:
    // Replaces the call's grade; an empty grade deletes it. A score outside 1..5 is
    // InvalidInput; an unknown call id is NotFound. Nothing changes on failure.
    static Status set(Ledger &ledger, const CallGrade &grade);
    static Result<std::optional<CallGrade>> of(const Ledger &ledger, qint64 callId);
    // The grades of the calls of one run, by call id.
    static Result<QHash<qint64, CallGrade>> ofRun(const Ledger &ledger, const QString &runId);
    // Every grade, by call id (grades are made by hand: a few thousand at most).
    static Result<QHash<qint64, CallGrade>> all(const Ledger &ledger);

    // Records a judgement and returns its id. Both calls must exist and differ.
    static Result<qint64> addJudgement(Ledger &ledger, const PairJudgement &judgement);
    // Oldest first.
    static Result<QList<PairJudgement>> judgementsOfRun(const Ledger &ledger, const QString &runId);
};

} // namespace psm::core
