// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

namespace psm::core {

// Dotprompt's roles; providers map them (OpenAI "assistant", Gemini "model", ...).
enum class Role { System, User, Model, Tool };

QString roleName(Role role);
std::optional<Role> roleFromName(const QString &name); // also accepts "assistant"

// One piece of a message. Tool parts pair a request with its response through `toolRef`.
struct Part {
    enum class Kind { Text, Media, ToolRequest, ToolResponse };
    Kind kind = Kind::Text;
    QString text; // Text
    QString url; // Media: http(s):// or data: URL
    QString contentType; // Media, e.g. image/png
    QString toolRef; // ToolRequest/ToolResponse: the provider's call id
    QString toolName; // ToolRequest/ToolResponse
    nlohmann::ordered_json toolData; // ToolRequest: input; ToolResponse: output

    static Part fromText(QString text);
    static Part fromMedia(QString url, QString contentType);
    static Part toolRequest(QString ref, QString name, nlohmann::ordered_json input);
    static Part toolResponse(QString ref, QString name, nlohmann::ordered_json output);
};

struct Message {
    Role role = Role::User;
    std::vector<Part> parts;

    QString text() const; // the text parts joined, media and tool parts skipped
    static Message fromText(Role role, QString text);
};

// Dotprompt `config` keys. Unset means "the provider's default", which is not the same as zero.
// `extra` (a JSON object) is merged verbatim into the provider's request body.
struct ChatParams {
    std::optional<double> temperature;
    std::optional<qint64> maxOutputTokens;
    std::optional<double> topP;
    std::optional<qint64> topK;
    QStringList stopSequences;
    std::optional<qint64> seed;
    nlohmann::ordered_json extra = nlohmann::ordered_json::object();
};

// The normalised request every provider accepts. `model` is the provider-side model name
// (`gpt-4o-mini`), not the `provider/model` reference; system messages live in `system`.
struct ChatRequest {
    QString model;
    QString system;
    std::vector<Message> messages;
    ChatParams params;
    nlohmann::ordered_json outputSchema; // JSON Schema for structured output; null for text
    nlohmann::ordered_json tools; // null, or [{name, description, inputSchema}]
    bool stream = true;
};

} // namespace psm::core
