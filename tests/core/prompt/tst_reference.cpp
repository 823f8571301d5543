// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Differential test against the reference Dotprompt: renders each case of data/cases.yaml and
// compares the JSON byte for byte with data/cases.expected.json, which generate_expected.js
// produced by running the npm `dotprompt` package on the same cases.
#include "core/prompt/frontmatter.h"
#include "core/prompt/jsvalue.h"
#include "core/prompt/promptengine.h"

#include <QFile>
#include <QTest>

using namespace psm::core;
using Json = nlohmann::ordered_json;

namespace {

Json loadYaml(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    Json value;
    frontmatter::YamlError error;
    if (!frontmatter::parseYaml(file.readAll().toStdString(), &value, &error))
        return {};
    return value;
}

Json loadJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = file.readAll();
    return Json::parse(bytes.constData(), bytes.constData() + bytes.size(), nullptr, false);
}

} // namespace

class TestReference : public QObject {
    Q_OBJECT

private slots:
    void render_data()
    {
        QTest::addColumn<int>("index");
        m_cases = loadYaml(QStringLiteral(PSM_SOURCE_DIR "/tests/core/prompt/data/cases.yaml"));
        m_expected = loadJson(QStringLiteral(PSM_SOURCE_DIR "/tests/core/prompt/data/cases.expected.json"));
        QVERIFY(m_cases.is_array() && m_cases.size() > 50);
        QVERIFY(m_expected.is_object() && m_expected.contains("cases"));
        for (size_t i = 0; i < m_cases.size(); ++i)
            QTest::newRow(m_cases[i]["name"].get<std::string>().c_str()) << int(i);
    }

    void render()
    {
        QFETCH(int, index);
        const Json &c = m_cases[size_t(index)];
        const std::string name = c["name"].get<std::string>();
        QVERIFY2(m_expected["cases"].contains(name),
                 "no expected output: rerun generate_expected.js");
        const Json &expected = m_expected["cases"][name];

        PromptEngine engine;
        const Json partials = c.value("partials", Json::object());
        for (const auto &[key, source] : partials.items())
            engine.definePartial(key, source.get<std::string>());
        const Json schemas = c.value("schemas", Json::object());
        for (const auto &[key, schema] : schemas.items())
            engine.defineSchema(key, schema);

        const Json data = c.value("data", Json::object());
        RenderInput input;
        input.input = data.value("input", Json::object());
        input.context = data.value("context", Json::object());
        input.messages = data.value("messages", Json());
        input.options = c.value("options", Json::object());

        const auto prompt = parsePrompt(c.value("template", std::string()), QStringLiteral("case"));
        std::optional<Result<RenderedPrompt>> rendered;
        if (prompt)
            rendered = engine.render(*prompt, input);
        const bool ok = prompt && rendered && rendered->has_value();

        if (expected.contains("error")) {
            QVERIFY2(!ok, qPrintable(QStringLiteral("the reference fails (%1) but we rendered %2")
                                         .arg(QString::fromStdString(expected["error"].get<std::string>()),
                                              ok ? QString::fromStdString(js::stringify(&(*rendered)->json))
                                                 : QString())));
            return;
        }
        QVERIFY2(ok, qPrintable(!prompt ? prompt.error().toString()
                                        : (*rendered).error().toString()));
        const std::string ours = js::stringify(&(*rendered)->json);
        const std::string theirs = expected["json"].get<std::string>();
        QCOMPARE(QString::fromStdString(ours), QString::fromStdString(theirs));
    }

private:
    Json m_cases;
    Json m_expected;
};

QTEST_GUILESS_MAIN(TestReference)
#include "tst_reference.moc"
