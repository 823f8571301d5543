// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// The comparison grid window streaming 8 columns at full speed from the local test server (no
// latency; every answer a few thousand words, one SSE chunk per word) into GridTableModel and
// its QTableView, offscreen. An event-loop latency probe (a 5 ms QTimer) measures how late each
// tick comes: the GUI thread's stalls. Prints the worst and the p99 stall, the deltas streamed
// and the repaint signals the model sent. Target: worst stall under 50 ms.
// The panel's row is the variables form's one input, so more calls per column are repeats.
// Usage: bench_gridui [repeats] [words] [grids] [screenshot.png]
#include "tests/support/scratchrepo.h"
#include "tests/support/testserver/testserver.h"
#include "ui/grid/gridpanel.h"
#include "ui/grid/gridtablemodel.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace psm;

namespace {

constexpr int kColumns = 8;
constexpr int kProbeMs = 5;

// Lateness of each probe tick past its 5 ms, in ms.
class StallProbe final {
public:
    StallProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(kProbeMs);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const double sinceLast = double(m_clock.nsecsElapsed()) / 1e6;
            m_clock.restart();
            m_stalls.push_back(std::max(0.0, sinceLast - kProbeMs));
            m_at += sinceLast;
            if (m_stalls.back() > m_worst) {
                m_worst = m_stalls.back();
                m_worstAt = m_at;
            }
        });
    }
    void start()
    {
        m_stalls.clear();
        m_worst = m_at = m_worstAt = 0;
        m_clock.start();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    std::vector<double> stalls() const { return m_stalls; }
    double worstEndedAtMs() const { return m_worstAt; } // since start()

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    std::vector<double> m_stalls;
    double m_worst = 0, m_at = 0, m_worstAt = 0;
};

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int repeats = args.value(1, QStringLiteral("2")).toInt();
    const int words = args.value(2, QStringLiteral("3000")).toInt();
    const int grids = args.value(3, QStringLiteral("3")).toInt();

    test::isolateGitConfig();
    QStandardPaths::setTestModeEnabled(true);
    qputenv("OPENAI_API_KEY", "sk-bench");
    testsupport::TestServer server;
    if (!server.start()) {
        std::fprintf(stderr, "bench_gridui: the test server did not start\n");
        return 1;
    }
    test::ScratchRepo repo;
    repo.write(QStringLiteral("promptsmith.yaml"),
        "providers:\n  bench: {type: openai, api_key_env: OPENAI_API_KEY, base_url: \""
            + server.baseUrl().toUtf8() + "/v1\", max_concurrency: 16}\n");
    repo.write(QStringLiteral("prompts/echo.prompt"),
        "---\ninput:\n  schema:\n    text: string\n---\nRepeat after me: {{text}}\n");
    repo.commitAll(QStringLiteral("bench"));
    QTemporaryDir data;

    run::RunEngineOptions options;
    options.ledgerPath = data.filePath(QStringLiteral("ledger.sqlite3"));
    options.useKeychain = false;
    options.allowedKeyHosts = { QStringLiteral("127.0.0.1") };
    options.consentPath = data.filePath(QStringLiteral("consent.json"));
    ui::GridPanel panel(options);
    panel.resize(1600, 900);
    panel.setPrompt(repo.path(), QStringLiteral("prompts/echo.prompt"));
    QStringList text;
    for (int w = 0; w < words; ++w)
        text << QStringLiteral("word%1").arg(w % 97);
    const std::string body = text.join(QLatin1Char(' ')).toStdString();
    for (int c = 0; c < kColumns; ++c)
        panel.addColumn(QStringLiteral("bench/model-%1").arg(c), QString(), QString());
    panel.show();
    // The window's first layout and paint (fonts, a 1600 x 900 tree: about 35 ms offscreen)
    // belong to opening it, not to a run: let them happen before the probe starts.
    QElapsedTimer settle;
    settle.start();
    while (settle.elapsed() < 300)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);

    std::printf("bench_gridui: %d columns x %d repeat(s), ~%d words (SSE chunks) per answer, "
                "no server latency, probe every %d ms\n",
        kColumns, repeats, words, kProbeMs);
    StallProbe probe;
    int exitCode = 0;
    for (int grid = 1; grid <= grids; ++grid) {
        // A fresh input each grid: nothing comes from the response cache.
        int row = 0;
        panel.setVariablesProvider([&] {
            return nlohmann::ordered_json { { "text",
                "grid " + std::to_string(grid) + " row " + std::to_string(row++) + ": " + body } };
        });
        panel.setRepeats(repeats);
        int repaints = 0;
        const auto counter = QObject::connect(
            panel.model(), &QAbstractItemModel::dataChanged, [&repaints] { ++repaints; });
        QEventLoop loop;
        QObject::connect(&panel, &ui::GridPanel::runFinished, &loop, &QEventLoop::quit);
        QElapsedTimer clock;
        clock.start();
        probe.start();
        QElapsedTimer startClock;
        startClock.start();
        panel.run(); // the grid is planned (renders, git reads) on a worker: returns at once
        const qint64 startMs = startClock.elapsed();
        // The cost check runs on a worker too; its figure stays under the confirmation
        // threshold, so the calls start when it is done.
        while (panel.isEstimating())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 10);
        const qint64 estimatedMs = startClock.elapsed();
        if (!panel.isRunning()) {
            std::fprintf(stderr, "bench_gridui: %s\n", qPrintable(panel.statusText()));
            return 1;
        }
        loop.exec();
        probe.stop();
        QObject::disconnect(counter);
        const qint64 wallMs = clock.elapsed();
        std::vector<double> stalls = probe.stalls();
        std::sort(stalls.begin(), stalls.end());
        const double worst = stalls.empty() ? 0 : stalls.back();
        const double p99 = stalls.empty() ? 0 : stalls[size_t(double(stalls.size() - 1) * 0.99)];
        const int failed = panel.model()->grid().failedCalls();
        qint64 chars = 0;
        for (int c = 0; c < kColumns; ++c)
            for (const run::GridSample &s : panel.model()->grid().cell(0, c))
                chars += s.text.size();
        std::printf("  grid %d: %d calls, wall %lld ms, %lld chars streamed, %d repaint "
                    "signals, %zu probe ticks, stall worst %.1f ms (ended %.0f ms in), p99 %.1f ms "
                    "(run() itself "
                    "%lld ms, calls started after %lld ms), failed %d%s\n",
            grid, kColumns * repeats, static_cast<long long>(wallMs), static_cast<long long>(chars),
            repaints, stalls.size(), worst, probe.worstEndedAtMs(), p99,
            static_cast<long long>(startMs), static_cast<long long>(estimatedMs), failed,
            worst < 50 ? "" : "  (over the 50 ms goal)");
        if (failed > 0)
            exitCode = 1;
    }
    if (const QString shot = args.value(4); !shot.isEmpty()) {
        auto *table = panel.findChild<QWidget *>(QStringLiteral("gridTable"));
        if (auto *view = qobject_cast<QAbstractItemView *>(table))
            view->setCurrentIndex(panel.model()->index(0, 1));
        app.processEvents();
        if (!panel.grab().save(shot))
            std::fprintf(stderr, "bench_gridui: could not write %s\n", qPrintable(shot));
    }
    server.stop();
    return exitCode;
}
