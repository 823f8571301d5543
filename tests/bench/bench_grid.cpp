// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// A comparison grid of 500 cells (50 inputs x 10 columns: 5 models x 2 temperatures, repeats
// 1) through RunEngine and GridRecorder, against the local test server answering after 50 ms,
// with every call recorded in a real ledger file. Prints wall time against the ideal for the
// provider's concurrency limit (ceil(500 / concurrency) x latency), and peak RSS after each of
// several grids (3 by default), so growth from one grid to the next shows. Target: within 10%
// of the ideal. A second line per grid says where the time went: when the first call was sent
// (planning and dispatch), when the last answer came (the network phase), when the grid was
// told it was done (ledger and reporting), the mean attempt, and the mean hand-over from an
// answer to the next send in its slot. Usage: bench_grid [inputs] [concurrency] [latency_ms]
// [grids]
#include "providers/transport.h"
#include "run/gridrecorder.h"
#include "run/runengine.h"
#include "tests/support/scratchrepo.h"
#include "tests/support/testserver/testserver.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <vector>

using namespace psm;

namespace {

// CPU time (user + system, ms) each thread of this process has used so far, by thread name:
// the transport, the ledger, the test server (same process) and the main thread compete for
// the same cores, so a thread's share is time the others may have waited for.
std::map<QString, double> threadCpuMs()
{
    std::map<QString, double> used;
    const double tickMs = 1000.0 / double(sysconf(_SC_CLK_TCK));
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile stat(tasks.filePath(tid + QStringLiteral("/stat")));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = stat.readAll();
        // "pid (comm) state ...": utime and stime are fields 14 and 15, counted from 1.
        const qsizetype open = line.indexOf('(');
        const qsizetype close = line.lastIndexOf(')');
        const QList<QByteArray> fields = line.mid(close + 2).split(' ');
        if (open < 0 || close < 0 || fields.size() < 13)
            continue;
        const QString name = QString::fromUtf8(line.mid(open + 1, close - open - 1));
        used[name] += double(fields[11].toLongLong() + fields[12].toLongLong()) * tickMs;
    }
    return used;
}

long peakRssKb()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int inputs = args.value(1, QStringLiteral("50")).toInt();
    const int concurrency = args.value(2, QStringLiteral("32")).toInt();
    const int latencyMs = args.value(3, QStringLiteral("50")).toInt();
    constexpr int kModels = 5;
    const int rounds = args.value(4, QStringLiteral("3")).toInt();

    test::isolateGitConfig();
    QStandardPaths::setTestModeEnabled(true);
    qputenv("OPENAI_API_KEY", "sk-bench");
    testsupport::TestServer server;
    if (!server.start()) {
        std::fprintf(stderr, "bench_grid: the test server did not start\n");
        return 1;
    }
    testsupport::ServerOptions options;
    options.latencyMs = latencyMs;
    server.setOptions(options);

    test::ScratchRepo repo;
    repo.write(QStringLiteral("promptsmith.yaml"),
        "providers:\n  bench: {type: openai, api_key_env: OPENAI_API_KEY, base_url: \""
            + server.baseUrl().toUtf8()
            + "/v1\", max_concurrency: " + QByteArray::number(concurrency) + "}\n");
    repo.write(QStringLiteral("prompts/grid.prompt"),
        "---\ninput:\n  schema:\n    ticket: string\n---\nSummarise in one line: {{ticket}}\n");
    repo.commitAll(QStringLiteral("bench"));
    QTemporaryDir data;

    run::RunSpec spec;
    spec.workspaceRoot = repo.path();
    spec.promptPath = QStringLiteral("prompts/grid.prompt");
    for (int m = 0; m < kModels; ++m)
        spec.modelRefs << QStringLiteral("bench/model-%1").arg(m);
    spec.parameterSets = { { { "temperature", 0 } }, { { "temperature", 0.7 } } };
    for (int i = 0; i < inputs; ++i)
        spec.inputs.push_back({ { "ticket",
            QStringLiteral("ticket %1: the export button does nothing").arg(i).toStdString() } });
    const int cells = inputs * kModels * 2;
    const double idealMs = std::ceil(double(cells) / concurrency) * latencyMs;

    providers::Transport transport;
    run::RunEngineOptions engineOptions;
    engineOptions.transport = &transport;
    engineOptions.ledgerPath = data.filePath(QStringLiteral("ledger.sqlite3"));
    engineOptions.useKeychain = false;
    engineOptions.allowedKeyHosts = { QStringLiteral("127.0.0.1") };
    engineOptions.consentPath = data.filePath(QStringLiteral("consent.json"));
    run::RunEngine engine(engineOptions);

    std::printf("bench_grid: %d cells (%d inputs x %d columns, repeats 1), concurrency %d, "
                "server latency %d ms, ideal %.0f ms\n",
        cells, inputs, kModels * 2, concurrency, latencyMs, idealMs);
    int exitCode = 0;
    for (int round = 1; round <= rounds; ++round) {
        run::GridRecorder recorder(&engine, run::Grid::forSpec(spec));
        QEventLoop loop;
        QObject::connect(&recorder, &run::GridRecorder::finished, &loop, &QEventLoop::quit);
        // Attempts' wall-clock start and end (ms since the epoch), from the transport's figures.
        std::vector<qint64> sent;
        std::vector<qint64> answered;
        std::vector<qint64> durations;
        QObject::connect(&engine, &run::RunEngine::attemptFinished, &recorder,
            [&](const QString &, int, const providers::CallAttempt &a) {
                sent.push_back(a.startedAtMs);
                answered.push_back(a.startedAtMs + a.durationMs);
                durations.push_back(a.durationMs);
            });
        const std::map<QString, double> cpuBefore = threadCpuMs();
        QElapsedTimer clock;
        const qint64 startedAtMs = QDateTime::currentMSecsSinceEpoch();
        clock.start();
        auto runId = engine.start(spec);
        if (!runId) {
            std::fprintf(stderr, "bench_grid: %s\n", qPrintable(runId.error().toString()));
            return 1;
        }
        recorder.track(*runId);
        loop.exec();
        const qint64 wallMs = clock.elapsed();
        const int failed = recorder.grid().failedCalls();
        exitCode = failed > 0 ? 1 : exitCode;
        std::printf("  grid %d: wall %lld ms (%+.1f%% of ideal), failed %d, server max "
                    "concurrent %d, peak RSS %.1f MB\n",
            round, static_cast<long long>(wallMs), (double(wallMs) / idealMs - 1) * 100, failed,
            server.maxConcurrent(), double(peakRssKb()) / 1024);
        std::sort(sent.begin(), sent.end());
        std::sort(answered.begin(), answered.end());
        // With `concurrency` slots, send k (k >= concurrency) took the slot that answer
        // k - concurrency freed.
        double handOverMs = 0;
        int handOvers = 0;
        for (size_t k = size_t(concurrency); k < sent.size(); ++k, ++handOvers)
            handOverMs += double(sent[k] - answered[k - size_t(concurrency)]);
        double attemptMs = 0;
        for (size_t k = 0; k < sent.size(); ++k)
            attemptMs += double(answered[k] - sent[k]);
        // A long tail (a few attempts far over the latency) and a shifted middle (all of them
        // a little over) have different causes.
        std::sort(durations.begin(), durations.end());
        const auto durationAt = [&durations](double q) {
            return static_cast<long long>(durations[size_t(q * double(durations.size() - 1))]);
        };
        if (!sent.empty())
            std::printf("          first send +%lld ms, last answer +%lld ms, reported done "
                        "+%lld ms; attempts %.1f ms mean (p50 %lld, p90 %lld, max %lld), "
                        "answer to next send %.2f ms mean\n",
                static_cast<long long>(sent.front() - startedAtMs),
                static_cast<long long>(answered.back() - startedAtMs),
                static_cast<long long>(wallMs), attemptMs / double(sent.size()), durationAt(0.5),
                durationAt(0.9), durationAt(1.0), handOvers ? handOverMs / handOvers : 0.0);
        QString cpuLine;
        for (const auto &[name, ms] : threadCpuMs()) {
            const double used = ms - (cpuBefore.count(name) ? cpuBefore.at(name) : 0.0);
            if (used >= 1)
                cpuLine += QStringLiteral(" %1 %2,").arg(name).arg(used, 0, 'f', 0);
        }
        cpuLine.chop(1);
        std::printf("          CPU ms by thread:%s\n", qPrintable(cpuLine));
        std::fflush(stdout);
        server.resetStats();
    }
    server.stop();
    return exitCode;
}
