// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// The ledger thread: tasks run in order on their own thread, and a failed open is retried by the
// next task instead of disabling the ledger for the rest of the session.
#include "core/ledger/ledger.h"
#include "core/ledger/ledgerworker.h"

#include <QDir>
#include <QFile>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace psm;

class TstLedgerWorker final : public QObject {
    Q_OBJECT

    struct Seen {
        bool hadLedger = false;
        QString error;
        QThread *thread = nullptr;
    };

    // Posts one task and waits for it to have run on the worker's thread.
    static Seen runOne(core::LedgerWorker &worker)
    {
        Seen seen;
        QSemaphore done;
        worker.post([&](core::Ledger *ledger, const core::Error *openError) {
            seen.hadLedger = ledger != nullptr;
            seen.error = openError ? openError->toString() : QString();
            seen.thread = QThread::currentThread();
            done.release();
        });
        if (!done.tryAcquire(1, 30'000))
            qFatal("the ledger task did not run");
        return seen;
    }

private Q_SLOTS:
    void tasksRunOffTheCallersThread()
    {
        QTemporaryDir dir;
        core::LedgerWorker worker(dir.filePath(QStringLiteral("ledger.sqlite3")));
        const Seen seen = runOne(worker);
        QVERIFY2(seen.hadLedger, qPrintable(seen.error));
        QVERIFY(seen.thread != QThread::currentThread());
    }

    void batchedTasksCommitTogetherAndReplyAfterTheCommit()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("ledger.sqlite3"));
        core::LedgerWorker worker(path, core::LedgerWorker::Commit::Batched);
        // The first task holds the thread until the others are queued, so they form one batch
        // (posted once it runs, they cannot join its own).
        QSemaphore running;
        QSemaphore queued;
        QSemaphore replied;
        worker.post([&](core::Ledger *, const core::Error *) {
            running.release();
            queued.acquire();
        });
        QVERIFY(running.tryAcquire(1, 30'000));
        constexpr int kTasks = 5;
        const core::CallStart start { {}, {}, {}, {}, QStringLiteral("echo"),
            QStringLiteral("echo"), {}, {}, {} };
        int written = 0;
        QList<int> order;
        QList<int> committedWhenTaskRan;
        QList<int> committedWhenReplied;
        // Rows another connection sees: what is committed. Read-only, as Ledger::open would
        // wait for the batch's write lock to migrate.
        const auto committedRows = [&path] {
            auto other = core::Ledger::openReadOnly(path, 0);
            return other ? int(other->calls({})->size()) : -1;
        };
        for (int i = 0; i < kTasks; ++i) {
            worker.post([&, i](core::Ledger *ledger, const core::Error *) {
                // QVERIFY belongs to the test's thread: count the writes and check them there.
                written += ledger && ledger->beginCall(start) ? 1 : 0;
                committedWhenTaskRan << committedRows();
                core::LedgerWorker::afterCommit([&, i] {
                    order << i;
                    committedWhenReplied << committedRows();
                    replied.release();
                });
            });
        }
        queued.release();
        QVERIFY(replied.tryAcquire(kTasks, 30'000));
        // Run in order, none committed while the batch ran, all five before any reply.
        QCOMPARE(written, kTasks);
        QCOMPARE(order, QList<int>({ 0, 1, 2, 3, 4 }));
        QCOMPARE(committedWhenTaskRan, QList<int>({ 0, 0, 0, 0, 0 }));
        QCOMPARE(committedWhenReplied, QList<int>({ 5, 5, 5, 5, 5 }));
    }

    void aFailedOpenIsRetriedByTheNextTask()
    {
        QTemporaryDir dir;
        // The ledger's folder is a plain file for now, so the first open cannot succeed.
        const QString folder = dir.filePath(QStringLiteral("data"));
        QFile blocker(folder);
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        core::LedgerWorker worker(folder + QStringLiteral("/ledger.sqlite3"));

        const Seen first = runOne(worker);
        QVERIFY(!first.hadLedger);
        QVERIFY(!first.error.isEmpty());

        QVERIFY(QFile::remove(folder));
        QVERIFY(QDir().mkpath(folder));
        const Seen second = runOne(worker);
        QVERIFY2(second.hadLedger, qPrintable(second.error));
        QVERIFY(QFile::exists(folder + QStringLiteral("/ledger.sqlite3")));
    }
};

QTEST_GUILESS_MAIN(TstLedgerWorker)
#include "tst_ledgerworker.moc"
