// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <vector>

namespace psm::providers {

// Splits bytes arriving in any split into lines, keeping the unfinished last line between calls.
// Linear in the input: each byte is looked at once, however long a line grows over many chunks
// (rescanning the kept part on every chunk made a long line quadratic). Either the SSE line ends
// (LF, CRLF or a lone CR, a CRLF possibly split across chunks) or LF alone (NDJSON).
class LineSplitter final {
public:
    enum class Ends { CrLfOrEither, LfOnly };

    explicit LineSplitter(Ends ends)
        : m_ends(ends)
    {
    }

    // onLine(QByteArrayView) for each complete line, without its line end.
    template <typename OnLine> void feed(QByteArrayView bytes, OnLine &&onLine);
    // The unfinished last line, if any, as a line of its own.
    template <typename OnLine> void finish(OnLine &&onLine);

    // Bytes examined for line ends so far: equal to the bytes fed, which tests assert.
    qint64 scannedBytes() const { return m_scanned; }

private:
    Ends m_ends;
    QByteArray m_partial; // the current line's bytes from earlier chunks
    bool m_pendingCr = false; // the previous chunk ended in CR: a leading LF belongs to it
    qint64 m_scanned = 0;
};

// Server-Sent Events framing (WHATWG): bytes in any split, events out. Handles LF, CRLF and CR
// line ends, multi-line data, comments, a leading byte-order mark and a missing final blank line
// (via finish()).
class SseParser final {
public:
    struct Event {
        QByteArray event; // empty means "message"
        QByteArray data;
    };

    void feed(QByteArrayView bytes, std::vector<Event> &out);
    void finish(std::vector<Event> &out);
    qint64 scannedBytes() const { return m_lines.scannedBytes(); }

private:
    void line(QByteArrayView line, std::vector<Event> &out);
    void dispatch(std::vector<Event> &out);

    LineSplitter m_lines { LineSplitter::Ends::CrLfOrEither };
    Event m_current;
    bool m_hasData = false;
    bool m_firstLine = true;
};

// Newline-delimited JSON framing (Ollama): complete lines out, a trailing partial line kept.
class NdjsonSplitter final {
public:
    void feed(QByteArrayView bytes, std::vector<QByteArray> &out);
    void finish(std::vector<QByteArray> &out);
    qint64 scannedBytes() const { return m_lines.scannedBytes(); }

private:
    LineSplitter m_lines { LineSplitter::Ends::LfOnly };
};

template <typename OnLine> void LineSplitter::feed(QByteArrayView bytes, OnLine &&onLine)
{
    qsizetype start = 0;
    if (m_pendingCr && !bytes.isEmpty()) {
        m_pendingCr = false;
        if (bytes.front() == '\n') {
            start = 1;
            ++m_scanned;
        }
    }
    const bool crEnds = m_ends == Ends::CrLfOrEither;
    for (qsizetype i = start; i < bytes.size(); ++i) {
        ++m_scanned;
        const char c = bytes[i];
        if (c != '\n' && !(crEnds && c == '\r'))
            continue;
        const QByteArrayView piece = bytes.sliced(start, i - start);
        if (m_partial.isEmpty()) {
            onLine(piece);
        } else {
            m_partial.append(piece.data(), piece.size());
            onLine(QByteArrayView(m_partial));
            m_partial.clear();
        }
        if (c == '\r') {
            if (i + 1 == bytes.size())
                m_pendingCr = true; // the LF, if any, comes with the next chunk
            else if (bytes[i + 1] == '\n')
                ++i, ++m_scanned;
        }
        start = i + 1;
    }
    m_partial.append(bytes.data() + start, bytes.size() - start);
}

template <typename OnLine> void LineSplitter::finish(OnLine &&onLine)
{
    if (!m_partial.isEmpty())
        onLine(QByteArrayView(m_partial));
    m_partial.clear();
    m_pendingCr = false;
}

} // namespace psm::providers
