// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// `promptsmith render PATH`: renders a .prompt file as the reference Dotprompt does, for
// scripts (--json: Dotprompt's rendered-prompt object) and for people (a transcript).
#include "app/cli/cmdsupport.h"
#include "app/cli/commands.h"

#include "core/common/jsonnesting.h"
#include "core/prompt/jsvalue.h"
#include "core/prompt/partialfiles.h"
#include "core/prompt/promptrender.h"

#include <QCommandLineParser>
#include <QFile>

#include <algorithm>

namespace psm::cli {
namespace {

using Json = nlohmann::ordered_json;

// Deeper than this, JSON input is refused: the reference itself overflows its stack on such
// values, and ours would overflow in the recursive copies and destructors of the value.
constexpr int kMaxJsonDepth = 10000;

core::Result<Json> parseJson(const QByteArray &bytes, const QString &what)
{
    if (core::jsonNestingDepth(bytes) > kMaxJsonDepth)
        return core::fail(core::ErrorCode::InvalidInput,
                          what + QStringLiteral(" nests arrays and objects more than %1 deep")
                                     .arg(kMaxJsonDepth));
    Json value = Json::parse(bytes.constData(), bytes.constData() + bytes.size(), nullptr, false);
    if (value.is_discarded())
        return core::fail(core::ErrorCode::InvalidInput, what + QStringLiteral(" is not valid JSON"));
    return value;
}

core::Result<QByteArray> readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return core::failAt(file.exists() ? core::ErrorCode::Io : core::ErrorCode::NotFound,
                            QStringLiteral("cannot read the file"), path, 0, 0, file.errorString());
    }
    return file.readAll();
}

QString text(const Json &value)
{
    return QString::fromStdString(core::js::toDisplay(&value));
}

QString text(const Json *value)
{
    return QString::fromStdString(core::js::toDisplay(value));
}

// A readable transcript: one heading per message, text as is, media and sections as markers.
void printTranscript(QTextStream &out, const Json &messages)
{
    bool first = true;
    for (const Json &message : messages) {
        if (!first)
            out << '\n';
        first = false;
        // History messages come from the user's file as they are: read without throwing.
        const Json *role = core::js::property(&message, "role");
        QString heading = role ? text(*role) : QStringLiteral("?");
        const Json *metadata = core::js::property(&message, "metadata");
        if (const Json *purpose = core::js::property(metadata, "purpose"))
            heading += QStringLiteral(" (") + text(*purpose) + QLatin1Char(')');
        out << "=== " << heading << " ===\n";
        bool endsWithNewline = true;
        const Json *content = core::js::property(&message, "content");
        if (!content || !content->is_array())
            continue;
        for (const Json &part : *content) {
            QString chunk;
            if (part.contains("text")) {
                chunk = text(part["text"]);
            } else if (part.contains("media")) {
                const Json media = part["media"];
                chunk = QStringLiteral("[media: ") + text(core::js::property(&media, "url"));
                if (media.contains("contentType"))
                    chunk += QStringLiteral(" (") + text(media["contentType"]) + QLatin1Char(')');
                chunk += QStringLiteral("]\n");
            } else if (part.contains("metadata")) {
                chunk = QStringLiteral("[section: ")
                    + text(core::js::property(&part["metadata"], "purpose")) + QStringLiteral("]\n");
            } else {
                chunk = QString::fromStdString(core::js::stringify(&part)) + QLatin1Char('\n');
            }
            // Markers go on a line of their own.
            if (!endsWithNewline && !part.contains("text"))
                chunk.prepend(QLatin1Char('\n'));
            out << chunk;
            endsWithNewline = chunk.endsWith(QLatin1Char('\n'));
        }
        if (!endsWithNewline)
            out << '\n';
    }
}

} // namespace

int cmdRender(CliContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Render a .prompt file into messages, as Dotprompt does."));
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("The .prompt file."));
    const QCommandLineOption inputOption(QStringLiteral("input"),
                                         QStringLiteral("Template variables as a JSON object."),
                                         QStringLiteral("JSON"));
    const QCommandLineOption inputFileOption(
        QStringLiteral("input-file"), QStringLiteral("Read the variables from a JSON file."),
        QStringLiteral("FILE"));
    const QCommandLineOption historyOption(
        QStringLiteral("history"),
        QStringLiteral("Conversation history: a JSON array of Dotprompt messages."),
        QStringLiteral("FILE"));
    const QCommandLineOption jsonOption(
        QStringLiteral("json"),
        QStringLiteral("Print Dotprompt's rendered-prompt object as JSON instead of a transcript."));
    const QCommandLineOption strictOption(
        QStringLiteral("strict"),
        QStringLiteral("Fail (exit 2) when the input does not match the prompt's input schema, "
                       "instead of warning and rendering as Dotprompt does."));
    parser.addOptions({inputOption, inputFileOption, historyOption, jsonOption, strictOption});
    if (const auto stop = parseArguments(context, parser,
            QStringLiteral("promptsmith render PATH [--input JSON | --input-file FILE] [--history FILE] [--json] [--strict]")))
        return *stop;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return context.usageError(QStringLiteral("render needs exactly one PATH; see --help"));
    if (parser.isSet(inputOption) && parser.isSet(inputFileOption))
        return context.usageError(QStringLiteral("give --input or --input-file, not both"));
    const QString path = positional.first();

    core::PromptRenderRequest request;
    if (parser.isSet(inputOption) || parser.isSet(inputFileOption)) {
        QByteArray bytes;
        QString what = QStringLiteral("--input");
        if (parser.isSet(inputFileOption)) {
            auto read = readFile(parser.value(inputFileOption));
            if (!read)
                return context.report(read.error());
            bytes = *read;
            what = parser.value(inputFileOption);
        } else {
            bytes = parser.value(inputOption).toUtf8();
        }
        auto value = parseJson(bytes, what);
        if (!value)
            return context.report(value.error());
        if (!value->is_object())
            return context.usageError(what + QStringLiteral(" must be a JSON object of variables"));
        request.input = std::move(*value);
    }
    if (parser.isSet(historyOption)) {
        auto read = readFile(parser.value(historyOption));
        if (!read)
            return context.report(read.error());
        auto value = parseJson(*read, parser.value(historyOption));
        if (!value)
            return context.report(value.error());
        if (!value->is_array())
            return context.usageError(parser.value(historyOption)
                                      + QStringLiteral(" must hold a JSON array of messages"));
        for (size_t i = 0; i < value->size(); ++i) {
            if (!(*value)[i].is_object())
                return context.usageError(
                    QStringLiteral("%1: message %2 is not an object like "
                                   "{\"role\": \"user\", \"content\": [{\"text\": \"...\"}]}")
                        .arg(parser.value(historyOption))
                        .arg(i + 1));
        }
        request.history = std::move(*value);
    }

    auto source = readFile(path);
    if (!source)
        return context.report(source.error());
    request.text = QString::fromUtf8(*source);
    request.fileName = path;
    request.promptPath = path;
    request.workspaceRoot = core::workspaceRootFor(path);
    // Dotprompt renders whatever the input is; a mismatch with the schema is worth a warning,
    // and an error only when asked for (CI checks of sample inputs).
    request.validation = parser.isSet(strictOption) ? core::InputValidation::Strict
                                                    : core::InputValidation::Warn;
    const core::PromptRender result = core::renderPrompt(request);
    for (const core::Error &warning : result.warnings)
        context.err << QStringLiteral("warning: ") << warning.toString() << Qt::endl;
    if (!result.ok()) {
        context.err << result.rendered.error().toString() << Qt::endl;
        return exitCodeFor(result.rendered.error().code);
    }
    const core::RenderedPrompt &rendered = *result.rendered;
    if (parser.isSet(jsonOption)) {
        context.out << QString::fromStdString(core::js::stringify(&rendered.json, "  ")) << '\n';
    } else {
        printTranscript(context.out, rendered.messages());
    }
    return ExitOk;
}

} // namespace psm::cli
