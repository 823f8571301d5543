// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/ledger/grades.h"

#include "core/ledger/ledger.h"
#include "core/ledger/secretredactor.h"
#include "core/ledger/sqlitedatabase.h"

namespace psm::core {
namespace {

QString toStored(const QDateTime &when)
{
    return (when.isValid() ? when : QDateTime::currentDateTimeUtc())
        .toUTC()
        .toString(Qt::ISODateWithMs);
}

QDateTime fromStored(const QString &text)
{
    return QDateTime::fromString(text, Qt::ISODateWithMs).toUTC();
}

std::optional<qint64> storedThumb(Thumb thumb)
{
    switch (thumb) {
    case Thumb::Up:
        return 1;
    case Thumb::Down:
        return -1;
    case Thumb::None:
        break;
    }
    return std::nullopt;
}

Thumb thumbFromStored(std::optional<qint64> value)
{
    if (!value)
        return Thumb::None;
    return *value > 0 ? Thumb::Up : Thumb::Down;
}

PairChoice choiceFromName(const QString &name)
{
    if (name == QLatin1String("left"))
        return PairChoice::Left;
    if (name == QLatin1String("right"))
        return PairChoice::Right;
    return PairChoice::Tie;
}

Status callExists(SqliteDatabase &db, qint64 callId)
{
    auto stmt = db.prepare("SELECT 1 FROM calls WHERE id = ?");
    if (!stmt)
        return tl::unexpected(stmt.error());
    if (Status s = stmt->bind(1, callId); !s)
        return s;
    const Result<bool> row = stmt->step();
    if (!row)
        return tl::unexpected(row.error());
    if (!*row)
        return fail(ErrorCode::NotFound, QStringLiteral("No call %1 in the ledger").arg(callId));
    return {};
}

// Grade rows selected as call_id, thumb, score, note, updated_at.
Result<QHash<qint64, CallGrade>> readGrades(SqliteStatement &stmt)
{
    QHash<qint64, CallGrade> grades;
    for (;;) {
        const Result<bool> row = stmt.step();
        if (!row)
            return tl::unexpected(row.error());
        if (!*row)
            return grades;
        CallGrade g;
        g.callId = stmt.int64(0);
        g.thumb = thumbFromStored(stmt.optionalInt64(1));
        if (const auto score = stmt.optionalInt64(2))
            g.score = int(*score);
        g.note = stmt.text(3);
        if (g.note.isNull())
            g.note = QString(); // keep "no note" a single value
        g.updatedAt = fromStored(stmt.text(4));
        grades.insert(g.callId, g);
    }
}

} // namespace

QString thumbName(Thumb thumb)
{
    switch (thumb) {
    case Thumb::Up:
        return QStringLiteral("up");
    case Thumb::Down:
        return QStringLiteral("down");
    case Thumb::None:
        break;
    }
    return QString();
}

QString pairChoiceName(PairChoice choice)
{
    switch (choice) {
    case PairChoice::Left:
        return QStringLiteral("left");
    case PairChoice::Right:
        return QStringLiteral("right");
    case PairChoice::Tie:
        break;
    }
    return QStringLiteral("tie");
}

PairJudgement::Winner PairJudgement::winner() const
{
    if (choice == PairChoice::Tie)
        return Winner::Tie;
    const bool leftWon = choice == PairChoice::Left;
    return leftWon == aShownLeft ? Winner::A : Winner::B;
}

Status Grades::set(Ledger &ledger, const CallGrade &grade)
{
    if (grade.score && (*grade.score < 1 || *grade.score > 5))
        return fail(
            ErrorCode::InvalidInput, QStringLiteral("A score is 1 to 5, not %1").arg(*grade.score));
    SqliteDatabase &db = *ledger.m_db;
    return db.transaction([&]() -> Status {
        if (Status s = callExists(db, grade.callId); !s)
            return s;
        if (grade.isEmpty()) {
            auto del = db.prepare("DELETE FROM grades WHERE call_id = ?");
            if (!del)
                return tl::unexpected(del.error());
            if (Status s = del->bind(1, grade.callId); !s)
                return s;
            return del->run();
        }
        auto stmt = db.prepare("INSERT OR REPLACE INTO grades (call_id, thumb, score, note, "
                               "updated_at) VALUES (?, ?, ?, ?, ?)");
        if (!stmt)
            return tl::unexpected(stmt.error());
        const QString note = SecretRedactor::redact(grade.note);
        Status s = stmt->bind(1, grade.callId);
        if (s)
            s = stmt->bind(2, storedThumb(grade.thumb));
        if (s)
            s = stmt->bind(3, grade.score ? std::optional<qint64>(*grade.score) : std::nullopt);
        if (s)
            s = stmt->bind(4, note.isEmpty() ? QString() : note);
        if (s)
            s = stmt->bind(5, toStored(grade.updatedAt));
        if (!s)
            return s;
        return stmt->run();
    });
}

Result<std::optional<CallGrade>> Grades::of(const Ledger &ledger, qint64 callId)
{
    auto stmt = ledger.m_db->prepare(
        "SELECT call_id, thumb, score, note, updated_at FROM grades WHERE call_id = ?");
    if (!stmt)
        return tl::unexpected(stmt.error());
    if (Status s = stmt->bind(1, callId); !s)
        return tl::unexpected(s.error());
    auto grades = readGrades(*stmt);
    if (!grades)
        return tl::unexpected(grades.error());
    if (grades->isEmpty())
        return std::optional<CallGrade>();
    return std::optional<CallGrade>(grades->value(callId));
}

Result<QHash<qint64, CallGrade>> Grades::ofRun(const Ledger &ledger, const QString &runId)
{
    auto stmt = ledger.m_db->prepare(
        "SELECT g.call_id, g.thumb, g.score, g.note, g.updated_at FROM grades g "
        "JOIN calls c ON c.id = g.call_id WHERE c.run_id = ?");
    if (!stmt)
        return tl::unexpected(stmt.error());
    if (Status s = stmt->bind(1, runId); !s)
        return tl::unexpected(s.error());
    return readGrades(*stmt);
}

Result<QHash<qint64, CallGrade>> Grades::all(const Ledger &ledger)
{
    auto stmt = ledger.m_db->prepare("SELECT call_id, thumb, score, note, updated_at FROM grades");
    if (!stmt)
        return tl::unexpected(stmt.error());
    return readGrades(*stmt);
}

Result<qint64> Grades::addJudgement(Ledger &ledger, const PairJudgement &judgement)
{
    if (judgement.callA == judgement.callB)
        return fail(ErrorCode::InvalidInput,
            QStringLiteral("A pairwise judgement compares two different calls"));
    if (judgement.runId.isEmpty())
        return fail(ErrorCode::InvalidInput, QStringLiteral("A pairwise judgement needs a run"));
    SqliteDatabase &db = *ledger.m_db;
    qint64 id = 0;
    Status done = db.transaction([&]() -> Status {
        for (const qint64 call : { judgement.callA, judgement.callB })
            if (Status s = callExists(db, call); !s)
                return s;
        auto stmt = db.prepare("INSERT INTO pair_judgements (run_id, call_a, call_b, "
                               "a_shown_left, choice, judged_at) VALUES (?, ?, ?, ?, ?, ?)");
        if (!stmt)
            return tl::unexpected(stmt.error());
        Status s = stmt->bind(1, judgement.runId);
        if (s)
            s = stmt->bind(2, judgement.callA);
        if (s)
            s = stmt->bind(3, judgement.callB);
        if (s)
            s = stmt->bind(4, qint64(judgement.aShownLeft ? 1 : 0));
        if (s)
            s = stmt->bind(5, pairChoiceName(judgement.choice));
        if (s)
            s = stmt->bind(6, toStored(judgement.judgedAt));
        if (!s)
            return s;
        if (Status ran = stmt->run(); !ran)
            return ran;
        id = db.lastInsertRowId();
        return {};
    });
    if (!done)
        return tl::unexpected(done.error());
    return id;
}

Result<QList<PairJudgement>> Grades::judgementsOfRun(const Ledger &ledger, const QString &runId)
{
    auto stmt = ledger.m_db->prepare(
        "SELECT id, run_id, call_a, call_b, a_shown_left, choice, judged_at FROM "
        "pair_judgements WHERE run_id = ? ORDER BY judged_at, id");
    if (!stmt)
        return tl::unexpected(stmt.error());
    if (Status s = stmt->bind(1, runId); !s)
        return tl::unexpected(s.error());
    QList<PairJudgement> judgements;
    for (;;) {
        const Result<bool> row = stmt->step();
        if (!row)
            return tl::unexpected(row.error());
        if (!*row)
            return judgements;
        PairJudgement j;
        j.id = stmt->int64(0);
        j.runId = stmt->text(1);
        j.callA = stmt->int64(2);
        j.callB = stmt->int64(3);
        j.aShownLeft = stmt->int64(4) != 0;
        j.choice = choiceFromName(stmt->text(5));
        j.judgedAt = fromStored(stmt->text(6));
        judgements.append(j);
    }
}

} // namespace psm::core
