// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// The cost dashboard's queries against a real ledger file holding nine known calls: every total
// below is worked out by hand from the table in seed(), in the local zone UTC+02:00.
#include "core/ledger/costquery.h"
#include "core/ledger/ledger.h"
#include "core/ledger/ledgerschema.h"
#include "core/ledger/pricetable.h"
#include "core/ledger/sqlitedatabase.h"

#include <QTemporaryDir>
#include <QTest>

using namespace psm::core;

namespace {

const QTimeZone kPlusTwo(2 * 3600);

struct Seed {
    const char *provider;
    const char *model;
    const char *prompt;
    const char *revision;
    const char *run; // "" for none
    const char *workspace;
    const char *when;
    CallStatus status;
    std::optional<qint64> input;
    std::optional<qint64> cacheRead;
    std::optional<qint64> output;
    std::optional<double> cost;
    std::optional<qint64> latency;
    const char *priceVersion;
    int cachedFromRow; // 1-based row of seed() this is a cache hit of; 0: none
};

// # provider/model            prompt    rev run ws     started (UTC)     status  in+cr  out  cost
// ms 1 openai/gpt-4o             a.prompt  r1  R1  /ws/a  03-01 21:30       ok   1000+200 100  0.25
// 100 2 openai/gpt-4o             a.prompt  r1  R1  /ws/a  03-01 22:30       ok   2000     300  0.5
// 200 3 local/mystery             a.prompt  r2  -   /ws/a  03-02 10:15       ok    500      50  ?
// 300 4 anthropic/claude-haiku-4-5 b.prompt r9  R2  /ws/a  03-09 08:00       error  -        -  ?
// (50) 5 openai/gpt-4o             a.prompt  r1  R2  /ws/a  03-09 09:00  ok cache hit of 1 1000+200
// 100 0 6 openai/gpt-4o             b.prompt  r5  -   /ws/b  04-01 12:00       ok    100      10
// 0.125  400 7 anthropic/claude-haiku-4-5 b.prompt r9  -   /ws/a  04-02 00:00       running 8
// anthropic/claude-haiku-4-5 c.prompt r3  -   /ws/a  04-03 10:00       ok   1500     200  0.0025
// 500 9 anthropic/claude-haiku-4-5 c.prompt r3  -   /ws/a  04-03 11:00       ok    400     100  ?
// 600
const Seed kSeeds[] = {
    { "openai", "gpt-4o", "prompts/a.prompt", "r1", "R1", "/ws/a", "2026-03-01T21:30:00Z",
        CallStatus::Ok, 1000, 200, 100, 0.25, 100, "v1", 0 },
    { "openai", "gpt-4o", "prompts/a.prompt", "r1", "R1", "/ws/a", "2026-03-01T22:30:00Z",
        CallStatus::Ok, 2000, 0, 300, 0.5, 200, "v1", 0 },
    { "local", "mystery", "prompts/a.prompt", "r2", "", "/ws/a", "2026-03-02T10:15:00Z",
        CallStatus::Ok, 500, 0, 50, std::nullopt, 300, "v1", 0 },
    { "anthropic", "claude-haiku-4-5", "prompts/b.prompt", "r9", "R2", "/ws/a",
        "2026-03-09T08:00:00Z", CallStatus::Error, std::nullopt, std::nullopt, std::nullopt,
        std::nullopt, 50, "v1", 0 },
    { "openai", "gpt-4o", "prompts/a.prompt", "r1", "R2", "/ws/a", "2026-03-09T09:00:00Z",
        CallStatus::Ok, 1000, 200, 100, 0.0, std::nullopt, "v2", 1 },
    { "openai", "gpt-4o", "prompts/b.prompt", "r5", "", "/ws/b", "2026-04-01T12:00:00Z",
        CallStatus::Ok, 100, 0, 10, 0.125, 400, "v1", 0 },
    { "anthropic", "claude-haiku-4-5", "prompts/b.prompt", "r9", "", "/ws/a",
        "2026-04-02T00:00:00Z", CallStatus::Running, std::nullopt, std::nullopt, std::nullopt,
        std::nullopt, std::nullopt, "", 0 },
    { "anthropic", "claude-haiku-4-5", "prompts/c.prompt", "r3", "", "/ws/a",
        "2026-04-03T10:00:00Z", CallStatus::Ok, 1500, 0, 200, 0.0025, 500, "v1", 0 },
    { "anthropic", "claude-haiku-4-5", "prompts/c.prompt", "r3", "", "/ws/a",
        "2026-04-03T11:00:00Z", CallStatus::Ok, 400, 0, 100, std::nullopt, 600, "", 0 },
};

QDateTime at(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs);
}

bool near(double a, double b)
{
    return std::abs(a - b) < 1e-12;
}

const SpendRow *find(const QList<SpendRow> &rows, const QString &key, const QString &context = {})
{
    for (const SpendRow &row : rows) {
        if (row.key == key && (context.isNull() || row.context == context))
            return &row;
    }
    return nullptr;
}

// `cost_hours` recomputed from the calls, both ways: any row the triggers got wrong shows.
qint64 summaryMismatches(const QString &path)
{
    auto db = SqliteDatabase::open(path, SqliteDatabase::Mode::ReadOnly);
    if (!db)
        return -1;
    const char *fromCalls = R"sql(
SELECT substr(started_at, 1, 13), coalesce(workspace, ''), provider, model,
    coalesce(prompt_path, ''), coalesce(prompt_revision, ''), coalesce(run_id, ''), count(*),
    sum(status = 'error'), sum(status IN ('ok', 'error') AND cached = 0),
    sum(cost_usd IS NOT NULL), total(cost_usd), sum(cost_usd IS NULL),
    sum(iif(cost_usd IS NULL, coalesce(input_tokens, 0) + coalesce(cache_read_tokens, 0)
        + coalesce(cache_write_tokens, 0), 0)),
    sum(iif(cost_usd IS NULL, coalesce(output_tokens, 0) + coalesce(reasoning_tokens, 0), 0)),
    sum(cached), total(iif(cached, coalesce((SELECT o.cost_usd FROM calls o
        WHERE o.id = c.cached_from), 0), 0)),
    sum(iif(cached AND (SELECT o.cost_usd FROM calls o WHERE o.id = c.cached_from) IS NULL, 1, 0)),
    sum(coalesce(input_tokens, 0) + coalesce(cache_read_tokens, 0)
        + coalesce(cache_write_tokens, 0)),
    sum(coalesce(output_tokens, 0) + coalesce(reasoning_tokens, 0)),
    sum(status = 'ok' AND cached = 0 AND latency_ms IS NOT NULL),
    sum(iif(status = 'ok' AND cached = 0 AND latency_ms IS NOT NULL, latency_ms, 0))
FROM calls c GROUP BY 1, 2, 3, 4, 5, 6, 7)sql";
    const QByteArray sql = QByteArray("SELECT (SELECT count(*) FROM (SELECT * FROM cost_hours "
                                      "EXCEPT ")
        + fromCalls + ")) + (SELECT count(*) FROM (" + fromCalls
        + " EXCEPT SELECT * FROM cost_hours))";
    const auto n = db->scalarInt(sql.constData());
    // cost_rollup: per dimension, each day's row equals the sum of its hours, and every
    // dimension counts every call once.
    const auto rollup = db->scalarInt(R"sql(
SELECT (SELECT count(*) FROM (SELECT sum(iif(hod = -1, calls, -calls)) AS d,
            total(iif(hod = -1, cost_usd, -cost_usd)) AS c,
            sum(iif(hod = -1, input_tokens, -input_tokens)) AS t
        FROM cost_rollup GROUP BY dim, period, key, context
        HAVING d != 0 OR abs(c) > 1e-12 OR t != 0))
     + (SELECT count(*) FROM (SELECT dim, sum(calls) AS n FROM cost_rollup WHERE hod = -1
        GROUP BY dim) WHERE n != (SELECT count(*) FROM calls))
     + (5 - (SELECT count(DISTINCT dim) FROM cost_rollup))
     + (SELECT count(*) FROM cost_rollup WHERE calls = 0))sql");
    if (!n || !rollup)
        return -2;
    return *n + *rollup;
}

} // namespace

class TestCostQuery final : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_path;
    int m_counter = 0;
    std::optional<Ledger> m_ledger;
    QList<qint64> m_ids;

    void seed()
    {
        for (const Seed &s : kSeeds) {
            CallStart start;
            start.startedAt = at(s.when);
            start.workspace = QString::fromLatin1(s.workspace);
            start.promptPath = QString::fromLatin1(s.prompt);
            start.promptRevision = QString::fromLatin1(s.revision);
            start.provider = QString::fromLatin1(s.provider);
            start.model = QString::fromLatin1(s.model);
            start.runId = QString::fromLatin1(s.run);
            const auto id = m_ledger->beginCall(start);
            QVERIFY(id);
            m_ids.append(*id);
            if (s.status == CallStatus::Running)
                continue;
            CallOutcome o;
            o.status = s.status;
            o.finishedAt = start.startedAt.addSecs(1);
            o.tokens.inputUncached = s.input;
            o.tokens.cacheRead = s.cacheRead;
            o.tokens.output = s.output;
            o.costUsd = s.cost;
            o.latencyMs = s.latency;
            o.priceVersion = QString::fromLatin1(s.priceVersion);
            o.cached = s.cachedFromRow > 0;
            if (o.cached)
                o.cachedFromId = m_ids.at(s.cachedFromRow - 1);
            QVERIFY(m_ledger->finishCall(*id, o));
        }
    }

    CostQuery query() const { return CostQuery(*m_ledger, kPlusTwo); }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("ledger-%1.sqlite3").arg(++m_counter));
        m_ledger.reset();
        m_ids.clear();
        auto opened = Ledger::open(m_path);
        QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().toString()));
        m_ledger.emplace(std::move(*opened));
        seed();
    }

    void summaryMatchesTheCalls()
    {
        QCOMPARE(summaryMismatches(m_path), qint64(0));
        // A call that finishes moves from "unknown" to its price; the summary follows.
        CallOutcome o;
        o.tokens = TokenUsage { 300, 0, 0, 30, 0 };
        o.costUsd = 0.01;
        o.latencyMs = 700;
        QVERIFY(m_ledger->finishCall(m_ids.at(6), o));
        QCOMPARE(summaryMismatches(m_path), qint64(0));
        const auto haiku = query().spend(
            { {}, {}, {}, QStringLiteral("anthropic/claude-haiku-4-5"), {}, {} }, CostGroup::None);
        QVERIFY(haiku && haiku->size() == 1);
        // Rows 4, 7, 8, 9: known 0.0025 + 0.01; unknown now rows 4 and 9 only.
        QVERIFY(near(haiku->at(0).totals.knownUsd, 0.0125));
        QCOMPARE(haiku->at(0).totals.unknownCostCalls, qint64(2));
    }

    void deletedCallsLeaveTheSummaryWithoutTheirRows()
    {
        auto db = SqliteDatabase::open(m_path, SqliteDatabase::Mode::ReadWrite);
        QVERIFY(db);
        // Run R2 (rows 4, 5) and the only call in /ws/b (row 6).
        QVERIFY(db->exec(
            QByteArray("DELETE FROM calls WHERE id IN (" + QByteArray::number(m_ids.at(3)) + ", "
                + QByteArray::number(m_ids.at(4)) + ", " + QByteArray::number(m_ids.at(5)) + ")")
                .constData()));
        // No summary row is left at zero calls, and the others still match the calls.
        QCOMPARE(summaryMismatches(m_path), qint64(0));
        QCOMPARE(*db->scalarInt("SELECT count(*) FROM cost_rollup WHERE key IN ('R2', '/ws/b')"),
            qint64(0));
        QCOMPARE(*db->scalarInt("SELECT count(*) FROM cost_hours WHERE run_id = 'R2' OR "
                                "workspace = '/ws/b'"),
            qint64(0));
        const auto gpt = query().spend(
            { {}, {}, {}, QStringLiteral("openai/gpt-4o"), {}, {} }, CostGroup::None);
        QVERIFY(gpt && gpt->size() == 1);
        QCOMPARE(gpt->at(0).totals.calls, qint64(2)); // rows 1 and 2
        QVERIFY(near(gpt->at(0).totals.knownUsd, 0.75));
    }

    void aCallsSummaryKeysAreFixed()
    {
        auto db = SqliteDatabase::open(m_path, SqliteDatabase::Mode::ReadWrite);
        QVERIFY(db);
        const QByteArray first = QByteArray::number(m_ids.at(0));
        // Moving a call to another model or hour would leave its summary rows behind: refused,
        // and the call is as it was.
        const Status moved = db->exec(
            QByteArray("UPDATE calls SET model = 'gpt-5' WHERE id = " + first).constData());
        QVERIFY(!moved);
        QVERIFY2(moved.error().toString().contains(QLatin1String("fixed once recorded")),
            qPrintable(moved.error().toString()));
        QVERIFY(!db->exec(QByteArray("UPDATE calls SET started_at = '2026-03-01T23:30:00.000Z' "
                                     "WHERE id = "
            + first)
                              .constData()));
        QCOMPARE(
            *db->scalarText(QByteArray("SELECT model FROM calls WHERE id = " + first).constData()),
            QStringLiteral("gpt-4o"));
        // Within the same hour, or naming the same values, is no move.
        QVERIFY(db->exec(QByteArray("UPDATE calls SET model = model, started_at = "
                                    "'2026-03-01T21:45:00.000Z' WHERE id = "
            + first)
                             .constData()));
        QCOMPARE(summaryMismatches(m_path), qint64(0));
    }

    void byModel()
    {
        const auto rows = query().spend({}, CostGroup::Model);
        QVERIFY(rows);
        QCOMPARE(rows->size(), 3);
        QCOMPARE(rows->at(0).key, QStringLiteral("anthropic/claude-haiku-4-5"));
        QCOMPARE(rows->at(1).key, QStringLiteral("local/mystery"));
        QCOMPARE(rows->at(2).key, QStringLiteral("openai/gpt-4o"));

        // Haiku: rows 4, 7, 8, 9. Known only row 8 (0.0025); unknown 4 (error), 7 (running),
        // 9 (unpriced) with 400 in / 100 out tokens (row 9; 4 and 7 have none). Tokens in
        // 1500 + 400 = 1900, out 200 + 100 = 300.
        const SpendTotals &haiku = rows->at(0).totals;
        QCOMPARE(haiku.calls, qint64(4));
        QCOMPARE(haiku.errors, qint64(1));
        QCOMPARE(haiku.providerCalls, qint64(3)); // 4, 8, 9: row 7 has not finished
        QCOMPARE(haiku.pricedCalls, qint64(1));
        QVERIFY(near(haiku.knownUsd, 0.0025));
        QCOMPARE(haiku.unknownCostCalls, qint64(3));
        QCOMPARE(haiku.unknownInputTokens, qint64(400));
        QCOMPARE(haiku.unknownOutputTokens, qint64(100));
        QCOMPARE(haiku.inputTokens, qint64(1900));
        QCOMPARE(haiku.outputTokens, qint64(300));

        // Unpriced is its own series, never $0: the whole model is unknown.
        const SpendTotals &mystery = rows->at(1).totals;
        QCOMPARE(mystery.calls, qint64(1));
        QCOMPARE(mystery.pricedCalls, qint64(0));
        QCOMPARE(mystery.unknownCostCalls, qint64(1));
        QCOMPARE(mystery.unknownInputTokens, qint64(500));
        QCOMPARE(mystery.unknownOutputTokens, qint64(50));

        // gpt-4o: rows 1, 2, 5, 6. 0.25 + 0.5 + 0 (cache hit) + 0.125 = 0.875; the hit keeps
        // row 1's 0.25 as its original cost. In: 1200 + 2000 + 1200 + 100 = 4500; out:
        // 100 + 300 + 100 + 10 = 510.
        const SpendTotals &gpt = rows->at(2).totals;
        QCOMPARE(gpt.calls, qint64(4));
        QCOMPARE(gpt.pricedCalls, qint64(4));
        QVERIFY(near(gpt.knownUsd, 0.875));
        QCOMPARE(gpt.cachedCalls, qint64(1));
        QVERIFY(near(gpt.cachedOriginalUsd, 0.25));
        QCOMPARE(gpt.cachedOriginalUnknown, qint64(0));
        QCOMPARE(gpt.inputTokens, qint64(4500));
        QCOMPARE(gpt.outputTokens, qint64(510));

        // Everything: 0.875 + 0.0025 = 0.8775 known; 3 + 1 = 4 unknown.
        const auto all = query().total({});
        QVERIFY(all);
        QCOMPARE(all->calls, qint64(9));
        QVERIFY(near(all->knownUsd, 0.8775));
        QCOMPARE(all->unknownCostCalls, qint64(4));
    }

    void localDaysWeeksMonths()
    {
        // In UTC+02:00 row 2 (22:30 UTC on 03-01) falls on 03-02.
        const auto days = query().spend({}, CostGroup::None, TimeBucket::Day);
        QVERIFY(days);
        QCOMPARE(days->size(), 6);
        const QDate d1(2026, 3, 1), d2(2026, 3, 2), d3(2026, 3, 9), d4(2026, 4, 1), d5(2026, 4, 2),
            d6(2026, 4, 3);
        const QDate expectedDays[] = { d1, d2, d3, d4, d5, d6 };
        const qint64 calls[] = { 1, 2, 2, 1, 1, 2 }; // rows 1 | 2,3 | 4,5 | 6 | 7 | 8,9
        const double known[] = { 0.25, 0.5, 0.0, 0.125, 0.0, 0.0025 };
        const qint64 unknown[] = { 0, 1, 1, 0, 1, 1 };
        for (int i = 0; i < 6; ++i) {
            QCOMPARE(days->at(i).bucket, expectedDays[i]);
            QCOMPARE(days->at(i).totals.calls, calls[i]);
            QVERIFY(near(days->at(i).totals.knownUsd, known[i]));
            QCOMPARE(days->at(i).totals.unknownCostCalls, unknown[i]);
        }
        // In UTC it stays on 03-01 with row 1.
        const auto utcDays
            = CostQuery(*m_ledger, QTimeZone::utc()).spend({}, CostGroup::None, TimeBucket::Day);
        QVERIFY(utcDays);
        QCOMPARE(utcDays->at(0).bucket, d1);
        QCOMPARE(utcDays->at(0).totals.calls, qint64(2));

        // Weeks start on Monday: 03-01 is a Sunday (week of 02-23), 03-02 and 03-09 Mondays,
        // 04-01..04-03 in the week of 03-30 (rows 6-9: 0.125 + 0.0025 known, 7 and 9 unknown).
        const auto weeks = query().spend({}, CostGroup::None, TimeBucket::Week);
        QVERIFY(weeks);
        QCOMPARE(weeks->size(), 4);
        QCOMPARE(weeks->at(0).bucket, QDate(2026, 2, 23));
        QCOMPARE(weeks->at(1).bucket, QDate(2026, 3, 2));
        QCOMPARE(weeks->at(2).bucket, QDate(2026, 3, 9));
        QCOMPARE(weeks->at(3).bucket, QDate(2026, 3, 30));
        QCOMPARE(weeks->at(3).totals.calls, qint64(4));
        QVERIFY(near(weeks->at(3).totals.knownUsd, 0.1275));
        QCOMPARE(weeks->at(3).totals.unknownCostCalls, qint64(2));

        // Months by model: March gpt-4o rows 1, 2, 5 = 0.75 with one cache hit.
        const auto months = query().spend({}, CostGroup::Model, TimeBucket::Month);
        QVERIFY(months);
        const SpendRow *marchGpt = nullptr;
        for (const SpendRow &row : *months) {
            if (row.bucket == QDate(2026, 3, 1) && row.key == QLatin1String("openai/gpt-4o"))
                marchGpt = &row;
        }
        QVERIFY(marchGpt);
        QCOMPARE(marchGpt->totals.calls, qint64(3));
        QVERIFY(near(marchGpt->totals.knownUsd, 0.75));
        QCOMPARE(marchGpt->totals.cachedCalls, qint64(1));
        QCOMPARE(months->size(), 5); // Mar: gpt, mystery, haiku; Apr: gpt, haiku
    }

    void localDaysWithSeveralFilters()
    {
        // cost_hours' path: workspace /ws/a and model gpt-4o are rows 1, 2, 5; in UTC+02:00
        // they fall on 03-01 (row 1), 03-02 (row 2) and 03-09 (row 5).
        CostFilter filter;
        filter.workspace = QStringLiteral("/ws/a");
        filter.model = QStringLiteral("openai/gpt-4o");
        const auto days = query().spend(filter, CostGroup::Model, TimeBucket::Day);
        QVERIFY(days);
        QCOMPARE(days->size(), 3);
        QCOMPARE(days->at(1).bucket, QDate(2026, 3, 2));
        QVERIFY(near(days->at(1).totals.knownUsd, 0.5));
        QCOMPARE(days->at(2).totals.cachedCalls, qint64(1));
        // Revisions of one prompt (cost_rollup's revision rows, sliced by prompt path):
        // a.prompt r1 has rows 1, 2, 5 in March, r2 row 3.
        CostFilter prompt;
        prompt.promptPath = QStringLiteral("prompts/a.prompt");
        const auto revisions = query().spend(prompt, CostGroup::Revision, TimeBucket::Month);
        QVERIFY(revisions);
        QCOMPARE(revisions->size(), 2);
        QCOMPARE(revisions->at(0).key, QStringLiteral("r1"));
        QCOMPARE(revisions->at(0).totals.calls, qint64(3));
        QCOMPARE(revisions->at(1).key, QStringLiteral("r2"));
        QCOMPARE(revisions->at(1).totals.unknownCostCalls, qint64(1));
    }

    void groups()
    {
        const auto prompts = query().spend({}, CostGroup::Prompt);
        QVERIFY(prompts);
        QCOMPARE(prompts->size(), 4);
        QCOMPARE(find(*prompts, QStringLiteral("prompts/a.prompt"))->totals.calls, qint64(4));
        QCOMPARE(find(*prompts, QStringLiteral("prompts/b.prompt"), QStringLiteral("/ws/a"))
                     ->totals.calls,
            qint64(2)); // 4, 7
        QVERIFY(near(find(*prompts, QStringLiteral("prompts/b.prompt"), QStringLiteral("/ws/b"))
                         ->totals.knownUsd,
            0.125));

        const auto revisions = query().spend({}, CostGroup::Revision);
        QVERIFY(revisions);
        QCOMPARE(revisions->size(), 5);
        const SpendRow *r1 = find(*revisions, QStringLiteral("r1"));
        QCOMPARE(r1->context, QStringLiteral("prompts/a.prompt"));
        QCOMPARE(r1->totals.calls, qint64(3)); // 1, 2, 5
        QVERIFY(near(r1->totals.knownUsd, 0.75));

        const auto workspaces = query().spend({}, CostGroup::Workspace);
        QVERIFY(workspaces);
        QCOMPARE(workspaces->size(), 2);
        QCOMPARE(find(*workspaces, QStringLiteral("/ws/a"))->totals.calls, qint64(8));

        const auto runs = query().spend({}, CostGroup::Run);
        QVERIFY(runs);
        QCOMPARE(runs->size(), 3);
        QCOMPARE(find(*runs, QString())->totals.calls, qint64(5)); // 3, 6, 7, 8, 9
        QVERIFY(near(find(*runs, QStringLiteral("R1"))->totals.knownUsd, 0.75));
        QCOMPARE(find(*runs, QStringLiteral("R2"))->totals.calls, qint64(2));
    }

    void filters_data()
    {
        QTest::addColumn<QString>("since");
        QTest::addColumn<QString>("until");
        QTest::addColumn<QString>("workspace");
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("prompt");
        QTest::addColumn<QString>("run");
        QTest::addColumn<qint64>("calls");
        QTest::addColumn<double>("known");
        QTest::addColumn<qint64>("unknown");
        const QString none;
        // Partial hours at both edges come from the calls, the hours between from the summary.
        QTest::newRow("ragged range: rows 2, 3, 4")
            << QStringLiteral("2026-03-01T22:10:00Z") << QStringLiteral("2026-03-09T08:30:00Z")
            << none << none << none << none << qint64(3) << 0.5 << qint64(2);
        QTest::newRow("inside one hour: row 2")
            << QStringLiteral("2026-03-01T22:20:00Z") << QStringLiteral("2026-03-01T22:40:00Z")
            << none << none << none << none << qint64(1) << 0.5 << qint64(0);
        QTest::newRow("hours before and after whole days: rows 1-4")
            << QStringLiteral("2026-03-01T21:00:00Z") << QStringLiteral("2026-03-09T09:00:00Z")
            << none << none << none << none << qint64(4) << 0.75 << qint64(2);
        QTest::newRow("hours of one day: row 8")
            << QStringLiteral("2026-04-03T09:00:00Z") << QStringLiteral("2026-04-03T11:00:00Z")
            << none << none << none << none << qint64(1) << 0.0025 << qint64(0);
        QTest::newRow("whole hours: rows 3-9, 0.125 + 0.0025")
            << QStringLiteral("2026-03-02T00:00:00Z") << none << none << none << none << none
            << qint64(7) << 0.1275 << qint64(4);
        QTest::newRow("until is exclusive: rows 1, 2")
            << none << QStringLiteral("2026-03-02T10:15:00Z") << none << none << none << none
            << qint64(2) << 0.75 << qint64(0);
        QTest::newRow("workspace: row 6") << none << none << QStringLiteral("/ws/b") << none << none
                                          << none << qint64(1) << 0.125 << qint64(0);
        QTest::newRow("model: rows 4, 7, 8, 9")
            << none << none << none << QStringLiteral("anthropic/claude-haiku-4-5") << none << none
            << qint64(4) << 0.0025 << qint64(3);
        QTest::newRow("prompt: rows 4, 6, 7")
            << none << none << none << none << QStringLiteral("prompts/b.prompt") << none
            << qint64(3) << 0.125 << qint64(2);
        QTest::newRow("run: rows 4, 5") << none << none << none << none << none
                                        << QStringLiteral("R2") << qint64(2) << 0.0 << qint64(1);
        // Two filters read cost_hours rather than cost_rollup.
        QTest::newRow("workspace and model: rows 1, 2, 5")
            << none << none << QStringLiteral("/ws/a") << QStringLiteral("openai/gpt-4o") << none
            << none << qint64(3) << 0.75 << qint64(0);
        QTest::newRow("ragged range, workspace and model: row 4")
            << QStringLiteral("2026-03-01T22:10:00Z") << QStringLiteral("2026-03-09T08:30:00Z")
            << QStringLiteral("/ws/a") << QStringLiteral("anthropic/claude-haiku-4-5") << none
            << none << qint64(1) << 0.0 << qint64(1);
        QTest::newRow("prompt and run: rows 1, 2")
            << none << none << none << none << QStringLiteral("prompts/a.prompt")
            << QStringLiteral("R1") << qint64(2) << 0.75 << qint64(0);
        QTest::newRow("ragged range and model: row 2")
            << QStringLiteral("2026-03-01T22:10:00Z") << QStringLiteral("2026-03-09T08:30:00Z")
            << none << QStringLiteral("openai/gpt-4o") << none << none << qint64(1) << 0.5
            << qint64(0);
    }
    void filters()
    {
        QFETCH(QString, since);
        QFETCH(QString, until);
        QFETCH(QString, workspace);
        QFETCH(QString, model);
        QFETCH(QString, prompt);
        QFETCH(QString, run);
        QFETCH(qint64, calls);
        QFETCH(double, known);
        QFETCH(qint64, unknown);
        CostFilter filter;
        filter.since = QDateTime::fromString(since, Qt::ISODate);
        filter.until = QDateTime::fromString(until, Qt::ISODate);
        filter.workspace = workspace;
        filter.model = model;
        filter.promptPath = prompt;
        filter.runId = run;
        const auto total = query().total(filter);
        QVERIFY(total);
        QCOMPARE(total->calls, calls);
        QVERIFY2(near(total->knownUsd, known), qPrintable(QString::number(total->knownUsd)));
        QCOMPARE(total->unknownCostCalls, unknown);
    }

    void latencyAndErrorsByModel()
    {
        const auto health = query().healthByModel({});
        QVERIFY(health);
        QCOMPARE(health->size(), 3);
        // Haiku: 1 error of 3 finished provider calls; latencies 500, 600 (the error's 50 is
        // not a response time): mean 550, p95 = the ceil(0.95 * 2) = 2nd fastest = 600.
        const ModelHealth &haiku = health->at(0);
        QCOMPARE(haiku.providerCalls, qint64(3));
        QCOMPARE(haiku.errors, qint64(1));
        QVERIFY(near(haiku.errorRate, 1.0 / 3.0));
        QCOMPARE(haiku.latencyCalls, qint64(2));
        QVERIFY(near(*haiku.meanLatencyMs, 550.0));
        QCOMPARE(haiku.p95LatencyMs, std::optional<qint64>(600));
        // gpt-4o: 100, 200, 400 (the cache hit made no call): mean 700 / 3, p95 the 3rd = 400.
        const ModelHealth &gpt = health->at(2);
        QCOMPARE(gpt.providerCalls, qint64(3));
        QCOMPARE(gpt.errorRate, 0.0);
        QVERIFY(near(*gpt.meanLatencyMs, 700.0 / 3.0));
        QCOMPARE(gpt.p95LatencyMs, std::optional<qint64>(400));
        // One workspace (cost_rollup's model rows, sliced by workspace): /ws/b has only row 6.
        CostFilter wsB;
        wsB.workspace = QStringLiteral("/ws/b");
        const auto inB = query().healthByModel(wsB);
        QVERIFY(inB);
        QCOMPARE(inB->size(), 1);
        QCOMPARE(inB->at(0).model, QStringLiteral("openai/gpt-4o"));
        QCOMPARE(inB->at(0).providerCalls, qint64(1));
        QCOMPARE(inB->at(0).p95LatencyMs, std::optional<qint64>(400));
        // /ws/a by model per local day: gpt-4o rows 1 (03-01), 2 (03-02), 5 (03-09).
        CostFilter wsA;
        wsA.workspace = QStringLiteral("/ws/a");
        const auto days = query().spend(wsA, CostGroup::Model, TimeBucket::Day);
        QVERIFY(days);
        qint64 gptDays = 0;
        for (const SpendRow &row : *days) {
            QVERIFY(row.context.isEmpty());
            if (row.key == QLatin1String("openai/gpt-4o")) {
                ++gptDays;
                QCOMPARE(row.totals.calls, qint64(1));
            }
        }
        QCOMPARE(gptDays, qint64(3));
        // Filtered to before 04-01: gpt-4o has 100, 200 left, p95 = 2nd = 200.
        CostFilter march;
        march.until = at("2026-04-01T00:00:00Z");
        const auto inMarch = query().healthByModel(march);
        QVERIFY(inMarch);
        QCOMPARE(inMarch->at(2).p95LatencyMs, std::optional<qint64>(200));
    }

    void p95OfTwentyCalls()
    {
        // Latencies 10, 20, ..., 200 ms: p95 = the ceil(0.95 * 20) = 19th fastest = 190.
        for (int i = 1; i <= 20; ++i) {
            CallStart start;
            start.startedAt = at("2026-05-01T10:00:00Z").addSecs(i);
            start.provider = QStringLiteral("gemini");
            start.model = QStringLiteral("flash");
            const auto id = m_ledger->beginCall(start);
            QVERIFY(id);
            CallOutcome o;
            o.latencyMs = 10 * ((i * 7) % 20 + 1); // every value once, out of order
            QVERIFY(m_ledger->finishCall(*id, o));
        }
        CostFilter filter;
        filter.model = QStringLiteral("gemini/flash");
        const auto health = query().healthByModel(filter);
        QVERIFY(health && health->size() == 1);
        QCOMPARE(health->at(0).latencyCalls, qint64(20));
        QVERIFY(near(*health->at(0).meanLatencyMs, 105.0)); // (10 + 200) / 2
        QCOMPARE(health->at(0).p95LatencyMs, std::optional<qint64>(190));
    }

    void recomputeAtTodaysPrices()
    {
        // Today: gpt-4o 4 in / 1 cache read / 16 out per million; haiku 1 in / 5 out, and above
        // 1,000 prompt tokens 2 in / 10 out for the whole call. local/mystery still unpriced.
        const auto today = PriceTable::fromJson(R"({"version": "today", "models": {
            "openai/gpt-4o": {"input": 4, "cache_read": 1, "output": 16},
            "anthropic/claude-haiku-4-5": {"input": 1, "output": 5,
                "tiers": [{"above_prompt_tokens": 1000, "input": 2, "output": 10}]}}})",
            QStringLiteral("test"));
        QVERIFY2(today, qPrintable(today ? QString() : today.error().toString()));
        const auto rows = query().recomputeCosts({}, CostGroup::Model, *today);
        QVERIFY(rows);
        QCOMPARE(rows->size(), 3);

        // Haiku: row 8 has 1,500 prompt tokens, so tier: 1500 * 2 + 200 * 10 = 5,000;
        // row 9 base: 400 * 1 + 100 * 5 = 900; now (5000 + 900) / 1e6. Recorded: row 8 0.0025,
        // row 9 unknown. Rows 4 (no tokens) and 7 (running) cannot be repriced.
        const RepriceRow &haiku = rows->at(0);
        QCOMPARE(haiku.calls, qint64(4));
        QCOMPARE(haiku.repricedCalls, qint64(2));
        QVERIFY(near(haiku.nowUsd, 5900.0 / 1e6));
        QVERIFY(near(haiku.recordedUsd, 0.0025));
        QCOMPARE(haiku.recordedUnknownCalls, qint64(1));
        QCOMPARE(haiku.notRepricedCalls, qint64(2));
        QCOMPARE(haiku.recordedPriceVersions, QStringList { QStringLiteral("v1") });

        const RepriceRow &mystery = rows->at(1);
        QCOMPARE(mystery.repricedCalls, qint64(0));
        QCOMPARE(mystery.notRepricedCalls, qint64(1));

        // gpt-4o: row 1 1000 * 4 + 200 * 1 + 100 * 16 = 5,800; row 2 2000 * 4 + 300 * 16 =
        // 12,800; row 6 100 * 4 + 10 * 16 = 560: 19,160 / 1e6, against 0.25 + 0.5 + 0.125
        // recorded. Row 5 is a cache hit: $0 then and now.
        const RepriceRow &gpt = rows->at(2);
        QCOMPARE(gpt.calls, qint64(4));
        QCOMPARE(gpt.repricedCalls, qint64(3));
        QCOMPARE(gpt.cachedCalls, qint64(1));
        QVERIFY(near(gpt.nowUsd, 19160.0 / 1e6));
        QVERIFY(near(gpt.recordedUsd, 0.875));
        QCOMPARE(gpt.recordedUnknownCalls, qint64(0));
        QCOMPARE(gpt.recordedPriceVersions,
            (QStringList { QStringLiteral("v1"), QStringLiteral("v2") }));

        // Filters apply: run R1 is rows 1 and 2 only.
        CostFilter r1;
        r1.runId = QStringLiteral("R1");
        const auto run = query().recomputeCosts(r1, CostGroup::None, *today);
        QVERIFY(run && run->size() == 1);
        QVERIFY(near(run->at(0).nowUsd, (5800.0 + 12800.0) / 1e6));
        QVERIFY(near(run->at(0).recordedUsd, 0.75));
    }

    void migratesOlderLedger_data()
    {
        QTest::addColumn<int>("fromVersion");
        QTest::newRow("v5") << 5;
        QTest::newRow("v6") << 6;
        QTest::newRow("v8") << 8;
    }
    void migratesOlderLedger()
    {
        QFETCH(int, fromVersion);
        const QString path = m_dir.filePath(QStringLiteral("old-%1.sqlite3").arg(++m_counter));
        {
            auto db = SqliteDatabase::open(path, SqliteDatabase::Mode::ReadWriteCreate);
            QVERIFY(db);
            QVERIFY(LedgerSchema::migrate(*db, fromVersion));
            QVERIFY(db->exec(R"sql(
INSERT INTO calls (id, started_at, provider, model, status, cost_usd, input_tokens,
                   output_tokens, latency_ms, cached, cached_from) VALUES
    (1, '2026-02-01T10:00:00.000Z', 'openai', 'gpt-4o', 'ok', 0.25, 100, 10, 300, 0, NULL),
    (2, '2026-02-01T10:30:00.000Z', 'openai', 'gpt-4o', 'ok', 0.0, 100, 10, NULL, 1, 1),
    (3, '2026-02-02T09:00:00.000Z', 'local', 'x', 'ok', NULL, 50, 5, 100, 0, NULL),
    (4, '2026-02-02T09:05:00.000Z', 'local', 'x', 'error', NULL, NULL, NULL, 20, 0, NULL))sql"));
        }
        auto ledger = Ledger::open(path);
        QVERIFY2(ledger, qPrintable(ledger ? QString() : ledger.error().toString()));
        QCOMPARE(summaryMismatches(path), qint64(0));
        const auto rows = CostQuery(*ledger, QTimeZone::utc()).spend({}, CostGroup::Model);
        QVERIFY(rows);
        QCOMPARE(rows->size(), 2);
        // local/x: rows 3, 4, both unknown; 50 + 0 in, 5 + 0 out; one error of two calls.
        QCOMPARE(rows->at(0).totals.calls, qint64(2));
        QCOMPARE(rows->at(0).totals.unknownCostCalls, qint64(2));
        QCOMPARE(rows->at(0).totals.unknownInputTokens, qint64(50));
        QCOMPARE(rows->at(0).totals.errors, qint64(1));
        // gpt-4o: 0.25 + 0 (hit of row 1, original 0.25).
        QVERIFY(near(rows->at(1).totals.knownUsd, 0.25));
        QVERIFY(near(rows->at(1).totals.cachedOriginalUsd, 0.25));
        // New calls after the migration land in the summary too.
        CallStart start;
        start.startedAt = at("2026-02-03T00:00:00Z");
        start.provider = QStringLiteral("local");
        start.model = QStringLiteral("x");
        const auto added = ledger->beginCall(start);
        QVERIFY(added);
        QCOMPARE(summaryMismatches(path), qint64(0));
        // ... and finishing it, and deleting an old call, keep it exact under today's triggers.
        CallOutcome o;
        o.costUsd = 0.5;
        o.latencyMs = 40;
        QVERIFY(ledger->finishCall(*added, o));
        auto db = SqliteDatabase::open(path, SqliteDatabase::Mode::ReadWrite);
        QVERIFY(db);
        QVERIFY(db->exec("DELETE FROM calls WHERE id = 4"));
        QCOMPARE(summaryMismatches(path), qint64(0));
    }

    void dashboardQueriesUseTheSummaryAndIndexes()
    {
        auto db = SqliteDatabase::open(m_path, SqliteDatabase::Mode::ReadOnly);
        QVERIFY(db);
        auto plan = db->prepare("EXPLAIN QUERY PLAN SELECT latency_ms FROM calls WHERE "
                                "provider = 'a' AND model = 'b' AND status = 'ok' AND cached = 0 "
                                "AND latency_ms IS NOT NULL ORDER BY latency_ms DESC LIMIT 1 "
                                "OFFSET 5");
        QVERIFY(plan);
        QString details;
        while (*plan->step())
            details += plan->text(3) + QLatin1Char('\n');
        QVERIFY2(details.contains(QLatin1String("calls_latency")), qPrintable(details));
        QVERIFY2(!details.contains(QLatin1String("TEMP B-TREE")), qPrintable(details));
    }
};

QTEST_GUILESS_MAIN(TestCostQuery)
#include "tst_costquery.moc"
