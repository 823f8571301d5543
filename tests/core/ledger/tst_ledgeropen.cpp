// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Opening the ledger under contention and repeatedly: a lock held by another connection is
// waited out, quick_check runs once per file while the process holds it, each thread reuses one
// connection, and calls left `running` by processes that have ended are marked at open.
#include "core/ledger/ledger.h"
#include "core/ledger/ledgerschema.h"
#include "core/ledger/processidentity.h"
#include "core/ledger/sqlitedatabase.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <cstring>
#include <thread>

using namespace psm::core;

namespace {

std::atomic<int> s_quickChecks = 0;

void countQuickChecks(const char *sql)
{
    if (sql && std::strstr(sql, "quick_check"))
        ++s_quickChecks;
}

SqliteDatabase rawOpen(const QString &path)
{
    auto db = SqliteDatabase::open(path, SqliteDatabase::Mode::ReadWriteCreate);
    if (!db)
        qFatal("cannot open %s", qPrintable(db.error().toString()));
    return std::move(*db);
}

QString text(const QString &path, qint64 id, const char *column)
{
    SqliteDatabase db = rawOpen(path);
    auto stmt = db.prepare(
        QByteArray("SELECT ").append(column).append(" FROM calls WHERE id = ?").constData());
    if (!stmt || !stmt->bind(1, id) || !*stmt->step())
        return QStringLiteral("<no row>");
    return stmt->text(0);
}

// A pid that belonged to a process that has ended and been reaped.
qint64 deadPid()
{
    QProcess child;
    child.start(QStringLiteral("true"), {});
    if (!child.waitForStarted(10000))
        return 0;
    const qint64 pid = child.processId();
    child.waitForFinished(10000);
    return pid;
}

qint64 insertRunning(SqliteDatabase &db, const ProcessIdentity *writer,
    const QString &startedAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs))
{
    auto stmt = db.prepare("INSERT INTO calls (started_at, provider, model, status, writer_pid, "
                           "writer_host, writer_boot, writer_start_ticks) "
                           "VALUES (?, 'openai', 'gpt-4o', 'running', ?, ?, ?, ?)");
    if (!stmt)
        return 0;
    const bool bound = stmt->bind(1, startedAt)
        && stmt->bind(2, writer ? std::optional<qint64>(writer->pid) : std::nullopt)
        && stmt->bind(3, writer ? writer->host : QString())
        && stmt->bind(4, writer ? writer->boot : QString())
        && stmt->bind(5,
            writer && writer->startTicks ? std::optional<qint64>(writer->startTicks)
                                         : std::nullopt);
    if (!bound || !stmt->run())
        return 0;
    return db.lastInsertRowId();
}

} // namespace

class TestLedgerOpen final : public QObject {
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
        SqliteDatabase::setStatementObserver(countQuickChecks);
    }
    void init() { m_path = m_dir.filePath(QStringLiteral("ledger%1.sqlite3").arg(++m_counter)); }

    void openOutlastsAnotherConnectionsWriteLock_data()
    {
        QTest::addColumn<bool>("existingWalLedger");
        // A new, still empty file that another process is about to set up: SQLite answers
        // the switch to WAL with SQLITE_BUSY at once instead of waiting (it could deadlock).
        QTest::newRow("new file") << false;
        QTest::newRow("existing WAL ledger") << true;
    }
    void openOutlastsAnotherConnectionsWriteLock()
    {
        QFETCH(bool, existingWalLedger);
        if (existingWalLedger) {
            QVERIFY(Ledger::open(m_path));
        } else {
            QFile file(m_path);
            QVERIFY(file.open(QIODevice::WriteOnly));
        }
        constexpr int kHoldMs = 700;
        std::atomic<bool> locked = false;
        std::atomic<bool> holderOk = false;
        const QString path = m_path;
        std::thread holder([&] {
            SqliteDatabase db = rawOpen(path);
            if (!db.exec("BEGIN IMMEDIATE"))
                return;
            locked = true;
            std::this_thread::sleep_for(std::chrono::milliseconds(kHoldMs));
            holderOk = bool(db.exec("COMMIT"));
        });
        QTRY_VERIFY_WITH_TIMEOUT(locked.load(), 10000);
        QElapsedTimer clock;
        clock.start();
        auto ledger = Ledger::open(m_path);
        const qint64 waited = clock.elapsed();
        holder.join();
        QVERIFY(holderOk.load());
        QVERIFY2(ledger, qPrintable(ledger ? QString() : ledger.error().toString()));
        QVERIFY2(waited >= kHoldMs / 2, qPrintable(QString::number(waited))); // it did wait
        QVERIFY(ledger->beginCall(
            { {}, {}, {}, {}, QStringLiteral("echo"), QStringLiteral("echo"), {}, {}, {} }));
    }

    void quickCheckRunsOncePerFileWhileOpen()
    {
        s_quickChecks = 0;
        {
            auto first = Ledger::open(m_path);
            QVERIFY(first);
            QCOMPARE(s_quickChecks.load(), 1);
            for (int i = 0; i < 3; ++i) {
                auto again = Ledger::open(m_path);
                QVERIFY(again);
            }
            QCOMPARE(s_quickChecks.load(), 1);
        }
        // Every connection closed: the file may have been replaced meanwhile, so check again.
        QVERIFY(Ledger::open(m_path));
        QCOMPARE(s_quickChecks.load(), 2);
    }

    void eachThreadKeepsOneConnection()
    {
        s_quickChecks = 0;
        auto mine = Ledger::forThisThread(m_path);
        QVERIFY2(mine, qPrintable(mine ? QString() : mine.error().toString()));
        for (int i = 0; i < 5; ++i) {
            auto again = Ledger::forThisThread(m_path);
            QVERIFY(again);
            QCOMPARE(*again, *mine);
        }
        Ledger *theirs = nullptr;
        std::thread other([&] {
            auto opened = Ledger::forThisThread(m_path);
            theirs = opened ? *opened : nullptr;
            if (theirs)
                theirs->beginCall(
                    { {}, {}, {}, {}, QStringLiteral("echo"), QStringLiteral("echo"), {}, {}, {} });
        });
        other.join();
        QVERIFY(theirs && theirs != *mine);
        QCOMPARE((*mine)->calls({})->size(), 1); // the other thread's write is visible
        QCOMPARE(s_quickChecks.load(), 1);
    }

    void failedOpenIsNotKept()
    {
        // Before, one failed open disabled the ledger for the session; now the next use retries.
        const QString path = m_dir.filePath(QStringLiteral("later.sqlite3"));
        QVERIFY(QDir().mkpath(path)); // a folder where the file should be
        QVERIFY(!Ledger::forThisThread(path));
        QVERIFY(QDir(path).removeRecursively());
        auto ledger = Ledger::forThisThread(path);
        QVERIFY2(ledger, qPrintable(ledger ? QString() : ledger.error().toString()));
    }

    void beginCallRecordsItsWriter()
    {
        auto ledger = Ledger::open(m_path);
        QVERIFY(ledger);
        const auto id = ledger->beginCall(
            { {}, {}, {}, {}, QStringLiteral("echo"), QStringLiteral("echo"), {}, {}, {} });
        QVERIFY(id);
        QCOMPARE(
            text(m_path, *id, "writer_pid"), QString::number(QCoreApplication::applicationPid()));
        QCOMPARE(text(m_path, *id, "writer_host"), ProcessIdentity::current().host);
        QVERIFY(!text(m_path, *id, "writer_host").isEmpty());
        QCOMPARE(text(m_path, *id, "writer_boot"), ProcessIdentity::current().boot);
    }

    void runningRowsOfEndedProcessesAreMarked()
    {
        QVERIFY(Ledger::open(m_path)); // create, then close
        const ProcessIdentity &self = ProcessIdentity::current();
        QVERIFY(self.startTicks > 0);

        ProcessIdentity dead = self;
        dead.pid = deadPid();
        QVERIFY(dead.pid > 0);
        QCOMPARE(dead.liveness(), ProcessIdentity::Liveness::Ended);
        ProcessIdentity otherHost = dead;
        otherHost.host = QStringLiteral("another-machine");
        ProcessIdentity earlierBoot = self; // this very pid, but from before a reboot
        earlierBoot.boot = QStringLiteral("an-earlier-boot");
        ProcessIdentity reusedPid = self; // this pid, but an older process's start time
        reusedPid.startTicks = self.startTicks - 1;

        QProcess sleeper; // a live process other than this one
        sleeper.start(QStringLiteral("sleep"), { QStringLiteral("30") });
        QVERIFY(sleeper.waitForStarted(10000));
        const ProcessIdentity live = ProcessIdentity::ofRunningProcess(sleeper.processId());
        QCOMPARE(live.liveness(), ProcessIdentity::Liveness::Alive);

        const QString twoDaysAgo
            = QDateTime::currentDateTimeUtc().addDays(-2).toString(Qt::ISODateWithMs);
        qint64 deadRow = 0, selfRow = 0, liveRow = 0, otherHostRow = 0, rebootRow = 0,
               reusedRow = 0, oldLegacyRow = 0, recentLegacyRow = 0;
        {
            SqliteDatabase db = rawOpen(m_path);
            deadRow = insertRunning(db, &dead);
            selfRow = insertRunning(db, &self);
            liveRow = insertRunning(db, &live);
            otherHostRow = insertRunning(db, &otherHost);
            rebootRow = insertRunning(db, &earlierBoot);
            reusedRow = insertRunning(db, &reusedPid);
            oldLegacyRow = insertRunning(db, nullptr, twoDaysAgo);
            recentLegacyRow = insertRunning(db, nullptr);
            QVERIFY(deadRow && selfRow && liveRow && otherHostRow && rebootRow && reusedRow
                && oldLegacyRow && recentLegacyRow);
        }

        auto ledger = Ledger::open(m_path);
        QVERIFY2(ledger, qPrintable(ledger ? QString() : ledger.error().toString()));
        const auto status = [&](qint64 id) { return (*ledger->call(id))->outcome.status; };
        QCOMPARE(status(deadRow), CallStatus::Cancelled);
        QCOMPARE(status(rebootRow), CallStatus::Cancelled);
        QCOMPARE(status(reusedRow), CallStatus::Cancelled);
        QCOMPARE(status(oldLegacyRow), CallStatus::Cancelled);
        QCOMPARE(status(selfRow), CallStatus::Running);
        QCOMPARE(status(liveRow), CallStatus::Running);
        QCOMPARE(status(otherHostRow), CallStatus::Running);
        QCOMPARE(status(recentLegacyRow), CallStatus::Running);

        const CallRecord marked = **ledger->call(deadRow);
        QVERIFY2(marked.outcome.error.startsWith(QLatin1String("Interrupted")),
            qPrintable(marked.outcome.error));
        QVERIFY(marked.outcome.error.contains(QString::number(dead.pid)));
        QVERIFY(marked.outcome.finishedAt.isValid());
        QVERIFY(!marked.outcome.costUsd); // unknown, never 0
        // A live writer can still finish its own row.
        CallOutcome done;
        done.outputText = QStringLiteral("finished late");
        QVERIFY(ledger->finishCall(selfRow, done));
        sleeper.kill();
        sleeper.waitForFinished(10000);
    }

    void migratesAVersion4FileWithRunningRows()
    {
        // The file as the previous release wrote it: schema 4, no writer columns.
        {
            SqliteDatabase db = rawOpen(m_path);
            QCOMPARE(*db.scalarText("PRAGMA journal_mode = WAL"), QStringLiteral("wal"));
            QVERIFY(LedgerSchema::migrate(db, 4));
            QVERIFY(db.exec("INSERT INTO calls (started_at, provider, model, status) VALUES "
                            "('2020-01-01T00:00:00.000Z', 'openai', 'gpt-4o', 'running'), "
                            "('2020-01-02T00:00:00.000Z', 'openai', 'gpt-4o', 'ok')"));
            const QByteArray recent = "INSERT INTO calls (started_at, provider, model, status) "
                                      "VALUES ('"
                + QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8()
                + "', 'openai', 'gpt-4o', 'running')";
            QVERIFY(db.exec(recent.constData()));
            QVERIFY(!db.exec("SELECT writer_pid FROM calls"));
        }
        auto ledger = Ledger::open(m_path);
        QVERIFY2(ledger, qPrintable(ledger ? QString() : ledger.error().toString()));
        SqliteDatabase raw = rawOpen(m_path);
        QCOMPARE(*raw.scalarInt("PRAGMA user_version"), qint64(LedgerSchema::kCurrentVersion));
        QCOMPARE(*raw.scalarInt("SELECT count(*) FROM calls WHERE writer_pid IS NULL"), qint64(3));
        QCOMPARE((*ledger->call(1))->outcome.status, CallStatus::Cancelled); // a 2020 leftover
        QCOMPARE((*ledger->call(2))->outcome.status, CallStatus::Ok);
        QCOMPARE((*ledger->call(3))->outcome.status, CallStatus::Running); // maybe an old app
        auto plan = raw.prepare("EXPLAIN QUERY PLAN SELECT id FROM calls WHERE status = 'running'");
        QVERIFY(plan && *plan->step());
        QVERIFY2(plan->text(3).contains(QLatin1String("calls_running")), qPrintable(plan->text(3)));
    }
};

QTEST_GUILESS_MAIN(TestLedgerOpen)
#include "tst_ledgeropen.moc"
