// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// `promptsmith eval` as a user and a git hook run it: the built binary in a QProcess, the
// local test server answering "You said: <prompt>", a real ledger file and git workspace.
#include "core/ledger/ledger.h"
#include "runfixture.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

using namespace psm;
using Json = nlohmann::ordered_json;

namespace {

// Three tests whose verdicts depend on the prompt's wording: HEAD says "Hello", the
// candidate says "Goodbye". #1 regresses, #2 improves, #3 passes on both sides.
const QByteArray kGreetEval = "description: greetings\n"
                              "prompts: [prompts/greet.prompt]\n"
                              "providers: [openai/m1]\n"
                              "tests:\n"
                              "  - description: says hello\n"
                              "    vars: {name: Ann}\n"
                              "    assert: [{type: icontains, value: hello}]\n"
                              "  - description: says goodbye\n"
                              "    vars: {name: Bob}\n"
                              "    assert: [{type: contains, value: Goodbye}]\n"
                              "  - description: names the person\n"
                              "    vars: {name: Cy}\n"
                              "    assert: [{type: contains, value: '{{name}}'}, "
                              "{type: not-is-json}]\n";

QByteArray greetPrompt(const QByteArray &word)
{
    return "---\ninput:\n  schema:\n    name: string\n---\n" + word + " {{name}}\n";
}

} // namespace

class TestEvalCli final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void matrixWithBaselineListsRegressionsAndImprovements();
    void gateExitCodes();
    void repeatsThatDisagreeAreFlips();
    void secondRunIsServedFromTheCache();
    void junitParsesBack();
    void badEvalFileExitsTwoWithPosition();
    void providerFaultMarksCellsAndExitsThree();
    void rubricGraderCallIsTaggedGrading();
    void stagedRunsTheIndexTextAgainstHead();
    void stagedWithNothingStagedExitsZeroAtOnce();
    void stagedReadsTheIndexGitCommitsFrom();
    void dryRunEstimatesWithoutCalling();
    void budgetStopsTheEvalRun();
    void usersBudgetAppliesToEval();

private:
    struct Ran {
        int code = -1;
        QByteArray out;
        QByteArray err;
    };
    Ran eval(const QStringList &args) const;
    Json evalJson(const QStringList &args, int expectedCode) const;
    QList<core::CallRecord> rows() const;
    QByteArray providersYaml() const;
    QByteArray pricedYaml() const
    {
        return providersYaml() + "prices:\n  openai/m1: {input: 1.0, output: 2.0}\n";
    }
    double dryRunHighUsd();

    testsupport::TestServer m_server;
    QString m_home;
    std::unique_ptr<test::ScratchRepo> m_repo;
    std::unique_ptr<QTemporaryDir> m_dataDir;
    QString m_ledgerPath;
    QProcessEnvironment m_env;
};

QByteArray TestEvalCli::providersYaml() const
{
    const QByteArray base = m_server.baseUrl().toUtf8();
    const QByteArray common = ", max_retries: 0, connect_timeout_s: 2, first_byte_timeout_s: 5, "
                              "idle_timeout_s: 5, timeout_s: 20}\n";
    // `serial` sends one call at a time, in plan order, so a queued fault hits a known sample.
    return "providers:\n"
           "  openai: {type: openai, base_url: \""
        + base + "/v1\"" + common + "  anthropic: {type: anthropic, base_url: \"" + base + "\""
        + common + "  serial: {type: openai, base_url: \"" + base
        + "/v1\", api_key_env: OPENAI_API_KEY, max_concurrency: 1" + common;
}

void TestEvalCli::initTestCase()
{
    m_home = test::isolateGitConfig();
    QVERIFY(m_server.start());
}

void TestEvalCli::init()
{
    m_server.clearFaults();
    m_server.setOptions({});
    m_server.resetStats();
    m_repo = std::make_unique<test::ScratchRepo>();
    QVERIFY(m_repo->write(QStringLiteral("promptsmith.yaml"), providersYaml()));
    QVERIFY(m_repo->write(QStringLiteral("prompts/greet.prompt"), greetPrompt("Hello")));
    QVERIFY(m_repo->write(QStringLiteral("evals/greet.yaml"), kGreetEval));
    QVERIFY(!m_repo->commitAll(QStringLiteral("fixture")).isEmpty());
    m_dataDir = std::make_unique<QTemporaryDir>();
    m_ledgerPath = m_dataDir->filePath(QStringLiteral("ledger.sqlite3"));
    m_env = QProcessEnvironment::systemEnvironment();
    m_env.insert(QStringLiteral("PROMPTSMITH_LEDGER"), m_ledgerPath);
    m_env.insert(QStringLiteral("XDG_DATA_HOME"), m_home + QStringLiteral("/.local/share"));
    m_env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home + QStringLiteral("/.config"));
    m_env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    m_env.remove(QStringLiteral("DISPLAY"));
    m_env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    m_env.insert(QStringLiteral("OPENAI_API_KEY"), QStringLiteral("sk-test-openai"));
    m_env.insert(QStringLiteral("ANTHROPIC_API_KEY"), QStringLiteral("sk-ant-test"));
}

TestEvalCli::Ran TestEvalCli::eval(const QStringList &args) const
{
    QProcess p;
    p.setProcessEnvironment(m_env);
    p.setWorkingDirectory(m_repo->path());
    // The local server stands in for every vendor: its host may get the test keys.
    p.start(QStringLiteral(PSM_PROMPTSMITH),
        QStringList { QStringLiteral("eval"), QStringLiteral("--allow-key-host"),
            QStringLiteral("127.0.0.1") }
            + args);
    Ran r;
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

Json TestEvalCli::evalJson(const QStringList &args, int expectedCode) const
{
    const Ran r = eval(args + QStringList { QStringLiteral("--json") });
    if (r.code != expectedCode) {
        qWarning().noquote() << "exit" << r.code << "stderr:" << r.err << "stdout:" << r.out;
        return Json();
    }
    Json j = Json::parse(r.out.toStdString(), nullptr, false);
    return j.is_discarded() ? Json() : j;
}

QList<core::CallRecord> TestEvalCli::rows() const
{
    auto ledger = core::Ledger::open(m_ledgerPath);
    if (!ledger)
        return {};
    core::CallQuery q;
    q.limit = 0;
    return ledger->calls(q).value_or(QList<core::CallRecord>());
}

static QStringList keys(const Json &array)
{
    QStringList out;
    for (const Json &k : array)
        out << QString::fromStdString(k.get<std::string>());
    return out;
}

void TestEvalCli::matrixWithBaselineListsRegressionsAndImprovements()
{
    QVERIFY(m_repo->write(QStringLiteral("prompts/greet.prompt"), greetPrompt("Goodbye")));
    const Json j = evalJson(
        { QStringLiteral("--baseline"), QStringLiteral("HEAD"), QStringLiteral("--repeat"),
            QStringLiteral("2"), QStringLiteral("--model"), QStringLiteral("openai/m1"),
            QStringLiteral("--model"), QStringLiteral("anthropic/m2") },
        1);
    QVERIFY(j.is_object());
    // 3 tests x 2 revisions x 2 models x 2 repeats, all sent.
    QCOMPARE(m_server.requestCount(), 24);
    const Json &set = j["sets"][0];
    QCOMPARE(set["file"].get<std::string>(), std::string("evals/greet.yaml"));
    QCOMPARE(set["columns"].size(), size_t(4));
    int baselines = 0;
    for (const Json &column : set["columns"]) {
        baselines += column["baseline"].get<bool>() ? 1 : 0;
        QCOMPARE(column["cells"].size(), size_t(3));
        for (const Json &cell : column["cells"])
            QCOMPARE(cell["samples"].size(), size_t(2));
        // Two of three tests pass on either side, every repeat counted.
        QCOMPARE(column["passRate"]["passed"].get<int>(), 4);
        QCOMPARE(column["passRate"]["total"].get<int>(), 6);
        QVERIFY(column["passRate"]["low"].get<double>() < 0.667);
        QVERIFY(column["passRate"]["high"].get<double>() > 0.667);
    }
    QCOMPARE(baselines, 2);
    // The failing cell says which assertion failed and why, with the output it judged.
    const Json &candidate = set["columns"][0];
    QCOMPARE(candidate["baseline"].get<bool>(), false);
    const Json &failed = candidate["cells"][0]["samples"][0];
    QCOMPARE(failed["status"].get<std::string>(), std::string("fail"));
    QCOMPARE(failed["failedAssertion"].get<std::string>(), std::string("icontains"));
    QVERIFY(failed["reason"].get<std::string>().find("hello") != std::string::npos);
    QCOMPARE(failed["output"].get<std::string>(), std::string("You said: Goodbye Ann"));
    QVERIFY(failed["ledgerId"].is_number());
    QVERIFY(failed["tokens"]["output"].get<qint64>() > 0);
    QCOMPARE(set["comparisons"].size(), size_t(2));
    for (const Json &c : set["comparisons"]) {
        QCOMPARE(keys(c["regressions"]), QStringList { QStringLiteral("evals/greet.yaml#1") });
        QCOMPARE(keys(c["improvements"]), QStringList { QStringLiteral("evals/greet.yaml#2") });
        QCOMPARE(keys(c["unchanged"]), QStringList { QStringLiteral("evals/greet.yaml#3") });
    }
    // One run id for every call of the eval run; each row knows its cell.
    const auto recorded = rows();
    QCOMPARE(recorded.size(), 24);
    for (const core::CallRecord &row : recorded) {
        QCOMPARE(row.start.runId, QString::fromStdString(j["runId"].get<std::string>()));
        QVERIFY(row.start.purpose.isEmpty());
    }
}

void TestEvalCli::gateExitCodes()
{
    // Unchanged prompt: test #2 fails on both sides. Without --gate that is a failure; with
    // it nothing regressed.
    auto r = eval({});
    QCOMPARE(r.code, 1);
    QVERIFY2(r.out.contains("FAIL"), r.out.constData());
    r = eval({ QStringLiteral("--gate") });
    QVERIFY2(r.code == 0, r.out + r.err);
    QVERIFY2(r.out.contains("Regressions (0)"), r.out.constData());
    // A regressing change fails the gate and names the test.
    QVERIFY(m_repo->write(QStringLiteral("prompts/greet.prompt"), greetPrompt("Goodbye")));
    r = eval({ QStringLiteral("--gate") });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.out.contains("Regressions (1)"), r.out.constData());
    QVERIFY2(r.out.contains("says hello (evals/greet.yaml#1)"), r.out.constData());
    QVERIFY2(r.out.contains("Improvements (1)"), r.out.constData());
    // A candidate that passes everything exits 0 without --gate too.
    QVERIFY(m_repo->write(QStringLiteral("evals/greet.yaml"),
        QByteArray(kGreetEval).replace("value: hello", "value: goodbye")));
    r = eval({});
    QVERIFY2(r.code == 0, r.out + r.err);
}

void TestEvalCli::repeatsThatDisagreeAreFlips()
{
    QVERIFY(m_repo->write(QStringLiteral("evals/flip.yaml"),
        "providers: [serial/m]\nprompts: [prompts/greet.prompt]\n"
        "tests:\n  - description: flaky\n    vars: {name: Di}\n"
        "    assert: [{type: contains, value: You said}]\n"));
    // Plan order with one call at a time: candidate repeats 1-3, then baseline repeats 1-3.
    // The candidate's second answer is lorem ipsum.
    m_server.pushFault(QStringLiteral("latency=0"));
    m_server.pushFault(QStringLiteral("large=60"));
    const Json j
        = evalJson({ QStringLiteral("evals/flip.yaml"), QStringLiteral("--repeat"),
                       QStringLiteral("3"), QStringLiteral("--baseline"), QStringLiteral("HEAD") },
            1);
    QVERIFY(j.is_object());
    const Json &set = j["sets"][0];
    const Json &candidate = set["columns"][0];
    const Json &baseline = set["columns"][1];
    QCOMPARE(candidate["cells"][0]["outcome"].get<std::string>(), std::string("flip"));
    QCOMPARE(candidate["cells"][0]["samples"][1]["status"].get<std::string>(), std::string("fail"));
    QCOMPARE(baseline["cells"][0]["outcome"].get<std::string>(), std::string("pass"));
    const Json &c = set["comparisons"][0];
    QCOMPARE(keys(c["flips"]), QStringList { QStringLiteral("evals/flip.yaml#1") });
    QCOMPARE(keys(c["newFlips"]), QStringList { QStringLiteral("evals/flip.yaml#1") });
    QVERIFY(keys(c["regressions"]).isEmpty());
    QVERIFY(keys(c["unchanged"]).isEmpty());
    // The text says so too, and the gate does not let a new flip through. A fresh ledger:
    // from the cache, candidate and baseline (the same request) would get the same answer.
    m_env.insert(QStringLiteral("PROMPTSMITH_LEDGER"), m_dataDir->filePath(QStringLiteral("2.db")));
    m_server.clearFaults();
    m_server.pushFault(QStringLiteral("latency=0"));
    m_server.pushFault(QStringLiteral("large=60"));
    const auto r = eval({ QStringLiteral("evals/flip.yaml"), QStringLiteral("--repeat"),
        QStringLiteral("3"), QStringLiteral("--gate") });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.out.contains("FLIP     2/3 repeats passed: flaky — contains: "), r.out.constData());
    QVERIFY2(r.out.contains("Flips (1)"), r.out.constData());
    QVERIFY2(r.out.contains("95% CI"), r.out.constData());
}

void TestEvalCli::secondRunIsServedFromTheCache()
{
    QVERIFY(m_repo->write(QStringLiteral("prompts/greet.prompt"), greetPrompt("Goodbye")));
    const QStringList args { QStringLiteral("--baseline"), QStringLiteral("HEAD"),
        QStringLiteral("--repeat"), QStringLiteral("2") };
    const Json first = evalJson(args, 1);
    QVERIFY(first.is_object());
    QCOMPARE(m_server.requestCount(), 12);
    m_server.resetStats();
    const int before = m_server.requestCount();
    const Json second = evalJson(args, 1);
    QVERIFY(second.is_object());
    QCOMPARE(m_server.requestCount(), before);
    for (const Json &column : second["sets"][0]["columns"]) {
        QCOMPARE(column["cachedCalls"].get<int>(), 6);
        QCOMPARE(column["cost"].get<double>(), 0.0);
    }
    // Same verdicts from the cached answers.
    QCOMPARE(second["sets"][0]["comparisons"][0]["regressions"],
        first["sets"][0]["comparisons"][0]["regressions"]);
    // Changing one test's vars pays for that test only (both revisions, both repeats).
    QVERIFY(m_repo->write(QStringLiteral("evals/greet.yaml"),
        QByteArray(kGreetEval).replace("name: Cy", "name: Cyd")));
    m_server.resetStats();
    const auto third = eval(args);
    QCOMPARE(third.code, 1);
    QCOMPARE(m_server.requestCount(), 4);
}

void TestEvalCli::junitParsesBack()
{
    QVERIFY(m_repo->write(QStringLiteral("prompts/greet.prompt"), greetPrompt("Goodbye")));
    const QString junit = m_dataDir->filePath(QStringLiteral("junit.xml"));
    const auto r = eval(
        { QStringLiteral("--baseline"), QStringLiteral("HEAD"), QStringLiteral("--junit"), junit });
    QCOMPARE(r.code, 1);
    QFile file(junit);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    int suites = 0;
    int cases = 0;
    QStringList failures;
    QStringList suiteFailures;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("testsuite")) {
            ++suites;
            suiteFailures << xml.attributes().value(QLatin1String("failures")).toString();
            QCOMPARE(
                xml.attributes().value(QLatin1String("tests")).toString(), QStringLiteral("3"));
        } else if (xml.name() == QLatin1String("testcase")) {
            ++cases;
            QCOMPARE(xml.attributes().value(QLatin1String("classname")).toString(),
                QStringLiteral("evals/greet.yaml"));
        } else if (xml.name() == QLatin1String("failure")) {
            failures << xml.attributes().value(QLatin1String("message")).toString();
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(suites, 2); // one eval set x (candidate, baseline)
    QCOMPARE(cases, 6);
    QCOMPARE(suiteFailures, (QStringList { QStringLiteral("1"), QStringLiteral("1") }));
    QCOMPARE(failures.size(), 2);
    QVERIFY2(failures[0].startsWith(QLatin1String("icontains: ")), qPrintable(failures[0]));
    QVERIFY2(failures[1].startsWith(QLatin1String("contains: ")), qPrintable(failures[1]));
}

void TestEvalCli::badEvalFileExitsTwoWithPosition()
{
    QVERIFY(m_repo->write(QStringLiteral("evals/bad.yaml"),
        "prompts: [prompts/greet.prompt]\ntests:\n  - vars: {name: Ed}\n    assert:\n"
        "      - {type: contains-everything, value: x}\n"));
    const auto r = eval({ QStringLiteral("evals/bad.yaml") });
    QCOMPARE(r.code, 2);
    QVERIFY2(QRegularExpression(QStringLiteral("bad\\.yaml:5:\\d+: .*contains-everything"))
                 .match(QString::fromUtf8(r.err))
                 .hasMatch(),
        r.err.constData());
    QCOMPARE(m_server.requestCount(), 0);
    // A prompt that does not fit the test's vars is a bad file too, named by its position.
    QVERIFY(m_repo->write(QStringLiteral("evals/bad.yaml"),
        "prompts: [prompts/greet.prompt]\nproviders: [openai/m1]\n"
        "tests:\n  - vars: {nme: Ed}\n    assert: [{type: contains, value: Ed}]\n"));
    const auto r2 = eval({ QStringLiteral("evals/bad.yaml") });
    QCOMPARE(r2.code, 2);
    QVERIFY2(r2.err.contains("greet.prompt"), r2.err.constData());
}

void TestEvalCli::providerFaultMarksCellsAndExitsThree()
{
    // Every call of the candidate fails (no retries configured); the others still run.
    for (int i = 0; i < 3; ++i)
        m_server.pushFault(QStringLiteral("status=500"));
    const Json j = [&] {
        const Ran r = eval({ QStringLiteral("--model"), QStringLiteral("serial/m"),
            QStringLiteral("--baseline"), QStringLiteral("HEAD"), QStringLiteral("--json") });
        if (r.code != 3)
            qWarning().noquote() << r.code << r.err;
        return r.code == 3 ? Json::parse(r.out.toStdString(), nullptr, false) : Json();
    }();
    QVERIFY(j.is_object());
    const Json &set = j["sets"][0];
    for (const Json &cell : set["columns"][0]["cells"]) {
        QCOMPARE(cell["outcome"].get<std::string>(), std::string("no-result"));
        QCOMPARE(cell["samples"][0]["status"].get<std::string>(), std::string("not-run"));
        QVERIFY(cell["samples"][0]["reason"].get<std::string>().find("500") != std::string::npos);
    }
    QCOMPARE(set["columns"][1]["passRate"]["total"].get<int>(), 3);
    // Not run is neither a pass nor a regression.
    QCOMPARE(keys(set["comparisons"][0]["unrun"]).size(), 3);
    QCOMPARE(j["summary"]["notRun"].get<int>(), 3);
}

void TestEvalCli::rubricGraderCallIsTaggedGrading()
{
    // The server echoes the grader's prompt, which holds the rubric: a rubric that is a
    // verdict in JSON comes back as the grader's answer.
    QVERIFY(m_repo->write(QStringLiteral("evals/graded.yaml"),
        "prompts: [prompts/greet.prompt]\nproviders: [openai/m1]\n"
        "defaultTest:\n  options:\n    provider: openai:chat:grader-model\n"
        "tests:\n  - vars: {name: Flo}\n    assert:\n"
        "      - type: llm-rubric\n        value: '{\"pass\": true, \"score\": 1, \"reason\": "
        "\"greets {{name}}\"}'\n"
        "  - vars: {name: Gus}\n    assert:\n"
        "      - type: llm-rubric\n        value: '{\"pass\": false, \"score\": 0, \"reason\": "
        "\"not a greeting\"}'\n"));
    const Json j = evalJson({ QStringLiteral("evals/graded.yaml") }, 1);
    QVERIFY(j.is_object());
    const Json &cells = j["sets"][0]["columns"][0]["cells"];
    QCOMPARE(cells[0]["outcome"].get<std::string>(), std::string("pass"));
    QCOMPARE(cells[1]["outcome"].get<std::string>(), std::string("fail"));
    QCOMPARE(
        cells[1]["samples"][0]["failedAssertion"].get<std::string>(), std::string("llm-rubric"));
    QCOMPARE(cells[1]["samples"][0]["reason"].get<std::string>(), std::string("not a greeting"));
    const Json &grading = cells[0]["samples"][0]["gradings"][0];
    QCOMPARE(grading["model"].get<std::string>(), std::string("openai/grader-model"));
    QCOMPARE(grading["prompt"][0]["role"].get<std::string>(), std::string("system"));
    QVERIFY(grading["prompt"][1]["content"].get<std::string>().find("You said: Hello Flo")
        != std::string::npos);
    QVERIFY(
        grading["prompt"][1]["content"].get<std::string>().find("greets Flo") != std::string::npos);
    // Two calls under test and two grader calls, one run id, the graders tagged.
    const auto recorded = rows();
    QCOMPARE(recorded.size(), 4);
    int graders = 0;
    for (const core::CallRecord &row : recorded) {
        QCOMPARE(row.start.runId, QString::fromStdString(j["runId"].get<std::string>()));
        if (row.start.purpose == QLatin1String("grading")) {
            ++graders;
            QCOMPARE(row.start.model, QStringLiteral("grader-model"));
            QCOMPARE(row.start.promptPath, QStringLiteral("evals/graded.yaml"));
        }
    }
    QCOMPARE(graders, 2);
    QCOMPARE(qint64(grading["ledgerId"].get<qint64>()) > 0, true);
}

void TestEvalCli::stagedRunsTheIndexTextAgainstHead()
{
    // Staged: the regressing wording. Working copy: back to HEAD's. The gate judges what the
    // commit would hold.
    QVERIFY(m_repo->write(QStringLiteral("prompts/greet.prompt"), greetPrompt("Goodbye")));
    m_repo->git({ QStringLiteral("add"), QStringLiteral("prompts/greet.prompt") });
    QCOMPARE(m_repo->lastExitCode(), 0);
    QVERIFY(m_repo->write(QStringLiteral("prompts/greet.prompt"), greetPrompt("Hello")));
    // A prompt the set names but the index lacks is not part of the commit: skipped.
    QVERIFY(m_repo->write(QStringLiteral("prompts/draft.prompt"), greetPrompt("Yo")));
    QVERIFY(m_repo->write(QStringLiteral("evals/greet.yaml"),
        QByteArray(kGreetEval)
            .replace("prompts: [prompts/greet.prompt]",
                "prompts: [prompts/greet.prompt, prompts/draft.prompt]")));
    const auto r = eval({ QStringLiteral("--gate"), QStringLiteral("--staged") });
    QCOMPARE(r.code, 1);
    QVERIFY2(r.out.contains("@ staged"), r.out.constData());
    QVERIFY2(r.out.contains("Regressions (1)"), r.out.constData());
    QVERIFY2(!r.out.contains("draft.prompt"), r.out.constData());
    // A prompt no eval set covers runs nothing.
    m_repo->git({ QStringLiteral("reset"), QStringLiteral("-q") });
    QVERIFY(m_repo->write(QStringLiteral("prompts/other.prompt"), greetPrompt("Hi")));
    m_repo->git({ QStringLiteral("add"), QStringLiteral("prompts/other.prompt") });
    const auto none = eval({ QStringLiteral("--gate"), QStringLiteral("--staged") });
    QCOMPARE(none.code, 0);
    QVERIFY2(none.out.contains("nothing to run"), none.out.constData());
}

void TestEvalCli::stagedWithNothingStagedExitsZeroAtOnce()
{
    QElapsedTimer timer;
    timer.start();
    const auto r = eval({ QStringLiteral("--gate"), QStringLiteral("--staged") });
    QCOMPARE(r.code, 0);
    QVERIFY2(r.out.contains("nothing to run"), r.out.constData());
    QCOMPARE(m_server.requestCount(), 0);
    // No display, no network: a hook must not hold up a commit.
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
}

void TestEvalCli::stagedReadsTheIndexGitCommitsFrom()
{
    // `git commit PATH` and `git commit -a` stage into a temporary index and run the hook with
    // GIT_INDEX_FILE naming it; .git/index still holds the old staging (here: nothing staged).
    const QString altIndex = m_dataDir->filePath(QStringLiteral("next-index"));
    QVERIFY(QFile::copy(m_repo->path() + QStringLiteral("/.git/index"), altIndex));
    QVERIFY(m_repo->write(QStringLiteral("prompts/greet.prompt"), greetPrompt("Goodbye")));
    QProcess add;
    QProcessEnvironment addEnv = m_env;
    addEnv.insert(QStringLiteral("GIT_INDEX_FILE"), altIndex);
    add.setProcessEnvironment(addEnv);
    add.setWorkingDirectory(m_repo->path());
    add.start(QStringLiteral("git"), { QStringLiteral("add"), QStringLiteral("prompts/greet.prompt") });
    QVERIFY(add.waitForFinished(30000));
    QCOMPARE(add.exitCode(), 0);
    QVERIFY(m_repo->write(QStringLiteral("prompts/greet.prompt"), greetPrompt("Hello")));

    const auto own = eval({ QStringLiteral("--gate"), QStringLiteral("--staged") });
    QCOMPARE(own.code, 0);
    QVERIFY2(own.out.contains("nothing to run"), own.out.constData());

    m_env.insert(QStringLiteral("GIT_INDEX_FILE"), altIndex);
    const auto temporary = eval({ QStringLiteral("--gate"), QStringLiteral("--staged") });
    m_env.remove(QStringLiteral("GIT_INDEX_FILE"));
    QCOMPARE(temporary.code, 1);
    QVERIFY2(temporary.out.contains("Regressions (1)"), temporary.out.constData());
}

double TestEvalCli::dryRunHighUsd()
{
    const Json j = evalJson({ QStringLiteral("--dry-run") }, 0);
    return j.is_object() ? j["high_usd"].get<double>() : -1;
}

void TestEvalCli::dryRunEstimatesWithoutCalling()
{
    QVERIFY(m_repo->write(QStringLiteral("promptsmith.yaml"), pricedYaml()));
    const int before = m_server.requestCount();
    const Json j = evalJson({ QStringLiteral("--dry-run") }, 0);
    QVERIFY(j.is_object());
    QCOMPARE(j["calls"].get<int>(), 3); // three tests, one model, one revision
    QCOMPARE(j["cached_calls"].get<int>(), 0);
    QCOMPARE(j["unknown_price_calls"].get<int>(), 0);
    QCOMPARE(j["grader_calls_not_estimated"].get<int>(), 0);
    // No history and no maxOutputTokens: 1024 output tokens at most per call, at $2 per million.
    const double high = j["high_usd"].get<double>();
    const qint64 input = j["input_tokens_estimate"].get<qint64>();
    QVERIFY(input > 0);
    QVERIFY2(qAbs(high - (input * 1.0 + 3 * 1024 * 2.0) / 1e6) < 1e-12,
        qPrintable(QString::number(high)));
    QCOMPARE(j["low_usd"].get<double>(), input / 1e6);
    QCOMPARE(m_server.requestCount(), before);
    QVERIFY(rows().isEmpty());

    // With a baseline and repeats the matrix doubles and triples; the model-graded assertions'
    // grader calls are counted, outside the range.
    QVERIFY(m_repo->write(QStringLiteral("evals/graded.yaml"),
        "prompts: [prompts/greet.prompt]\nproviders: [openai/m1]\n"
        "tests:\n  - vars: {name: Flo}\n    assert:\n"
        "      - {type: llm-rubric, value: greets}\n      - {type: not-factuality, value: x}\n"
        "  - vars: {name: Gus}\n    assert: [{type: contains, value: Gus}]\n"));
    const Json graded = evalJson({ QStringLiteral("--dry-run"), QStringLiteral("evals/graded.yaml"),
                                     QStringLiteral("--baseline"), QStringLiteral("HEAD"),
                                     QStringLiteral("--repeat"), QStringLiteral("3") },
        0);
    QVERIFY(graded.is_object());
    QCOMPARE(graded["calls"].get<int>(), 2 * 3 * 2);
    QCOMPARE(graded["grader_calls_not_estimated"].get<int>(), 2 * 3 * 2);
    QCOMPARE(m_server.requestCount(), before);

    const Ran text = eval({ QStringLiteral("--dry-run"), QStringLiteral("evals/greet.yaml") });
    QCOMPARE(text.code, 0);
    QVERIFY2(text.out.contains("Dry run: nothing was sent."), text.out.constData());
    QVERIFY(text.out.contains("3 call(s)"));
    QVERIFY(text.out.contains("Grader calls: up to 0 more"));
}

void TestEvalCli::budgetStopsTheEvalRun()
{
    QVERIFY(m_repo->write(QStringLiteral("promptsmith.yaml"), pricedYaml()));
    const double high = dryRunHighUsd();
    QVERIFY(high > 0);
    const int before = m_server.requestCount();
    // Less than any one call's high estimate (about a third of the total each): nothing is
    // sent. (A larger budget would let a timing-dependent number through: a finished call
    // counts at its real cost, far below its estimate.)
    const Ran r = eval({ QStringLiteral("--budget"), QString::number(high / 6, 'g', 17) });
    QVERIFY2(r.code == 3, (r.err + r.out).constData()); // not made: neither pass nor failure
    QVERIFY2(r.err.contains("stopped by the per-run budget"), r.err.constData());
    QVERIFY2(r.err.contains("3 calls not sent"), r.err.constData());
    QCOMPARE(m_server.requestCount() - before, 0);
    const auto recorded = rows();
    QCOMPARE(recorded.size(), 1); // the stop, which cost nothing
    QCOMPARE(recorded.first().outcome.status, core::CallStatus::Cancelled);
    QCOMPARE(recorded.first().outcome.costUsd, std::optional<double>(0.0));

    // Room for all three at their high estimates: every call is made.
    const Ran enough = eval({ QStringLiteral("--budget"), QString::number(high * 1.01, 'g', 17) });
    QCOMPARE(enough.code, 1); // one test fails on its own merits
    QCOMPARE(m_server.requestCount() - before, 3);

    const Ran bad = eval({ QStringLiteral("--budget"), QStringLiteral("lots") });
    QCOMPARE(bad.code, 2);
    QVERIFY(bad.err.contains("--budget must be an amount in USD"));
}

void TestEvalCli::usersBudgetAppliesToEval()
{
    QVERIFY(m_repo->write(QStringLiteral("promptsmith.yaml"), pricedYaml()));
    const double high = dryRunHighUsd();
    QVERIFY(high > 0);
    const QString file = m_home + QStringLiteral("/.config/promptsmith/budgets.yaml");
    QVERIFY(QDir().mkpath(QFileInfo(file).absolutePath()));
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("daily_usd: " + QByteArray::number(high / 6, 'g', 17) + "\n");
    }
    const int before = m_server.requestCount();
    const Ran r = eval({});
    QFile::remove(file);
    QCOMPARE(r.code, 3);
    QVERIFY2(r.err.contains("stopped by the user's daily budget (" + file.toUtf8() + ")"),
        r.err.constData());
    QCOMPARE(m_server.requestCount() - before, 0);
    // Nothing of the user's budgets was written into the workspace.
    QVERIFY(!QFileInfo::exists(m_repo->path() + QStringLiteral("/budgets.yaml")));
}

QTEST_GUILESS_MAIN(TestEvalCli)
#include "tst_evalcli.moc"
