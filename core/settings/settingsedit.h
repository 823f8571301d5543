// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"

#include <QString>

namespace psm::core {

// Sets one named entry of a top-level block mapping of promptsmith.yaml (`layouts:` ->
// `name:`) by splicing text: only that entry's lines are replaced, or new lines added at the
// end of the section (the section at the end of the file when missing); every other byte,
// comments, key order and formatting included, stays as written (DESIGN §4, as
// setFrontMatterScalar does for front matter). `body` is the entry's value as unindented YAML
// lines (a block mapping); it is indented under `name:` like the section's other entries.
// Fails (InvalidInput with `file`:line:col) when the text is not valid YAML, is not a
// mapping, or the section is not a block mapping; the caller then leaves the file untouched.
// Pure text function: any thread.
Result<QString> setSettingsEntry(const QString &text, const QString &file, const QString &section,
    const QString &name, const QString &body);

} // namespace psm::core
