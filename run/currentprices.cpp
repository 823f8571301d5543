// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "run/currentprices.h"

#include "core/settings/workspacesettings.h"
#include "run/runengine.h"

#include <QFileInfo>

namespace psm::run {

core::Result<core::PriceTable> currentPrices(const QString &workspaceRoot)
{
    auto table = core::PriceTable::bundled();
    if (!table)
        return table;
    const QString userFile = RunEngine::userPriceFilePath();
    if (QFileInfo::exists(userFile)) {
        auto user = core::PriceTable::importLiteLlmFile(userFile);
        if (!user)
            return tl::unexpected(user.error());
        table->merge(*user);
    }
    if (workspaceRoot.isEmpty())
        return table;
    const core::WorkspaceSettings settings = core::WorkspaceSettings::load(workspaceRoot);
    if (const auto error = settings.sectionError(core::WorkspaceSettings::Section::Prices))
        return tl::unexpected(*error);
    if (auto applied = table->applyOverrides(settings); !applied)
        return tl::unexpected(applied.error());
    return table;
}

} // namespace psm::run
