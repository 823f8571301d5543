// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/chat/chatresult.h"

#include <QByteArray>
#include <QString>

namespace psm::core {

// One step of a streamed answer, already translated from the provider's wire format.
// A non-streamed answer is delivered as the same events (one text delta, usage, finish), so a
// consumer has a single code path. `Malformed` is informational: the call goes on.
struct StreamEvent {
    enum class Kind {
        TextDelta, // text: the new characters
        ToolCallDelta, // toolIndex/toolId/toolName, text: a fragment of the JSON arguments
        Usage, // usage: counts reported so far (later values win)
        Finish, // finishReason/rawFinishReason
        Error, // error: the provider reported a failure inside the stream; the call fails
        Malformed, // error + raw: a chunk we could not parse; skipped
    };
    Kind kind = Kind::TextDelta;
    QString text;
    int toolIndex = 0;
    QString toolId;
    QString toolName;
    Usage usage;
    FinishReason finishReason = FinishReason::Unknown;
    QString rawFinishReason;
    Error error;
    QByteArray raw;

    static StreamEvent textDelta(QString text)
    {
        StreamEvent e;
        e.text = std::move(text);
        return e;
    }
    static StreamEvent usageEvent(Usage usage)
    {
        StreamEvent e;
        e.kind = Kind::Usage;
        e.usage = usage;
        return e;
    }
    static StreamEvent finish(FinishReason reason, QString raw)
    {
        StreamEvent e;
        e.kind = Kind::Finish;
        e.finishReason = reason;
        e.rawFinishReason = std::move(raw);
        return e;
    }
    static StreamEvent toolCallDelta(int index, QString id, QString name, QString arguments)
    {
        StreamEvent e;
        e.kind = Kind::ToolCallDelta;
        e.toolIndex = index;
        e.toolId = std::move(id);
        e.toolName = std::move(name);
        e.text = std::move(arguments);
        return e;
    }
    static StreamEvent failure(Error error, QByteArray raw = {})
    {
        StreamEvent e;
        e.kind = Kind::Error;
        e.error = std::move(error);
        e.raw = std::move(raw);
        return e;
    }
    static StreamEvent malformed(QString why, QByteArray raw)
    {
        StreamEvent e;
        e.kind = Kind::Malformed;
        e.error = Error { ErrorCode::Provider, std::move(why), QString::fromUtf8(raw), {}, 0, 0 };
        e.raw = std::move(raw);
        return e;
    }
};

} // namespace psm::core
