// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// SSE and NDJSON framing, with the input split at every possible byte.
#include "providers/sseparser.h"

#include <QTest>

using psm::providers::NdjsonSplitter;
using psm::providers::SseParser;

class TstSseParser final : public QObject {
    Q_OBJECT

    static QStringList frame(const QByteArray &input, qsizetype split)
    {
        SseParser parser;
        std::vector<SseParser::Event> events;
        parser.feed(QByteArrayView(input).first(split), events);
        parser.feed(QByteArrayView(input).sliced(split), events);
        parser.finish(events);
        QStringList out;
        for (const auto &e : events)
            out.append(QString::fromUtf8(e.event + '|' + e.data));
        return out;
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
    }
    void events()
    {
        QFETCH(QByteArray, input);
        QFETCH(QStringList, expected);
        for (qsizetype split = 0; split <= input.size(); ++split)
            QCOMPARE(frame(input, split), expected);
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
