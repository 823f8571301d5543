// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"
#include "core/prompt/diagnostic.h"
#include "core/prompt/promptengine.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

namespace psm::core {

// What to do when the input does not match the prompt's input schema. Dotprompt renders
// anyway, so editors and `promptsmith render` warn; runs and `render --strict` refuse.
enum class InputValidation { Off, Warn, Strict };

// Everything one render needs. The text is the prompt file's text as it is now (the editor's,
// or the file's bytes); the engine, partials and defaults are set up from it and the paths.
struct PromptRenderRequest {
    QString text;
    QString fileName; // as errors and diagnostics name the file (workspace-relative or a path)
    // Where the file is, for partials next to it; empty: fileName inside workspaceRoot.
    QString promptPath;
    // Partials are looked up next to the file and in the workspace's prompts/ folder; with
    // neither workspaceRoot nor promptPath, only partials defined in the template exist.
    QString workspaceRoot;
    // When set, `{{> name}}` is looked up here instead of in files (a run of a git revision
    // reads its partials from that revision).
    PromptEngine::PartialResolver partials;
    nlohmann::ordered_json input = nlohmann::ordered_json::object(); // over input.default
    nlohmann::ordered_json history; // conversation history: null or an array of messages
    // Merged key by key over the rendered `config` (a run's --set / parameter sets); null: none.
    nlohmann::ordered_json configOverrides;
    InputValidation validation = InputValidation::Warn;
    hbs::RenderLimits limits; // work bounds and the cancel flag
};

// The outcome: the rendered prompt or the error, and what an editor shows besides (taken from
// the file even when the render fails, as far as the file parses).
struct PromptRender {
    Result<RenderedPrompt> rendered = RenderedPrompt {};
    QList<Error> warnings; // input that breaks the schema under InputValidation::Warn
    // Positions in this file for an editor to mark (a fault in a partial marks line 1 and
    // names the partial). Input warnings are not here: the fault is in the values, not the file.
    QList<Diagnostic> diagnostics;
    nlohmann::ordered_json inputSchema; // input.schema expanded to JSON Schema, or null
    nlohmann::ordered_json inputDefaults; // input.default, or null
    QStringList variablesUsed; // top-level variables the template reads
    QString model; // the front matter's model when it is a string, else empty
    int tokenEstimate = 0; // of the rendered messages; 0 when the render failed

    bool ok() const { return rendered.has_value(); }
};

// Parses, sets up and renders one prompt for every caller (the CLI's render, the preview, runs).
// Pure and self-contained (its own engine each call), safe on any thread; never throws: a
// failure anywhere, a bug of ours included, is an error value.
PromptRender renderPrompt(const PromptRenderRequest &request) noexcept;

} // namespace psm::core
