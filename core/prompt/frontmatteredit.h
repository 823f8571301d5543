// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"

#include <QString>

namespace psm::core {

// Sets one scalar in a .prompt file's YAML front matter by editing only that line, so the
// user's comments, key order and formatting survive (DESIGN §4: never re-serialise a file to
// change one field). `key` is a dotted path ("config.temperature"); a top-level key that itself
// contains dots (Dotprompt's "promptsmith.tags") matches literally first. `yamlValue` is YAML
// text, already quoted if it needs to be (see yamlQuoted()). A missing key is inserted at the
// end of its parent block, a missing parent at the end of the front matter, a missing front
// matter at the top of the file. Fails (InvalidInput, with the line) when the target or a parent
// is written in a form we cannot edit line-wise (flow mappings, block scalars, nested values).
// Pure text function: any thread; used by the GUI's model and parameter fields.
Result<QString> setFrontMatterScalar(
    const QString &text, const QString &key, const QString &yamlValue);

// A string as a YAML scalar: plain when the core schema would read it back as the same
// string, double-quoted otherwise ("0.3" stays plain only for callers that want a number).
QString yamlQuoted(const QString &value);

} // namespace psm::core
