// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// An eval set of 200 deterministic tests (contains / regex / is-json mix) through the
// EvalRunner against the local test server answering after 50 ms, provider concurrency 8:
// the job promptfoo 0.121 needs about 5.2 s and 234 MB for. Prints wall time against the
// floor (200 / 8 x 50 ms = 1.25 s) and peak RSS (the in-process test server included), then
// the same run answered from the ledger's cache, then with an edited prompt (all new calls).
// Usage: bench_eval [tests] [concurrency] [latency_ms]
#include "providers/transport.h"
#include "run/evalrunner.h"
#include "run/runengine.h"
#include "tests/support/testserver/testserver.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <sys/resource.h>

#include <cstdio>

using namespace psm;

namespace {

long peakRssKb()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// Every third test of each kind fails, so verdicts of both kinds are computed and reported.
QByteArray evalSet(int tests)
{
    QByteArray yaml = "description: bench\nprompts: [prompts/bench.prompt]\n"
                      "providers: [bench/bench-model]\ntests:\n";
    for (int i = 0; i < tests; ++i) {
        const QByteArray n = QByteArray::number(i);
        yaml += "  - description: test " + n + "\n    vars: {ticket: \"ticket number " + n
            + " about a refund\"}\n    assert:\n";
        switch (i % 3) {
        case 0:
            yaml += "      - {type: contains, value: \"number " + n + "\"}\n"
                + (i % 9 == 0 ? "      - {type: icontains, value: missing-word}\n" : "");
            break;
        case 1:
            yaml += "      - {type: regex, value: \"^You said: .*refund$\"}\n"
                    "      - {type: not-contains, value: \"error\"}\n";
            break;
        default:
            yaml += i % 9 == 2 ? "      - {type: is-json}\n" : "      - {type: not-is-json}\n";
            yaml += "      - {type: contains-any, value: [refund, invoice]}\n";
            break;
        }
    }
    return yaml;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int tests = args.value(1, QStringLiteral("200")).toInt();
    const int concurrency = args.value(2, QStringLiteral("8")).toInt();
    const int latencyMs = args.value(3, QStringLiteral("50")).toInt();

    testsupport::TestServer server;
    if (!server.start()) {
        std::fprintf(stderr, "bench_eval: the test server did not start\n");
        return 1;
    }
    testsupport::ServerOptions serverOptions;
    serverOptions.latencyMs = latencyMs;
    server.setOptions(serverOptions);

    QTemporaryDir dir;
    const QString root = dir.path() + QStringLiteral("/ws");
    const QByteArray settings = "providers:\n  bench: {type: openai, base_url: \""
        + server.baseUrl().toUtf8() + "/v1\", api_key_env: PSM_BENCH_KEY, max_concurrency: "
        + QByteArray::number(concurrency) + "}\n";
    qputenv("PSM_BENCH_KEY", "sk-bench-key");
    if (!writeFile(root + QStringLiteral("/promptsmith.yaml"), settings)
        || !writeFile(root + QStringLiteral("/prompts/bench.prompt"),
            "---\ninput:\n  schema:\n    ticket: string\n---\n{{ticket}}\n")
        || !writeFile(root + QStringLiteral("/evals/bench.yaml"), evalSet(tests))) {
        std::fprintf(stderr, "bench_eval: cannot write the workspace\n");
        return 1;
    }

    providers::Transport transport;
    run::RunEngineOptions engineOptions;
    engineOptions.transport = &transport;
    engineOptions.ledgerPath = dir.filePath(QStringLiteral("ledger.sqlite3"));
    engineOptions.useKeychain = false;
    engineOptions.allowedKeyHosts = { QStringLiteral("127.0.0.1") };
    engineOptions.consentPath = dir.filePath(QStringLiteral("consents.json"));
    engineOptions.importedPricesPath = dir.filePath(QStringLiteral("none.json"));
    run::RunEngine engine(engineOptions);
    run::EvalRunner runner(&engine);
    QObject::connect(&runner, &run::EvalRunner::finished, &app, &QCoreApplication::quit);

    run::EvalRunOptions options;
    options.workspaceRoot = root;
    options.evalFiles = { QStringLiteral("evals/bench.yaml") };

    std::printf("bench_eval: %d tests, provider concurrency %d, server latency %d ms\n", tests,
        concurrency, latencyMs);
    const double floorMs = double(tests) / concurrency * latencyMs;
    // Where the time goes: loading and planning (start() returns), the first answer judged.
    QElapsedTimer clock;
    qint64 firstSampleMs = -1;
    QObject::connect(&runner, &run::EvalRunner::progress, &app, [&](int done, int) {
        if (done == 1)
            firstSampleMs = clock.elapsed();
    });
    // 1: a brand-new ledger file (its schema is made on the way to the first cache lookup);
    // 2: the same run again, every answer from the cache; 3: the prompt edited, so every
    // request is new, against the ledger that now exists, as a user's does.
    int round = 0;
    for (const char *label : { "first run", "cached re-run", "edited prompt" }) {
        if (++round == 3
            && !writeFile(root + QStringLiteral("/prompts/bench.prompt"),
                "---\ninput:\n  schema:\n    ticket: string\n---\nTicket: {{ticket}}\n")) {
            std::fprintf(stderr, "bench_eval: cannot edit the prompt\n");
            return 1;
        }
        server.resetStats();
        firstSampleMs = -1;
        clock.start();
        if (auto started = runner.start(options); !started) {
            std::fprintf(stderr, "bench_eval: %s\n", qPrintable(started.error().toString()));
            return 1;
        }
        const qint64 startMs = clock.elapsed();
        app.exec();
        const qint64 wallMs = clock.elapsed();
        const auto &result = runner.result();
        const auto &column = result.sets.value(0).columns.value(0);
        std::printf("  %-14s wall %lld ms (floor %.0f ms, %+.1f%%), requests %d, "
                    "passed %d/%d, not run %d, server max concurrent %d\n",
            label, static_cast<long long>(wallMs), floorMs, (double(wallMs) / floorMs - 1) * 100,
            server.requestCount(), column.passRate.passed, column.passRate.total,
            result.notRunCount(), server.maxConcurrent());
        std::printf("  %-14s load + plan %lld ms, first verdict at %lld ms\n", "",
            static_cast<long long>(startMs), static_cast<long long>(firstSampleMs));
        if (!result.errors.isEmpty()) {
            std::fprintf(stderr, "bench_eval: %s\n", qPrintable(result.errors.first().toString()));
            return 1;
        }
    }
    std::printf(
        "  peak RSS       %.1f MB (test server in the same process)\n", double(peakRssKb()) / 1024);
    server.stop();
    return 0;
}
