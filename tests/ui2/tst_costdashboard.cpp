// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// The Cost Dashboard window, offscreen, over a real ledger file holding eight known calls. Every
// figure checked below is worked out by hand from the table in seed() (zone UTC, "now" fixed at
// 2026-03-10 15:00 UTC, so "last 7 days" are the days 03-04 .. 03-10, buckets 0 .. 6).
#include "core/ledger/ledger.h"
#include "core/ledger/pricetable.h"
#include "ui/dashboard/dashboardwindow.h"
#include "ui/mainwindow.h"

#include <QAction>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineSeries>
#include <QMenu>
#include <QSignalSpy>
#include <QStackedBarSeries>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace psm;

namespace {

struct Seed {
    const char *provider;
    const char *model;
    const char *prompt;
    const char *when;
    core::CallStatus status;
    std::optional<qint64> input;
    std::optional<qint64> output;
    std::optional<double> cost;
    std::optional<qint64> latency;
};

// # model              prompt    started (UTC)     status  in    out   cost     ms
// 1 openai/gpt-4o      a.prompt  03-08 10:00       ok      1000  200   0.0045   800
// 2 openai/gpt-4o      b.prompt  03-08 11:00       ok       500  100   0.0020  1200
// 3 anthropic/claude-x a.prompt  03-08 12:00       ok      2000  300   0.0105  1500
// 4 ollama/llama3      c.prompt  03-09 09:00       ok       300   50   ?        400
// 5 openai/gpt-4o      b.prompt  03-09 13:00       error      -    -   ?        300
// 6 openai/gpt-4o      a.prompt  03-10 08:00       ok       800  150   0.0035  1000
// 7 anthropic/claude-x a.prompt  02-01 09:00       ok       100   10   0.5      900  (outside 7
// days)
const Seed kSeeds[] = {
    { "openai", "gpt-4o", "a.prompt", "2026-03-08T10:00:00Z", core::CallStatus::Ok, 1000, 200,
        0.0045, 800 },
    { "openai", "gpt-4o", "b.prompt", "2026-03-08T11:00:00Z", core::CallStatus::Ok, 500, 100,
        0.0020, 1200 },
    { "anthropic", "claude-x", "a.prompt", "2026-03-08T12:00:00Z", core::CallStatus::Ok, 2000, 300,
        0.0105, 1500 },
    { "ollama", "llama3", "c.prompt", "2026-03-09T09:00:00Z", core::CallStatus::Ok, 300, 50,
        std::nullopt, 400 },
    { "openai", "gpt-4o", "b.prompt", "2026-03-09T13:00:00Z", core::CallStatus::Error, std::nullopt,
        std::nullopt, std::nullopt, 300 },
    { "openai", "gpt-4o", "a.prompt", "2026-03-10T08:00:00Z", core::CallStatus::Ok, 800, 150,
        0.0035, 1000 },
    { "anthropic", "claude-x", "a.prompt", "2026-02-01T09:00:00Z", core::CallStatus::Ok, 100, 10,
        0.5, 900 },
};

bool near(double a, double b)
{
    return std::abs(a - b) < 1e-9;
}

QChart *chartOf(const ui::DashboardWindow &window, const char *name)
{
    auto *view = window.findChild<QChartView *>(QString::fromLatin1(name));
    return view ? view->chart() : nullptr;
}

QBarSet *barSet(QChart *chart, const QString &label)
{
    for (QAbstractSeries *series : chart->series()) {
        if (auto *bars = qobject_cast<QStackedBarSeries *>(series)) {
            for (QBarSet *set : bars->barSets()) {
                if (set->label() == label)
                    return set;
            }
        }
    }
    return nullptr;
}

QLineSeries *lineSeries(QChart *chart, const QString &name)
{
    for (QAbstractSeries *series : chart->series()) {
        if (auto *line = qobject_cast<QLineSeries *>(series); line && line->name() == name)
            return line;
    }
    return nullptr;
}

QList<double> valuesOf(const QBarSet *set)
{
    QList<double> values;
    for (int i = 0; i < set->count(); ++i)
        values << set->at(i);
    return values;
}

QList<qint64> idsOf(const QList<core::CostCall> &calls)
{
    QList<qint64> ids;
    for (const core::CostCall &c : calls)
        ids << c.id;
    return ids;
}

} // namespace

class TstCostDashboard final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void opensAtOnceWithLoading();
    void spendTokensAndTotalsByModel();
    void unknownCostIsItsOwnSeries();
    void clickThroughListsTheCalls();
    void weeksWithoutGroupingAndLines();
    void latencyAndErrorsByModel();
    void groupsPastTheTenthAreSummedAsOther();
    void recomputeShowsRecordedBesideNow();
    void emptyLedgerSaysSo();
    void missingLedgerSaysSo();
    void corruptLedgerIsReportedAndLeftAlone();
    void damagedPagesAreReportedAndLeftAlone();
    void viewMenuOpensTheDashboard();

private:
    std::unique_ptr<ui::DashboardWindow> open(const QString &ledgerPath,
        ui::DashboardRange range = ui::DashboardRange::Last7Days,
        core::TimeBucket bucket = core::TimeBucket::Day,
        core::CostGroup group = core::CostGroup::Model);
    static bool waitLoaded(ui::DashboardWindow &window);

    QTemporaryDir m_dir;
    QString m_ledger;
    QList<qint64> m_ids; // seed row i -> ledger id
};

void TstCostDashboard::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QStandardPaths::setTestModeEnabled(true);
    m_ledger = m_dir.filePath(QStringLiteral("ledger.sqlite3"));
    qputenv("PROMPTSMITH_LEDGER", m_ledger.toUtf8());
    auto ledger = core::Ledger::open(m_ledger);
    QVERIFY2(ledger, qPrintable(ledger ? QString() : ledger.error().toString()));
    for (const Seed &seed : kSeeds) {
        core::CallStart start;
        start.startedAt = QDateTime::fromString(QString::fromLatin1(seed.when), Qt::ISODate);
        start.workspace = QStringLiteral("/ws");
        start.promptPath = QString::fromLatin1(seed.prompt);
        start.promptRevision = QStringLiteral("r1");
        start.provider = QString::fromLatin1(seed.provider);
        start.model = QString::fromLatin1(seed.model);
        const auto id = ledger->beginCall(start);
        QVERIFY(id);
        core::CallOutcome outcome;
        outcome.status = seed.status;
        outcome.finishedAt = start.startedAt.addSecs(2);
        outcome.latencyMs = seed.latency;
        outcome.tokens.inputUncached = seed.input;
        outcome.tokens.output = seed.output;
        outcome.costUsd = seed.cost;
        outcome.priceVersion = seed.cost ? QStringLiteral("v1") : QString();
        if (seed.status == core::CallStatus::Error)
            outcome.error = QStringLiteral("HTTP 500");
        QVERIFY(ledger->finishCall(*id, outcome));
        m_ids << *id;
    }
}

std::unique_ptr<ui::DashboardWindow> TstCostDashboard::open(const QString &ledgerPath,
    ui::DashboardRange range, core::TimeBucket bucket, core::CostGroup group)
{
    ui::DashboardOptions options;
    options.ledgerPath = ledgerPath;
    options.zone = QTimeZone::utc();
    options.now = [] { return QDateTime(QDate(2026, 3, 10), QTime(15, 0), QTimeZone::utc()); };
    options.prices = [] {
        return core::PriceTable::fromJson(R"({"version": "test-2", "models": {
            "openai/gpt-4o": {"input": 10, "output": 20}}})",
            QStringLiteral("test"));
    };
    auto window = std::make_unique<ui::DashboardWindow>(options);
    window->setRange(range);
    window->setBucket(bucket);
    window->setGroup(group);
    return window;
}

bool TstCostDashboard::waitLoaded(ui::DashboardWindow &window)
{
    return QTest::qWaitFor([&] { return !window.isLoading(); }, 10000);
}

void TstCostDashboard::opensAtOnceWithLoading()
{
    ui::DashboardOptions options;
    options.ledgerPath = m_ledger;
    options.now = [] { return QDateTime(QDate(2026, 3, 10), QTime(15, 0), QTimeZone::utc()); };
    ui::DashboardWindow window(options);
    // Nothing is read on the GUI thread: before the event loop runs, the window says so.
    QVERIFY(window.isLoading());
    QCOMPARE(window.findChild<QLabel *>(QStringLiteral("stateLabel"))->text(),
        QStringLiteral("Loading…"));
    QVERIFY(waitLoaded(window));
    QCOMPARE(window.snapshot().state, ui::DashboardSnapshot::State::Ready);
}

void TstCostDashboard::spendTokensAndTotalsByModel()
{
    auto window = open(m_ledger);
    QVERIFY(waitLoaded(*window));
    const ui::DashboardSnapshot &snap = window->snapshot();
    QCOMPARE(snap.state, ui::DashboardSnapshot::State::Ready);
    QCOMPARE(snap.buckets.size(), 7);
    QCOMPARE(snap.buckets.first(), QDate(2026, 3, 4));
    QCOMPARE(snap.buckets.last(), QDate(2026, 3, 10));

    // Totals of rows 1-6: the February call is outside the range.
    QCOMPARE(snap.totals.calls, 6);
    QVERIFY(near(snap.totals.knownUsd, 0.0045 + 0.0020 + 0.0105 + 0.0035));
    QCOMPARE(snap.totals.unknownCostCalls, 2); // rows 4 and 5
    QCOMPARE(snap.totals.errors, 1);
    QCOMPARE(snap.totals.inputTokens, 1000 + 500 + 2000 + 300 + 800);
    QCOMPARE(snap.totals.outputTokens, 200 + 100 + 300 + 50 + 150);
    const QString totals = window->findChild<QLabel *>(QStringLiteral("totalsLabel"))->text();
    QVERIFY2(totals.contains(QStringLiteral("Spend $0.0205 + 2 calls with unknown cost")),
        qPrintable(totals));
    QVERIFY2(totals.contains(QStringLiteral("Calls 6")), qPrintable(totals));
    QVERIFY2(totals.contains(QStringLiteral("Errors 1")), qPrintable(totals));

    // Series by spend, highest first: claude-x $0.0105 > gpt-4o $0.0100 > llama3 (no price).
    QCOMPARE(snap.series.size(), 3);
    QCOMPARE(snap.series.at(0).key, QStringLiteral("anthropic/claude-x"));
    QCOMPARE(snap.series.at(1).key, QStringLiteral("openai/gpt-4o"));
    QCOMPARE(snap.series.at(2).key, QStringLiteral("ollama/llama3"));

    QChart *spend = chartOf(*window, "spendChart");
    QVERIFY(spend);
    QBarSet *gpt = barSet(spend, QStringLiteral("openai/gpt-4o"));
    QBarSet *claude = barSet(spend, QStringLiteral("anthropic/claude-x"));
    QBarSet *llama = barSet(spend, QStringLiteral("ollama/llama3"));
    QVERIFY(gpt && claude && llama);
    const QList<double> gptUsd = valuesOf(gpt);
    QCOMPARE(gptUsd.size(), 7);
    QVERIFY(near(gptUsd.at(4), 0.0065));
    QVERIFY(near(gptUsd.at(5), 0)); // the error's cost is unknown: counted below, not here
    QVERIFY(near(gptUsd.at(6), 0.0035));
    QVERIFY(near(claude->at(4), 0.0105));
    for (int i = 0; i < 7; ++i)
        QVERIFY(near(llama->at(i), 0));

    QChart *tokens = chartOf(*window, "tokensChart");
    QVERIFY(tokens);
    const QList<double> gptTokens = valuesOf(barSet(tokens, QStringLiteral("openai/gpt-4o")));
    QCOMPARE(gptTokens, (QList<double> { 0, 0, 0, 0, 1800, 0, 950 }));
    QCOMPARE(valuesOf(barSet(tokens, QStringLiteral("ollama/llama3"))),
        (QList<double> { 0, 0, 0, 0, 0, 350, 0 }));
    QCOMPARE(barSet(tokens, QStringLiteral("anthropic/claude-x"))->at(4), 2300.0);
}

void TstCostDashboard::unknownCostIsItsOwnSeries()
{
    auto window = open(m_ledger);
    QVERIFY(waitLoaded(*window));
    QChart *spend = chartOf(*window, "spendChart");
    QLineSeries *unknown = lineSeries(spend, QStringLiteral("Unknown cost (calls, right axis)"));
    QVERIFY(unknown);
    QCOMPARE(unknown->count(), 7);
    for (int i = 0; i < 7; ++i)
        QCOMPARE(unknown->at(i).y(), i == 5 ? 2.0 : 0.0);
    // Not on the dollar axis: its own axis on the right.
    const QList<QAbstractAxis *> axes = unknown->attachedAxes();
    QVERIFY(std::any_of(axes.cbegin(), axes.cend(),
        [](QAbstractAxis *axis) { return axis->alignment() == Qt::AlignRight; }));
    // Nor among the dollar bars: no bar set carries the unknown calls.
    QVERIFY(!barSet(spend, unknown->name()));

    // All time: the February call joins; it was priced, so the unknown count stays 2.
    window->setRange(ui::DashboardRange::All);
    QVERIFY(waitLoaded(*window));
    QCOMPARE(window->snapshot().totals.calls, 7);
    QVERIFY(near(window->snapshot().totals.knownUsd, 0.5205));
    QCOMPARE(window->snapshot().totals.unknownCostCalls, 2);
}

void TstCostDashboard::clickThroughListsTheCalls()
{
    auto window = open(m_ledger);
    QVERIFY(waitLoaded(*window));
    QChart *spend = chartOf(*window, "spendChart");
    QSignalSpy shown(window.get(), &ui::DashboardWindow::callsShown);

    // A click on gpt-4o's bar of 03-08: rows 2 and 1, newest first.
    emit barSet(spend, QStringLiteral("openai/gpt-4o"))->clicked(4);
    QVERIFY(shown.wait(10000));
    QCOMPARE(idsOf(window->shownCalls()), (QList<qint64> { m_ids.at(1), m_ids.at(0) }));
    auto *table = window->findChild<QTableWidget *>(QStringLiteral("callsTable"));
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("openai/gpt-4o"));
    QCOMPARE(table->item(0, 2)->text(), QStringLiteral("b.prompt"));
    QCOMPARE(table->item(0, 3)->text(), QStringLiteral("500 / 100"));
    QCOMPARE(table->item(0, 4)->text(), QStringLiteral("$0.0020"));
    QCOMPARE(table->item(0, 5)->text(), QStringLiteral("1200 ms"));
    QCOMPARE(table->item(0, 6)->text(), QStringLiteral("ok"));

    // A click on the unknown-cost series at 03-09: rows 5 and 4, their cost "unknown".
    emit lineSeries(spend, QStringLiteral("Unknown cost (calls, right axis)"))
        ->clicked(QPointF(5, 2));
    QVERIFY(shown.wait(10000));
    QCOMPARE(idsOf(window->shownCalls()), (QList<qint64> { m_ids.at(4), m_ids.at(3) }));
    QCOMPARE(table->item(0, 4)->text(), QStringLiteral("unknown"));
    QCOMPARE(table->item(0, 6)->text(), QStringLiteral("error"));
    QCOMPARE(table->item(1, 4)->text(), QStringLiteral("unknown"));
    QCOMPARE(table->item(1, 3)->text(), QStringLiteral("300 / 50"));

    // A model in the latency table: its four calls of the range.
    auto *health = window->findChild<QTableWidget *>(QStringLiteral("healthTable"));
    int gptRow = -1;
    for (int row = 0; row < health->rowCount(); ++row) {
        if (health->item(row, 0)->text() == QLatin1String("openai/gpt-4o"))
            gptRow = row;
    }
    QVERIFY(gptRow >= 0);
    emit health->cellClicked(gptRow, 0);
    QVERIFY(shown.wait(10000));
    QCOMPARE(idsOf(window->shownCalls()),
        (QList<qint64> { m_ids.at(5), m_ids.at(4), m_ids.at(1), m_ids.at(0) }));
}

void TstCostDashboard::weeksWithoutGroupingAndLines()
{
    // Weeks start on Monday: 03-02 holds 03-04 .. 03-08, 03-09 holds 03-09 and 03-10.
    auto window = open(
        m_ledger, ui::DashboardRange::Last7Days, core::TimeBucket::Week, core::CostGroup::None);
    QVERIFY(waitLoaded(*window));
    const ui::DashboardSnapshot &snap = window->snapshot();
    QCOMPARE(snap.buckets, (QList<QDate> { QDate(2026, 3, 2), QDate(2026, 3, 9) }));
    QCOMPARE(snap.series.size(), 1);
    QVERIFY(near(snap.series.at(0).knownUsd.at(0), 0.0170));
    QVERIFY(near(snap.series.at(0).knownUsd.at(1), 0.0035));
    QCOMPARE(snap.unknownCostCalls, (QList<qint64> { 0, 2 }));

    // One line per group: the same values, points instead of bars; a click on a point lists
    // the week's calls.
    window->setStacked(false);
    QChart *spend = chartOf(*window, "spendChart");
    QLineSeries *all = lineSeries(spend, QStringLiteral("All calls"));
    QVERIFY(all);
    QCOMPARE(all->count(), 2);
    QVERIFY(near(all->at(0).y(), 0.0170));
    QSignalSpy shown(window.get(), &ui::DashboardWindow::callsShown);
    emit all->clicked(QPointF(1, 0.0035));
    QVERIFY(shown.wait(10000));
    QCOMPARE(
        idsOf(window->shownCalls()), (QList<qint64> { m_ids.at(5), m_ids.at(4), m_ids.at(3) }));
}

void TstCostDashboard::latencyAndErrorsByModel()
{
    auto window = open(m_ledger);
    QVERIFY(waitLoaded(*window));
    const QList<core::ModelHealth> &health = window->snapshot().health;
    QCOMPARE(health.size(), 3);
    const core::ModelHealth &gpt = health.at(2); // sorted by model
    QCOMPARE(gpt.model, QStringLiteral("openai/gpt-4o"));
    QCOMPARE(gpt.providerCalls, 4);
    QCOMPARE(gpt.errors, 1);
    QVERIFY(near(gpt.errorRate, 0.25));
    QVERIFY(near(*gpt.meanLatencyMs, 1000)); // (800 + 1200 + 1000) / 3: the error is left out
    QCOMPARE(*gpt.p95LatencyMs, 1200); // ceil(0.95 * 3) = the 3rd fastest
    auto *table = window->findChild<QTableWidget *>(QStringLiteral("healthTable"));
    QCOMPARE(table->item(2, 3)->text(), QStringLiteral("25.0%"));
    QCOMPARE(table->item(2, 4)->text(), QStringLiteral("1000 ms"));
    QCOMPARE(table->item(2, 5)->text(), QStringLiteral("1200 ms"));
    QChart *latency = chartOf(*window, "latencyChart");
    QVERIFY(latency);
    QCOMPARE(latency->series().size(), 1);
}

void TstCostDashboard::groupsPastTheTenthAreSummedAsOther()
{
    // Twelve models on 03-09, model m costing m/1000: the nine dearest are drawn, the three
    // cheapest (1 + 2 + 3)/1000 are one "Other" series.
    const QString path = m_dir.filePath(QStringLiteral("twelve.sqlite3"));
    {
        auto ledger = core::Ledger::open(path);
        QVERIFY(ledger);
        for (int m = 1; m <= 12; ++m) {
            core::CallStart start;
            start.startedAt = QDateTime(QDate(2026, 3, 9), QTime(10, m), QTimeZone::utc());
            start.provider = QStringLiteral("p");
            start.model = QStringLiteral("m%1").arg(m, 2, 10, QLatin1Char('0'));
            const auto id = ledger->beginCall(start);
            QVERIFY(id);
            core::CallOutcome outcome;
            outcome.costUsd = m / 1000.0;
            outcome.tokens.inputUncached = m;
            outcome.tokens.output = 0;
            QVERIFY(ledger->finishCall(*id, outcome));
        }
    }
    auto window = open(path);
    QVERIFY(waitLoaded(*window));
    const QList<ui::DashboardSeries> &series = window->snapshot().series;
    QCOMPARE(series.size(), ui::kMaxSeries);
    QCOMPARE(series.first().key, QStringLiteral("p/m12"));
    QCOMPARE(series.at(8).key, QStringLiteral("p/m04"));
    QVERIFY(series.last().other);
    QCOMPARE(series.last().label, QStringLiteral("Other (3 groups)"));
    QVERIFY(near(series.last().knownUsd.at(5), 0.006));
    QCOMPARE(series.last().tokens.at(5), 6);
    QVERIFY(near(series.first().knownUsd.at(5), 0.012));
    QCOMPARE(series.last().totals.calls, 3);
}

void TstCostDashboard::recomputeShowsRecordedBesideNow()
{
    auto window = open(m_ledger);
    QVERIFY(waitLoaded(*window));
    window->setRecompute(true);
    QVERIFY(waitLoaded(*window));
    const ui::DashboardSnapshot &snap = window->snapshot();
    QVERIFY(snap.recomputed);
    QCOMPARE(snap.currentPriceVersion, QStringLiteral("test-2"));
    const auto gpt = std::find_if(snap.reprice.cbegin(), snap.reprice.cend(),
        [](const core::RepriceRow &r) { return r.key == QLatin1String("openai/gpt-4o"); });
    QVERIFY(gpt != snap.reprice.cend());
    // Rows 1, 2, 6 repriced at $10/$20 per million: 2300 in, 450 out; the error has no tokens.
    QCOMPARE(gpt->repricedCalls, 3);
    QVERIFY(near(gpt->recordedUsd, 0.0100));
    QVERIFY(near(gpt->nowUsd, 2300 * 10e-6 + 450 * 20e-6));
    QCOMPARE(gpt->notRepricedCalls, 1);
    QCOMPARE(gpt->recordedPriceVersions, QStringList { QStringLiteral("v1") });

    auto *table = window->findChild<QTableWidget *>(QStringLiteral("repriceTable"));
    int row = -1;
    for (int r = 0; r < table->rowCount(); ++r) {
        if (table->item(r, 0)->text() == QLatin1String("openai/gpt-4o"))
            row = r;
    }
    QVERIFY(row >= 0);
    QCOMPARE(table->item(row, 2)->text(), QStringLiteral("$0.0100"));
    QCOMPARE(table->item(row, 3)->text(), QStringLiteral("v1"));
    QCOMPARE(table->item(row, 4)->text(), QStringLiteral("$0.0320"));
    const QString summary = window->findChild<QLabel *>(QStringLiteral("repriceSummary"))->text();
    QVERIFY2(summary.contains(QStringLiteral("table test-2")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("price table v1")), qPrintable(summary));
}

void TstCostDashboard::emptyLedgerSaysSo()
{
    const QString path = m_dir.filePath(QStringLiteral("empty.sqlite3"));
    QVERIFY(core::Ledger::open(path));
    auto window = open(path, ui::DashboardRange::All);
    QVERIFY(waitLoaded(*window));
    QCOMPARE(window->snapshot().state, ui::DashboardSnapshot::State::Empty);
    const QString text = window->findChild<QLabel *>(QStringLiteral("stateLabel"))->text();
    QVERIFY2(text.contains(QStringLiteral("no calls yet")), qPrintable(text));
}

void TstCostDashboard::missingLedgerSaysSo()
{
    const QString path = m_dir.filePath(QStringLiteral("never-created.sqlite3"));
    auto window = open(path);
    QVERIFY(waitLoaded(*window));
    QCOMPARE(window->snapshot().state, ui::DashboardSnapshot::State::NoLedger);
    QVERIFY(window->findChild<QLabel *>(QStringLiteral("stateLabel"))
                ->text()
                .contains(QStringLiteral("No calls recorded yet")));
    QVERIFY(!QFile::exists(path)); // a look creates nothing
}

void TstCostDashboard::corruptLedgerIsReportedAndLeftAlone()
{
    const QString path = m_dir.filePath(QStringLiteral("corrupt.sqlite3"));
    const QByteArray junk("this is not a ledger, and must stay exactly as it is\n");
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(junk);
    }
    auto window = open(path);
    QVERIFY(waitLoaded(*window));
    QCOMPARE(window->snapshot().state, ui::DashboardSnapshot::State::Failed);
    const QString text = window->findChild<QLabel *>(QStringLiteral("stateLabel"))->text();
    QVERIFY2(text.contains(QStringLiteral("is not a SQLite database")), qPrintable(text));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), junk);
}

void TstCostDashboard::damagedPagesAreReportedAndLeftAlone()
{
    // A real ledger whose pages after the first (the schema) are overwritten: SQLite's header
    // and schema still read, the tables do not.
    const QString path = m_dir.filePath(QStringLiteral("damaged.sqlite3"));
    QVERIFY(QFile::copy(m_ledger, path));
    QByteArray bytes;
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        bytes = file.readAll();
        QVERIFY(bytes.size() > 8192);
        const QByteArray junk(int(bytes.size() - 4096), '\xa5');
        file.seek(4096);
        file.write(junk);
        file.close();
        QVERIFY(file.open(QIODevice::ReadOnly));
        bytes = file.readAll();
    }
    auto window = open(path);
    QVERIFY(waitLoaded(*window));
    QCOMPARE(window->snapshot().state, ui::DashboardSnapshot::State::Failed);
    const QString text = window->findChild<QLabel *>(QStringLiteral("stateLabel"))->text();
    QVERIFY2(text.startsWith(QStringLiteral("The ledger cannot be read.")), qPrintable(text));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), bytes);
}

void TstCostDashboard::viewMenuOpensTheDashboard()
{
    ui::MainWindow main;
    auto *action = main.findChild<QAction *>(QStringLiteral("actionCostDashboard"));
    QVERIFY(action);
    QVERIFY(main.viewMenu()->actions().contains(action));
    QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    action->trigger();
    auto *window = main.findChild<ui::DashboardWindow *>();
    QVERIFY(window);
    QVERIFY(window->isVisible());
    // Over $PROMPTSMITH_LEDGER: all time shows the seeded calls.
    window->setRange(ui::DashboardRange::All);
    QVERIFY(waitLoaded(*window));
    QCOMPARE(window->snapshot().state, ui::DashboardSnapshot::State::Ready);
    QCOMPARE(window->snapshot().totals.calls, 7);
    action->trigger(); // a second time raises the same window
    QCOMPARE(main.findChildren<ui::DashboardWindow *>().size(), 1);
}

QTEST_MAIN(TstCostDashboard)
#include "tst_costdashboard.moc"
