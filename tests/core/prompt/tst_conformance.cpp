// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Runs the Dotprompt conformance suite (../shared/conformance/dotprompt-spec) with the runner
// semantics of its README, case by case, and prints "conformance: N passed, M failed".
// Skips only when ../shared is absent (a plain clone); with ../shared present, a missing or
// short suite fails.
#include "core/prompt/frontmatter.h"
#include "core/prompt/promptengine.h"
#include "tests/support/shareddata.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTest>

#include <cstdio>

using namespace psm::core;
using Json = nlohmann::ordered_json;

namespace {

// The suite as the README counts it (117 of 117): fewer means files went missing.
constexpr int kExpectedCases = 117;

QString specDir()
{
    return psm::testsupport::sharedDir() + QStringLiteral("/conformance/dotprompt-spec");
}

// Order-insensitive comparison with numbers by value (3 == 3.0), as the suite asks.
nlohmann::json plain(const Json &value)
{
    return nlohmann::json::parse(value.dump(-1, ' ', false, Json::error_handler_t::replace));
}

Json normalized(Json value, std::initializer_list<const char *> drop)
{
    if (!value.is_object())
        value = Json::object();
    for (const char *key : drop)
        value.erase(key);
    for (const char *key : {"ext", "config", "metadata"}) {
        if (!value.contains(key))
            value[key] = Json::object();
    }
    return value;
}

struct Case {
    Json suite;
    Json test;
    QString name;
};

} // namespace

class TestConformance : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (!psm::testsupport::sharedDirPresent())
            QSKIP("../shared is not beside this checkout (a plain clone), so neither is the "
                  "Dotprompt conformance suite");
        QVERIFY2(QDir(specDir()).exists(),
                 qPrintable(QStringLiteral("../shared is present but the Dotprompt conformance "
                                           "suite is not: %1")
                                .arg(specDir())));
        QStringList files;
        QDirIterator it(specDir(), {QStringLiteral("*.yaml")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            files << it.next();
        files.sort();
        for (const QString &path : files) {
            QFile file(path);
            QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
            const QByteArray bytes = file.readAll();
            Json suites;
            frontmatter::YamlError error;
            QVERIFY2(frontmatter::parseYaml(bytes.toStdString(), &suites, &error),
                     qPrintable(path + QStringLiteral(": ") + QString::fromStdString(error.message)));
            const QString relative = QDir(specDir()).relativeFilePath(path);
            for (const Json &suite : suites) {
                for (const Json &test : suite.value("tests", Json::array())) {
                    const QString name = relative + QLatin1Char('/')
                        + QString::fromStdString(suite.value("name", std::string())) + QLatin1Char('/')
                        + QString::fromStdString(test.value("desc", std::string()));
                    m_cases.push_back({suite, test, name});
                }
            }
        }
    }

    void suiteIsComplete() { QCOMPARE(int(m_cases.size()), kExpectedCases); }

    void conformance_data()
    {
        QTest::addColumn<int>("index");
        for (size_t i = 0; i < m_cases.size(); ++i)
            QTest::newRow(qPrintable(m_cases[i].name)) << int(i);
    }

    void conformance()
    {
        QFETCH(int, index);
        const Case &c = m_cases.at(size_t(index));
        const Json &suite = c.suite;
        const Json &test = c.test;

        PromptEngine engine;
        const Json schemas = suite.value("schemas", Json::object());
        const Json tools = suite.value("tools", Json::object());
        const Json partials = suite.value("partials", Json::object());
        const Json testData = test.value("data", Json::object());
        for (const auto &[name, schema] : schemas.items())
            engine.defineSchema(name, schema);
        for (const auto &[name, tool] : tools.items()) {
            Json def = tool;
            if (!def.contains("name"))
                def["name"] = name;
            engine.defineTool(def);
        }
        for (const auto &[name, source] : partials.items())
            engine.definePartial(name, source.get<std::string>());
        const Json resolverPartials = suite.value("resolverPartials", Json::object());
        engine.setPartialResolver(
            [resolverPartials](const std::string &name) -> std::optional<PromptEngine::PartialSource> {
                if (!resolverPartials.contains(name))
                    return std::nullopt;
                return PromptEngine::PartialSource{resolverPartials[name].get<std::string>(), {}};
            });
        const Json resolverSchemas = suite.value("resolverSchemas", Json::object());
        engine.setSchemaResolver([resolverSchemas](const std::string &name) -> std::optional<Json> {
            if (!resolverSchemas.contains(name))
                return std::nullopt;
            return resolverSchemas[name];
        });

        Json data = suite.value("data", Json::object());
        for (const auto &[key, value] : testData.items())
            data[key] = value;
        const Json options = test.value("options", Json::object());
        const Json expect = test.value("expect", Json::object());

        const auto prompt = parsePrompt(suite.value("template", std::string()), QStringLiteral("template"));
        QVERIFY2(prompt.has_value(), qPrintable(prompt ? QString() : prompt.error().toString()));

        RenderInput input;
        input.input = data.value("input", Json::object());
        input.context = data.value("context", Json::object());
        input.messages = data.value("messages", Json());
        input.docs = data.value("docs", Json());
        input.options = options;
        const auto rendered = engine.render(*prompt, input);
        QVERIFY2(rendered.has_value(), qPrintable(rendered ? QString() : rendered.error().toString()));

        const Json actual = normalized(rendered->json, {"raw", "input"});
        const Json wanted = normalized(expect, {"raw", "input"});
        QVERIFY2(plain(actual) == plain(wanted),
                 qPrintable(QStringLiteral("render:\n  got    %1\n  wanted %2")
                                .arg(QString::fromStdString(actual.dump()),
                                     QString::fromStdString(wanted.dump()))));
        if (expect.contains("raw")) {
            QVERIFY2(plain(rendered->json.value("raw", Json())) == plain(expect["raw"]),
                     qPrintable(QString::fromStdString(rendered->json.value("raw", Json()).dump())));
        }

        const auto metadata = engine.renderMetadata(*prompt, options);
        QVERIFY2(metadata.has_value(), qPrintable(metadata ? QString() : metadata.error().toString()));
        const Json actualMeta = normalized(*metadata, {"raw", "messages"});
        const Json wantedMeta = normalized(expect, {"raw", "messages"});
        QVERIFY2(plain(actualMeta) == plain(wantedMeta),
                 qPrintable(QStringLiteral("renderMetadata:\n  got    %1\n  wanted %2")
                                .arg(QString::fromStdString(actualMeta.dump()),
                                     QString::fromStdString(wantedMeta.dump()))));
    }

    void cleanup()
    {
        if (QTest::currentTestFunction() != QByteArray("conformance"))
            return;
        if (QTest::currentTestFailed())
            ++m_failed;
        else
            ++m_passed;
    }

    void cleanupTestCase()
    {
        if (m_passed + m_failed == 0)
            return;
        std::printf("conformance: %d passed, %d failed\n", m_passed, m_failed);
        std::fflush(stdout);
    }

private:
    std::vector<Case> m_cases;
    int m_passed = 0;
    int m_failed = 0;
};

QTEST_GUILESS_MAIN(TestConformance)
#include "tst_conformance.moc"
