// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/application.h"

#include "core/common/appidentity.h"
#include "providers/transport.h"
#include "ui/logpanel.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTimer>

#include <cstdio>
#include <ctime>
#include <utility>

namespace psm::ui {
namespace {

bool reportingStartup()
{
    static const bool on = qEnvironmentVariableIntValue("PSM_REPORT_FIRST_PAINT") == 1;
    return on;
}

// Reports marks when the next frame has been painted: the first Paint event of a frame arms a
// zero timer, which fires once the whole window (all its widgets) is painted. Marks armed
// before one frame all land on it (the workspace may open before the first frame is painted).
class PaintReporter final : public QObject {
public:
    using QObject::QObject;
    void reportNextFrame(const char *mark) { m_marks.append(mark); }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (!m_marks.isEmpty() && event->type() == QEvent::Paint && watched->isWidgetType()) {
            QTimer::singleShot(0, this, [marks = std::exchange(m_marks, {})] {
                for (const char *mark : marks)
                    reportStartupMark(mark);
            });
        }
        return false;
    }

private:
    QList<const char *> m_marks;
};

} // namespace

void reportStartupMark(const char *what)
{
    if (!reportingStartup())
        return;
    timespec now {};
    clock_gettime(CLOCK_MONOTONIC, &now);
    std::fprintf(stderr, "psm-startup %s %lld\n", what,
        static_cast<long long>(now.tv_sec) * 1000000000LL + now.tv_nsec);
    std::fflush(stderr);
}

int runApplication(int argc, char **argv)
{
    QApplication app(argc, argv);
    reportStartupMark("qapplication");
    auto *paints = new PaintReporter(&app);
    if (reportingStartup()) {
        paints->reportNextFrame("first-paint");
        app.installEventFilter(paints);
    }
    core::setApplicationIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("Promptsmith"));
    QApplication::setDesktopFileName(QStringLiteral("promptsmith"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Desktop workbench for prompt engineering"));
    const QCommandLineOption workspace(QStringLiteral("workspace"),
        QStringLiteral("Open the workspace in DIR."), QStringLiteral("DIR"));
    const QCommandLineOption open(QStringLiteral("open"),
        QStringLiteral("Open FILE (relative to the workspace)."), QStringLiteral("FILE"));
    // Screenshot/demo state: opens the first prompt and shows the diff of its newest commit.
    QCommandLineOption demo(QStringLiteral("demo"));
    demo.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({ workspace, open, demo });
    parser.addPositionalArgument(
        QStringLiteral("dir"), QStringLiteral("Workspace folder."), QStringLiteral("[DIR]"));
    // Unknown options must not stop the window from opening; they are reported in the log.
    const bool parsed = parser.parse(QApplication::arguments());

    StartupOptions options;
    options.workspace = parser.value(workspace);
    if (options.workspace.isEmpty() && !parser.positionalArguments().isEmpty())
        options.workspace = parser.positionalArguments().constFirst();
    options.openFile = parser.value(open);
    options.demo = parser.isSet(demo);

    // The process's one transport: every run engine the window makes (run panel, and the grid
    // and eval runs after it) shares it, so per-provider concurrency limits hold across them.
    // Declared before the window so it goes after it: the engines cancel their calls and
    // record them as cancelled through it on the way out. Starting it costs a thread and
    // curl_global_init, paid before the first paint as the run panel's own engine paid it
    // before (see the "transport-started" mark of tests/bench/bench_startup).
    providers::Transport transport;
    reportStartupMark("transport-started");
    MainWindow window(&transport);
    reportStartupMark("window-constructed");
    if (reportingStartup())
        QObject::connect(&window, &MainWindow::workspaceOpened, paints, [paints] {
            reportStartupMark("workspace-opened");
            paints->reportNextFrame("workspace-painted");
        });
    window.show();
    reportStartupMark("window-shown");
    if (!parsed)
        window.logPanel()->warning(parser.errorText());
    window.start(options);
    reportStartupMark("started");
    return QApplication::exec();
}

} // namespace psm::ui
