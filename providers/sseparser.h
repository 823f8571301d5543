// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <vector>

namespace psm::providers {

// Server-Sent Events framing (WHATWG): bytes in any split, events out. Handles LF, CRLF and CR
// line ends, multi-line data, comments and a missing final blank line (via finish()).
class SseParser final {
public:
    struct Event {
        QByteArray event; // empty means "message"
        QByteArray data;
    };

    void feed(QByteArrayView bytes, std::vector<Event> &out);
    void finish(std::vector<Event> &out);

private:
    void line(QByteArrayView line, std::vector<Event> &out);
    void dispatch(std::vector<Event> &out);

    QByteArray m_buffer;
    Event m_current;
    bool m_hasData = false;
    bool m_pendingCr = false;
};

// Newline-delimited JSON framing (Ollama): complete lines out, a trailing partial line kept.
class NdjsonSplitter final {
public:
    void feed(QByteArrayView bytes, std::vector<QByteArray> &out);
    void finish(std::vector<QByteArray> &out);

private:
    QByteArray m_buffer;
};

} // namespace psm::providers
