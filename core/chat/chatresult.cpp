// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/chat/chatresult.h"

#include "core/chat/streamevent.h"

namespace psm::core {

bool Usage::isEmpty() const
{
    return !inputTokens && !outputTokens && !cacheReadTokens && !cacheWriteTokens
        && !reasoningTokens;
}

void Usage::mergeFrom(const Usage &later)
{
    if (later.inputTokens)
        inputTokens = later.inputTokens;
    if (later.outputTokens)
        outputTokens = later.outputTokens;
    if (later.cacheReadTokens)
        cacheReadTokens = later.cacheReadTokens;
    if (later.cacheWriteTokens)
        cacheWriteTokens = later.cacheWriteTokens;
    if (later.reasoningTokens)
        reasoningTokens = later.reasoningTokens;
}

QString finishReasonName(FinishReason reason)
{
    switch (reason) {
    case FinishReason::Unknown:
        return QStringLiteral("unknown");
    case FinishReason::Stop:
        return QStringLiteral("stop");
    case FinishReason::Length:
        return QStringLiteral("length");
    case FinishReason::ToolCalls:
        return QStringLiteral("tool_calls");
    case FinishReason::ContentFilter:
        return QStringLiteral("content_filter");
    case FinishReason::Other:
        return QStringLiteral("other");
    }
    return {};
}

QString failureName(Failure failure)
{
    switch (failure) {
    case Failure::None:
        return QStringLiteral("none");
    case Failure::Auth:
        return QStringLiteral("auth");
    case Failure::BadRequest:
        return QStringLiteral("bad_request");
    case Failure::RateLimited:
        return QStringLiteral("rate_limited");
    case Failure::Server:
        return QStringLiteral("server");
    case Failure::Network:
        return QStringLiteral("network");
    case Failure::Timeout:
        return QStringLiteral("timeout");
    case Failure::StreamCut:
        return QStringLiteral("stream_cut");
    case Failure::Protocol:
        return QStringLiteral("protocol");
    case Failure::Cancelled:
        return QStringLiteral("cancelled");
    case Failure::Config:
        return QStringLiteral("config");
    }
    return {};
}

void ChatResult::apply(const StreamEvent &event)
{
    switch (event.kind) {
    case StreamEvent::Kind::TextDelta:
        text += event.text;
        break;
    case StreamEvent::Kind::ToolCallDelta: {
        if (event.toolIndex < 0)
            break;
        const auto index = static_cast<size_t>(event.toolIndex);
        if (toolCalls.size() <= index)
            toolCalls.resize(index + 1);
        ToolCall &call = toolCalls[index];
        if (!event.toolId.isEmpty())
            call.id = event.toolId;
        if (!event.toolName.isEmpty())
            call.name = event.toolName;
        call.arguments += event.text;
        break;
    }
    case StreamEvent::Kind::Usage:
        usage.mergeFrom(event.usage);
        break;
    case StreamEvent::Kind::Finish:
        finishReason = event.finishReason;
        rawFinishReason = event.rawFinishReason;
        if (finishReason == FinishReason::Stop && !toolCalls.empty())
            finishReason = FinishReason::ToolCalls;
        break;
    case StreamEvent::Kind::Error:
        if (!error) {
            error = event.error;
            failure = Failure::Protocol;
        }
        break;
    case StreamEvent::Kind::Malformed:
        malformedChunks.push_back(event.error);
        break;
    }
}

} // namespace psm::core
