// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

namespace psm::core {

// A problem at a place in the edited file, for the editor to mark. Lines and columns count
// from 1; column 0 means the whole line.
struct Diagnostic {
    int line = 0;
    int column = 0;
    QString message;
    friend bool operator==(const Diagnostic &, const Diagnostic &) = default;
};

} // namespace psm::core

Q_DECLARE_METATYPE(psm::core::Diagnostic)
