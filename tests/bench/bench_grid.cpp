// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// A comparison grid of 500 cells (50 inputs x 10 columns: 5 models x 2 temperatures, repeats
// 1) through RunEngine and GridRecorder, against the local test server answering after 50 ms,
// with every call recorded in a real ledger file. Prints wall time against the ideal for the
// provider's concurrency limit (ceil(500 / concurrency) x latency), and peak RSS after each of
// several grids (3 by default), so growth from one grid to the next shows. Target: within 10%
// of the ideal. Usage: bench_grid [inputs] [concurrency] [latency_ms] [grids]
#include "providers/transport.h"
#include "run/gridrecorder.h"
#include "run/runengine.h"
#include "tests/support/scratchrepo.h"
#include "tests/support/testserver/testserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <sys/resource.h>

#include <cmath>
#include <cstdio>

using namespace psm;

namespace {

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
        QElapsedTimer clock;
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
        server.resetStats();
    }
    server.stop();
    return exitCode;
}
