// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QFileInfo>
#include <QString>

namespace psm::testsupport {

// The project's ../shared folder (conformance suite, LiteLLM price snapshot), which a plain clone
// does not have. PSM_SHARED_DIR in the environment overrides the build's path, so a test can be
// pointed at a scratch copy with parts missing.
inline QString sharedDir()
{
    const QString fromEnvironment = qEnvironmentVariable("PSM_SHARED_DIR");
    return fromEnvironment.isEmpty() ? QStringLiteral(PSM_SHARED_DIR) : fromEnvironment;
}

// A test that needs ../shared skips only when the folder is absent altogether; when it is there,
// missing or short data is a failure, so CI cannot pass without having run those checks.
inline bool sharedDirPresent()
{
    return QFileInfo(sharedDir()).isDir();
}

} // namespace psm::testsupport
