// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Picoschema to JSON Schema beyond the conformance suite: nesting, optional arrays and objects,
// wildcards, named types, pass-through of JSON Schema, and errors that name the field.
#include "core/prompt/frontmatter.h"
#include "core/prompt/picoschema.h"

#include <QTest>

using namespace psm::core;
using Json = nlohmann::ordered_json;

namespace {

Json yaml(const char *text)
{
    Json value;
    frontmatter::YamlError error;
    frontmatter::parseYaml(text, &value, &error);
    return value;
}

} // namespace

class TestPicoschema : public QObject {
    Q_OBJECT

private slots:
    void expand_data()
    {
        QTest::addColumn<QByteArray>("pico");
        QTest::addColumn<QByteArray>("schema");
        QTest::newRow("scalar") << QByteArray("integer, how many")
                                << QByteArray(R"({"type":"integer","description":"how many"})");
        QTest::newRow("any") << QByteArray("a: any") << QByteArray(
            R"({"type":"object","properties":{"a":{}},"required":["a"],"additionalProperties":false})");
        QTest::newRow("optional array of objects")
            << QByteArray("items?(array, the list):\n  id: integer\n  note?: string")
            << QByteArray(R"({"type":"object","properties":{"items":{"type":["array","null"],"items":{"type":"object","properties":{"id":{"type":"integer"},"note":{"type":["string","null"]}},"required":["id"],"additionalProperties":false},"description":"the list"}},"additionalProperties":false})");
        QTest::newRow("nested object")
            << QByteArray("user(object):\n  name: string\n  tags(array): string")
            << QByteArray(R"({"type":"object","properties":{"user":{"type":"object","properties":{"name":{"type":"string"},"tags":{"type":"array","items":{"type":"string"}}},"required":["name","tags"],"additionalProperties":false}},"required":["user"],"additionalProperties":false})");
        QTest::newRow("enum required") << QByteArray("level(enum): [low, high]")
                                       << QByteArray(R"({"type":"object","properties":{"level":{"enum":["low","high"]}},"required":["level"],"additionalProperties":false})");
        QTest::newRow("wildcard") << QByteArray("(*): string")
                                  << QByteArray(R"({"type":"object","properties":{},"additionalProperties":{"type":"string"}})");
        QTest::newRow("json schema passes") << QByteArray("type: array\nitems: {type: string}")
                                            << QByteArray(R"({"type":"array","items":{"type":"string"}})");
        QTest::newRow("named type") << QByteArray("who: Person, the author")
                                    << QByteArray(R"({"type":"object","properties":{"who":{"type":"object","properties":{"name":{"type":"string"}},"description":"the author"}},"required":["who"],"additionalProperties":false})");
    }

    void expand()
    {
        QFETCH(QByteArray, pico);
        QFETCH(QByteArray, schema);
        const Picoschema parser([](const std::string &name) -> std::optional<Json> {
            if (name == "Person")
                return Json::parse(R"({"type":"object","properties":{"name":{"type":"string"}}})");
            return std::nullopt;
        });
        Json out;
        std::string error;
        QVERIFY2(parser.parse(yaml(pico.constData()), &out, &error), error.c_str());
        QCOMPARE(QByteArray::fromStdString(out.dump()), schema);
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("pico");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown scalar") << QByteArray("a: strng") << "unsupported scalar type 'strng'";
        QTest::newRow("bad parenthetical") << QByteArray("outer(object):\n  f(map): string")
                                           << "got 'map' at 'outer(object).f(map)'";
        QTest::newRow("number value") << QByteArray("a: 5") << "only of objects and strings, got 5 at 'a'";
        QTest::newRow("optional enum not a list") << QByteArray("e?(enum): x") << "needs a list";
    }

    void errors()
    {
        QFETCH(QByteArray, pico);
        QFETCH(QString, message);
        const Picoschema parser;
        Json out;
        std::string error;
        QVERIFY(!parser.parse(yaml(pico.constData()), &out, &error));
        QVERIFY2(QString::fromStdString(error).contains(message), error.c_str());
    }

    void missingNamedSchema()
    {
        const Picoschema parser([](const std::string &) { return std::optional<Json>(); });
        Json out;
        std::string error;
        QVERIFY(!parser.parse(Json("Missing"), &out, &error));
        QVERIFY2(error.find("could not find schema with name 'Missing'") != std::string::npos,
                 error.c_str());
    }

    void nullIsNull()
    {
        const Picoschema parser;
        Json out = 1;
        std::string error;
        QVERIFY(parser.parse(Json(), &out, &error));
        QVERIFY(out.is_null());
    }
};

QTEST_GUILESS_MAIN(TestPicoschema)
#include "tst_picoschema.moc"
