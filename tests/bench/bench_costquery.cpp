// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// The cost dashboard's queries on a synthetic ledger of 1,000,000 calls over two years: 5
// workspaces, 40 prompts with a new revision every few weeks, 8 models (one unpriced local
// model), 70% of calls in grid runs of 24 calls, 10% cache hits, 3% errors. Each query runs 7
// times; prints the median and worst. Target: every dashboard query under 150 ms. Then the CPU
// one call's recording (and deleting) costs there, which the summaries' triggers make grow with
// the ledger unless they touch only the call's own summary rows. The ledger is
// built once (one transaction, one prepared statement, the summary triggers firing as in real
// use) and kept in the build directory: bench_costquery [--rebuild] [CALLS]. Run on purpose.
#include "core/ledger/costquery.h"
#include "core/ledger/ledger.h"
#include "core/ledger/ledgerschema.h"
#include "core/ledger/pricetable.h"
#include "core/ledger/sqlitedatabase.h"
#include "ui/dashboard/dashboarddata.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <random>
#include <vector>

#include <time.h>

using namespace psm::core;

namespace {

constexpr int kRuns = 7;
constexpr int kGeneratorVersion = 2; // bump when the synthetic data changes

struct Model {
    const char *provider;
    const char *model;
    double inPerMillion; // 0: unpriced
    double outPerMillion;
};

const Model kModels[] = {
    { "openai", "gpt-4o-mini", 0.15, 0.6 },
    { "openai", "gpt-4.1", 2.0, 8.0 },
    { "openai", "gpt-5", 1.25, 10.0 },
    { "anthropic", "claude-sonnet-4-5", 3.0, 15.0 },
    { "anthropic", "claude-haiku-4-5", 1.0, 5.0 },
    { "gemini", "gemini-2.5-flash", 0.3, 2.5 },
    { "gemini", "gemini-2.5-pro", 1.25, 10.0 },
    { "local", "qwen2.5-7b", 0, 0 },
};

QString fileFor(int calls)
{
    return QStringLiteral(PSM_BENCH_DATA_DIR "/costquery-%1-v%2-s%3.sqlite3")
        .arg(calls)
        .arg(kGeneratorVersion)
        .arg(LedgerSchema::kCurrentVersion);
}

bool build(const QString &path, int calls)
{
    for (const char *suffix : { "", "-wal", "-shm" })
        QFile::remove(path + QLatin1String(suffix));
    {
        auto created = Ledger::open(path); // schema, indexes and triggers
        if (!created) {
            std::fprintf(stderr, "%s\n", qPrintable(created.error().toString()));
            return false;
        }
    }
    auto db = SqliteDatabase::open(path, SqliteDatabase::Mode::ReadWrite);
    if (!db
        || !db->exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; "
                     "PRAGMA cache_size = -262144"))
        return false;
    std::mt19937 random(20261207);
    const auto chance
        = [&](int percent) { return std::uniform_int_distribution<int>(0, 99)(random) < percent; };
    std::lognormal_distribution<double> latency(7.0, 0.6); // median ~1.1 s
    std::uniform_int_distribution<int> promptTokens(200, 6000);
    std::uniform_int_distribution<int> outputTokens(20, 1200);
    const QString output(120, QLatin1Char('x'));
    const QDateTime start
        = QDateTime::fromString(QStringLiteral("2025-01-01T00:00:00Z"), Qt::ISODate);
    const double spanSecs = 730.0 * 86400.0;

    QElapsedTimer timer;
    timer.start();
    const Status done = db->transaction([&]() -> Status {
        auto insert = db->prepare(R"sql(
INSERT INTO calls (started_at, finished_at, workspace, prompt_path, prompt_revision, provider,
    model, params_json, request_hash, status, error, latency_ms, ttft_ms, input_tokens,
    cache_read_tokens, output_tokens, cost_usd, price_version, output_text, finish_reason, cached,
    run_id)
VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, '{"temperature":0.2}', ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,
    ?15, '2025-11-21.1', ?16, 'stop', ?17, ?18))sql");
        if (!insert)
            return tl::unexpected(insert.error());
        int runCallsLeft = 0;
        QString runId;
        int runPrompt = 0;
        int runModels[3] = {};
        qint64 runRevisionBase = 0;
        for (int i = 0; i < calls; ++i) {
            const double t = spanSecs * double(i) / double(calls);
            const QDateTime when = start.addMSecs(qint64(t * 1000.0));
            int prompt;
            int model;
            qint64 revision;
            // A run starts at 9% of the free slots: 24p / (24p + 1 - p) = 70% of calls in runs.
            if (runCallsLeft == 0 && chance(9)) {
                runCallsLeft = 24; // 2 revisions x 3 models x 4 inputs
                runId = QStringLiteral("run-%1").arg(i);
                runPrompt = std::uniform_int_distribution<int>(0, 39)(random);
                for (int &m : runModels)
                    m = std::uniform_int_distribution<int>(0, 7)(random);
                runRevisionBase = qint64(t / (86400.0 * 21)); // a revision every 3 weeks
            }
            const bool inRun = runCallsLeft > 0;
            if (inRun) {
                --runCallsLeft;
                prompt = runPrompt;
                model = runModels[runCallsLeft % 3];
                revision = runRevisionBase - (runCallsLeft / 12);
            } else {
                prompt = std::uniform_int_distribution<int>(0, 39)(random);
                model = std::uniform_int_distribution<int>(0, 7)(random);
                revision = qint64(t / (86400.0 * 21));
            }
            const Model &m = kModels[model];
            const bool error = chance(3);
            const bool cached = !error && chance(10);
            const qint64 in = promptTokens(random);
            const qint64 out = outputTokens(random);
            std::optional<double> cost;
            if (cached)
                cost = 0.0;
            else if (m.inPerMillion > 0 && !error)
                cost = (double(in) * m.inPerMillion + double(out) * m.outPerMillion) / 1e6;
            insert->reset();
            Status s = insert->bind(1, when.toString(Qt::ISODateWithMs));
            const auto bindText = [&](int index, const QString &value) {
                if (s)
                    s = insert->bind(index, value);
            };
            const auto bindInt = [&](int index, std::optional<qint64> value) {
                if (s)
                    s = insert->bind(index, value);
            };
            bindText(2, QStringLiteral("/home/me/workspace-%1").arg(prompt % 5));
            bindText(3, QStringLiteral("prompts/prompt-%1.prompt").arg(prompt));
            bindText(4, QStringLiteral("%1%2").arg(prompt).arg(revision, 8, 16, QLatin1Char('0')));
            bindText(5, QString::fromLatin1(m.provider));
            bindText(6, QString::fromLatin1(m.model));
            bindText(7, QStringLiteral("req-%1").arg(i % 400000));
            bindText(8, error ? QStringLiteral("error") : QStringLiteral("ok"));
            bindText(9, error ? QStringLiteral("HTTP 500") : QString());
            bindInt(10, cached ? std::nullopt : std::optional<qint64>(qint64(latency(random))));
            bindInt(11, cached ? std::nullopt : std::optional<qint64>(200));
            bindInt(12, error ? std::nullopt : std::optional<qint64>(in));
            bindInt(13, error ? std::nullopt : std::optional<qint64>(0));
            bindInt(14, error ? std::nullopt : std::optional<qint64>(out));
            if (s)
                s = insert->bind(15, cost);
            bindText(16, error ? QString() : output);
            bindInt(17, qint64(cached ? 1 : 0));
            bindText(18, inRun ? runId : QString());
            if (!s)
                return s;
            if (Status r = insert->run(); !r)
                return r;
        }
        return {};
    });
    if (!done) {
        std::fprintf(stderr, "%s\n", qPrintable(done.error().toString()));
        return false;
    }
    db->exec("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE");
    std::printf("built %d calls in %.1f s: %s (%.0f MB)\n", calls, double(timer.elapsed()) / 1000.0,
        qPrintable(path), double(QFileInfo(path).size()) / 1e6);
    return true;
}

// This thread's CPU time: on a loaded machine wall time includes waiting for a core.
double cpuMs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    const bool rebuild = args.removeAll(QStringLiteral("--rebuild")) > 0;
    const int calls = args.isEmpty() ? 1'000'000 : args.first().toInt();
    const QString path = fileFor(calls);
    if ((rebuild || !QFileInfo::exists(path)) && !build(path, calls))
        return 1;

    QElapsedTimer timer;
    timer.start();
    auto ledger = Ledger::open(path);
    if (!ledger) {
        std::fprintf(stderr, "%s\n", qPrintable(ledger.error().toString()));
        return 1;
    }
    std::printf("open (with quick_check): %.0f ms\n", double(timer.elapsed()));
    auto db = SqliteDatabase::open(path, SqliteDatabase::Mode::ReadOnly);
    std::printf("calls: %lld  cost_hours rows: %lld\n",
        qlonglong(db ? db->scalarInt("SELECT count(*) FROM calls").value_or(-1) : -1),
        qlonglong(db ? db->scalarInt("SELECT count(*) FROM cost_hours").value_or(-1) : -1));

    const CostQuery query(*ledger, QTimeZone(QByteArray("Europe/Berlin")));
    const QDateTime end
        = QDateTime::fromString(QStringLiteral("2026-12-31T00:00:00Z"), Qt::ISODate);
    CostFilter last30;
    last30.since = end.addDays(-30).addSecs(17 * 60 + 5); // ragged: partial edge hours
    CostFilter lastYear;
    lastYear.since = end.addDays(-365);
    CostFilter workspace;
    workspace.workspace = QStringLiteral("/home/me/workspace-3");
    CostFilter prompt;
    prompt.promptPath = QStringLiteral("prompts/prompt-17.prompt");
    CostFilter model;
    model.model = QStringLiteral("anthropic/claude-sonnet-4-5");
    const auto prices = PriceTable::bundled();
    // The click-through: the calls behind one bar (a day of one model), behind the unknown-cost
    // series on a day, behind a model over all time, and a slice with no calls at all, which
    // walks the whole range.
    CostFilter lastDay;
    lastDay.since = end.addDays(-1);
    lastDay.until = end;
    CallSlice sonnet;
    sonnet.group = CostGroup::Model;
    sonnet.key = model.model;
    CallSlice unknownOnly;
    unknownOnly.unknownCostOnly = true;
    CallSlice nobody;
    nobody.group = CostGroup::Workspace;
    nobody.key = QStringLiteral("/nowhere");
    const auto callsOf = [&](const CostFilter &f, const CallSlice &s) {
        return [&query, f, s] { return bool(query.calls(f, s, 1000)); };
    };
    // What the window reads when it opens or a control changes (totals, the over-time series,
    // latency and errors), on its own read-only connection as the window does.
    const auto window = [&path, end](
                            psm::ui::DashboardRange range, TimeBucket bucket, CostGroup group) {
        return [&path, end, range, bucket, group] {
            psm::ui::DashboardRequest r;
            r.ledgerPath = path;
            r.range = range;
            r.bucket = bucket;
            r.group = group;
            r.now = end;
            r.zone = QTimeZone(QByteArray("Europe/Berlin"));
            return psm::ui::loadDashboard(r).state == psm::ui::DashboardSnapshot::State::Ready;
        };
    };

    struct Case {
        const char *name;
        std::function<bool()> run;
        bool dashboard;
    };
    const auto spend = [&](const CostFilter &f, CostGroup g, TimeBucket b) {
        return [&query, f, g, b] { return bool(query.spend(f, g, b)); };
    };
    const std::vector<Case> cases = {
        { "total, all time", [&] { return bool(query.total({})); }, true },
        { "by model, all time", spend({}, CostGroup::Model, TimeBucket::None), true },
        { "by prompt, all time", spend({}, CostGroup::Prompt, TimeBucket::None), true },
        { "by revision, all time", spend({}, CostGroup::Revision, TimeBucket::None), true },
        { "by workspace, all time", spend({}, CostGroup::Workspace, TimeBucket::None), true },
        { "by run, all time", spend({}, CostGroup::Run, TimeBucket::None), true },
        { "per day, all time", spend({}, CostGroup::None, TimeBucket::Day), true },
        { "per day x model, all time", spend({}, CostGroup::Model, TimeBucket::Day), true },
        { "per week x model, all time", spend({}, CostGroup::Model, TimeBucket::Week), true },
        { "per month x prompt, all time", spend({}, CostGroup::Prompt, TimeBucket::Month), true },
        { "per day x model, last 30 days (ragged)",
            spend(last30, CostGroup::Model, TimeBucket::Day), true },
        { "per week x workspace, last year",
            spend(lastYear, CostGroup::Workspace, TimeBucket::Week), true },
        { "per day, one workspace", spend(workspace, CostGroup::None, TimeBucket::Day), true },
        { "per day x revision, one prompt", spend(prompt, CostGroup::Revision, TimeBucket::Day),
            true },
        { "per day, one model", spend(model, CostGroup::None, TimeBucket::Day), true },
        { "latency + errors by model, all time", [&] { return bool(query.healthByModel({})); },
            true },
        { "latency + errors by model, last 30 days",
            [&] { return bool(query.healthByModel(last30)); }, true },
        { "latency + errors by model, one workspace",
            [&] { return bool(query.healthByModel(workspace)); }, true },
        { "click: one model's calls, one day", callsOf(lastDay, sonnet), true },
        { "click: unknown-cost calls, one day", callsOf(lastDay, unknownOnly), true },
        { "click: one model's calls, all time", callsOf({}, sonnet), true },
        { "click: a slice with no calls, last 30 days", callsOf(last30, nobody), true },
        { "click: a slice with no calls, all time", callsOf({}, nobody), true },
        { "window: last 30 days per day x model",
            window(psm::ui::DashboardRange::Last30Days, TimeBucket::Day, CostGroup::Model), true },
        { "window: all time per week x model",
            window(psm::ui::DashboardRange::All, TimeBucket::Week, CostGroup::Model), true },
        { "window: all time per month x run",
            window(psm::ui::DashboardRange::All, TimeBucket::Month, CostGroup::Run), true },
        { "recompute by model, all time (on demand)",
            [&] { return prices && bool(query.recomputeCosts({}, CostGroup::Model, *prices)); },
            false },
        { "recompute by model, last 30 days",
            [&] { return prices && bool(query.recomputeCosts(last30, CostGroup::Model, *prices)); },
            false },
    };
    double worst = 0;
    double worstCpu = 0;
    const char *worstName = "";
    for (const Case &c : cases) {
        std::vector<double> times;
        std::vector<double> cpuTimes;
        for (int i = 0; i < kRuns; ++i) {
            QElapsedTimer t;
            const double cpuStart = cpuMs();
            t.start();
            if (!c.run()) {
                std::fprintf(stderr, "%s failed\n", c.name);
                return 1;
            }
            times.push_back(double(t.nsecsElapsed()) / 1e6);
            cpuTimes.push_back(cpuMs() - cpuStart);
        }
        const double med = median(times);
        const double cpu = median(cpuTimes);
        std::printf("%-44s wall median %8.2f ms  max %8.2f ms | cpu median %8.2f ms%s\n", c.name,
            med, *std::max_element(times.begin(), times.end()), cpu,
            c.dashboard ? "" : "  (on demand)");
        if (c.dashboard && med > worst) {
            worst = med;
            worstName = c.name;
        }
        if (c.dashboard)
            worstCpu = std::max(worstCpu, cpu);
    }
    std::printf("worst dashboard query (median of %d runs): wall %.2f ms (%s), cpu %.2f ms  "
                "[target < 150 ms]\n",
        kRuns, worst, worstName, worstCpu);

    // What the summaries' triggers cost each call on a ledger this size: recording one (begin
    // and finish, each committed, as the run engine writes them), then deleting it, which
    // leaves the file as it was built.
    constexpr int kRecorded = 20;
    std::vector<double> recordCpu;
    for (int i = 0; i < kRecorded; ++i) {
        CallStart start;
        start.startedAt = end.addSecs(-3600);
        start.workspace = QStringLiteral("/home/me/workspace-1");
        start.promptPath = QStringLiteral("prompts/bench.prompt");
        start.provider = QStringLiteral("openai");
        start.model = QStringLiteral("gpt-4o");
        start.runId = QStringLiteral("bench-costquery-record");
        CallOutcome outcome;
        outcome.tokens.inputUncached = 1200;
        outcome.tokens.output = 300;
        outcome.costUsd = 0.006;
        outcome.latencyMs = 900;
        const double before = cpuMs();
        const auto id = ledger->beginCall(start);
        if (!id || !ledger->finishCall(*id, outcome)) {
            std::fprintf(stderr, "recording a call failed\n");
            return 1;
        }
        recordCpu.push_back(cpuMs() - before);
    }
    auto writer = SqliteDatabase::open(path, SqliteDatabase::Mode::ReadWrite);
    const double beforeDelete = cpuMs();
    if (!writer || !writer->exec("DELETE FROM calls WHERE run_id = 'bench-costquery-record'")) {
        std::fprintf(stderr, "deleting the recorded calls failed\n");
        return 1;
    }
    std::printf(
        "recording a call (begin + finish): cpu median %.2f ms; deleting one: cpu %.2f ms\n",
        median(recordCpu), (cpuMs() - beforeDelete) / kRecorded);
    return 0;
}
