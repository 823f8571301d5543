// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// The assertion engine against promptfoo's own verdicts: every case in data/assertions.yaml was
// run through promptfoo 0.121's runAssertions() by generate_expected.js; here each must give
// the same test pass, score, per-assertion pass/score, named metrics, or the same error.
// Then the pure model-graded pieces and value rendering.
#include "core/eval/assertions.h"
#include "core/eval/jsonextract.h"
#include "core/eval/modelgraded.h"
#include "core/prompt/frontmatter.h"

#include <QFile>
#include <QTest>

using namespace psm::core;
using namespace psm::core::eval;

namespace {

QByteArray readData(const char *name)
{
    QFile file(QStringLiteral(PSM_SOURCE_DIR "/tests/core/eval/data/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", name);
    return file.readAll();
}

const Json &cases()
{
    static const Json all = [] {
        Json parsed;
        frontmatter::YamlError error;
        if (!frontmatter::parseYaml(readData("assertions.yaml").toStdString(), &parsed, &error))
            qFatal("assertions.yaml: %s", error.message.c_str());
        return parsed;
    }();
    return all;
}

const Json &expectations()
{
    static const Json all = Json::parse(readData("assertions.expected.json").toStdString());
    return all;
}

// The spec an eval file's `assert:` entry becomes (the loader does the same with positions).
AssertionSpec specFrom(const Json &entry)
{
    AssertionSpec spec;
    QString type = QString::fromStdString(entry.at("type").get<std::string>());
    if (type.startsWith(u"not-")) {
        spec.inverse = true;
        type = type.mid(4);
    }
    spec.type = type;
    if (entry.contains("value"))
        spec.value = entry.at("value");
    if (entry.contains("threshold"))
        spec.threshold = entry.at("threshold").get<double>();
    if (entry.contains("weight"))
        spec.weight = entry.at("weight").get<double>();
    if (entry.contains("metric"))
        spec.metric = QString::fromStdString(entry.at("metric").get<std::string>());
    return spec;
}

AssertionSpec rubricSpec(bool inverse = false, std::optional<double> threshold = {})
{
    AssertionSpec spec;
    spec.type = QStringLiteral("llm-rubric");
    spec.inverse = inverse;
    spec.threshold = threshold;
    return spec;
}

} // namespace

Q_DECLARE_METATYPE(psm::core::eval::AssertionState)

class TestAssertions : public QObject {
    Q_OBJECT

private slots:
    void matchesPromptfoo_data()
    {
        QTest::addColumn<QString>("name");
        QVERIFY(cases().is_array());
        QCOMPARE(cases().size(), expectations().size());
        for (const Json &c : cases()) {
            const std::string name = c.at("name").get<std::string>();
            QTest::newRow(name.c_str()) << QString::fromStdString(name);
        }
    }

    void matchesPromptfoo()
    {
        QFETCH(QString, name);
        const Json *found = nullptr;
        for (const Json &c : cases()) {
            if (c.at("name") == name.toStdString())
                found = &c;
        }
        QVERIFY(found);
        const Json &c = *found;
        const Json &expected = expectations().at(name.toStdString());

        QList<AssertionSpec> specs;
        for (const Json &entry : c.at("assert"))
            specs.append(specFrom(entry));
        Observation observation;
        observation.output = QString::fromStdString(c.at("output").get<std::string>());
        if (c.contains("latencyMs"))
            observation.latencyMs = c.at("latencyMs").get<double>();
        if (c.contains("cost"))
            observation.costUsd = c.at("cost").get<double>();
        if (c.contains("vars"))
            observation.vars = c.at("vars");
        std::optional<double> threshold;
        if (c.contains("threshold"))
            threshold = c.at("threshold").get<double>();

        const TestVerdict verdict = evaluateTest(specs, observation, threshold);
        if (expected.contains("error")) {
            // promptfoo throws: the test is an error, never a pass.
            QVERIFY2(verdict.error, qPrintable(verdict.reason));
            QVERIFY(!verdict.pass);
            return;
        }
        QVERIFY2(!verdict.error, qPrintable(verdict.reason));
        QCOMPARE(verdict.pass, expected.at("pass").get<bool>());
        QCOMPARE(verdict.score, expected.at("score").get<double>());
        const Json &components = expected.at("assertions");
        QCOMPARE(verdict.assertions.size(), qsizetype(components.size()));
        for (size_t i = 0; i < components.size(); ++i) {
            const AssertionResult &result = verdict.assertions.at(qsizetype(i));
            QVERIFY2(result.pass() == components[i].at("pass").get<bool>(),
                qPrintable(QStringLiteral("assertion %1: %2").arg(i).arg(result.reason)));
            QCOMPARE(result.score, components[i].at("score").get<double>());
        }
        const Json &named = expected.at("namedScores");
        QCOMPARE(verdict.namedScores.size(), qsizetype(named.size()));
        for (auto it = named.begin(); it != named.end(); ++it)
            QCOMPARE(verdict.namedScores.value(QString::fromStdString(it.key())),
                it.value().get<double>());
    }

    void failureReasonsNameTheProblem_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("output");
        QTest::addColumn<QString>("reason");
        QTest::newRow("contains") << "contains"
                                  << "x"
                                  << "abc"
                                  << "Expected output to contain \"x\"";
        QTest::newRow("not-contains") << "not-contains"
                                      << "a"
                                      << "abc"
                                      << "Expected output to not contain \"a\"";
        QTest::newRow("pcre flag") << "regex"
                                   << "(?i)a"
                                   << "a"
                                   << "Invalid regex pattern: Invalid regular expression: "
                                      "/(?i)a/: \"(?i)\" is not JavaScript syntax";
    }

    void failureReasonsNameTheProblem()
    {
        QFETCH(QString, type);
        QFETCH(QString, value);
        QFETCH(QString, output);
        QFETCH(QString, reason);
        const AssertionSpec spec
            = specFrom(Json { { "type", type.toStdString() }, { "value", value.toStdString() } });
        const AssertionResult result = evaluateAssertion(spec, { output, {}, {}, Json::object() });
        QCOMPARE(result.state, AssertionState::Failed);
        QCOMPARE(result.reason, reason);
    }

    void modelGradedAssertionsWaitForTheGrader()
    {
        AssertionSpec contains = specFrom(Json { { "type", "contains" }, { "value", "a" } });
        const QList<AssertionSpec> specs { contains, rubricSpec() };
        TestVerdict verdict = evaluateTest(specs, { QStringLiteral("abc"), {}, {}, {} }, {});
        QVERIFY(verdict.pendingGrader);
        QVERIFY(!verdict.pass);
        QCOMPARE(verdict.assertions.at(1).state, AssertionState::NeedsGrader);

        // The runner replaces the pending result with the parsed grader answer and rescores.
        QList<AssertionResult> results = verdict.assertions;
        results[1] = parseRubricAnswer(
            specs.at(1), QStringLiteral(R"({"reason": "polite", "pass": true, "score": 0.9})"));
        verdict = scoreTest(specs, results, {});
        QVERIFY(!verdict.pendingGrader);
        QVERIFY(verdict.pass);
        QCOMPARE(verdict.score, (1.0 + 0.9) / 2);
    }

    void rubricAnswers_data()
    {
        QTest::addColumn<QString>("answer");
        QTest::addColumn<bool>("inverse");
        QTest::addColumn<double>("threshold"); // < 0: none
        QTest::addColumn<AssertionState>("state");
        QTest::addColumn<double>("score");
        QTest::addColumn<QString>("reason");
        const double none = -1;
        QTest::newRow("pass") << R"({"reason": "ok", "pass": true, "score": 1})" << false << none
                              << AssertionState::Passed << 1.0 << "ok";
        QTest::newRow("in prose") << "Sure. {\"pass\": false, \"score\": 0.2, \"reason\": \"rude\"}"
                                  << false << none << AssertionState::Failed << 0.2 << "rude";
        QTest::newRow("pass defaults to true")
            << R"({"reason": "fine"})" << false << none << AssertionState::Passed << 1.0 << "fine";
        QTest::newRow("pass as yes") << R"({"pass": "yes", "score": "0.7"})" << false << none
                                     << AssertionState::Passed << 0.7 << "Grading passed";
        QTest::newRow("below threshold") << R"({"pass": true, "score": 0.4, "reason": "meh"})"
                                         << false << 0.5 << AssertionState::Failed << 0.4 << "meh";
        QTest::newRow("not-llm-rubric") << R"({"pass": true, "score": 0.8, "reason": "r"})" << true
                                        << none << AssertionState::Failed << 1.0 - 0.8 << "r";
        QTest::newRow("no json") << "I think it passes" << false << none << AssertionState::Failed
                                 << 0.0 << "Could not extract JSON from llm-rubric response";
    }

    void rubricAnswers()
    {
        QFETCH(QString, answer);
        QFETCH(bool, inverse);
        QFETCH(double, threshold);
        QFETCH(AssertionState, state);
        QFETCH(double, score);
        QFETCH(QString, reason);
        const AssertionResult result = parseRubricAnswer(
            rubricSpec(inverse, threshold < 0 ? std::nullopt : std::optional<double>(threshold)),
            answer);
        QCOMPARE(result.state, state);
        QCOMPARE(result.score, score);
        QCOMPARE(result.reason, reason);
    }

    void factualityAnswers()
    {
        AssertionSpec spec;
        spec.type = QStringLiteral("factuality");
        QVERIFY(parseFactualityAnswer(spec, QStringLiteral(R"({"category": "b", "reason": "x"})"))
                    .pass());
        const AssertionResult disagree
            = parseFactualityAnswer(spec, QStringLiteral(R"({"category": "D", "reason": "no"})"));
        QCOMPARE(disagree.state, AssertionState::Failed);
        QCOMPARE(disagree.reason, QStringLiteral("no"));
        QCOMPARE(parseFactualityAnswer(spec, QStringLiteral(R"({"category": "F"})")).reason,
            QStringLiteral("Invalid category value: F"));
    }

    void graderPromptsAreVisibleText()
    {
        const auto rubric = rubricPrompt(QStringLiteral("is polite"), QStringLiteral("Hi there"));
        QCOMPARE(rubric.size(), 2);
        QCOMPARE(rubric.at(0).role, QStringLiteral("system"));
        QVERIFY(rubric.at(0).content.startsWith(
            QStringLiteral("You are grading output according to a user-specified rubric.")));
        QCOMPARE(rubric.at(1).content,
            QStringLiteral("<Output>\nHi there\n</Output>\n<Rubric>\nis polite\n</Rubric>"));
        const auto facts
            = factualityPrompt(QStringLiteral("Q?"), QStringLiteral("A."), QStringLiteral("B."));
        QVERIFY(
            facts.at(1).content.contains(QStringLiteral("<expert_answer>\nA.\n</expert_answer>")));
        QVERIFY(facts.at(1).content.contains(
            QStringLiteral("<submitted_answer>\nB.\n</submitted_answer>")));
    }

    void renderValueSubstitutesVars()
    {
        const Json vars = { { "name", "Ada" }, { "n", 3 }, { "user", { { "city", "Oslo" } } } };
        QCOMPARE(renderValue(QStringLiteral("{{name}} x{{ n }} {{user.city}}|{{nope}}|"), vars),
            QStringLiteral("Ada x3 Oslo||"));
        QCOMPARE(renderValue(QStringLiteral("no braces"), vars), QStringLiteral("no braces"));
    }

    void commaSeparatedValues()
    {
        QString error;
        QCOMPARE(*parseCommaSeparatedValues(QStringLiteral(" a ,, \"b, c\" ,\"d\"\"e\""), &error),
            QStringList({ QStringLiteral("a"), QStringLiteral("b, c"), QStringLiteral("d\"e") }));
        QVERIFY(!parseCommaSeparatedValues(QStringLiteral("\"a\" b"), &error));
        QCOMPARE(
            error, QStringLiteral("Expected comma after quoted field in contains assertion value"));
    }
};

QTEST_GUILESS_MAIN(TestAssertions)
#include "tst_assertions.moc"
