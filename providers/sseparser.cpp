// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "providers/sseparser.h"

namespace psm::providers {

void SseParser::feed(QByteArrayView bytes, std::vector<Event> &out)
{
    m_buffer.append(bytes.data(), bytes.size());
    qsizetype start = 0;
    for (qsizetype i = 0; i < m_buffer.size(); ++i) {
        const char c = m_buffer.at(i);
        if (c == '\n' && m_pendingCr) {
            // The LF of a CRLF whose CR already ended the line.
            m_pendingCr = false;
            start = i + 1;
            continue;
        }
        m_pendingCr = false;
        if (c == '\n' || c == '\r') {
            line(QByteArrayView(m_buffer).sliced(start, i - start), out);
            m_pendingCr = (c == '\r');
            start = i + 1;
        }
    }
    m_buffer.remove(0, start);
}

void SseParser::finish(std::vector<Event> &out)
{
    if (!m_buffer.isEmpty()) {
        line(m_buffer, out);
        m_buffer.clear();
    }
    dispatch(out);
}

void SseParser::line(QByteArrayView line, std::vector<Event> &out)
{
    if (line.isEmpty()) {
        dispatch(out);
        return;
    }
    if (line.front() == ':')
        return;
    const qsizetype colon = line.indexOf(':');
    QByteArrayView field = colon < 0 ? line : line.first(colon);
    QByteArrayView value = colon < 0 ? QByteArrayView() : line.sliced(colon + 1);
    if (value.startsWith(' '))
        value = value.sliced(1);
    if (field == "data") {
        if (m_hasData)
            m_current.data.append('\n');
        m_current.data.append(value.data(), value.size());
        m_hasData = true;
    } else if (field == "event") {
        m_current.event = value.toByteArray();
    }
}

void SseParser::dispatch(std::vector<Event> &out)
{
    if (m_hasData)
        out.push_back(std::move(m_current));
    m_current = Event {};
    m_hasData = false;
}

void NdjsonSplitter::feed(QByteArrayView bytes, std::vector<QByteArray> &out)
{
    m_buffer.append(bytes.data(), bytes.size());
    qsizetype start = 0;
    for (qsizetype nl = m_buffer.indexOf('\n'); nl >= 0; nl = m_buffer.indexOf('\n', start)) {
        QByteArray line = m_buffer.mid(start, nl - start).trimmed();
        if (!line.isEmpty())
            out.push_back(std::move(line));
        start = nl + 1;
    }
    m_buffer.remove(0, start);
}

void NdjsonSplitter::finish(std::vector<QByteArray> &out)
{
    QByteArray line = m_buffer.trimmed();
    if (!line.isEmpty())
        out.push_back(std::move(line));
    m_buffer.clear();
}

} // namespace psm::providers
