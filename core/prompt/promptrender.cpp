// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/prompt/promptrender.h"

#include "core/prompt/partialfiles.h"
#include "core/prompt/tokenestimate.h"

#include <QDir>

#include <exception>

namespace psm::core {
namespace {

using Json = nlohmann::ordered_json;

constexpr int kTokensPerMessage = 4; // role and framing, as OpenAI's chat format charges

void addDiagnostic(PromptRender *result, const Error &error, const QString &fileName)
{
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

void failWith(PromptRender *result, const Error &error, const QString &fileName)
{
    result->rendered = tl::unexpected(error);
    if (error.code != ErrorCode::Cancelled)
        addDiagnostic(result, error, fileName);
}

int estimateMessageTokens(const Json &messages)
{
    int tokens = 0;
    for (const Json &message : messages) {
        tokens += kTokensPerMessage;
        const auto content = message.is_object() ? message.find("content") : message.end();
        if (!message.is_object() || content == message.end() || !content->is_array())
            continue;
        for (const Json &part : *content) {
            const auto text = part.is_object() ? part.find("text") : part.end();
            if (part.is_object() && text != part.end() && text->is_string())
                tokens
                    += estimateTokens(QString::fromStdString(text->get_ref<const std::string &>()));
        }
    }
    return tokens;
}

PromptRender render(const PromptRenderRequest &request)
{
    PromptRender result;
    const std::string source = request.text.toStdString();
    auto prompt = parsePrompt(source, request.fileName);
    if (!prompt) {
        failWith(&result, prompt.error(), request.fileName);
        return result;
    }
    const auto model = prompt->metadata.find("model");
    if (model != prompt->metadata.end() && model->is_string())
        result.model = QString::fromStdString(model->get_ref<const std::string &>());

    PromptEngine engine;
    QString promptPath = request.promptPath;
    if (promptPath.isEmpty() && !request.workspaceRoot.isEmpty())
        promptPath = QDir(request.workspaceRoot).absoluteFilePath(request.fileName);
    if (request.partials) {
        engine.setPartialResolver(request.partials);
    } else if (!promptPath.isEmpty()) {
        const QString root = request.workspaceRoot.isEmpty() ? workspaceRootFor(promptPath)
                                                             : request.workspaceRoot;
        engine.setPartialResolver(partialFileResolver(promptPath, root));
    }
    if (auto used = engine.variablesUsed(*prompt))
        result.variablesUsed = *used;
    auto metadata = engine.renderMetadata(*prompt);
    if (!metadata) {
        failWith(&result, metadata.error(), request.fileName);
        return result;
    }
    const auto input = metadata->find("input");
    if (input != metadata->end() && input->is_object()) {
        if (const auto schema = input->find("schema"); schema != input->end())
            result.inputSchema = *schema;
        if (const auto defaults = input->find("default"); defaults != input->end())
            result.inputDefaults = *defaults;
    }

    RenderInput renderInput;
    renderInput.input = request.input.is_object() ? request.input : Json::object();
    renderInput.messages = request.history;
    renderInput.options = frontMatterDefaults(*prompt);
    renderInput.validateInput = request.validation == InputValidation::Strict;
    renderInput.limits = request.limits;
    if (request.validation == InputValidation::Warn) {
        if (const Status valid = engine.checkInput(*prompt, renderInput); !valid)
            result.warnings.append(valid.error());
    }
    auto rendered = engine.render(*prompt, renderInput);
    if (!rendered) {
        failWith(&result, rendered.error(), request.fileName);
        return result;
    }
    if (!request.configOverrides.is_null()) {
        if (!request.configOverrides.is_object()) {
            result.rendered = fail(
                ErrorCode::InvalidInput, QStringLiteral("config overrides must be a JSON object"));
            return result;
        }
        Json &config = rendered->json["config"];
        if (!config.is_object())
            config = Json::object();
        for (const auto &[key, value] : request.configOverrides.items())
            config[key] = value;
    }
    result.tokenEstimate = estimateMessageTokens(rendered->messages());
    result.rendered = std::move(*rendered);
    return result;
}

} // namespace

PromptRender renderPrompt(const PromptRenderRequest &request) noexcept
{
    // The engine reads values from a user's file with checked accessors; this is the last line
    // for whatever we missed, so that no exception ever leaves a worker thread (Qt rethrows it
    // on the GUI thread as QUnhandledException, which ends the app).
    try {
        return render(request);
    } catch (const std::exception &e) {
        PromptRender result;
        Error error;
        error.code = ErrorCode::Internal;
        error.message = QStringLiteral("could not render this prompt (a bug in Promptsmith; "
                                       "please report it)");
        error.detail = QString::fromUtf8(e.what());
        error.file = request.fileName;
        failWith(&result, error, request.fileName);
        return result;
    } catch (...) {
        PromptRender result;
        failWith(&result,
            Error { ErrorCode::Internal, QStringLiteral("could not render this prompt"), QString(),
                request.fileName, 0, 0 },
            request.fileName);
        return result;
    }
}

} // namespace psm::core
