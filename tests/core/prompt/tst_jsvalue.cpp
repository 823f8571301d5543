// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// JavaScript value semantics the renderer relies on: Number#toString, String(x),
// JSON.stringify, truthiness, trim. Expected strings are what node prints.
#include "core/prompt/jsvalue.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace psm::core;
using Json = nlohmann::ordered_json;

class TestJsValue : public QObject {
    Q_OBJECT

private slots:
    void numberToString_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("zero") << 0.0 << "0";
        QTest::newRow("negative zero") << -0.0 << "0";
        QTest::newRow("one") << 1.0 << "1";
        QTest::newRow("0.1") << 0.1 << "0.1";
        QTest::newRow("0.1+0.2") << (0.1 + 0.2) << "0.30000000000000004";
        QTest::newRow("1/3") << (1.0 / 3.0) << "0.3333333333333333";
        QTest::newRow("-1.5") << -1.5 << "-1.5";
        QTest::newRow("123.456") << 123.456 << "123.456";
        QTest::newRow("4.35") << 4.35 << "4.35";
        QTest::newRow("1e20") << 1e20 << "100000000000000000000";
        QTest::newRow("1e21") << 1e21 << "1e+21";
        QTest::newRow("-1e21") << -1e21 << "-1e+21";
        QTest::newRow("1.5e300") << 1.5e300 << "1.5e+300";
        QTest::newRow("max") << std::numeric_limits<double>::max() << "1.7976931348623157e+308";
        QTest::newRow("2^53") << 9007199254740992.0 << "9007199254740992";
        QTest::newRow("2^53+1 rounds") << 9007199254740993.0 << "9007199254740992";
        QTest::newRow("big int") << 123456789012345678901.0 << "123456789012345680000";
        QTest::newRow("1e-6") << 1e-6 << "0.000001";
        QTest::newRow("1.2e-6") << 1.2e-6 << "0.0000012";
        QTest::newRow("1e-7") << 1e-7 << "1e-7";
        QTest::newRow("1.5e-7") << 1.5e-7 << "1.5e-7";
        QTest::newRow("0.000123") << 0.000123 << "0.000123";
        QTest::newRow("denormal") << 5e-324 << "5e-324";
        QTest::newRow("NaN") << std::nan("") << "NaN";
        QTest::newRow("Infinity") << std::numeric_limits<double>::infinity() << "Infinity";
        QTest::newRow("-Infinity") << -std::numeric_limits<double>::infinity() << "-Infinity";
    }

    void numberToString()
    {
        QFETCH(double, value);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(js::numberToString(value)), expected);
    }

    void toString_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QString>("display");
        QTest::newRow("true") << QByteArray("true") << "true" << "true";
        QTest::newRow("false") << QByteArray("false") << "false" << "false";
        QTest::newRow("null") << QByteArray("null") << "null" << "";
        QTest::newRow("int") << QByteArray("42") << "42" << "42";
        QTest::newRow("float int") << QByteArray("3.0") << "3" << "3";
        QTest::newRow("string") << QByteArray("\"héllo\"") << "héllo" << "héllo";
        QTest::newRow("array") << QByteArray("[1,\"a\",true,null,[2,[3]]]") << "1,a,true,,2,3"
                               << "1,a,true,,2,3";
        QTest::newRow("empty array") << QByteArray("[]") << "" << "";
        QTest::newRow("object") << QByteArray("{\"a\":1}") << "[object Object]" << "[object Object]";
        QTest::newRow("array of objects") << QByteArray("[{},{}]") << "[object Object],[object Object]"
                                          << "[object Object],[object Object]";
    }

    void toString()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        QFETCH(QString, display);
        const Json value = Json::parse(json.toStdString());
        QCOMPARE(QString::fromStdString(js::toString(&value)), expected);
        QCOMPARE(QString::fromStdString(js::toDisplay(&value)), display);
    }

    void undefinedValues()
    {
        QCOMPARE(QString::fromStdString(js::toString(nullptr)), QStringLiteral("undefined"));
        QCOMPARE(QString::fromStdString(js::toDisplay(nullptr)), QString());
        QCOMPARE(QString::fromStdString(js::stringify(nullptr)), QStringLiteral("undefined"));
        QVERIFY(!js::isTruthy(nullptr));
        QVERIFY(js::isEmpty(nullptr));
    }

    void stringify_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("indent");
        QTest::addColumn<QString>("expected");
        QTest::newRow("compact") << QByteArray("{\"b\":1,\"a\":[1,{\"c\":null}]}") << ""
                                 << R"({"b":1,"a":[1,{"c":null}]})";
        QTest::newRow("integer keys first") << QByteArray(R"({"b":1,"10":2,"2":3,"01":4,"-1":5})") << ""
                                            << R"({"2":3,"10":2,"b":1,"01":4,"-1":5})";
        QTest::newRow("indent 2") << QByteArray(R"({"a":[1,2],"e":{},"f":[]})") << "  "
                                  << "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"e\": {},\n  \"f\": []\n}";
        QTest::newRow("numbers") << QByteArray("[1e21,0.1,-0.0,1e-7]") << ""
                                 << "[1e+21,0.1,0,1e-7]";
        QTest::newRow("escapes") << QByteArray(R"("q\"b\\t\tn\nc\u0001d\u007f")") << ""
                                 << "\"q\\\"b\\\\t\\tn\\nc\\u0001d\x7f\"";
        QTest::newRow("unicode kept") << QByteArray("\"日本 👍\"") << "" << "\"日本 👍\"";
    }

    void stringify()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, indent);
        QFETCH(QString, expected);
        const Json value = Json::parse(json.toStdString());
        QCOMPARE(QString::fromStdString(js::stringify(&value, indent.toStdString())), expected);
    }

    void stringifyNonFinite()
    {
        const Json value = Json::array({std::numeric_limits<double>::infinity(), std::nan("")});
        QCOMPARE(QString::fromStdString(js::stringify(&value)), QStringLiteral("[null,null]"));
    }

    void truthiness_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<bool>("truthy");
        QTest::addColumn<bool>("empty");
        QTest::newRow("0") << QByteArray("0") << false << false;
        QTest::newRow("0.0") << QByteArray("0.0") << false << false;
        QTest::newRow("1") << QByteArray("1") << true << false;
        QTest::newRow("-1") << QByteArray("-1") << true << false;
        QTest::newRow("empty string") << QByteArray("\"\"") << false << true;
        QTest::newRow("space") << QByteArray("\" \"") << true << false;
        QTest::newRow("empty array") << QByteArray("[]") << true << true;
        QTest::newRow("array") << QByteArray("[0]") << true << false;
        QTest::newRow("empty object") << QByteArray("{}") << true << false;
        QTest::newRow("null") << QByteArray("null") << false << true;
        QTest::newRow("false") << QByteArray("false") << false << true;
    }

    void truthiness()
    {
        QFETCH(QByteArray, json);
        QFETCH(bool, truthy);
        QFETCH(bool, empty);
        const Json value = Json::parse(json.toStdString());
        QCOMPARE(js::isTruthy(&value), truthy);
        QCOMPARE(js::isEmpty(&value), empty);
    }

    void strictEquality()
    {
        const Json a = Json::parse(R"({"k":1})");
        const Json b = a;
        const Json five = 5;
        const Json fiveFloat = 5.0;
        const Json fiveString = "5";
        QVERIFY(js::strictEquals(&a, &a));
        QVERIFY(!js::strictEquals(&a, &b)); // distinct objects, as === in JS
        QVERIFY(js::strictEquals(&five, &fiveFloat));
        QVERIFY(!js::strictEquals(&five, &fiveString));
        QVERIFY(js::strictEquals(nullptr, nullptr));
        QVERIFY(!js::strictEquals(nullptr, &five));
    }

    // Expected values are what node prints for `a == b`.
    void looseEquality_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::addColumn<bool>("equal");
        QTest::newRow("[] == 0") << "[]" << "0" << true;
        QTest::newRow("[] == false") << "[]" << "false" << true;
        QTest::newRow("[] == ''") << "[]" << "\"\"" << true;
        QTest::newRow("[] == null") << "[]" << "null" << false;
        QTest::newRow("[1,2] == '1,2'") << "[1,2]" << "\"1,2\"" << true;
        QTest::newRow("{} == '[object Object]'") << "{}" << "\"[object Object]\"" << true;
        QTest::newRow("'1' == 1") << "\"1\"" << "1" << true;
        QTest::newRow("' 12 ' == 12") << "\" 12 \"" << "12" << true;
        QTest::newRow("'0x1F' == 31") << "\"0x1F\"" << "31" << true;
        QTest::newRow("'abc' == 0") << "\"abc\"" << "0" << false;
        QTest::newRow("true == 1") << "true" << "1" << true;
        QTest::newRow("true == '1'") << "true" << "\"1\"" << true;
        QTest::newRow("false == ''") << "false" << "\"\"" << true;
        QTest::newRow("null == 0") << "null" << "0" << false;
        QTest::newRow("'a' == 'a'") << "\"a\"" << "\"a\"" << true;
    }

    void looseEquality()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QFETCH(bool, equal);
        const Json left = Json::parse(a.toStdString());
        const Json right = Json::parse(b.toStdString());
        QCOMPARE(js::looseEquals(&left, &right), equal);
        QCOMPARE(js::looseEquals(&right, &left), equal);
    }

    void looseEqualityOfUndefined()
    {
        const Json null;
        const Json zero = 0;
        QVERIFY(js::looseEquals(nullptr, &null));
        QVERIFY(js::looseEquals(nullptr, nullptr));
        QVERIFY(!js::looseEquals(nullptr, &zero));
        const Json object = Json::object();
        const Json copy = object;
        QVERIFY(js::looseEquals(&object, &object));
        QVERIFY(!js::looseEquals(&object, &copy)); // two objects: identity
    }

    void trim()
    {
        // JS trim() removes Unicode white space such as NBSP, U+2028 and the BOM.
        const std::string text = "\xC2\xA0 \t\n\xE2\x80\xA8x y\xEF\xBB\xBF\r\n";
        QCOMPARE(QString::fromStdString(std::string(js::trim(text))), QStringLiteral("x y"));
        QCOMPARE(QString::fromStdString(std::string(js::trim("   "))), QString());
        QVERIFY(js::isSpace(0x3000));
        QVERIFY(!js::isSpace(0x200B)); // zero-width space is not white space in JS
    }
};

QTEST_GUILESS_MAIN(TestJsValue)
#include "tst_jsvalue.moc"
