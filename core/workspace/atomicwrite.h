// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"

#include <QByteArray>
#include <QString>

namespace psm::core {

// Replaces `path` with `bytes` through QSaveFile: readers see the old file or the new one, never
// a torn write. Creates missing parent folders.
Status writeFileAtomically(const QString &path, const QByteArray &bytes);

} // namespace psm::core
