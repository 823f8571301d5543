// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/application.h"

#include <QApplication>
#include <QMainWindow>

namespace psm::ui {

int runApplication(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Promptsmith"));
    QMainWindow window;
    window.show();
    return QApplication::exec();
}

} // namespace psm::ui
