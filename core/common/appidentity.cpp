// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/common/appidentity.h"

#include <QCoreApplication>

namespace psm::core {

void setApplicationIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("Promptsmith"));
    QCoreApplication::setApplicationName(QStringLiteral("promptsmith"));
}

} // namespace psm::core
