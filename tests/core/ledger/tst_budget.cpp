// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Budget periods against a real ledger file: the local day and month windows, what was spent so
// far in them (per workspace, per run), and whether an estimated call would cross the limit.
#include "core/ledger/budget.h"
#include "core/ledger/costquery.h"
#include "core/ledger/ledger.h"

#include <QTemporaryDir>
#include <QTest>

using namespace psm::core;

namespace {

const QTimeZone kPlusTwo(2 * 3600);

QDateTime at(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
}

} // namespace

class TestBudget final : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::optional<Ledger> m_ledger;

    void record(
        const char *when, const char *workspace, std::optional<double> cost, const char *run = "")
    {
        CallStart start;
        start.startedAt = at(when);
        start.workspace = QString::fromLatin1(workspace);
        start.provider = QStringLiteral("openai");
        start.model = QStringLiteral("gpt-4o");
        start.runId = QString::fromLatin1(run);
        const auto id = m_ledger->beginCall(start);
        QVERIFY(id);
        CallOutcome o;
        o.costUsd = cost;
        QVERIFY(m_ledger->finishCall(*id, o));
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto opened = Ledger::open(m_dir.filePath(QStringLiteral("ledger.sqlite3")));
        QVERIFY(opened);
        m_ledger.emplace(std::move(*opened));
        // Local time is UTC+02:00.
        record("2026-03-15T10:00:00Z", "/a", 0.25, "R"); // March; run R
        record("2026-03-15T10:05:00Z", "/a", 0.25, "R");
        record("2026-03-31T21:00:00Z", "/a", 1.0); // 03-31 23:00 local: still March
        record("2026-03-31T22:30:00Z", "/a", 2.0); // 04-01 00:30 local
        record("2026-04-01T10:00:00Z", "/a", 0.5);
        record("2026-04-01T11:00:00Z", "/a", std::nullopt); // unpriced
        record("2026-04-01T12:00:00Z", "/b", 4.0);
        record("2026-04-03T10:00:00Z", "/a", 1.0);
        record("2026-04-10T08:00:00Z", "/a", 0.75); // "today"
    }

    void windows()
    {
        const QDateTime now = at("2026-03-31T23:30:00Z"); // 04-01 01:30 local
        const BudgetWindow day = budgetWindow(Budget::Period::Day, now, kPlusTwo);
        QCOMPARE(day.from, at("2026-03-31T22:00:00Z"));
        QCOMPARE(day.until, at("2026-04-01T22:00:00Z"));
        const BudgetWindow month = budgetWindow(Budget::Period::Month, now, kPlusTwo);
        QCOMPARE(month.from, at("2026-03-31T22:00:00Z"));
        QCOMPARE(month.until, at("2026-04-30T22:00:00Z"));

        // A month across the change to summer time: starts at +01:00, ends at +02:00.
        const QTimeZone berlin(QByteArray("Europe/Berlin"));
        // tzdata is priority "required" on Debian: its absence is a broken machine, not a skip.
        QVERIFY2(berlin.isValid(), "no time zone database for Europe/Berlin (package tzdata)");
        const BudgetWindow march
            = budgetWindow(Budget::Period::Month, at("2026-03-20T12:00:00Z"), berlin);
        QCOMPARE(march.from, at("2026-02-28T23:00:00Z"));
        QCOMPARE(march.until, at("2026-03-31T22:00:00Z"));
    }

    void spentSoFar()
    {
        const CostQuery query(*m_ledger, kPlusTwo);
        const QDateTime now = at("2026-04-10T12:00:00Z");

        // Today in /a: only the 08:00 call.
        const auto day = budgetStatus(
            query, { Budget::Period::Day, 3.0, QStringLiteral("/a"), {} }, now, kPlusTwo);
        QVERIFY(day);
        QCOMPARE(day->spentUsd, 0.75);
        QCOMPARE(day->unknownCostCalls, qint64(0));

        // April in /a: 2.0 (00:30 local on 04-01) + 0.5 + 1.0 + 0.75 = 4.25, one unpriced call;
        // the 1.0 at 23:00 local on 03-31 belongs to March.
        const auto month = budgetStatus(
            query, { Budget::Period::Month, 5.0, QStringLiteral("/a"), {} }, now, kPlusTwo);
        QVERIFY(month);
        QCOMPARE(month->spentUsd, 4.25);
        QCOMPARE(month->unknownCostCalls, qint64(1));
        QCOMPARE(month->limitUsd, 5.0);

        // Every workspace: 4.25 + 4.0 in /b.
        const auto all
            = budgetStatus(query, { Budget::Period::Month, 10.0, {}, {} }, now, kPlusTwo);
        QVERIFY(all);
        QCOMPARE(all->spentUsd, 8.25);

        // Run R: 0.25 + 0.25, whenever it ran.
        const auto run = budgetStatus(
            query, { Budget::Period::Run, 1.0, {}, QStringLiteral("R") }, now, kPlusTwo);
        QVERIFY(run);
        QCOMPARE(run->spentUsd, 0.5);

        const auto noRun = budgetStatus(query, { Budget::Period::Run, 1.0, {}, {} }, now, kPlusTwo);
        QVERIFY(!noRun);
        QCOMPARE(noRun.error().code, ErrorCode::InvalidInput);
    }

    void crossing()
    {
        BudgetStatus status;
        status.limitUsd = 5.0;
        status.spentUsd = 4.25;
        // Reaching the limit exactly is allowed: 4.25 + 0.75 = 5.00.
        const BudgetCrossing reach = wouldCross(status, 0.75);
        QVERIFY(!reach.crosses);
        QCOMPARE(reach.spentAfterUsd, 5.0);
        QCOMPARE(reach.overByUsd, 0.0);
        // 4.25 + 1.0 = 5.25: over by 0.25.
        const BudgetCrossing over = wouldCross(status, 1.0);
        QVERIFY(over.crosses);
        QCOMPARE(over.spentAfterUsd, 5.25);
        QCOMPARE(over.overByUsd, 0.25);
        // Already over before the call: any call crosses.
        status.spentUsd = 6.0;
        const BudgetCrossing already = wouldCross(status, 0.0);
        QVERIFY(already.crosses);
        QCOMPARE(already.overByUsd, 1.0);
    }
};

QTEST_GUILESS_MAIN(TestBudget)
#include "tst_budget.moc"
