// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"

#include <QByteArray>
#include <QString>

namespace psm::core {

// What the "New prompt" dialog asks for.
struct PromptScaffold {
    QString model; // provider/model; empty = none (the workspace default applies)
    QString description; // optional one line
    QString inputSchema; // Picoschema (YAML) for input.schema; empty = none
    QString outputSchema; // Picoschema for output.schema; empty = free text output
};

// A new .prompt file's bytes: UTF-8 without BOM, LF line ends, a newline after the closing
// `---`, and a starter template that uses the input variables. The schemas are checked (YAML
// and Picoschema) so the file parses and renders in any Dotprompt runtime; errors name the
// field and the line within it. Pure: any thread; used by the GUI dialog (and unit tests).
Result<QByteArray> scaffoldPrompt(const PromptScaffold &scaffold);

// Checks a prompt name as typed by the user ("triage", "support/triage", "triage.strict") and
// returns the workspace-relative path "prompts/<name>.prompt". Partials (`_name`) are allowed.
Result<QString> promptPathForName(const QString &name);

} // namespace psm::core
