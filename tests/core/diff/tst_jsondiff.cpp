// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/diff/jsondiff.h"

#include <QTest>

using namespace psm::core;

namespace {

// "added /a 1", "removed /a 1", "changed /a 1 -> 2", "type /a \"1\" -> 1": one line per change.
QStringList describe(const QList<JsonChange> &changes)
{
    QStringList lines;
    for (const JsonChange &change : changes) {
        const QString oldDump = QString::fromStdString(change.oldValue.dump());
        const QString newDump = QString::fromStdString(change.newValue.dump());
        switch (change.kind) {
        case JsonChangeKind::Added:
            lines.append(QStringLiteral("added %1 %2").arg(change.path, newDump));
            break;
        case JsonChangeKind::Removed:
            lines.append(QStringLiteral("removed %1 %2").arg(change.path, oldDump));
            break;
        case JsonChangeKind::Changed:
            lines.append(QStringLiteral("changed %1 %2 -> %3").arg(change.path, oldDump, newDump));
            break;
        case JsonChangeKind::TypeChanged:
            lines.append(QStringLiteral("type %1 %2 -> %3").arg(change.path, oldDump, newDump));
            break;
        }
    }
    return lines;
}

} // namespace

class TestJsonDiff final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parseOutput_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected"); // compact dump, or empty when it is not JSON
        QTest::newRow("object") << QStringLiteral(" {\"a\": [1, 2]}\n")
                                << QStringLiteral("{\"a\":[1,2]}");
        QTest::newRow("array") << QStringLiteral("[true, null]") << QStringLiteral("[true,null]");
        QTest::newRow("json fence")
            << QStringLiteral("```json\n{\"a\": 1}\n```\n") << QStringLiteral("{\"a\":1}");
        QTest::newRow("bare fence, CRLF")
            << QStringLiteral("```\r\n[1]\r\n```") << QStringLiteral("[1]");
        QTest::newRow("other language fence") << QStringLiteral("```python\n[1]\n```") << QString();
        QTest::newRow("prose around fence")
            << QStringLiteral("Here:\n```json\n{}\n```") << QString();
        QTest::newRow("unterminated fence") << QStringLiteral("```json\n{}\n") << QString();
        QTest::newRow("scalar") << QStringLiteral("42") << QString();
        QTest::newRow("string") << QStringLiteral("\"yes\"") << QString();
        QTest::newRow("prose") << QStringLiteral("The answer is {a: 1}") << QString();
        QTest::newRow("truncated") << QStringLiteral("{\"a\": [1, 2") << QString();
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("empty fence") << QStringLiteral("```json\n```") << QString();
        QTest::newRow("256 levels")
            << QString(256, u'[') + QString(256, u']') << QString(256, u'[') + QString(256, u']');
        QTest::newRow("257 levels") << QString(257, u'[') + QString(257, u']') << QString();
        QTest::newRow("brackets in strings do not nest")
            << QStringLiteral("[\"") + QString(300, u'[') + QStringLiteral("\\\"\"]")
            << QStringLiteral("[\"") + QString(300, u'[') + QStringLiteral("\\\"\"]");
        QTest::newRow("unicode") << QStringLiteral("{\"city\": \"Köln\"}")
                                 << QStringLiteral("{\"city\":\"Köln\"}");
    }
    void parseOutput()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const auto value = parseJsonOutput(text);
        QCOMPARE(value.has_value(), !expected.isEmpty());
        if (value)
            QCOMPARE(QString::fromStdString(value->dump()), expected);
    }

    void diff_data()
    {
        QTest::addColumn<QString>("oldText");
        QTest::addColumn<QString>("newText");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("key order ignored")
            << QStringLiteral("{\"a\": 1, \"b\": {\"c\": 2, \"d\": 3}}")
            << QStringLiteral("{\"b\": {\"d\": 3, \"c\": 2}, \"a\": 1}") << QStringList();
        QTest::newRow("added key")
            << QStringLiteral("{\"a\": 1}") << QStringLiteral("{\"a\": 1, \"b\": [2]}")
            << QStringList { "added /b [2]" };
        QTest::newRow("removed key")
            << QStringLiteral("{\"a\": 1, \"b\": null}") << QStringLiteral("{\"a\": 1}")
            << QStringList { "removed /b null" };
        QTest::newRow("nested change") << QStringLiteral("{\"a\": {\"b\": {\"c\": \"x\"}}}")
                                       << QStringLiteral("{\"a\": {\"b\": {\"c\": \"y\"}}}")
                                       << QStringList { "changed /a/b/c \"x\" -> \"y\"" };
        QTest::newRow("type change") << QStringLiteral("{\"n\": \"1\", \"o\": {}}")
                                     << QStringLiteral("{\"n\": 1, \"o\": []}")
                                     << QStringList { "type /n \"1\" -> 1", "type /o {} -> []" };
        QTest::newRow("integer equals float")
            << QStringLiteral("{\"n\": 1}") << QStringLiteral("{\"n\": 1.0}") << QStringList();
        QTest::newRow("number value")
            << QStringLiteral("{\"n\": 1}") << QStringLiteral("{\"n\": 1.5}")
            << QStringList { "changed /n 1 -> 1.5" };
        QTest::newRow("boolean") << QStringLiteral("{\"ok\": true}")
                                 << QStringLiteral("{\"ok\": false}")
                                 << QStringList { "changed /ok true -> false" };
        QTest::newRow("pointer escaping")
            << QStringLiteral("{\"a/b\": 1, \"m~n\": 1, \"\": 1}")
            << QStringLiteral("{\"a/b\": 2, \"m~n\": 2, \"\": 2}")
            << QStringList { "changed / 1 -> 2", "changed /a~1b 1 -> 2", "changed /m~0n 1 -> 2" };
        QTest::newRow("array insert at front")
            << QStringLiteral("[1, 2, 3]") << QStringLiteral("[0, 1, 2, 3]")
            << QStringList { "added /0 0" };
        QTest::newRow("array remove in middle")
            << QStringLiteral("{\"l\": [1, 2, 3]}") << QStringLiteral("{\"l\": [1, 3]}")
            << QStringList { "removed /l/1 2" };
        QTest::newRow("array element changed in place")
            << QStringLiteral("[{\"id\": 1, \"v\": \"a\"}, {\"id\": 2}]")
            << QStringLiteral("[{\"id\": 1, \"v\": \"b\"}, {\"id\": 2}]")
            << QStringList { "changed /0/v \"a\" -> \"b\"" };
        QTest::newRow("array pairs then adds")
            << QStringLiteral("[\"a\", \"b\"]") << QStringLiteral("[\"x\", \"y\", \"z\"]")
            << QStringList { "changed /0 \"a\" -> \"x\"", "changed /1 \"b\" -> \"y\"",
                   "added /2 \"z\"" };
        // The element removed from the front is at old index 0; the changed one is at new index 1.
        QTest::newRow("array mixed indices")
            << QStringLiteral("[\"gone\", \"keep\", {\"k\": 1}]")
            << QStringLiteral("[\"keep\", {\"k\": 2}]")
            << QStringList { "removed /0 \"gone\"", "changed /1/k 1 -> 2" };
        QTest::newRow("root type")
            << QStringLiteral("{}") << QStringLiteral("[]") << QStringList { "type  {} -> []" };
        QTest::newRow("fenced against plain")
            << QStringLiteral("```json\n{\"answer\": \"yes\", \"score\": 3}\n```")
            << QStringLiteral("{\"score\": 4, \"answer\": \"yes\"}")
            << QStringList { "changed /score 3 -> 4" };
    }
    void diff()
    {
        QFETCH(QString, oldText);
        QFETCH(QString, newText);
        QFETCH(QStringList, expected);
        const auto changes = diffJsonOutputs(oldText, newText);
        QVERIFY(changes.has_value());
        QCOMPARE(describe(*changes), expected);
    }

    void notJsonFallsBackToText()
    {
        QVERIFY(!diffJsonOutputs(QStringLiteral("{\"a\": 1}"), QStringLiteral("a is 1")));
        QVERIFY(!diffJsonOutputs(QStringLiteral("plain"), QStringLiteral("[1]")));
    }

    // Swapping the arguments swaps additions and removals: the diff has no bias to one side.
    void symmetric()
    {
        const auto forward = diffJsonOutputs(QStringLiteral("{\"a\": [1, 2], \"b\": 1}"),
            QStringLiteral("{\"a\": [2, 3], \"c\": 1}"));
        const auto backward = diffJsonOutputs(QStringLiteral("{\"a\": [2, 3], \"c\": 1}"),
            QStringLiteral("{\"a\": [1, 2], \"b\": 1}"));
        QVERIFY(forward && backward);
        QCOMPARE(describe(*forward),
            (QStringList { "removed /a/0 1", "added /a/1 3", "removed /b 1", "added /c 1" }));
        QCOMPARE(describe(*backward),
            (QStringList { "added /a/0 1", "removed /a/1 3", "added /b 1", "removed /c 1" }));
    }
};

QTEST_GUILESS_MAIN(TestJsonDiff)
#include "tst_jsondiff.moc"
