// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// 1,000 calls at concurrency 32 against the local test server answering after 50 ms; prints
// wall time against the ideal (1000 / 32 x 50 ms), CPU per call and peak RSS.
// Usage: bench_transport [calls] [concurrency] [latency_ms] [stream: 1|0]
#include "providers/transport.h"
#include "tests/support/testserver/testserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <sys/resource.h>

#include <cstdio>

using namespace psm;

namespace {

double cpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
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
    const int calls = args.value(1, QStringLiteral("1000")).toInt();
    const int concurrency = args.value(2, QStringLiteral("32")).toInt();
    const int latencyMs = args.value(3, QStringLiteral("50")).toInt();
    const bool stream = args.value(4, QStringLiteral("1")) == QLatin1String("1");

    testsupport::TestServer server;
    if (!server.start()) {
        std::fprintf(stderr, "bench_transport: the test server did not start\n");
        return 1;
    }
    testsupport::ServerOptions options;
    options.latencyMs = latencyMs;
    server.setOptions(options);

    auto settings = providers::ProviderSettings::builtin(QStringLiteral("openai"));
    settings.name = QStringLiteral("bench");
    settings.baseUrl = server.baseUrl() + QStringLiteral("/v1");
    settings.maxConcurrency = concurrency;

    core::ChatRequest request;
    request.model = QStringLiteral("bench-model");
    request.system = QStringLiteral("You are a benchmark.");
    request.messages.push_back(core::Message::fromText(
        core::Role::User, QStringLiteral("Summarise the following ticket in one short line.")));
    request.stream = stream;

    providers::Transport transport;
    int finished = 0;
    int failed = 0;
    qint64 events = 0;
    qint64 attemptMs = 0;
    qint64 firstByteMs = 0;
    QElapsedTimer clock;
    QObject::connect(&transport, &providers::Transport::attemptFinished, &app,
        [&](quint64, const providers::CallAttempt &attempt) {
            attemptMs += attempt.durationMs;
            firstByteMs += attempt.firstByteMs;
        });
    QObject::connect(&transport, &providers::Transport::event, &app,
        [&](quint64, const core::StreamEvent &) { ++events; });
    QObject::connect(&transport, &providers::Transport::finished, &app,
        [&](quint64, const core::ChatResult &result) {
            if (!result.ok())
                ++failed;
            if (++finished == calls)
                app.quit();
        });

    const double cpuBefore = cpuSeconds();
    const qint64 transportCpuBefore = transport.threadCpuTimeNs();
    QTimer::singleShot(0, &app, [&] {
        clock.start();
        for (int i = 0; i < calls; ++i)
            transport.start(settings, request, QStringLiteral("sk-bench-key"));
    });
    app.exec();
    const qint64 wallMs = clock.elapsed();
    const double cpu = cpuSeconds() - cpuBefore;
    const double transportCpu = double(transport.threadCpuTimeNs() - transportCpuBefore) / 1e9;
    const double idealMs = double(calls) / concurrency * latencyMs;

    std::printf("bench_transport: %d calls, concurrency %d, server latency %d ms, %s\n", calls,
        concurrency, latencyMs, stream ? "streamed" : "whole answers");
    std::printf("  failed calls          %d\n", failed);
    std::printf("  events delivered      %lld\n", static_cast<long long>(events));
    std::printf("  server max concurrent %d\n", server.maxConcurrent());
    std::printf("  wall time             %lld ms (ideal %.1f ms, %+.1f%%)\n",
        static_cast<long long>(wallMs), idealMs, (double(wallMs) / idealMs - 1) * 100);
    std::printf("  mean attempt          %.1f ms (first byte after %.1f ms)\n",
        double(attemptMs) / calls, double(firstByteMs) / calls);
    std::printf("  CPU, whole process    %.3f ms per call (%.0f ms; includes the test server)\n",
        cpu * 1000 / calls, cpu * 1000);
    std::printf("  CPU, transport thread %.3f ms per call\n", transportCpu * 1000 / calls);
    std::printf("  peak RSS              %.1f MB\n", double(peakRssKb()) / 1024);
    server.stop();
    return failed == 0 ? 0 : 1;
}
