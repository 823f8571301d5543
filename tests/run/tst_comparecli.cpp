// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// `promptsmith compare` as a user runs it: the built binary in a QProcess, the local test server
// speaking three providers' wire formats with faults aimed at chosen cells, a real ledger file
// and a git workspace with two revisions of the prompt.
#include "core/ledger/ledger.h"
#include "runfixture.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <csignal>
#include <sys/types.h>

using namespace psm;
using Json = nlohmann::ordered_json;

class TestCompareCli final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void gridWithFaultsThenReopened();
    void setRepeatedKeyGivesColumns();
    void evalSetRowsAndPassAtK();
    void badUsage();
    void interruptCancelsAndRecords();
    void dryRunEstimatesThenBudgetStops();

private:
    struct Ran {
        int code = -1;
        QByteArray out;
        QByteArray err;
    };
    Ran run(const QStringList &args) const;
    QList<core::CallRecord> rows(const QString &runId) const;

    testsupport::TestServer m_server;
    QString m_home;
    std::unique_ptr<test::ScratchRepo> m_repo;
    std::unique_ptr<QTemporaryDir> m_dataDir;
    QString m_ledgerPath;
    QProcessEnvironment m_env;
};

namespace {

// Test-sized timeouts and one retry, so a stalled cell fails in about two seconds.
QByteArray gridYaml(const testsupport::TestServer &server)
{
    const QByteArray base = server.baseUrl().toUtf8();
    const QByteArray common = ", max_retries: 1, connect_timeout_s: 2, first_byte_timeout_s: 1, "
                              "idle_timeout_s: 1, timeout_s: 20}\n";
    return "providers:\n  openai: {type: openai, base_url: \"" + base + "/v1\"" + common
        + "  anthropic: {type: anthropic, base_url: \"" + base + "\"" + common
        + "  gemini: {type: gemini, base_url: \"" + base + "\"" + common
        + "prices:\n  openai/gpt-grid: {input: 1.0, output: 2.0}\n";
}

const Json &cellAt(const Json &grid, int row, int column)
{
    for (const Json &cell : grid["cells"])
        if (cell["row"] == row && cell["column"] == column)
            return cell;
    static const Json none;
    return none;
}

int countStatus(const Json &cell, const char *status)
{
    int n = 0;
    for (const Json &s : cell["samples"])
        n += s["status"] == status ? 1 : 0;
    return n;
}

} // namespace

void TestCompareCli::initTestCase()
{
    m_home = test::isolateGitConfig();
    QVERIFY(m_server.start());
}

void TestCompareCli::init()
{
    m_server.clearFaults();
    m_server.setOptions({});
    m_repo = std::make_unique<test::ScratchRepo>();
    QVERIFY(m_repo->write(QStringLiteral("promptsmith.yaml"), gridYaml(m_server)));
    QVERIFY(m_repo->write(QStringLiteral("prompts/say.prompt"), tests::userPrompt()));
    QVERIFY(!m_repo->commitAll(QStringLiteral("v1")).isEmpty());
    QVERIFY(m_repo->write(QStringLiteral("prompts/say.prompt"),
        "---\ninput:\n  schema:\n    text: string\n---\nAgain: {{text}}\n"));
    QVERIFY(!m_repo->commitAll(QStringLiteral("v2")).isEmpty());
    m_dataDir = std::make_unique<QTemporaryDir>();
    m_ledgerPath = m_dataDir->filePath(QStringLiteral("ledger.sqlite3"));
    m_env = QProcessEnvironment::systemEnvironment();
    m_env.insert(QStringLiteral("PROMPTSMITH_LEDGER"), m_ledgerPath);
    m_env.insert(QStringLiteral("XDG_DATA_HOME"), m_home + QStringLiteral("/.local/share"));
    m_env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home + QStringLiteral("/.config"));
    m_env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    m_env.insert(QStringLiteral("OPENAI_API_KEY"), QStringLiteral("sk-test-openai"));
    m_env.insert(QStringLiteral("ANTHROPIC_API_KEY"), QStringLiteral("sk-ant-test"));
    m_env.insert(QStringLiteral("GEMINI_API_KEY"), QStringLiteral("gm-test"));
}

TestCompareCli::Ran TestCompareCli::run(const QStringList &args) const
{
    QProcess p;
    p.setProcessEnvironment(m_env);
    p.setWorkingDirectory(m_repo->path());
    QStringList all = args;
    if (!all.contains(QLatin1String("--reopen")))
        all << QStringLiteral("--allow-key-host") << QStringLiteral("127.0.0.1");
    p.start(QStringLiteral(PSM_PROMPTSMITH), all);
    Ran r;
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        // What the process said before it hung is what the failure needs.
        qWarning("compare did not finish in 60 s; it wrote:\n%s\n%s",
            p.readAllStandardError().right(3000).constData(),
            p.readAllStandardOutput().right(1000).constData());
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QList<core::CallRecord> TestCompareCli::rows(const QString &runId) const
{
    auto ledger = core::Ledger::open(m_ledgerPath);
    if (!ledger)
        return {};
    core::CallQuery q;
    q.limit = 0;
    q.runId = runId;
    return ledger->calls(q).value_or(QList<core::CallRecord>());
}

void TestCompareCli::gridWithFaultsThenReopened()
{
    // Columns: (revision * 3 + model) * 2 + temperature set, revisions HEAD~1 ("{{text}}") and
    // HEAD ("Again: {{text}}"), models gpt-grid, claude-grid, gemini-grid, temperatures 0.2, 0.7.
    testsupport::ServerOptions options;
    // Column 7 (HEAD, gpt-grid, 0.7): one sample gets a 429 with Retry-After and recovers.
    options.faultRules.append({ { "gpt-grid", "Again:", "\"temperature\":0.7" },
        QStringLiteral("status=429;retry-after=1"), 1 });
    // Column 8 (HEAD, claude-grid, 0.2): one sample's stream is cut after two text deltas
    // (Anthropic sends three events before the first; a cut before any text is retried).
    options.faultRules.append(
        { { "claude-grid", "Again:", "\"temperature\":0.2" }, QStringLiteral("cut-after=5"), 1 });
    // Column 10 (HEAD, gemini-grid, 0.2): every attempt stalls, so all three samples time out.
    // Only Gemini's body has a generationConfig (its model is in the URL, not the body).
    options.faultRules.append(
        { { "generationConfig", "Again:", "\"temperature\":0.2" }, QStringLiteral("stall"), -1 });
    m_server.setOptions(options);
    const int before = m_server.requestCount();
    const Ran r = run({ QStringLiteral("compare"), QStringLiteral("prompts/say.prompt"),
        QStringLiteral("--model"), QStringLiteral("openai/gpt-grid"), QStringLiteral("--model"),
        QStringLiteral("anthropic/claude-grid"), QStringLiteral("--model"),
        QStringLiteral("gemini/gemini-grid"), QStringLiteral("--set"),
        QStringLiteral("temperature=0.2"), QStringLiteral("--set"),
        QStringLiteral("temperature=0.7"), QStringLiteral("--rev"), QStringLiteral("HEAD~1"),
        QStringLiteral("--rev"), QStringLiteral("HEAD"), QStringLiteral("--input"),
        QStringLiteral("{\"text\": \"hello grid\"}"), QStringLiteral("--repeat"),
        QStringLiteral("3"), QStringLiteral("--json") });
    QCOMPARE(r.code, 3);
    const Json grid = Json::parse(r.out.constData(), nullptr, false);
    QVERIFY2(grid.is_object(), r.out.constData());
    QCOMPARE(grid["columns"].size(), size_t(12));
    QCOMPARE(grid["cells"].size(), size_t(12));
    QCOMPARE(grid["repeats"].get<int>(), 3);
    QCOMPARE(grid["columns"][10]["label"].get<std::string>(),
        std::string("gemini/gemini-grid temperature=0.2 @HEAD"));

    const Json &stalled = cellAt(grid, 0, 10);
    QCOMPARE(countStatus(stalled, "error"), 3);
    for (const Json &s : stalled["samples"])
        QVERIFY2(s["error"].get<std::string>().find("1000 ms") != std::string::npos,
            s["error"].dump().c_str());
    const Json &cut = cellAt(grid, 0, 8);
    QCOMPARE(countStatus(cut, "error"), 1);
    QCOMPARE(countStatus(cut, "ok"), 2);
    QCOMPARE(cut["agreement"]["agreeing"].get<int>(), 2);
    for (const Json &s : cut["samples"])
        QVERIFY(!s["text"].get<std::string>().empty()); // the cut one keeps its partial text
    const Json &limited = cellAt(grid, 0, 7);
    QCOMPARE(countStatus(limited, "ok"), 3);
    int attempts = 0;
    for (const Json &s : limited["samples"])
        attempts += s["attempts"].get<int>();
    QCOMPARE(attempts, 4); // one sample needed a second attempt after the 429
    // Every other cell untouched: three identical answers, one attempt each.
    for (int c = 0; c < 12; ++c) {
        if (c == 7 || c == 8 || c == 10)
            continue;
        const Json &cell = cellAt(grid, 0, c);
        QVERIFY2(countStatus(cell, "ok") == 3, cell.dump().c_str());
        QCOMPARE(cell["agreement"]["agreeing"].get<int>(), 3);
        for (const Json &s : cell["samples"])
            QCOMPARE(s["attempts"].get<int>(), 1);
    }
    // Prices: gpt-grid is priced, the others are unknown, never $0.
    QVERIFY(grid["columns"][size_t(0)]["summary"]["knownCost"].get<double>() > 0);
    QCOMPARE(grid["columns"][size_t(0)]["summary"]["unknownCostCalls"].get<int>(), 0);
    QCOMPARE(grid["columns"][2]["summary"]["unknownCostCalls"].get<int>(), 3);
    QVERIFY(cellAt(grid, 0, 3)["samples"][size_t(0)]["cost"].is_null());
    QCOMPARE(grid["columns"][2]["summary"]["flipRate"].get<double>(), 0.0);
    // The revisions ran different text.
    QVERIFY(cellAt(grid, 0, 0)["samples"][size_t(0)]["text"]
        != cellAt(grid, 0, 6)["samples"][size_t(0)]["text"]);
    QCOMPARE(grid["failedCalls"].get<int>(), 4);
    QCOMPARE(m_server.requestCount() - before, 36 + 1 + 3); // + the 429's and the stalls' retries

    const QString runId = QString::fromStdString(grid["runId"].get<std::string>());
    const auto recorded = rows(runId);
    QCOMPARE(recorded.size(), 36);
    int errors = 0;
    for (const core::CallRecord &row : recorded) {
        QCOMPARE(row.start.runId, runId);
        QVERIFY(!row.start.cellJson.isEmpty());
        errors += row.outcome.status == core::CallStatus::Error ? 1 : 0;
    }
    QCOMPARE(errors, 4);

    // Reopened from the ledger: the same grid, and not one request.
    const int beforeReopen = m_server.requestCount();
    const Ran again = run(
        { QStringLiteral("compare"), QStringLiteral("--reopen"), runId, QStringLiteral("--json") });
    QCOMPARE(again.code, 3);
    QCOMPARE(m_server.requestCount(), beforeReopen);
    const Json reopened = Json::parse(again.out.constData(), nullptr, false);
    QVERIFY2(reopened.is_object(), again.err.constData());
    QCOMPARE(reopened["cells"].size(), grid["cells"].size());
    for (int c = 0; c < 12; ++c) {
        const Json &a = cellAt(grid, 0, c);
        const Json &b = cellAt(reopened, 0, c);
        QCOMPARE(b["agreement"], a["agreement"]);
        for (size_t k = 0; k < 3; ++k) {
            Json sa = a["samples"][k];
            Json sb = b["samples"][k];
            QVERIFY2(sa == sb, (sa.dump() + "\n" + sb.dump()).c_str());
        }
        QCOMPARE(reopened["columns"][size_t(c)]["summary"], grid["columns"][size_t(c)]["summary"]);
    }

    // The readable table says the same in words.
    const Ran table = run({ QStringLiteral("compare"), QStringLiteral("--reopen"), runId });
    QCOMPARE(table.code, 3);
    QCOMPARE(m_server.requestCount(), beforeReopen);
    const QString text = QString::fromUtf8(table.out);
    QVERIFY2(text.contains(QLatin1String("agree 3/3")), table.out.constData());
    QVERIFY(text.contains(QLatin1String("[3 failed: ")));
    QVERIFY(text.contains(QLatin1String("cost unknown")));
    QVERIFY(text.contains(QLatin1String("4 call(s) failed")));
}

void TestCompareCli::setRepeatedKeyGivesColumns()
{
    // temperature varies (2 values) x maxOutputTokens fixed: 2 columns per model.
    const Ran r = run({ QStringLiteral("compare"), QStringLiteral("prompts/say.prompt"),
        QStringLiteral("--model"), QStringLiteral("openai/gpt-grid"), QStringLiteral("--set"),
        QStringLiteral("temperature=0"), QStringLiteral("--set"),
        QStringLiteral("maxOutputTokens=50"), QStringLiteral("--set"),
        QStringLiteral("temperature=1"), QStringLiteral("--input"),
        QStringLiteral("{\"text\": \"a\"}"), QStringLiteral("--input"),
        QStringLiteral("{\"text\": \"b c\"}"), QStringLiteral("--json") });
    QCOMPARE(r.code, 0);
    const Json grid = Json::parse(r.out.constData(), nullptr, false);
    QVERIFY2(grid.is_object(), r.err.constData());
    QCOMPARE(grid["columns"].size(), size_t(2));
    QCOMPARE(grid["rows"].get<int>(), 2);
    QCOMPARE(grid["columns"][size_t(0)]["parameters"],
        Json::parse(R"({"temperature":0,"maxOutputTokens":50})"));
    QCOMPARE(
        grid["columns"][1]["parameters"], Json::parse(R"({"temperature":1,"maxOutputTokens":50})"));
    // No --rev: the working copy, HEAD's "Again: {{text}}".
    QCOMPARE(cellAt(grid, 1, 0)["samples"][size_t(0)]["text"].get<std::string>(),
        testsupport::expectedReply(QStringLiteral("Again: b c")).toStdString());
}

void TestCompareCli::evalSetRowsAndPassAtK()
{
    // Two tests: "alpha" always passes its icontains check; "beta" asks for text the server
    // never says, so it always fails. pass@k per column = mean(1, 0) = 0.5 for every k.
    QVERIFY(m_repo->write(QStringLiteral("evals/grid.yaml"),
        "prompts: [prompts/say.prompt]\n"
        "providers: [openai:gpt-grid]\n"
        "tests:\n"
        "  - vars: {text: alpha}\n"
        "    assert:\n"
        "      - type: icontains\n"
        "        value: alpha\n"
        "  - vars: {text: beta}\n"
        "    assert:\n"
        "      - type: contains\n"
        "        value: gamma\n"));
    const Ran r = run({ QStringLiteral("compare"), QStringLiteral("prompts/say.prompt"),
        QStringLiteral("--model"), QStringLiteral("openai/gpt-grid"), QStringLiteral("--eval"),
        QStringLiteral("evals/grid.yaml"), QStringLiteral("--repeat"), QStringLiteral("2"),
        QStringLiteral("--json") });
    QCOMPARE(r.code, 0);
    const Json grid = Json::parse(r.out.constData(), nullptr, false);
    QVERIFY2(grid.is_object(), r.err.constData());
    QCOMPARE(grid["rows"].get<int>(), 2);
    QCOMPARE(cellAt(grid, 0, 0)["samples"][size_t(0)]["passed"].get<bool>(), true);
    QCOMPARE(cellAt(grid, 1, 0)["samples"][1]["passed"].get<bool>(), false);
    const Json &summary = grid["columns"][size_t(0)]["summary"];
    QCOMPARE(summary["checkedCells"].get<int>(), 2);
    QCOMPARE(summary["passAtK"], Json::parse("[0.5, 0.5]"));
    QCOMPARE(summary["passHatK"], Json::parse("[0.5, 0.5]"));

    // A model-graded check is said to be left out, with where it is; its test has no verdict.
    QVERIFY(m_repo->write(QStringLiteral("evals/graded.yaml"),
        "tests:\n"
        "  - vars: {text: alpha}\n"
        "    assert:\n"
        "      - type: llm-rubric\n"
        "        value: is polite\n"));
    const Ran graded = run({ QStringLiteral("compare"), QStringLiteral("prompts/say.prompt"),
        QStringLiteral("--model"), QStringLiteral("openai/gpt-grid"), QStringLiteral("--eval"),
        QStringLiteral("evals/graded.yaml"), QStringLiteral("--json") });
    QCOMPARE(graded.code, 0);
    QVERIFY2(
        graded.err.contains("graded.yaml:4:15: llm-rubric: model-graded checks are not graded"),
        graded.err.constData());
    const Json gradedGrid = Json::parse(graded.out.constData(), nullptr, false);
    QVERIFY(cellAt(gradedGrid, 0, 0)["samples"][size_t(0)]["passed"].is_null());
    QCOMPARE(gradedGrid["columns"][size_t(0)]["summary"]["checkedCells"].get<int>(), 0);
}

void TestCompareCli::badUsage()
{
    const Ran noPrompt = run({ QStringLiteral("compare"), QStringLiteral("--model"),
        QStringLiteral("openai/gpt-grid") });
    QCOMPARE(noPrompt.code, 2);
    const Ran both = run({ QStringLiteral("compare"), QStringLiteral("prompts/say.prompt"),
        QStringLiteral("--input"), QStringLiteral("{}"), QStringLiteral("--eval"),
        QStringLiteral("x.yaml") });
    QCOMPARE(both.code, 2);
    const Ran badJson = run({ QStringLiteral("compare"), QStringLiteral("prompts/say.prompt"),
        QStringLiteral("--input"), QStringLiteral("{nope") });
    QCOMPARE(badJson.code, 2);
    QVERIFY(badJson.err.contains("not valid JSON"));
    const Ran unknownRun
        = run({ QStringLiteral("compare"), QStringLiteral("--reopen"), QStringLiteral("nope") });
    QCOMPARE(unknownRun.code, 2);
    QVERIFY(unknownRun.err.contains("no calls of run 'nope'"));
    const Ran badRev = run({ QStringLiteral("compare"), QStringLiteral("prompts/say.prompt"),
        QStringLiteral("--model"), QStringLiteral("openai/gpt-grid"), QStringLiteral("--rev"),
        QStringLiteral("no-such-rev"), QStringLiteral("--input"),
        QStringLiteral("{\"text\":\"x\"}") });
    QCOMPARE(badRev.code, 2);
    QVERIFY2(badRev.err.contains("no-such-rev"), badRev.err.constData());
}

void TestCompareCli::interruptCancelsAndRecords()
{
    // Every answer streams two chunks, then goes silent: SIGINT finds the calls in flight.
    testsupport::ServerOptions options;
    options.faultRules.append({ { "gpt-grid" }, QStringLiteral("stall-after=2"), -1 });
    m_server.setOptions(options);
    m_repo->write(QStringLiteral("promptsmith.yaml"),
        gridYaml(m_server).replace("idle_timeout_s: 1", "idle_timeout_s: 30"));
    QProcess p;
    p.setProcessEnvironment(m_env);
    p.setWorkingDirectory(m_repo->path());
    p.start(QStringLiteral(PSM_PROMPTSMITH),
        { QStringLiteral("compare"), QStringLiteral("prompts/say.prompt"),
            QStringLiteral("--model"), QStringLiteral("openai/gpt-grid"), QStringLiteral("--input"),
            QStringLiteral("{\"text\": \"a long story please\"}"), QStringLiteral("--repeat"),
            QStringLiteral("2"), QStringLiteral("--json"), QStringLiteral("--allow-key-host"),
            QStringLiteral("127.0.0.1") });
    QVERIFY(p.waitForStarted(10000));
    // Both rows are `running` once the requests are in and their rows written.
    QTRY_COMPARE_WITH_TIMEOUT(m_server.requestCount() > 0 && rows({}).size() == 2, true, 15000);
    QCOMPARE(::kill(pid_t(p.processId()), SIGINT), 0);
    QVERIFY(p.waitForFinished(15000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 130);
    const auto recorded = rows({});
    QCOMPARE(recorded.size(), 2);
    for (const core::CallRecord &row : recorded)
        QCOMPARE(row.outcome.status, core::CallStatus::Cancelled);
    // What the grid had is still printed, every sample cancelled.
    const Json grid = Json::parse(p.readAllStandardOutput().constData(), nullptr, false);
    QVERIFY(grid.is_object());
    QCOMPARE(countStatus(cellAt(grid, 0, 0), "cancelled"), 2);
}

void TestCompareCli::dryRunEstimatesThenBudgetStops()
{
    // The working copy renders "Again: a b c d e f g h": 2 + 1 + 8 tokens + 4 for the message
    // = 15 in; capped at 100 out. gpt-grid costs 1 in / 2 out per million: a call is 15 (no
    // output) to 215 per million, and with no earlier calls it is expected at the cap.
    const QStringList grid = { QStringLiteral("compare"), QStringLiteral("prompts/say.prompt"),
        QStringLiteral("--model"), QStringLiteral("openai/gpt-grid"), QStringLiteral("--set"),
        QStringLiteral("maxOutputTokens=100"), QStringLiteral("--input"),
        QStringLiteral("{\"text\": \"a b c d e f g h\"}"), QStringLiteral("--repeat"),
        QStringLiteral("4"), QStringLiteral("--json") };
    const auto near = [](const Json &v, double expected) {
        return v.is_number() && std::abs(v.get<double>() - expected) < 1e-12;
    };
    const int before = m_server.requestCount();
    Ran r = run(grid + QStringList { QStringLiteral("--dry-run") });
    QCOMPARE(r.code, 0);
    Json est = Json::parse(r.out.constData(), nullptr, false);
    QVERIFY2(est.is_object(), r.out.constData());
    QCOMPARE(m_server.requestCount(), before);
    QCOMPARE(est["calls"].get<int>(), 4);
    QCOMPARE(est["cached_calls"].get<int>(), 0);
    QCOMPARE(est["unknown_price_calls"].get<int>(), 0);
    QCOMPARE(est["input_tokens_estimate"].get<int>(), 60);
    QVERIFY2(near(est["low_usd"], 60e-6), r.out.constData());
    QVERIFY2(near(est["expected_usd"], 860e-6), r.out.constData());
    QVERIFY2(near(est["high_usd"], 860e-6), r.out.constData());

    // A budget of 2.5 calls at their high estimate: two are sent, two stopped, and the stop
    // names the budget.
    r = run(grid + QStringList { QStringLiteral("--budget"), QStringLiteral("0.0005375") });
    QCOMPARE(m_server.requestCount() - before, 2);
    QVERIFY2((r.out + r.err).contains("the per-run budget"), (r.out + r.err).constData());
    QList<core::CallRecord> recorded = rows({});
    QCOMPARE(recorded.size(), 3); // two calls and the stop
    int ok = 0;
    for (const core::CallRecord &row : recorded) {
        if (row.outcome.status != core::CallStatus::Ok)
            continue;
        ++ok;
        // Each call cost what the estimate's range allows: 15 to 215 per million.
        QVERIFY(row.outcome.costUsd);
        QVERIFY(*row.outcome.costUsd >= 15e-6 - 1e-12 && *row.outcome.costUsd <= 215e-6 + 1e-12);
    }
    QCOMPARE(ok, 2);

    // Now the ledger knows this prompt's answers: expected output is theirs, not the cap.
    const qint64 out = testsupport::wordCount(
        testsupport::expectedReply(QStringLiteral("Again: a b c d e f g h")));
    r = run(grid + QStringList { QStringLiteral("--dry-run") });
    QCOMPARE(r.code, 0);
    est = Json::parse(r.out.constData(), nullptr, false);
    QVERIFY2(near(est["expected_usd"], 4 * (15 + 2 * double(out)) / 1e6), r.out.constData());
    QVERIFY2(near(est["low_usd"], 4 * (15 + 2 * double(out)) / 1e6), r.out.constData());
    QVERIFY2(near(est["high_usd"], 860e-6), r.out.constData());
    QCOMPARE(m_server.requestCount() - before, 2);
}

QTEST_GUILESS_MAIN(TestCompareCli)
#include "tst_comparecli.moc"
