// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// PriceTable::applyOverridesFromYaml: the `prices:` block of promptsmith.yaml, read through the
// one settings parser (WorkspaceSettings), with its file:line:col errors.
#include "core/ledger/pricetable.h"
#include "core/settings/workspacesettings.h"

namespace psm::core {

Status PriceTable::applyOverridesFromYaml(const QByteArray &yaml, const QString &file)
{
    return applyOverrides(WorkspaceSettings::parse(yaml, file));
}

Status PriceTable::applyOverrides(const WorkspaceSettings &settings)
{
    if (auto error = settings.sectionError(WorkspaceSettings::Section::Prices))
        return tl::unexpected(*error);
    if (settings.prices().empty())
        return {};
    return applyOverrides(settings.prices(), settings.filePath());
}

} // namespace psm::core
