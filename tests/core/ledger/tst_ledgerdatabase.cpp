// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Opening the ledger file: creation, WAL, migrations from every older version, and the files it
// must refuse without modifying them (not SQLite, damaged, another program's, newer schema).
#include "core/ledger/grades.h"
#include "core/ledger/ledger.h"
#include "core/ledger/ledgerschema.h"
#include "core/ledger/sqlitedatabase.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

using namespace psm::core;

namespace {

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

SqliteDatabase rawOpen(const QString &path)
{
    auto db = SqliteDatabase::open(path, SqliteDatabase::Mode::ReadWriteCreate);
    if (!db)
        qFatal("cannot open %s", qPrintable(db.error().toString()));
    return std::move(*db);
}

qint64 scalar(const QString &path, const char *sql)
{
    SqliteDatabase db = rawOpen(path);
    const Result<qint64> value = db.scalarInt(sql);
    return value ? *value : -1;
}

// Inserts one call the way a release with schema `version` wrote it.
void insertOldCall(SqliteDatabase &db, int n)
{
    const QByteArray sql = "INSERT INTO calls (started_at, provider, model, status, cost_usd, "
                           "output_text, request_hash) VALUES ('2026-01-0"
        + QByteArray::number(n) + "T10:00:00.000Z', 'openai', 'gpt-4o-mini', 'ok', 0.25, 'out"
        + QByteArray::number(n) + "', 'h" + QByteArray::number(n) + "')";
    QVERIFY2(db.exec(sql.constData()), "insert");
    QVERIFY2(db.exec("INSERT INTO attempts (call_id, attempt, started_at, http_status) VALUES "
                     "(last_insert_rowid(), 1, '2026-01-01T10:00:00.000Z', 200)"),
        "insert attempt");
}

} // namespace

class TestLedgerDatabase final : public QObject {
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

    void freshFileIsCurrentAndWal()
    {
        const QString nested = m_dir.filePath(QStringLiteral("a/b/ledger.sqlite3"));
        auto ledger = Ledger::open(nested);
        QVERIFY2(ledger, qPrintable(ledger ? QString() : ledger.error().toString()));
        QCOMPARE(ledger->path(), nested);
        QCOMPARE(scalar(nested, "PRAGMA user_version"), qint64(LedgerSchema::kCurrentVersion));
        QCOMPARE(scalar(nested, "PRAGMA application_id"), qint64(LedgerSchema::kApplicationId));
        SqliteDatabase raw = rawOpen(nested);
        QCOMPARE(*raw.scalarText("PRAGMA journal_mode"), QStringLiteral("wal"));
        QCOMPARE(*raw.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name IN "
                                "('calls', 'attempts', 'calls_cache_lookup', 'calls_by_run', "
                                "'calls_costs')"),
            qint64(5));
        QCOMPARE(*raw.scalarInt("SELECT count(*) FROM sqlite_schema WHERE name = "
                                "'calls_by_start'"),
            qint64(0));
    }

    void emptyFileIsInitialised()
    {
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        auto ledger = Ledger::open(m_path);
        QVERIFY2(ledger, qPrintable(ledger ? QString() : ledger.error().toString()));
        QCOMPARE(scalar(m_path, "PRAGMA user_version"), qint64(LedgerSchema::kCurrentVersion));
    }

    void reopenKeepsRows()
    {
        {
            auto ledger = Ledger::open(m_path);
            QVERIFY(ledger);
            QVERIFY(ledger->beginCall(
                { {}, {}, {}, {}, QStringLiteral("echo"), QStringLiteral("echo"), {}, {}, {} }));
        }
        auto again = Ledger::open(m_path);
        QVERIFY(again);
        QCOMPARE(again->calls({})->size(), 1);
    }

    void migratesOlderFiles_data()
    {
        QTest::addColumn<int>("fromVersion");
        for (int v = 1; v < LedgerSchema::kCurrentVersion; ++v)
            QTest::addRow("v%d", v) << v;
    }
    void migratesOlderFiles()
    {
        QFETCH(int, fromVersion);
        {
            SqliteDatabase db = rawOpen(m_path);
            QVERIFY(LedgerSchema::migrate(db, fromVersion));
            QCOMPARE(*db.scalarInt("PRAGMA user_version"), qint64(fromVersion));
            insertOldCall(db, 1);
            insertOldCall(db, 2);
        }
        auto ledger = Ledger::open(m_path);
        QVERIFY2(ledger, qPrintable(ledger ? QString() : ledger.error().toString()));
        QCOMPARE(scalar(m_path, "PRAGMA user_version"), qint64(LedgerSchema::kCurrentVersion));

        const auto calls = ledger->calls({});
        QVERIFY(calls);
        QCOMPARE(calls->size(), 2);
        QCOMPARE(calls->at(0).outcome.outputText, QStringLiteral("out2"));
        QCOMPARE(calls->at(1).outcome.outputText, QStringLiteral("out1"));
        QCOMPARE(calls->at(1).outcome.costUsd, std::optional<double>(0.25));
        QCOMPARE(calls->at(1).attempts.size(), 1);
        QCOMPARE(calls->at(1).attempts.at(0).httpStatus, std::optional<int>(200));
        QVERIFY(calls->at(1).start.runId.isNull()); // v3 column, NULL for old rows

        // The v2 index serves the cache lookup for rows written before it existed.
        const auto hit = ledger->cachedResponse(QStringLiteral("h1"));
        QVERIFY(hit && *hit);
        QCOMPARE((*hit)->outcome.outputText, QStringLiteral("out1"));
        SqliteDatabase raw = rawOpen(m_path);
        auto plan = raw.prepare("EXPLAIN QUERY PLAN SELECT id FROM calls WHERE request_hash = "
                                "'h1' AND status = 'ok' AND cached = 0");
        QVERIFY(plan && *plan->step());
        QVERIFY2(
            plan->text(3).contains(QLatin1String("calls_cache_lookup")), qPrintable(plan->text(3)));
        // The v4 index answers cost totals without reading the rows.
        auto costPlan = raw.prepare("EXPLAIN QUERY PLAN SELECT provider || '/' || model AS k, "
                                    "total(cost_usd), count(*) - count(cost_usd) FROM calls "
                                    "WHERE started_at >= '2026-01-01' GROUP BY k");
        QVERIFY(costPlan && *costPlan->step());
        QVERIFY2(costPlan->text(3).contains(QLatin1String("COVERING INDEX calls_costs")),
            qPrintable(costPlan->text(3)));
    }

    void failedMigrationChangesNothing()
    {
        {
            SqliteDatabase db = rawOpen(m_path);
            QVERIFY(LedgerSchema::migrate(db, 2));
            insertOldCall(db, 1);
            // A column v3 is about to add already exists, so step 3 must fail part-way.
            QVERIFY(db.exec("ALTER TABLE calls ADD COLUMN run_id TEXT"));
        }
        auto ledger = Ledger::open(m_path);
        QVERIFY(!ledger);
        QCOMPARE(ledger.error().code, ErrorCode::Database);
        QVERIFY2(ledger.error().message.contains(m_path), qPrintable(ledger.error().message));
        QVERIFY(ledger.error().detail.contains(QLatin1String("duplicate column")));
        QCOMPARE(scalar(m_path, "PRAGMA user_version"), qint64(2));
        QCOMPARE(scalar(m_path, "SELECT count(*) FROM sqlite_schema WHERE name = 'calls_by_run'"),
            qint64(0));
        QCOMPARE(scalar(m_path, "SELECT count(*) FROM calls"), qint64(1));
    }

    void refusesNonDatabase_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("text") << QByteArray("this is my shopping list\nmilk\n");
        QByteArray noise(8192, '\0');
        for (int i = 0; i < noise.size(); ++i)
            noise[i] = char((i * 7919 + 13) % 251);
        QTest::newRow("noise") << noise;
        QTest::newRow("short header") << QByteArray("SQLite format");
        // Past our header check, so SQLite itself must reject it.
        QTest::newRow("header then noise") << QByteArray("SQLite format 3\0", 16) + noise;
    }
    void refusesNonDatabase()
    {
        QFETCH(QByteArray, bytes);
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
        file.close();

        auto ledger = Ledger::open(m_path);
        QVERIFY(!ledger);
        QCOMPARE(ledger.error().code, ErrorCode::Database);
        QVERIFY2(ledger.error().message.contains(m_path), qPrintable(ledger.error().message));
        QVERIFY(ledger.error().message.contains(QLatin1String("left untouched")));
        QVERIFY(ledger.error().message.contains(QLatin1String("PROMPTSMITH_LEDGER")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), bytes);
        QVERIFY(!QFile::exists(m_path + QStringLiteral("-wal")));
        QVERIFY(!QFile::exists(m_path + QStringLiteral("-journal")));
    }

    void refusesDamagedDatabase()
    {
        {
            auto ledger = Ledger::open(m_path);
            QVERIFY(ledger);
            for (int i = 0; i < 300; ++i) {
                auto id = ledger->beginCall({ {}, {}, {}, {}, QStringLiteral("openai"),
                    QStringLiteral("gpt-4o"), {}, {}, {} });
                QVERIFY(id);
                CallOutcome done;
                done.outputText = QString(200, QLatin1Char('x'));
                QVERIFY(ledger->finishCall(*id, done));
            }
        } // last connection closed: WAL checkpointed into the main file
        QVERIFY(!QFile::exists(m_path + QStringLiteral("-wal")));
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        const qint64 pageSize = scalar(m_path, "PRAGMA page_size");
        QVERIFY(file.size() > 6 * pageSize);
        file.seek(3 * pageSize);
        file.write(QByteArray(int(2 * pageSize), '\x5a')); // two b-tree pages of the calls table
        file.close();
        const QByteArray before = fileHash(m_path);

        auto ledger = Ledger::open(m_path);
        QVERIFY(!ledger);
        QCOMPARE(ledger.error().code, ErrorCode::Database);
        QVERIFY2(ledger.error().message.contains(m_path), qPrintable(ledger.error().message));
        QVERIFY2(ledger.error().message.contains(QLatin1String("damaged")),
            qPrintable(ledger.error().toString()));
        QCOMPARE(fileHash(m_path), before);
    }

    void refusesAnotherProgramsDatabase()
    {
        {
            SqliteDatabase db = rawOpen(m_path);
            QVERIFY(db.exec("CREATE TABLE bookmarks (url TEXT)"));
        }
        const QByteArray before = fileHash(m_path);
        auto ledger = Ledger::open(m_path);
        QVERIFY(!ledger);
        QCOMPARE(ledger.error().code, ErrorCode::Database);
        QVERIFY(ledger.error().message.contains(QLatin1String("another program")));
        QCOMPARE(fileHash(m_path), before);
    }

    void refusesNewerSchema()
    {
        {
            auto ledger = Ledger::open(m_path);
            QVERIFY(ledger);
            QVERIFY(ledger->beginCall(
                { {}, {}, {}, {}, QStringLiteral("echo"), QStringLiteral("echo"), {}, {}, {} }));
        }
        {
            SqliteDatabase db = rawOpen(m_path);
            QVERIFY(db.exec("PRAGMA user_version = 99"));
        }
        const QByteArray before = fileHash(m_path);
        auto ledger = Ledger::open(m_path);
        QVERIFY(!ledger);
        QCOMPARE(ledger.error().code, ErrorCode::Database);
        const QString message = ledger.error().message;
        QVERIFY2(message.contains(m_path), qPrintable(message));
        QVERIFY2(message.contains(QLatin1String("version 99")), qPrintable(message));
        QVERIFY(message.contains(QLatin1String("newer")));
        QVERIFY(message.contains(QLatin1String("update Promptsmith")));
        QCOMPARE(fileHash(m_path), before);
        QCOMPARE(scalar(m_path, "PRAGMA user_version"), qint64(99));
        QCOMPARE(scalar(m_path, "SELECT count(*) FROM calls"), qint64(1));
    }

    void refusesNewerSchemaStillInTheWal()
    {
        // A newer Promptsmith that is still running may not have checkpointed yet: its schema
        // version is only in the -wal file.
        SqliteDatabase newer = rawOpen(m_path);
        QCOMPARE(*newer.scalarText("PRAGMA journal_mode = WAL"), QStringLiteral("wal"));
        constexpr int kNewer = LedgerSchema::kCurrentVersion + 1;
        const QByteArray create = "PRAGMA wal_autocheckpoint = 0; CREATE TABLE calls (id INTEGER); "
                                  "PRAGMA user_version = "
            + QByteArray::number(kNewer);
        QVERIFY(newer.exec(create.constData()));
        QVERIFY(QFileInfo(m_path + QStringLiteral("-wal")).size() > 0);
        auto ledger = Ledger::open(m_path);
        QVERIFY(!ledger);
        QVERIFY2(ledger.error().message.contains(QStringLiteral("version %1").arg(kNewer)),
            qPrintable(ledger.error().message));
        QCOMPARE(*newer.scalarInt("PRAGMA user_version"), qint64(kNewer));
    }

    void refusesDirectory()
    {
        auto ledger = Ledger::open(m_dir.path());
        QVERIFY(!ledger);
        QCOMPARE(ledger.error().code, ErrorCode::Database);
    }

    void twoConnectionsShareTheFile()
    {
        // The GUI's background tasks and a CLI run each open their own connection.
        auto first = Ledger::open(m_path);
        auto second = Ledger::open(m_path);
        QVERIFY(first && second);
        const CallStart start { {}, {}, {}, {}, QStringLiteral("echo"), QStringLiteral("echo"), {},
            {}, {} };
        QVERIFY(first->beginCall(start));
        QVERIFY(second->beginCall(start));
        QVERIFY(first->beginCall(start));
        QCOMPARE(second->calls({})->size(), 3);
        QCOMPARE(first->calls({})->size(), 3);
    }

    void reusedStatementStartsCleanEachTime()
    {
        // The per-call writes keep their prepared statement; each use must start unbound and
        // reset, and a half-read SELECT must not hold its read transaction past the handle.
        SqliteDatabase db = rawOpen(m_path);
        QVERIFY(db.exec("CREATE TABLE t (v TEXT)"));
        static const char *const kInsert = "INSERT INTO t (v) VALUES (?)";
        static const char *const kSelect = "SELECT v FROM t ORDER BY rowid";
        {
            auto insert = db.reuse(kInsert);
            QVERIFY(insert);
            QVERIFY(insert->statement().bind(1, QStringLiteral("first")));
            QVERIFY(insert->statement().run());
        }
        SqliteStatement *same = nullptr;
        {
            auto insert = db.reuse(kInsert);
            QVERIFY(insert);
            same = &insert->statement();
            QVERIFY(insert->statement().run()); // no bind: the first value must not linger
        }
        {
            auto select = db.reuse(kSelect);
            QVERIFY(select);
            QCOMPARE(select->statement().step().value_or(false), true);
            QCOMPARE(select->statement().text(0), QStringLiteral("first"));
        }
        // The select was left mid-way; its handle reset it, so it holds no shared lock and
        // another connection can write at once (this file is in rollback-journal mode).
        SqliteDatabase other = rawOpen(m_path);
        QVERIFY(other.exec("INSERT INTO t (v) VALUES ('other')"));
        {
            auto again = db.reuse(kSelect);
            QVERIFY(again);
            QCOMPARE(again->statement().step().value_or(false), true);
            QCOMPARE(again->statement().text(0), QStringLiteral("first"));
            QCOMPARE(again->statement().step().value_or(false), true);
            QVERIFY(again->statement().isNull(0));
            QCOMPARE(again->statement().step().value_or(false), true);
            QCOMPARE(again->statement().text(0), QStringLiteral("other"));
            QCOMPARE(again->statement().step().value_or(true), false);
        }
        auto insert = db.reuse(kInsert);
        QVERIFY(insert);
        QCOMPARE(&insert->statement(), same);
        QVERIFY(!db.reuse("NOT SQL AT ALL"));
    }

    void transactionInsideATransactionIsASavepoint()
    {
        // Ledger::batch runs tasks that may open their own transaction (Grades::set does):
        // inside an open one, it must stand or fall alone and commit with the outer one.
        SqliteDatabase db = rawOpen(m_path);
        QVERIFY(db.exec("CREATE TABLE t (v TEXT)"));
        QVERIFY(db.exec("BEGIN IMMEDIATE"));
        QVERIFY(db.exec("INSERT INTO t (v) VALUES ('outer')"));
        QVERIFY(
            db.transaction([&]() -> Status { return db.exec("INSERT INTO t VALUES ('kept')"); }));
        const Status failed = db.transaction([&]() -> Status {
            if (Status s = db.exec("INSERT INTO t (v) VALUES ('undone')"); !s)
                return s;
            return fail(ErrorCode::InvalidInput, QStringLiteral("the body fails"));
        });
        QVERIFY(!failed);
        QCOMPARE(failed.error().message, QStringLiteral("the body fails"));
        QVERIFY(db.exec("COMMIT"));
        // 'outer' and 'kept'; the failed body's row was rolled back to its savepoint.
        QCOMPARE(scalar(m_path, "SELECT count(*) FROM t"), qint64(2));
        QCOMPARE(scalar(m_path, "SELECT count(*) FROM t WHERE v = 'undone'"), qint64(0));
    }

    void batchCommitsItsWritesTogether()
    {
        auto ledger = Ledger::open(m_path);
        auto reader = Ledger::open(m_path);
        QVERIFY(ledger && reader);
        const CallStart start { {}, {}, {}, {}, QStringLiteral("echo"), QStringLiteral("echo"), {},
            {}, {} };
        int seenInside = -1;
        Status gradeInside;
        Status badFinish;
        const Status batch = ledger->batch([&] {
            QVERIFY(ledger->beginCall(start));
            const auto second = ledger->beginCall(start);
            QVERIFY(second);
            // A write that fails (no such call) is undone alone; the batch goes on.
            CallOutcome outcome;
            outcome.status = CallStatus::Ok;
            badFinish = ledger->finishCall(9999, outcome);
            QVERIFY(ledger->finishCall(*second, outcome));
            // A method with its own transaction nests as a savepoint.
            CallGrade grade;
            grade.callId = *second;
            grade.score = 4;
            gradeInside = Grades::set(*ledger, grade);
            // Another connection sees nothing of the batch before its commit.
            seenInside = int(reader->calls({})->size());
        });
        QVERIFY2(batch, qPrintable(batch ? QString() : batch.error().toString()));
        QCOMPARE(seenInside, 0);
        QVERIFY(!badFinish);
        QCOMPARE(badFinish.error().code, ErrorCode::NotFound);
        QVERIFY2(gradeInside, qPrintable(gradeInside ? QString() : gradeInside.error().toString()));
        // Two calls, one of them finished ok and graded 4, all committed at once.
        const auto calls = reader->calls({});
        QVERIFY(calls);
        QCOMPARE(calls->size(), 2);
        QCOMPARE(scalar(m_path, "SELECT count(*) FROM calls WHERE status = 'ok'"), qint64(1));
        QCOMPARE(scalar(m_path, "SELECT score FROM grades"), qint64(4));
        // The cost summaries were kept by the triggers inside the batch as outside it.
        QCOMPARE(scalar(m_path, "SELECT sum(calls) FROM cost_hours"), qint64(2));
    }

    void threadsWriteThroughTheirOwnConnections()
    {
        // As the GUI's background tasks do: each thread opens its own Ledger; WAL and the busy
        // timeout serialise the writers without errors.
        constexpr int kThreads = 4;
        constexpr int kCallsEach = 100;
        std::atomic<int> failures = 0;
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                auto ledger = Ledger::open(m_path);
                if (!ledger) {
                    ++failures;
                    return;
                }
                for (int i = 0; i < kCallsEach; ++i) {
                    CallStart start;
                    start.provider = QStringLiteral("echo");
                    start.model = QStringLiteral("thread-%1").arg(t);
                    const auto id = ledger->beginCall(start);
                    if (!id || !ledger->recordAttempt(*id, { 1, {}, 200, {}, 1 })
                        || !ledger->finishCall(*id, CallOutcome {}))
                        ++failures;
                }
            });
        }
        for (std::thread &thread : threads)
            thread.join();
        QCOMPARE(failures.load(), 0);
        QCOMPARE(scalar(m_path, "SELECT count(*) FROM calls WHERE status = 'ok'"),
            qint64(kThreads * kCallsEach));
        QCOMPARE(scalar(m_path, "SELECT count(*) FROM attempts"), qint64(kThreads * kCallsEach));
    }

    void defaultPathHonoursEnvironment()
    {
        qputenv("PROMPTSMITH_LEDGER", m_path.toUtf8());
        QCOMPARE(Ledger::defaultPath(), m_path);
        qunsetenv("PROMPTSMITH_LEDGER");
        QVERIFY(Ledger::defaultPath().endsWith(QLatin1String("/ledger.sqlite3")));
        QVERIFY(Ledger::defaultPath().startsWith(
            QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
    }
};

QTEST_GUILESS_MAIN(TestLedgerDatabase)
#include "tst_ledgerdatabase.moc"
