// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/prompt/messages.h"

#include "core/prompt/jsvalue.h"

#include <string>
#include <vector>

namespace psm::core::messages {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kRolePrefix = "<<<dotprompt:role:";
constexpr std::string_view kHistoryPrefix = "<<<dotprompt:history";
constexpr std::string_view kMediaPrefix = "<<<dotprompt:media:";
constexpr std::string_view kSectionPrefix = "<<<dotprompt:section";

bool startsWith(std::string_view text, std::string_view prefix)
{
    return text.substr(0, prefix.size()) == prefix;
}

bool isLowerAlpha(char c) { return c >= 'a' && c <= 'z'; }

// One match of /(<<<dotprompt:(?:role:[a-z]+|history))>>>/ at `pos`; returns the length of
// the captured marker (without ">>>") or 0.
size_t roleOrHistoryAt(std::string_view text, size_t pos)
{
    constexpr std::string_view kHead = "<<<dotprompt:";
    if (text.substr(pos, kHead.size()) != kHead)
        return 0;
    size_t p = pos + kHead.size();
    if (text.substr(p, 7) == "history" && text.substr(p + 7, 3) == ">>>")
        return p + 7 - pos;
    if (text.substr(p, 5) != "role:")
        return 0;
    p += 5;
    const size_t nameStart = p;
    while (p < text.size() && isLowerAlpha(text[p]))
        ++p;
    // `[a-z]+` may backtrack, but a shorter name is followed by a letter, not ">>>".
    if (p > nameStart && text.substr(p, 3) == ">>>")
        return p - pos;
    return 0;
}

// /(<<<dotprompt:(?:media:url|section).*?)>>>/ at `pos`: `.` excludes line terminators.
size_t mediaOrSectionAt(std::string_view text, size_t pos)
{
    size_t p;
    if (text.substr(pos, 22) == "<<<dotprompt:media:url")
        p = pos + 22;
    else if (text.substr(pos, 20) == "<<<dotprompt:section")
        p = pos + 20;
    else
        return 0;
    for (size_t q = p; q < text.size(); ++q) {
        if (text.substr(q, 3) == ">>>")
            return q - pos;
        const char c = text[q];
        if (c == '\n' || c == '\r')
            return 0;
        if (text.substr(q, 3) == "\xE2\x80\xA8" || text.substr(q, 3) == "\xE2\x80\xA9")
            return 0;
    }
    return 0;
}

// String.prototype.split with a capturing regex, then dropping white-space-only pieces.
template <typename Matcher>
std::vector<std::string_view> splitPieces(std::string_view text, Matcher match)
{
    std::vector<std::string_view> pieces;
    auto keep = [&](std::string_view piece) {
        if (!js::trim(piece).empty())
            pieces.push_back(piece);
    };
    size_t last = 0;
    for (size_t pos = 0; pos < text.size();) {
        const size_t pos2 = text.find("<<<dotprompt:", pos);
        if (pos2 == std::string_view::npos)
            break;
        const size_t length = match(text, pos2);
        if (length == 0) {
            pos = pos2 + 1;
            continue;
        }
        keep(text.substr(last, pos2 - last));
        keep(text.substr(pos2, length));
        last = pos2 + length + 3;
        pos = last;
    }
    keep(text.substr(last));
    return pieces;
}

std::vector<std::string_view> splitBySpace(std::string_view text)
{
    std::vector<std::string_view> parts;
    size_t start = 0;
    while (true) {
        const size_t space = text.find(' ', start);
        parts.push_back(text.substr(start, space == std::string_view::npos ? std::string_view::npos
                                                                           : space - start));
        if (space == std::string_view::npos)
            break;
        start = space + 1;
    }
    return parts;
}

Json toParts(std::string_view source)
{
    Json parts = Json::array();
    for (const std::string_view piece : splitPieces(source, mediaOrSectionAt)) {
        if (startsWith(piece, kMediaPrefix)) {
            const auto fields = splitBySpace(piece);
            Json media = Json::object();
            if (fields.size() > 1) // a marker without a URL leaves it undefined
                media["url"] = std::string(fields[1]);
            if (fields.size() > 2 && !fields[2].empty())
                media["contentType"] = std::string(fields[2]);
            Json part = Json::object();
            part["media"] = std::move(media);
            parts.push_back(std::move(part));
        } else if (startsWith(piece, kSectionPrefix)) {
            const auto fields = splitBySpace(piece);
            Json metadata = Json::object();
            if (fields.size() > 1)
                metadata["purpose"] = std::string(fields[1]);
            metadata["pending"] = true;
            Json part = Json::object();
            part["metadata"] = std::move(metadata);
            parts.push_back(std::move(part));
        } else {
            Json part = Json::object();
            part["text"] = std::string(piece);
            parts.push_back(std::move(part));
        }
    }
    return parts;
}

struct Source {
    std::string role;
    std::string source;
    bool fromHistory = false;
    Json message; // history messages pass through whole
};

bool hasHistoryPurpose(const Json &message)
{
    const auto metadata = message.find("metadata");
    if (metadata == message.end() || !metadata->is_object())
        return false;
    const auto purpose = metadata->find("purpose");
    return purpose != metadata->end() && *purpose == "history";
}

} // namespace

Json toMessages(std::string_view rendered, const Json &history)
{
    std::vector<Source> sources;
    sources.push_back({"user", {}, false, {}});
    size_t current = 0;
    for (const std::string_view piece : splitPieces(rendered, roleOrHistoryAt)) {
        if (startsWith(piece, kRolePrefix)) {
            // As the reference: any piece that starts like a role marker is one, and the role
            // is the rest of the piece (`{{role "Model"}}x` makes the role "Model>>>x").
            const std::string role(piece.substr(kRolePrefix.size()));
            if (!js::trim(sources[current].source).empty()) {
                sources.push_back({role, {}, false, {}});
                current = sources.size() - 1;
            } else {
                sources[current].role = role;
            }
        } else if (startsWith(piece, kHistoryPrefix)) {
            if (history.is_array()) {
                for (const Json &message : history) {
                    // messageSourcesToMessages() rebuilds each as {role, content, metadata}
                    // and drops those without content.
                    if (!message.is_object())
                        continue;
                    const auto content = message.find("content");
                    if (content == message.end() || !js::isTruthy(&*content))
                        continue;
                    Json copy = Json::object();
                    if (message.contains("role"))
                        copy["role"] = message["role"];
                    copy["content"] = *content;
                    // {...m.metadata, purpose: "history"}
                    const auto it = message.find("metadata");
                    Json metadata = it != message.end() ? js::spread(*it) : Json::object();
                    metadata["purpose"] = "history";
                    copy["metadata"] = std::move(metadata);
                    sources.push_back({{}, {}, true, std::move(copy)});
                }
            }
            sources.push_back({"model", {}, false, {}});
            current = sources.size() - 1;
        } else {
            sources[current].source += piece;
        }
    }

    Json messages = Json::array();
    for (Source &source : sources) {
        if (source.fromHistory) {
            messages.push_back(std::move(source.message));
            continue;
        }
        if (source.source.empty())
            continue;
        Json message = Json::object();
        message["role"] = source.role;
        message["content"] = toParts(source.source);
        messages.push_back(std::move(message));
    }

    // insertHistory()
    if (!history.is_array())
        return messages;
    for (const Json &message : messages) {
        if (hasHistoryPurpose(message))
            return messages;
    }
    if (messages.empty())
        return history;
    if (messages.back().is_object() && messages.back().value("role", Json()) == "user") {
        Json last = messages.back();
        messages.erase(messages.end() - 1);
        for (const Json &message : history)
            messages.push_back(message);
        messages.push_back(std::move(last));
        return messages;
    }
    for (const Json &message : history)
        messages.push_back(message);
    return messages;
}

} // namespace psm::core::messages
