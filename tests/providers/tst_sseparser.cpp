// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// SSE and NDJSON framing, with the input split at every possible byte, and the work done on a
// long line fed in small chunks (linear, not a rescan of the kept bytes per chunk).
#include "providers/sseparser.h"

#include <QTest>

using psm::providers::NdjsonSplitter;
using psm::providers::SseParser;

class TstSseParser final : public QObject {
    Q_OBJECT

    static QStringList describe(const std::vector<SseParser::Event> &events)
    {
        QStringList out;
        for (const auto &e : events)
            out.append(QString::fromUtf8(e.event + '|' + e.data));
        return out;
    }

    static QStringList frame(const QByteArray &input, qsizetype split)
    {
        SseParser parser;
        std::vector<SseParser::Event> events;
        parser.feed(QByteArrayView(input).first(split), events);
        parser.feed(QByteArrayView(input).sliced(split), events);
        parser.finish(events);
        return describe(events);
    }

private slots:
    void events_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("lf") << QByteArray("data: a\n\ndata: b\n\n")
                            << QStringList { QStringLiteral("|a"), QStringLiteral("|b") };
        QTest::newRow("crlf") << QByteArray("data: a\r\n\r\ndata: b\r\n\r\n")
                              << QStringList { QStringLiteral("|a"), QStringLiteral("|b") };
        QTest::newRow("cr") << QByteArray("data: a\r\rdata: b\r\r")
                            << QStringList { QStringLiteral("|a"), QStringLiteral("|b") };
        QTest::newRow("named") << QByteArray("event: ping\ndata: {}\n\n")
                               << QStringList { QStringLiteral("ping|{}") };
        QTest::newRow("multiline")
            << QByteArray("data: a\ndata: b\n\n") << QStringList { QStringLiteral("|a\nb") };
        QTest::newRow("comment") << QByteArray(": keep-alive\n\ndata: x\n\n")
                                 << QStringList { QStringLiteral("|x") };
        QTest::newRow("no-space") << QByteArray("data:x\n\n")
                                  << QStringList { QStringLiteral("|x") };
        QTest::newRow("unterminated")
            << QByteArray("data: last") << QStringList { QStringLiteral("|last") };
        QTest::newRow("event-without-data") << QByteArray("event: x\n\n") << QStringList {};
        QTest::newRow("utf8") << QByteArray("data: caf\xc3\xa9\n\n")
                              << QStringList { QStringLiteral("|caf\u00e9") };
        // LF then CR is two line ends (the CR ends an empty line), not one.
        QTest::newRow("lf-cr") << QByteArray("data: a\n\rdata: b\n\n")
                               << QStringList { QStringLiteral("|a"), QStringLiteral("|b") };
        QTest::newRow("mixed") << QByteArray("data: a\r\ndata: b\rdata: c\n\r\n")
                               << QStringList { QStringLiteral("|a\nb\nc") };
        QTest::newRow("cr-at-end")
            << QByteArray("data: a\r") << QStringList { QStringLiteral("|a") };
        QTest::newRow("bom") << QByteArray("\xEF\xBB\xBF"
                                           "data: a\n\n")
                             << QStringList { QStringLiteral("|a") };
    }
    void events()
    {
        QFETCH(QByteArray, input);
        QFETCH(QStringList, expected);
        for (qsizetype split = 0; split <= input.size(); ++split)
            QCOMPARE(frame(input, split), expected);
    }
    // Every byte its own chunk: each line end is split from its line and each CRLF in two.
    void eventsByteByByte_data() { events_data(); }
    void eventsByteByByte()
    {
        QFETCH(QByteArray, input);
        QFETCH(QStringList, expected);
        SseParser parser;
        std::vector<SseParser::Event> events;
        for (qsizetype i = 0; i < input.size(); ++i)
            parser.feed(QByteArrayView(input).sliced(i, 1), events);
        parser.finish(events);
        QCOMPARE(describe(events), expected);
        QCOMPARE(parser.scannedBytes(), input.size());
    }

    // A 2 MB line in 7-byte chunks: the old parser rescanned its whole buffer on each chunk,
    // about 2 MB * 2 MB / 14 = 3e11 byte looks; a linear one looks at each byte once.
    void longLineIsScannedOnce()
    {
        const QByteArray payload(2'000'000, 'x');
        const QByteArray input = "data: " + payload + "\r\n\r\n";
        SseParser parser;
        std::vector<SseParser::Event> events;
        for (qsizetype at = 0; at < input.size(); at += 7)
            parser.feed(QByteArrayView(input).sliced(at, std::min<qsizetype>(7, input.size() - at)),
                events);
        QCOMPARE(parser.scannedBytes(), input.size());
        QCOMPARE(events.size(), size_t(1));
        QCOMPARE(events[0].data.size(), payload.size());
        QVERIFY(events[0].data == payload);

        NdjsonSplitter splitter;
        std::vector<QByteArray> lines;
        const QByteArray json = "{\"a\":\"" + payload + "\"}\n";
        for (qsizetype at = 0; at < json.size(); at += 7)
            splitter.feed(
                QByteArrayView(json).sliced(at, std::min<qsizetype>(7, json.size() - at)), lines);
        QCOMPARE(splitter.scannedBytes(), json.size());
        QCOMPARE(lines.size(), size_t(1));
        QCOMPARE(lines[0].size(), json.size() - 1);
    }

    void ndjson_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<int>("lines");
        QTest::newRow("two") << QByteArray("{\"a\":1}\n{\"b\":2}\n") << 2;
        QTest::newRow("crlf-blank") << QByteArray("{\"a\":1}\r\n\r\n{\"b\":2}") << 2;
        QTest::newRow("empty") << QByteArray("\n\n") << 0;
    }
    void ndjson()
    {
        QFETCH(QByteArray, input);
        QFETCH(int, lines);
        for (qsizetype split = 0; split <= input.size(); ++split) {
            NdjsonSplitter splitter;
            std::vector<QByteArray> out;
            splitter.feed(QByteArrayView(input).first(split), out);
            splitter.feed(QByteArrayView(input).sliced(split), out);
            splitter.finish(out);
            QCOMPARE(int(out.size()), lines);
            for (const QByteArray &line : out)
                QVERIFY(line.startsWith('{') && line.endsWith('}'));
        }
    }
};

QTEST_GUILESS_MAIN(TstSseParser)
#include "tst_sseparser.moc"
