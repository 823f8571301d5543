// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/application.h"

#include "core/common/appidentity.h"
#include "ui/logpanel.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

namespace psm::ui {

int runApplication(int argc, char **argv)
{
    QApplication app(argc, argv);
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

    MainWindow window;
    window.show();
    if (!parsed)
        window.logPanel()->warning(parser.errorText());
    window.start(options);
    return QApplication::exec();
}

} // namespace psm::ui
