// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Front matter splitting (Dotprompt's regex, emulated) and YAML typing by the 1.2 core schema.
#include "core/prompt/frontmatter.h"
#include "core/prompt/promptfile.h"

#include <QTest>

#include <cmath>

using namespace psm::core;
using Json = nlohmann::ordered_json;

class TestFrontMatter : public QObject {
    Q_OBJECT

private slots:
    void split_data()
    {
        QTest::addColumn<QByteArray>("source");
        QTest::addColumn<bool>("matched");
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("basic") << QByteArray("---\na: 1\n---\nbody") << true << QByteArray("a: 1")
                               << QByteArray("body");
        QTest::newRow("crlf") << QByteArray("---\r\na: 1\r\n---\r\nbody") << true
                              << QByteArray("a: 1") << QByteArray("body");
        QTest::newRow("cr only") << QByteArray("---\ra: 1\r---\rbody") << true << QByteArray("a: 1")
                                 << QByteArray("body");
        QTest::newRow("spaces after fences") << QByteArray("---  \na: 1\n---   \nbody") << true
                                             << QByteArray("a: 1") << QByteArray("body");
        QTest::newRow("no body") << QByteArray("---\na: 1\n---\n") << true << QByteArray("a: 1")
                                 << QByteArray("");
        QTest::newRow("closing fence needs a newline") << QByteArray("---\na: 1\n---") << false
                                                       << QByteArray() << QByteArray();
        QTest::newRow("first closing fence wins") << QByteArray("---\na: 1\n---\nb\n---\nc") << true
                                                  << QByteArray("a: 1") << QByteArray("b\n---\nc");
        QTest::newRow("license header") << QByteArray("# Copyright\n# SPDX: x\n\n---\na: 1\n---\nbody")
                                        << true << QByteArray("a: 1") << QByteArray("body");
        QTest::newRow("indented comment is not a header")
            << QByteArray("  # no\n---\na: 1\n---\nbody") << false << QByteArray() << QByteArray();
        QTest::newRow("text before") << QByteArray("hi\n---\na: 1\n---\nbody") << false
                                     << QByteArray() << QByteArray();
        QTest::newRow("empty yaml") << QByteArray("---\n\n---\nbody") << true << QByteArray("")
                                    << QByteArray("body");
        QTest::newRow("blank lines after closing fence") << QByteArray("---\na: 1\n---\n\n\nbody")
                                                         << true << QByteArray("a: 1")
                                                         << QByteArray("body");
    }

    void split()
    {
        QFETCH(QByteArray, source);
        QFETCH(bool, matched);
        QFETCH(QByteArray, yaml);
        QFETCH(QByteArray, body);
        const std::string text = source.toStdString();
        const frontmatter::Split result = frontmatter::split(text);
        QCOMPARE(result.matched, matched);
        if (!matched)
            return;
        QCOMPARE(QByteArray::fromStdString(std::string(result.yaml)), yaml);
        QCOMPARE(QByteArray::fromStdString(std::string(result.body)), body);
    }

    void scalars_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("int") << QByteArray("5") << QByteArray("5");
        QTest::newRow("signed int") << QByteArray("+12") << QByteArray("12");
        QTest::newRow("negative") << QByteArray("-7") << QByteArray("-7");
        QTest::newRow("leading zero is decimal") << QByteArray("017") << QByteArray("17");
        QTest::newRow("hex") << QByteArray("0x1F") << QByteArray("31");
        QTest::newRow("octal") << QByteArray("0o17") << QByteArray("15");
        QTest::newRow("float") << QByteArray("2.5") << QByteArray("2.5");
        QTest::newRow("exp") << QByteArray("1e3") << QByteArray("1000.0");
        QTest::newRow("leading dot") << QByteArray(".5") << QByteArray("0.5");
        QTest::newRow("double quoted") << QByteArray("\"5\"") << QByteArray("\"5\"");
        QTest::newRow("single quoted") << QByteArray("'true'") << QByteArray("\"true\"");
        QTest::newRow("tagged str") << QByteArray("!!str 5") << QByteArray("\"5\"");
        QTest::newRow("true") << QByteArray("true") << QByteArray("true");
        QTest::newRow("True") << QByteArray("True") << QByteArray("true");
        QTest::newRow("FALSE") << QByteArray("FALSE") << QByteArray("false");
        QTest::newRow("yes is a string in 1.2") << QByteArray("yes") << QByteArray("\"yes\"");
        QTest::newRow("on is a string in 1.2") << QByteArray("on") << QByteArray("\"on\"");
        QTest::newRow("null") << QByteArray("null") << QByteArray("null");
        QTest::newRow("tilde") << QByteArray("~") << QByteArray("null");
        QTest::newRow("empty") << QByteArray("") << QByteArray("null");
        QTest::newRow("underscore number is a string") << QByteArray("1_000") << QByteArray("\"1_000\"");
        QTest::newRow("binary is a string") << QByteArray("0b101") << QByteArray("\"0b101\"");
        QTest::newRow("date is a string") << QByteArray("2024-01-01") << QByteArray("\"2024-01-01\"");
        QTest::newRow("version-like") << QByteArray("1.2.3") << QByteArray("\"1.2.3\"");
        QTest::newRow("block scalar") << QByteArray("|\n  a\n  b\n") << QByteArray("\"a\\nb\\n\"");
        QTest::newRow("folded") << QByteArray(">-\n  a\n  b\n") << QByteArray("\"a b\"");
        QTest::newRow("map order kept") << QByteArray("z: 1\na: 2\nm: 3")
                                        << QByteArray("{\"z\":1,\"a\":2,\"m\":3}");
        QTest::newRow("flow") << QByteArray("[1, \"2\", three, {k: v}]")
                              << QByteArray("[1,\"2\",\"three\",{\"k\":\"v\"}]");
        QTest::newRow("numeric keys are strings") << QByteArray("1: a\ntrue: b")
                                                  << QByteArray("{\"1\":\"a\",\"true\":\"b\"}");
        QTest::newRow("anchors") << QByteArray("a: &x {k: 1}\nb: *x")
                                 << QByteArray("{\"a\":{\"k\":1},\"b\":{\"k\":1}}");
    }

    void scalars()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QByteArray, json);
        Json value;
        frontmatter::YamlError error;
        QVERIFY2(frontmatter::parseYaml(yaml.toStdString(), &value, &error), error.message.c_str());
        QCOMPARE(QByteArray::fromStdString(value.dump()), json);
        // Numbers keep their kind: 1e3 is a float, 5 an integer.
        if (json == "5")
            QVERIFY(value.is_number_integer());
    }

    void specialFloats()
    {
        Json value;
        frontmatter::YamlError error;
        QVERIFY(frontmatter::parseYaml("[.inf, -.Inf, .NaN, +.INF]", &value, &error));
        QVERIFY(std::isinf(value[0].get<double>()) && value[0].get<double>() > 0);
        QVERIFY(std::isinf(value[1].get<double>()) && value[1].get<double>() < 0);
        QVERIFY(std::isnan(value[2].get<double>()));
        QVERIFY(std::isinf(value[3].get<double>()));
    }

    void yamlErrors_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("message");
        QTest::newRow("duplicate key") << QByteArray("a: 1\nb: 2\na: 3") << 3 << "duplicate key 'a'";
        QTest::newRow("unclosed flow") << QByteArray("a: [1, 2\nb: 3") << 0 << "";
        QTest::newRow("bad indentation") << QByteArray("a:\n  b: 1\n c: 2") << 0 << "";
        QTest::newRow("deep flow nesting") << QByteArray(500, '[') << 0 << "nested too deeply";
    }

    void yamlErrors()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(int, line);
        QFETCH(QString, message);
        Json value;
        frontmatter::YamlError error;
        QVERIFY(!frontmatter::parseYaml(yaml.toStdString(), &value, &error));
        QVERIFY(!error.message.empty());
        if (line > 0)
            QCOMPARE(error.line, line);
        if (!message.isEmpty())
            QVERIFY2(QString::fromStdString(error.message).contains(message), error.message.c_str());
    }

    void promptFileMetadata()
    {
        const auto prompt = parsePrompt("---\nmodel: m\nconfig:\n  temperature: 0.5\n"
                                        "promptsmith.tags: [a]\nmy.ns.key: v\ncustom: c\n"
                                        "input:\n  default: {x: 1}\n---\n\n  Hello {{x}}\n\n",
                                        QStringLiteral("p.prompt"));
        QVERIFY(prompt);
        QVERIFY(prompt->hasFrontMatter);
        QCOMPARE(prompt->templateText, std::string("Hello {{x}}"));
        QCOMPARE(prompt->templateLine, 12);
        QCOMPARE(prompt->templateColumn, 3);
        const Json &meta = prompt->metadata;
        std::vector<std::string> keys;
        for (auto it = meta.begin(); it != meta.end(); ++it)
            keys.push_back(it.key());
        QCOMPARE(keys, (std::vector<std::string>{"ext", "metadata", "config", "model", "input", "raw"}));
        QCOMPARE(meta["ext"].dump(), std::string(R"({"promptsmith":{"tags":["a"]},"my.ns":{"key":"v"}})"));
        QVERIFY(meta["raw"]["custom"] == Json("c"));
        QVERIFY(!meta.contains("custom"));
    }

    void promptFileErrors()
    {
        const auto bad = parsePrompt("---\nmodel: m\nconfig: {a: [1\n---\nx", QStringLiteral("bad.prompt"));
        QVERIFY(!bad);
        QCOMPARE(bad.error().file, QStringLiteral("bad.prompt"));
        QVERIFY(bad.error().line >= 3);
        QVERIFY(bad.error().message.contains(QStringLiteral("invalid YAML")));
        const auto list = parsePrompt("---\n- a\n- b\n---\nx", QStringLiteral("list.prompt"));
        QVERIFY(!list);
        QCOMPARE(list.error().line, 2);
        QVERIFY(list.error().message.contains(QStringLiteral("mapping")));
    }

    void noFrontMatterKeepsTemplateVerbatim()
    {
        const auto prompt = parsePrompt("\n  Hello\n", QStringLiteral("p"));
        QVERIFY(prompt);
        QVERIFY(!prompt->hasFrontMatter);
        QCOMPARE(prompt->templateText, std::string("\n  Hello\n"));
        QCOMPARE(prompt->metadata.dump(), std::string(R"({"ext":{},"metadata":{},"config":{}})"));
    }
};

QTEST_GUILESS_MAIN(TestFrontMatter)
#include "tst_frontmatter.moc"
