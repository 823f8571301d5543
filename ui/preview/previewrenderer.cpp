// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/preview/previewrenderer.h"

#include "core/prompt/partialfiles.h"
#include "core/prompt/promptengine.h"
#include "ui/preview/tokenestimate.h"

#include <QDir>

namespace psm::ui {
namespace {

using Json = nlohmann::ordered_json;

constexpr int kTokensPerMessage = 4; // role and framing, as OpenAI's chat format charges

void addError(PreviewResult *result, const core::Error &error, const QString &fileName)
{
    result->ok = false;
    result->error = error.toString();
    Diagnostic diagnostic;
    if (error.file.isEmpty() || error.file == fileName) {
        diagnostic.line = std::max(error.line, 1);
        diagnostic.column = error.column;
        diagnostic.message = error.message;
    } else {
        // The fault is in a partial or elsewhere: mark the top of this file and say where.
        diagnostic.line = 1;
        diagnostic.message = error.toString();
    }
    result->diagnostics.append(diagnostic);
}

} // namespace

PreviewResult renderPreview(const PreviewRequest &request)
{
    PreviewResult result;
    auto prompt = core::parsePrompt(request.text.toStdString(), request.fileName);
    if (!prompt) {
        addError(&result, prompt.error(), request.fileName);
        return result;
    }
    result.model = QString::fromStdString(prompt->metadata.value("model", std::string()));

    core::PromptEngine engine;
    if (!request.workspaceRoot.isEmpty()) {
        const QString absolute = QDir(request.workspaceRoot).absoluteFilePath(request.fileName);
        engine.setPartialResolver(core::partialFileResolver(absolute, request.workspaceRoot));
    }
    if (auto used = engine.variablesUsed(*prompt))
        result.variablesUsed = *used;
    if (auto metadata = engine.renderMetadata(*prompt)) {
        const Json &input = metadata->value("input", Json::object());
        if (input.is_object() && input.contains("schema"))
            result.inputSchema = input["schema"];
        if (input.is_object() && input.contains("default"))
            result.inputDefaults = input["default"];
    } else {
        addError(&result, metadata.error(), request.fileName);
        return result;
    }

    core::RenderInput input;
    input.input = request.variables.is_object() ? request.variables : Json::object();
    input.options = core::frontMatterDefaults(*prompt);
    auto rendered = engine.render(*prompt, input);
    if (!rendered) {
        addError(&result, rendered.error(), request.fileName);
        return result;
    }
    result.ok = true;
    result.messages = rendered->messages();
    for (const Json &message : result.messages) {
        result.tokenEstimate += kTokensPerMessage;
        for (const Json &part : message.value("content", Json::array())) {
            if (part.contains("text") && part["text"].is_string())
                result.tokenEstimate
                    += estimateTokens(QString::fromStdString(part["text"].get<std::string>()));
        }
    }
    return result;
}

} // namespace psm::ui
