// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "providers/sseparser.h"

namespace psm::providers {

void SseParser::feed(QByteArrayView bytes, std::vector<Event> &out)
{
    m_lines.feed(bytes, [&](QByteArrayView l) { line(l, out); });
}

void SseParser::finish(std::vector<Event> &out)
{
    m_lines.finish([&](QByteArrayView l) { line(l, out); });
    dispatch(out);
}

void SseParser::line(QByteArrayView line, std::vector<Event> &out)
{
    // The spec strips one U+FEFF at the very start of the stream.
    if (m_firstLine) {
        m_firstLine = false;
        if (line.startsWith("\xEF\xBB\xBF"))
            line = line.sliced(3);
    }
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

namespace {

// Blank lines (keep-alives, CRLF leftovers) are not records.
auto appendNonBlank(std::vector<QByteArray> &out)
{
    return [&out](QByteArrayView line) {
        QByteArray trimmed = line.trimmed().toByteArray();
        if (!trimmed.isEmpty())
            out.push_back(std::move(trimmed));
    };
}

} // namespace

void NdjsonSplitter::feed(QByteArrayView bytes, std::vector<QByteArray> &out)
{
    m_lines.feed(bytes, appendNonBlank(out));
}

void NdjsonSplitter::finish(std::vector<QByteArray> &out)
{
    m_lines.finish(appendNonBlank(out));
}

} // namespace psm::providers
