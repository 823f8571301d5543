// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// grid_demo [SCENE]: the real main window with the comparison grid run against the local test
// server, in a throw-away workspace and ledger, left open on one scene for a look or a
// screenshot:
//   ../shared/tools/screenshot /tmp/grid.png 12 -- build/tests/tools/grid_demo grid
// Scenes: grid, outputdiff, outputdiff-inline, outputdiff-json, promptdiff, blind. Prints
// "grid_demo: SCENE ready" when the scene is on screen; exits 1 with the reason if it cannot be.
#include "core/common/appidentity.h"
#include "providers/transport.h"
#include "tests/tools/demoscenes.h"
#include "tests/tools/demoworkspace.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QScreen>

#include <cstdio>

using namespace psm;

int main(int argc, char **argv)
{
    const auto runtime = demo::DemoWorkspace::isolateProcess(); // before the QApplication
    QApplication app(argc, argv);
    core::setApplicationIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("Promptsmith"));

    const QStringList args = QApplication::arguments().mid(1);
    const QString name = args.value(0, QStringLiteral("grid"));
    const auto scene = demo::sceneFromName(name);
    if (!scene || args.size() > 1) {
        std::fprintf(stderr, "usage: grid_demo [%s]\n",
            qPrintable(demo::sceneNames().join(QLatin1Char('|'))));
        return 2;
    }
    demo::DemoWorkspace workspace;
    if (!workspace.isValid()) {
        std::fprintf(stderr, "grid_demo: %s\n", qPrintable(workspace.error()));
        return 1;
    }
    std::printf("grid_demo: workspace %s, server %s, ledger %s\n", qPrintable(workspace.root()),
        qPrintable(workspace.server().baseUrl()), qPrintable(workspace.ledgerPath()));
    std::fflush(stdout);

    providers::Transport transport; // outlives the window, as in the app
    ui::MainWindow window(&transport);
    window.setGeometry(QApplication::primaryScreen()->availableGeometry());
    window.show();
    demo::SceneDirector director(&window, workspace.root());
    QObject::connect(&director, &demo::SceneDirector::ready, [&name] {
        std::printf("grid_demo: %s ready\n", qPrintable(name));
        std::fflush(stdout);
    });
    QObject::connect(&director, &demo::SceneDirector::failed, [](const QString &why) {
        std::fprintf(stderr, "grid_demo: %s\n", qPrintable(why));
        QCoreApplication::exit(1);
    });
    director.start(*scene);
    return QApplication::exec();
}
