// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Ledger figures on a realistic file: recording calls, reopening (quick_check), history, cost
// totals and the response-cache lookup. Run on purpose: bench_ledger [CALLS], default 20000.
#include "core/ledger/ledger.h"
#include "core/ledger/pricetable.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cstdio>

using namespace psm::core;

namespace {

void report(const char *what, qint64 nanos, int count = 1)
{
    std::printf("%-44s %10.3f ms total  %9.1f us each\n", what, double(nanos) / 1e6,
        double(nanos) / 1e3 / count);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int calls = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 20000;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ledger.sqlite3"));
    const auto prices = PriceTable::bundled();
    if (!prices)
        return 1;
    const char *models[] = { "gpt-4o-mini", "gpt-4.1", "claude-sonnet-4-5", "gemini-2.5-flash" };
    const char *providers[] = { "openai", "openai", "anthropic", "gemini" };

    QElapsedTimer timer;
    timer.start();
    auto ledger = Ledger::open(path);
    if (!ledger) {
        std::fprintf(stderr, "%s\n", qPrintable(ledger.error().toString()));
        return 1;
    }
    report("open + create + migrate (new file)", timer.nsecsElapsed());

    const QString output(600, QLatin1Char('x'));
    const QDateTime base
        = QDateTime::fromString(QStringLiteral("2026-01-01T00:00:00Z"), Qt::ISODate);
    timer.restart();
    for (int i = 0; i < calls; ++i) {
        CallStart start;
        start.startedAt = base.addSecs(i * 60);
        start.provider = QString::fromLatin1(providers[i % 4]);
        start.model = QString::fromLatin1(models[i % 4]);
        start.promptPath = QStringLiteral("prompts/p%1.prompt").arg(i % 25);
        start.parametersJson = QStringLiteral(R"({"temperature":0.2,"maxOutputTokens":512})");
        start.requestHash = QStringLiteral("req-%1").arg(i);
        const auto id = ledger->beginCall(start);
        CallAttempt attempt { 1, start.startedAt, 200, {}, 700 };
        ledger->recordAttempt(*id, attempt);
        CallOutcome outcome;
        outcome.tokens = TokenUsage { 1200, 300, 0, 150, 0 };
        const CostEstimate cost = prices->cost(start.provider, start.model, outcome.tokens);
        outcome.costUsd = cost.usd;
        outcome.priceVersion = cost.priceVersion;
        outcome.outputText = output;
        outcome.latencyMs = 700;
        ledger->finishCall(*id, outcome);
    }
    report("record call (begin + attempt + finish)", timer.nsecsElapsed(), calls);
    const qint64 size = QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size();
    ledger = tl::unexpected(Error {}); // close it: the reopen below is measured cold
    timer.restart();
    auto reopened = Ledger::open(path);
    report("reopen (header, quick_check, migrate no-op)", timer.nsecsElapsed());
    if (!reopened)
        return 1;

    timer.restart();
    const auto recent = reopened->calls(CallQuery {});
    report("calls(): newest 100 with attempts", timer.nsecsElapsed());
    CallQuery byPrompt;
    byPrompt.promptPath = QStringLiteral("prompts/p7.prompt");
    timer.restart();
    const auto history = reopened->calls(byPrompt);
    report("calls(): one prompt, newest 100", timer.nsecsElapsed());
    for (const CostGrouping g : { CostGrouping::Model, CostGrouping::Prompt, CostGrouping::Day }) {
        timer.restart();
        const auto rows = reopened->costBy(g);
        report(g == CostGrouping::Model     ? "costBy(model), all calls"
                : g == CostGrouping::Prompt ? "costBy(prompt), all calls"
                                            : "costBy(day), all calls",
            timer.nsecsElapsed());
    }
    timer.restart();
    const int lookups = 2000;
    for (int i = 0; i < lookups; ++i)
        reopened->cachedResponse(QStringLiteral("req-%1").arg((i * 7919) % calls));
    report("cachedResponse() hit", timer.nsecsElapsed(), lookups);
    timer.restart();
    for (int i = 0; i < lookups; ++i)
        prices->cost(QStringLiteral("anthropic"), QStringLiteral("claude-sonnet-4-5-20250929"),
            TokenUsage { 1200, 300, 0, 150, 0 });
    report("PriceTable::cost() via alias", timer.nsecsElapsed(), lookups);
    std::printf("%d calls, %.1f MB on disk (with 600-char outputs), %lld recent rows read\n", calls,
        double(size) / 1e6, static_cast<long long>(recent ? recent->size() : 0));
    return history ? 0 : 1;
}
