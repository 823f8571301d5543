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
