// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/workspace/draftstore.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace psm::core;

class TestDraftStore final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init() { QDir(DraftStore().dir()).removeRecursively(); }

    void defaultsToAppData()
    {
        const QString dir = DraftStore().dir();
        QVERIFY(dir.endsWith(QLatin1String("/drafts")));
        QVERIFY(dir.startsWith(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
    }

    void saveListDiscard()
    {
        DraftStore store;
        const QDateTime when = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 6), Qt::UTC);
        const Draft a { QStringLiteral("/ws/one"), QStringLiteral("prompts/a.prompt"),
            QStringLiteral("unsaved ✓ text\n"), QByteArray::fromHex("00ff10"), when };
        QVERIFY(store.save(a));
        QVERIFY(store.save({ QStringLiteral("/ws/one/"), QStringLiteral("b.prompt"),
            QStringLiteral("b"), {}, {} }));
        QVERIFY(store.save({ QStringLiteral("/ws/two"), QStringLiteral("a.prompt"),
            QStringLiteral("other workspace"), {}, {} }));

        auto drafts = store.drafts(QStringLiteral("/ws/one"));
        QVERIFY(drafts);
        QCOMPARE(drafts->size(), 2);
        QCOMPARE(drafts->at(0).path, QStringLiteral("b.prompt"));
        QVERIFY(drafts->at(0).savedAt.isValid());
        const Draft &back = drafts->at(1);
        QCOMPARE(back.path, a.path);
        QCOMPARE(back.text, a.text);
        QCOMPARE(back.baseSha, a.baseSha);
        QCOMPARE(back.savedAt, when);
        QCOMPARE(back.workspaceRoot, QStringLiteral("/ws/one"));

        // A later save of the same file replaces the draft.
        Draft newer = a;
        newer.text = QStringLiteral("newer");
        QVERIFY(store.save(newer));
        QCOMPARE(store.drafts(QStringLiteral("/ws/one"))->size(), 2);
        QCOMPARE(store.drafts(QStringLiteral("/ws/one"))->at(1).text, QStringLiteral("newer"));

        QVERIFY(store.discard(QStringLiteral("/ws/one"), a.path));
        QVERIFY(store.discard(QStringLiteral("/ws/one"), a.path)); // already gone: fine
        QCOMPARE(store.drafts(QStringLiteral("/ws/one"))->size(), 1);
        QCOMPARE(store.drafts(QStringLiteral("/ws/two"))->size(), 1);
        QVERIFY(!store.save({ QString(), QStringLiteral("x"), {}, {}, {} }));
    }

    void survivesACrash()
    {
        // One instance saves and is never told to discard (the app died before the user saved);
        // a new one, as at the next start-up, finds the text. Nothing is held in memory between
        // the two: what survives is on disk.
        {
            DraftStore store;
            QVERIFY(store.save({ QStringLiteral("/ws/crash"), QStringLiteral("p.prompt"),
                QStringLiteral("half-written idea"), "abc", {} }));
        }
        const DraftStore next;
        const auto drafts = next.drafts(QStringLiteral("/ws/crash"));
        QVERIFY(drafts);
        QCOMPARE(drafts->size(), 1);
        QCOMPARE(drafts->first().text, QStringLiteral("half-written idea"));
        QCOMPARE(drafts->first().baseSha, QByteArray("abc"));
    }

    void skipsCorruptFiles()
    {
        QTemporaryDir dir;
        DraftStore store(dir.path());
        QVERIFY(store.save(
            { QStringLiteral("/ws"), QStringLiteral("a.prompt"), QStringLiteral("ok"), {}, {} }));
        QFile junk(dir.filePath(QStringLiteral("junk.json")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("{ torn");
        junk.close();
        const auto drafts = store.drafts(QStringLiteral("/ws"));
        QVERIFY(drafts);
        QCOMPARE(drafts->size(), 1);
        QVERIFY(junk.exists()); // left for a human, not deleted
    }
};

QTEST_GUILESS_MAIN(TestDraftStore)
#include "tst_draftstore.moc"
