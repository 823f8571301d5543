// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "providers/echoprovider.h"

namespace psm::providers {
namespace {

QString messageText(const core::Message &message)
{
    QStringList pieces;
    for (const core::Part &part : message.parts) {
        switch (part.kind) {
        case core::Part::Kind::Text:
            pieces.append(part.text);
            break;
        case core::Part::Kind::Media:
            pieces.append(QStringLiteral("[media %1]")
                              .arg(part.url.startsWith(QLatin1String("data:")) ? part.contentType
                                                                               : part.url));
            break;
        case core::Part::Kind::ToolRequest:
        case core::Part::Kind::ToolResponse:
            pieces.append(QStringLiteral("[%1 %2]").arg(part.kind == core::Part::Kind::ToolRequest
                    ? QStringLiteral("tool request")
                    : QStringLiteral("tool response"),
                part.toolName));
            break;
        }
    }
    return pieces.join(QString());
}

} // namespace

QString EchoProvider::render(const core::ChatRequest &request)
{
    if (request.system.isEmpty() && request.messages.size() == 1
        && request.messages.front().role == core::Role::User)
        return messageText(request.messages.front());
    QStringList blocks;
    if (!request.system.isEmpty())
        blocks.append(QStringLiteral("system: ") + request.system);
    for (const core::Message &message : request.messages)
        blocks.append(core::roleName(message.role) + QStringLiteral(": ") + messageText(message));
    return blocks.join(QStringLiteral("\n\n"));
}

std::vector<core::StreamEvent> EchoProvider::answer(const core::ChatRequest &request) const
{
    core::Usage usage;
    usage.inputTokens = 0;
    usage.outputTokens = 0;
    return { core::StreamEvent::textDelta(render(request)), core::StreamEvent::usageEvent(usage),
        core::StreamEvent::finish(core::FinishReason::Stop, QStringLiteral("stop")) };
}

core::Result<HttpRequest> EchoProvider::buildRequest(
    const core::ChatRequest &, const ProviderSettings &, const QString &) const
{
    return core::fail(core::ErrorCode::Internal,
        QStringLiteral("the echo provider answers offline; it sends no request"));
}

core::Result<std::vector<core::StreamEvent>> EchoProvider::parseResponse(const QByteArray &) const
{
    return core::fail(core::ErrorCode::Internal,
        QStringLiteral("the echo provider answers offline; it parses no response"));
}

} // namespace psm::providers
