// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Human grades and blind pairwise judgements in the ledger (schema v8): the migration from a
// v7 file, writing and reading back, validation, redaction, and writes from the ledger thread.
#include "core/ledger/grades.h"
#include "core/ledger/ledger.h"
#include "core/ledger/ledgerschema.h"
#include "core/ledger/ledgerworker.h"
#include "core/ledger/sqlitedatabase.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace psm::core;

namespace {

qint64 addCall(Ledger &ledger, const QString &runId)
{
    CallStart start;
    start.provider = QStringLiteral("local");
    start.model = QStringLiteral("a");
    start.runId = runId;
    const auto id = ledger.beginCall(start);
    return id ? *id : 0;
}

} // namespace

class TestGrades final : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_path;
    int m_counter = 0;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }
    void init() { m_path = m_dir.filePath(QStringLiteral("ledger%1.sqlite3").arg(++m_counter)); }

    void migratesAVersion7File()
    {
        {
            auto db = SqliteDatabase::open(m_path, SqliteDatabase::Mode::ReadWriteCreate);
            QVERIFY(db);
            QVERIFY(LedgerSchema::migrate(*db, 7));
            QCOMPARE(*db->scalarInt("PRAGMA user_version"), qint64(7));
            QCOMPARE(*db->scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = 'grades'"),
                qint64(0));
            QVERIFY(db->exec("INSERT INTO calls (started_at, provider, model, status, run_id, "
                             "output_text) VALUES ('2026-01-01T10:00:00.000Z', 'openai', "
                             "'gpt-4o', 'ok', 'r7', 'old output')"));
        }
        auto ledger = Ledger::open(m_path);
        QVERIFY2(ledger, qPrintable(ledger ? QString() : ledger.error().toString()));
        {
            auto db = SqliteDatabase::open(m_path, SqliteDatabase::Mode::ReadOnly);
            QVERIFY(db);
            QCOMPARE(*db->scalarInt("PRAGMA user_version"), qint64(LedgerSchema::kCurrentVersion));
        }
        // The old call is there and can be graded; it had no grade before.
        const auto calls = ledger->calls({});
        QVERIFY(calls && calls->size() == 1);
        const qint64 id = calls->first().id;
        QCOMPARE(*Grades::of(*ledger, id), std::nullopt);
        CallGrade grade { id, Thumb::Up, 4, QStringLiteral("fine"), {} };
        QVERIFY(Grades::set(*ledger, grade));
        const auto back = Grades::of(*ledger, id);
        QVERIFY(back && *back);
        QCOMPARE((*back)->thumb, Thumb::Up);
        QCOMPARE((*back)->score, std::optional<int>(4));
        QCOMPARE(Grades::ofRun(*ledger, QStringLiteral("r7"))->size(), 1);
    }

    void setReplacesAndEmptyDeletes()
    {
        auto ledger = Ledger::open(m_path);
        QVERIFY(ledger);
        const qint64 a = addCall(*ledger, QStringLiteral("run1"));
        const qint64 b = addCall(*ledger, QStringLiteral("run1"));
        const qint64 other = addCall(*ledger, QStringLiteral("run2"));
        QVERIFY(a && b && other);
        const QDateTime when
            = QDateTime::fromString(QStringLiteral("2026-02-03T04:05:06.007Z"), Qt::ISODateWithMs);
        QVERIFY(Grades::set(*ledger, { a, Thumb::Down, std::nullopt, QString(), when }));
        QVERIFY(Grades::set(*ledger, { b, Thumb::None, 2, QStringLiteral("too long"), when }));
        QVERIFY(Grades::set(*ledger, { other, Thumb::Up, 5, QString(), when }));
        // Replacing keeps one row per call.
        QVERIFY(Grades::set(*ledger, { a, Thumb::Up, 3, QStringLiteral("better"), when }));

        const auto run1 = Grades::ofRun(*ledger, QStringLiteral("run1"));
        QVERIFY(run1);
        QCOMPARE(run1->size(), 2);
        const CallGrade expectA { a, Thumb::Up, 3, QStringLiteral("better"), when.toUTC() };
        QCOMPARE(run1->value(a), expectA);
        QCOMPARE(run1->value(b).thumb, Thumb::None);
        QCOMPARE(run1->value(b).score, std::optional<int>(2));
        QCOMPARE(Grades::all(*ledger)->size(), 3);

        // Clearing everything removes the row.
        QVERIFY(Grades::set(*ledger, { a, Thumb::None, std::nullopt, QString(), {} }));
        QCOMPARE(*Grades::of(*ledger, a), std::nullopt);
        QCOMPARE(Grades::ofRun(*ledger, QStringLiteral("run1"))->size(), 1);
    }

    void badGradesChangeNothing()
    {
        auto ledger = Ledger::open(m_path);
        QVERIFY(ledger);
        const qint64 a = addCall(*ledger, QStringLiteral("run1"));
        QVERIFY(Grades::set(*ledger, { a, Thumb::Up, 4, QString(), {} }));
        for (const int score : { 0, 6, -1 }) {
            const Status s = Grades::set(*ledger, { a, Thumb::Down, score, QString(), {} });
            QVERIFY(!s);
            QCOMPARE(s.error().code, ErrorCode::InvalidInput);
        }
        const Status unknown = Grades::set(*ledger, { a + 100, Thumb::Up, 1, QString(), {} });
        QVERIFY(!unknown);
        QCOMPARE(unknown.error().code, ErrorCode::NotFound);
        QCOMPARE((*Grades::of(*ledger, a))->score, std::optional<int>(4));
        QCOMPARE((*Grades::of(*ledger, a))->thumb, Thumb::Up);
    }

    void notesAreRedacted()
    {
        auto ledger = Ledger::open(m_path);
        QVERIFY(ledger);
        const qint64 a = addCall(*ledger, QStringLiteral("run1"));
        const QString key
            = QStringLiteral("sk-") + QStringLiteral("proj0123456789abcdefghijklmnop");
        QVERIFY(
            Grades::set(*ledger, { a, Thumb::None, 1, QStringLiteral("leaks %1").arg(key), {} }));
        const QString note = (*Grades::of(*ledger, a))->note;
        QVERIFY2(!note.contains(key), qPrintable(note));
        QCOMPARE(note, QStringLiteral("leaks [REDACTED]"));
    }

    void judgementsMapTheScreenBackToTheColumns()
    {
        auto ledger = Ledger::open(m_path);
        QVERIFY(ledger);
        const qint64 a = addCall(*ledger, QStringLiteral("run1"));
        const qint64 b = addCall(*ledger, QStringLiteral("run1"));
        // A shown left and picked left; A shown right and picked left (B wins); a tie.
        PairJudgement j1 { 0, QStringLiteral("run1"), a, b, true, PairChoice::Left, {} };
        PairJudgement j2 { 0, QStringLiteral("run1"), a, b, false, PairChoice::Left, {} };
        PairJudgement j3 { 0, QStringLiteral("run1"), a, b, false, PairChoice::Tie, {} };
        j1.judgedAt
            = QDateTime::fromString(QStringLiteral("2026-02-03T04:05:06.001Z"), Qt::ISODateWithMs);
        j2.judgedAt = j1.judgedAt.addSecs(1);
        j3.judgedAt = j1.judgedAt.addSecs(2);
        for (const PairJudgement &j : { j1, j2, j3 })
            QVERIFY(Grades::addJudgement(*ledger, j));
        const auto back = Grades::judgementsOfRun(*ledger, QStringLiteral("run1"));
        QVERIFY(back);
        QCOMPARE(back->size(), 3);
        QCOMPARE(back->at(0).winner(), PairJudgement::Winner::A);
        QCOMPARE(back->at(1).winner(), PairJudgement::Winner::B);
        QCOMPARE(back->at(1).aShownLeft, false);
        QCOMPARE(back->at(1).choice, PairChoice::Left);
        QCOMPARE(back->at(2).winner(), PairJudgement::Winner::Tie);
        QCOMPARE(back->at(0).callA, a);
        QCOMPARE(back->at(0).callB, b);
        QCOMPARE(back->at(2).judgedAt, j3.judgedAt.toUTC());
        QVERIFY(Grades::judgementsOfRun(*ledger, QStringLiteral("run2"))->isEmpty());

        const auto same = Grades::addJudgement(
            *ledger, { 0, QStringLiteral("run1"), a, a, true, PairChoice::Tie, {} });
        QVERIFY(!same);
        const auto missing = Grades::addJudgement(
            *ledger, { 0, QStringLiteral("run1"), a, b + 50, true, PairChoice::Tie, {} });
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, ErrorCode::NotFound);
        QCOMPARE(Grades::judgementsOfRun(*ledger, QStringLiteral("run1"))->size(), 3);
    }

    void writesFromTheLedgerThread()
    {
        qint64 id = 0;
        {
            auto ledger = Ledger::open(m_path);
            QVERIFY(ledger);
            id = addCall(*ledger, QStringLiteral("run1"));
        }
        std::atomic<bool> offCaller = false;
        {
            LedgerWorker worker(m_path);
            QThread *caller = QThread::currentThread();
            worker.post([&, caller](Ledger *ledger, const Error *) {
                offCaller = QThread::currentThread() != caller;
                if (ledger)
                    (void)Grades::set(*ledger, { id, Thumb::Down, 1, QStringLiteral("no"), {} });
            });
        } // the destructor runs the pending task
        QVERIFY(offCaller);
        auto ledger = Ledger::open(m_path);
        QVERIFY(ledger);
        QCOMPARE((*Grades::of(*ledger, id))->note, QStringLiteral("no"));
    }
};

QTEST_GUILESS_MAIN(TestGrades)
#include "tst_grades.moc"
