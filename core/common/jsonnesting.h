// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QByteArrayView>

namespace psm::core {

// How deeply arrays and objects nest in JSON text, brackets inside strings not counted. A plain
// scan that cannot overflow, for refusing documents too deep for the recursive code that copies,
// destroys or compares nlohmann values before parsing them.
int jsonNestingDepth(QByteArrayView json);

} // namespace psm::core
