// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"

#include <QString>

#include <nlohmann/json.hpp>

#include <string>

namespace psm::core {

// A .prompt file split into its metadata and template, as Dotprompt's parseDocument() does.
// A plain value: cheap to copy, safe to hand between threads.
struct PromptFile {
    QString fileName;       // for error messages
    std::string source;     // the whole file, UTF-8
    // Dotprompt's ParsedPrompt without `template`: ext, metadata, config, then the reserved
    // front-matter keys (model, input, output, ...) in file order, then raw (the whole front
    // matter) — values typed by the YAML 1.2 core schema, key order kept. Dotted keys such as
    // `promptsmith.tags` are in ext, split at the last dot: {"promptsmith": {"tags": ...}}.
    nlohmann::ordered_json metadata;
    std::string templateText; // the Handlebars body, trimmed when there is front matter
    bool hasFrontMatter = false;
    int templateLine = 1;     // where templateText starts in the file (1-based)
    int templateColumn = 1;
};

// Splits and parses a .prompt file. Fails (InvalidInput, with file:line:col) on YAML errors
// and on front matter that is not a mapping; the template itself is checked when rendering.
Result<PromptFile> parsePrompt(const std::string &source, const QString &fileName);

} // namespace psm::core
