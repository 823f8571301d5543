// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// The dashboard's click-through (CostQuery::calls) and its read-only connection
// (Ledger::openReadOnly), against real ledger files in a temp dir.
#include "core/ledger/costquery.h"
#include "core/ledger/ledger.h"
#include "core/ledger/ledgerschema.h"
#include "core/ledger/sqlitedatabase.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace psm::core;

namespace {

struct Seed {
    const char *provider;
    const char *model;
    const char *workspace;
    const char *prompt;
    const char *revision;
    const char *run;
    const char *when;
    std::optional<double> cost;
};

// Index = seed row. Two workspaces hold the same prompt path; a model name holds a '/'.
const Seed kSeeds[] = {
    { "openai", "gpt-4o", "/ws/a", "p.prompt", "r1", "R1", "2026-05-01T10:00:00Z", 0.01 },
    { "openai", "gpt-4o", "/ws/b", "p.prompt", "r1", "", "2026-05-01T11:00:00Z", 0.02 },
    { "openrouter", "meta/llama-3", "/ws/a", "p.prompt", "r2", "R1", "2026-05-02T09:00:00Z",
        std::nullopt },
    { "openai", "gpt-4o", "/ws/a", "q.prompt", "r7", "", "2026-05-03T09:00:00Z", std::nullopt },
    { "openai", "gpt-4o", "/ws/a", "", "", "", "2026-05-03T10:00:00Z", 0.03 },
};

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

} // namespace

class TstCostCalls final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void sliceByEachGroup_data();
    void sliceByEachGroup();
    void unknownCostOnlyTimeAndLimit();
    void callFieldsAsRecorded();
    void readOnlyNeverWrites();
    void readOnlyRefusesMissingOldAndForeign();

private:
    QList<qint64> ids(const CostFilter &filter, const CallSlice &slice, int limit = 100);

    QTemporaryDir m_dir;
    QString m_path;
    QList<qint64> m_ids;
};

void TstCostCalls::initTestCase()
{
    m_path = m_dir.filePath(QStringLiteral("ledger.sqlite3"));
    auto ledger = Ledger::open(m_path);
    QVERIFY(ledger);
    for (const Seed &s : kSeeds) {
        CallStart start;
        start.startedAt = QDateTime::fromString(QString::fromLatin1(s.when), Qt::ISODate);
        start.provider = QString::fromLatin1(s.provider);
        start.model = QString::fromLatin1(s.model);
        start.workspace = QString::fromLatin1(s.workspace);
        start.promptPath = QString::fromLatin1(s.prompt);
        start.promptRevision = QString::fromLatin1(s.revision);
        start.runId = QString::fromLatin1(s.run);
        const auto id = ledger->beginCall(start);
        QVERIFY(id);
        CallOutcome outcome;
        outcome.latencyMs = 100;
        outcome.tokens.inputUncached = 10;
        outcome.tokens.cacheRead = 5;
        outcome.tokens.output = 3;
        outcome.tokens.reasoning = 2;
        outcome.costUsd = s.cost;
        QVERIFY(ledger->finishCall(*id, outcome));
        m_ids << *id;
    }
}

QList<qint64> TstCostCalls::ids(const CostFilter &filter, const CallSlice &slice, int limit)
{
    auto ledger = Ledger::openReadOnly(m_path, 7);
    if (!ledger)
        qFatal("%s", qPrintable(ledger.error().toString()));
    const auto calls = CostQuery(*ledger, QTimeZone::utc()).calls(filter, slice, limit);
    if (!calls)
        qFatal("%s", qPrintable(calls.error().toString()));
    QList<qint64> out;
    for (const CostCall &c : *calls)
        out << m_ids.indexOf(c.id);
    return out;
}

void TstCostCalls::sliceByEachGroup_data()
{
    QTest::addColumn<int>("group");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("context");
    QTest::addColumn<QList<qint64>>("rows"); // seed rows, newest first
    QTest::newRow("all") << int(CostGroup::None) << QString() << QString()
                         << QList<qint64> { 4, 3, 2, 1, 0 };
    QTest::newRow("model") << int(CostGroup::Model) << "openai/gpt-4o" << QString()
                           << QList<qint64> { 4, 3, 1, 0 };
    QTest::newRow("model with a slash")
        << int(CostGroup::Model) << "openrouter/meta/llama-3" << QString() << QList<qint64> { 2 };
    QTest::newRow("prompt of one workspace") << int(CostGroup::Prompt) << "p.prompt"
                                             << "/ws/a" << QList<qint64> { 2, 0 };
    QTest::newRow("no prompt") << int(CostGroup::Prompt) << ""
                               << "/ws/a" << QList<qint64> { 4 };
    QTest::newRow("revision") << int(CostGroup::Revision) << "r1"
                              << "p.prompt" << QList<qint64> { 1, 0 };
    QTest::newRow("workspace") << int(CostGroup::Workspace) << "/ws/b" << QString()
                               << QList<qint64> { 1 };
    QTest::newRow("run") << int(CostGroup::Run) << "R1" << QString() << QList<qint64> { 2, 0 };
    QTest::newRow("in no run") << int(CostGroup::Run) << "" << QString()
                               << QList<qint64> { 4, 3, 1 };
}

void TstCostCalls::sliceByEachGroup()
{
    QFETCH(int, group);
    QFETCH(QString, key);
    QFETCH(QString, context);
    QFETCH(QList<qint64>, rows);
    CallSlice slice;
    slice.group = CostGroup(group);
    slice.key = key;
    slice.context = context;
    QCOMPARE(ids({}, slice), rows);
}

void TstCostCalls::unknownCostOnlyTimeAndLimit()
{
    CallSlice unknown;
    unknown.unknownCostOnly = true;
    QCOMPARE(ids({}, unknown), (QList<qint64> { 3, 2 }));

    CostFilter day;
    day.since = QDateTime(QDate(2026, 5, 1), QTime(0, 0), QTimeZone::utc());
    day.until = QDateTime(QDate(2026, 5, 2), QTime(0, 0), QTimeZone::utc());
    QCOMPARE(ids(day, {}), (QList<qint64> { 1, 0 }));
    day.until = QDateTime(QDate(2026, 5, 1), QTime(11, 0), QTimeZone::utc()); // exclusive
    QCOMPARE(ids(day, {}), (QList<qint64> { 0 }));

    CostFilter model;
    model.model = QStringLiteral("openai/gpt-4o");
    model.workspace = QStringLiteral("/ws/a");
    QCOMPARE(ids(model, unknown), (QList<qint64> { 3 }));
    QCOMPARE(ids({}, {}, 2), (QList<qint64> { 4, 3 }));
}

void TstCostCalls::callFieldsAsRecorded()
{
    auto ledger = Ledger::openReadOnly(m_path, 7);
    QVERIFY(ledger);
    CallSlice slice;
    slice.group = CostGroup::Run;
    slice.key = QStringLiteral("R1");
    const auto calls = CostQuery(*ledger, QTimeZone::utc()).calls({}, slice);
    QVERIFY(calls);
    QCOMPARE(calls->size(), 2);
    const CostCall &llama = calls->at(0);
    QCOMPARE(llama.model, QStringLiteral("openrouter/meta/llama-3"));
    QCOMPARE(llama.workspace, QStringLiteral("/ws/a"));
    QCOMPARE(llama.promptRevision, QStringLiteral("r2"));
    QCOMPARE(llama.startedAt, QDateTime(QDate(2026, 5, 2), QTime(9, 0), QTimeZone::utc()));
    QCOMPARE(llama.inputTokens, 15); // uncached + cache read
    QCOMPARE(llama.outputTokens, 5); // output + reasoning
    QVERIFY(!llama.costUsd); // unknown, not 0
    QCOMPARE(llama.latencyMs, 100);
    QCOMPARE(llama.status, QStringLiteral("ok"));
    QCOMPARE(calls->at(1).costUsd, 0.01);
}

void TstCostCalls::readOnlyNeverWrites()
{
    // Another connection keeps writing meanwhile; the reader sees committed rows and cannot
    // write itself.
    auto writer = Ledger::open(m_path);
    QVERIFY(writer);
    auto reader = Ledger::openReadOnly(m_path, 7);
    QVERIFY2(reader, qPrintable(reader ? QString() : reader.error().toString()));
    CallStart start;
    start.provider = QStringLiteral("openai");
    start.model = QStringLiteral("gpt-4o");
    QVERIFY(!reader->beginCall(start));
    const auto before = CostQuery(*reader).total({});
    QVERIFY(before);
    const auto id = writer->beginCall(start);
    QVERIFY(id);
    const auto after = CostQuery(*reader).total({});
    QVERIFY(after);
    QCOMPARE(after->calls, before->calls + 1);
}

void TstCostCalls::readOnlyRefusesMissingOldAndForeign()
{
    const QString missing = m_dir.filePath(QStringLiteral("missing.sqlite3"));
    const auto none = Ledger::openReadOnly(missing, 7);
    QVERIFY(!none);
    QCOMPARE(none.error().code, ErrorCode::NotFound);
    QVERIFY(!QFile::exists(missing));

    // A ledger as release 6 wrote it: refused, not migrated.
    const QString old = m_dir.filePath(QStringLiteral("v6.sqlite3"));
    {
        auto db = SqliteDatabase::open(old, SqliteDatabase::Mode::ReadWriteCreate);
        QVERIFY(db);
        QVERIFY(LedgerSchema::migrate(*db, 6));
    }
    const QByteArray oldHash = fileHash(old);
    const auto outdated = Ledger::openReadOnly(old, 7);
    QVERIFY(!outdated);
    QCOMPARE(outdated.error().code, ErrorCode::Conflict);
    QVERIFY(outdated.error().message.contains(QStringLiteral("schema version 6")));
    QCOMPARE(fileHash(old), oldHash);

    const QString foreign = m_dir.filePath(QStringLiteral("foreign.sqlite3"));
    {
        auto db = SqliteDatabase::open(foreign, SqliteDatabase::Mode::ReadWriteCreate);
        QVERIFY(db);
        QVERIFY(db->exec("CREATE TABLE notes (text TEXT)"));
    }
    const auto other = Ledger::openReadOnly(foreign, 7);
    QVERIFY(!other);
    QCOMPARE(other.error().code, ErrorCode::Database);
    QVERIFY(other.error().message.contains(QStringLiteral("another program")));
}

QTEST_GUILESS_MAIN(TstCostCalls)
#include "tst_costcalls.moc"
