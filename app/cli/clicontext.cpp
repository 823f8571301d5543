// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "app/cli/clicontext.h"

#include "core/workspace/workspace.h"

#include <QDir>

namespace psm::cli {

int exitCodeFor(core::ErrorCode code)
{
    switch (code) {
    case core::ErrorCode::InvalidInput:
    case core::ErrorCode::NotFound:
        return ExitUsage;
    default:
        return ExitRuntime;
    }
}

core::Result<core::Workspace> CliContext::openWorkspace() const
{
    return core::Workspace::open(workspaceOption.isEmpty() ? QDir::currentPath()
                                                           : workspaceOption);
}

int CliContext::report(const core::Error &error) const
{
    err << "promptsmith: " << error.toString() << Qt::endl;
    return exitCodeFor(error.code);
}

int CliContext::usageError(const QString &message) const
{
    err << "promptsmith: " << message << Qt::endl;
    return ExitUsage;
}

} // namespace psm::cli
