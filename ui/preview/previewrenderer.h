// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "ui/preview/diagnostic.h"

#include <QStringList>

#include <nlohmann/json.hpp>

namespace psm::ui {

struct PreviewRequest {
    QString text; // the editor's current text
    QString fileName; // workspace-relative, as errors and diagnostics name it
    QString workspaceRoot; // for partials; may be empty
    nlohmann::ordered_json variables = nlohmann::ordered_json::object();
};

struct PreviewResult {
    bool ok = false;
    nlohmann::ordered_json messages = nlohmann::ordered_json::array();
    QString error; // "file:line:col: message" when !ok
    QList<Diagnostic> diagnostics; // positions in this file (errors in partials: line 1)
    nlohmann::ordered_json inputSchema; // the expanded JSON Schema of input.schema, or null
    nlohmann::ordered_json inputDefaults; // input.default from the front matter, or null
    QStringList variablesUsed; // top-level variables the template reads
    QString model; // front matter model, may be empty
    int tokenEstimate = 0;
};

// Parses and renders the prompt text with the given variables over the file's own defaults.
// Pure and self-contained (its own engine each call): runs on a QtConcurrent worker for the
// PromptPreviewPane, and directly in tests.
PreviewResult renderPreview(const PreviewRequest &request);

} // namespace psm::ui
