// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// `promptsmith run` as a user runs it: the built binary in a QProcess, the local test server
// speaking each provider's wire format (with faults), a real ledger file and git workspace.
#include "core/chat/chatresult.h"
#include "core/ledger/ledger.h"
#include "core/ledger/pricetable.h"
#include "runfixture.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <sys/types.h>

using namespace psm;
using Json = nlohmann::ordered_json;

class TestRunCli final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void eachProvider_data();
    void eachProvider();
    void streamsTextAndPricesFromTable();
    void rateLimitedThenOk();
    void serverErrorRetried();
    void stallTimesOut();
    void cutMidStreamKeepsPartialText();
    void malformedChunkReported();
    void badInputExitsTwo();
    void dryRunPrintsTheRangeAndSendsNothing();
    void canaryKeyNeverWritten();
    void importedPricesAreUsed();
    void keyRefusedWithoutAllowFlag();
    void settingsProblemsOnStderr();
    void signalCancelsAndRecords_data();
    void signalCancelsAndRecords();

private:
    struct Ran {
        int code = -1;
        QByteArray out;
        QByteArray err;
    };
    Ran run(const QStringList &args) const;
    QList<Json> jsonLines(const QByteArray &out) const;
    QList<core::CallRecord> rows() const;

    testsupport::TestServer m_server;
    QString m_home;
    std::unique_ptr<test::ScratchRepo> m_repo;
    std::unique_ptr<QTemporaryDir> m_dataDir;
    QString m_ledgerPath;
    QProcessEnvironment m_env;
    // `run` gets --allow-key-host 127.0.0.1: the local server stands in for every vendor, so
    // the env keys go to a host that is not theirs (keyRefusedWithoutAllowFlag turns it off).
    bool m_allowLoopbackKeys = true;
};

void TestRunCli::initTestCase()
{
    m_home = test::isolateGitConfig();
    QVERIFY(m_server.start());
}

void TestRunCli::init()
{
    m_server.clearFaults();
    m_server.setOptions({});
    m_repo = std::make_unique<test::ScratchRepo>();
    QVERIFY(m_repo->write(QStringLiteral("promptsmith.yaml"), tests::localProvidersYaml(m_server)));
    QVERIFY(m_repo->write(QStringLiteral("prompts/say.prompt"), tests::userPrompt()));
    QVERIFY(!m_repo->commitAll(QStringLiteral("fixture")).isEmpty());
    m_dataDir = std::make_unique<QTemporaryDir>();
    m_ledgerPath = m_dataDir->filePath(QStringLiteral("ledger.sqlite3"));
    m_env = QProcessEnvironment::systemEnvironment();
    m_env.insert(QStringLiteral("PROMPTSMITH_LEDGER"), m_ledgerPath);
    m_env.insert(QStringLiteral("XDG_DATA_HOME"), m_home + QStringLiteral("/.local/share"));
    m_env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home + QStringLiteral("/.config"));
    m_allowLoopbackKeys = true;
    m_env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    m_env.insert(QStringLiteral("OPENAI_API_KEY"), QStringLiteral("sk-test-openai"));
    m_env.insert(QStringLiteral("ANTHROPIC_API_KEY"), QStringLiteral("sk-ant-test"));
    m_env.insert(QStringLiteral("GEMINI_API_KEY"), QStringLiteral("gm-test"));
}

TestRunCli::Ran TestRunCli::run(const QStringList &args) const
{
    QProcess p;
    p.setProcessEnvironment(m_env);
    p.setWorkingDirectory(m_repo->path());
    QStringList all = args;
    if (m_allowLoopbackKeys && all.value(0) == QLatin1String("run"))
        all << QStringLiteral("--allow-key-host") << QStringLiteral("127.0.0.1");
    p.start(QStringLiteral(PSM_PROMPTSMITH), all);
    Ran r;
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QList<Json> TestRunCli::jsonLines(const QByteArray &out) const
{
    QList<Json> lines;
    for (const QByteArray &line : out.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        lines.append(Json::parse(line.toStdString(), nullptr, false));
    }
    return lines;
}

QList<core::CallRecord> TestRunCli::rows() const
{
    auto ledger = core::Ledger::open(m_ledgerPath);
    if (!ledger)
        return {};
    core::CallQuery q;
    q.limit = 0;
    return ledger->calls(q).value_or(QList<core::CallRecord>());
}

void TestRunCli::eachProvider_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("provider");
    QTest::newRow("openai") << "openai/gpt-4o-mini"
                            << "openai";
    QTest::newRow("anthropic") << "anthropic/priced-model"
                               << "anthropic";
    QTest::newRow("gemini") << "gemini/gemini-2.5-flash"
                            << "gemini";
    QTest::newRow("ollama") << "ollama/llama3.2"
                            << "ollama";
}

void TestRunCli::eachProvider()
{
    QFETCH(QString, model);
    QFETCH(QString, provider);
    testsupport::ServerOptions o;
    o.cacheReadTokens = 1;
    o.cacheWriteTokens = 1;
    m_server.setOptions(o);
    const QString text = QStringLiteral("tell me about the weather today");
    const Ran r = run(
        { QStringLiteral("run"), QStringLiteral("prompts/say.prompt"), QStringLiteral("--model"),
            model, QStringLiteral("--input"), QStringLiteral("{\"text\": \"%1\"}").arg(text),
            QStringLiteral("--json"), QStringLiteral("--repeat"), QStringLiteral("2") });
    QVERIFY2(r.code == 0, r.err.constData());
    const auto lines = jsonLines(r.out);
    QCOMPARE(lines.size(), 2);
    const QString expected = testsupport::expectedReply(text);
    for (const Json &line : lines) {
        QVERIFY(line.is_object());
        QCOMPARE(QString::fromStdString(line["text"].get<std::string>()), expected);
        QCOMPARE(QString::fromStdString(line["provider"].get<std::string>()), provider);
        QCOMPARE(line["attempts"].get<int>(), 1);
        QCOMPARE(line["finishReason"].get<std::string>(), std::string("stop"));
        QVERIFY(line["ledgerId"].is_number_integer());
        QVERIFY(line["usage"]["output"].is_number_integer());
    }
    const auto recorded = rows();
    QCOMPARE(recorded.size(), 2);
    for (const core::CallRecord &row : recorded) {
        QCOMPARE(row.start.provider, provider);
        QCOMPARE(row.outcome.status, core::CallStatus::Ok);
        QCOMPARE(row.attempts.size(), 1);
        QCOMPARE(row.outcome.outputText, expected);
    }
    if (provider == QLatin1String("anthropic")) {
        // promptsmith.yaml: input 3.0, output 15.0, cache_read 0.3, cache_write 3.75 per Mtok.
        const qint64 words = testsupport::wordCount(text);
        const qint64 outWords = testsupport::wordCount(expected);
        const double cost = ((words - 2) * 3.0 + 1 * 0.3 + 1 * 3.75 + outWords * 15.0) / 1e6;
        QVERIFY2(
            qAbs(lines.first()["cost"].get<double>() - cost) < 1e-12, lines.first().dump().c_str());
        QVERIFY(lines.first()["costKnown"].get<bool>());
        QCOMPARE(lines.first()["usage"]["cacheWrite"].get<qint64>(), 1);
    }
}

void TestRunCli::streamsTextAndPricesFromTable()
{
    const QString text = QStringLiteral("price this call");
    const Ran r = run({ QStringLiteral("run"), QStringLiteral("prompts/say.prompt"),
        QStringLiteral("--model"), QStringLiteral("openai/gpt-4o-mini"), QStringLiteral("--input"),
        QStringLiteral("{\"text\": \"%1\"}").arg(text), QStringLiteral("--set"),
        QStringLiteral("temperature=0.2") });
    QVERIFY2(r.code == 0, r.err.constData());
    QCOMPARE(QString::fromUtf8(r.out).trimmed(), testsupport::expectedReply(text));
    const auto recorded = rows();
    QCOMPARE(recorded.size(), 1);
    QVERIFY(recorded.first().start.parametersJson.contains(QLatin1String("\"temperature\":0.2")));
    const auto sentBody = m_server.requests().last().json();
    QCOMPARE(sentBody["temperature"].get<double>(), 0.2);
    // The bundled table's price, checked by hand against the recorded buckets.
    auto table = core::PriceTable::bundled();
    QVERIFY(table);
    const auto price = table->find(QStringLiteral("openai"), QStringLiteral("gpt-4o-mini"));
    QVERIFY(price && price->base.input && price->base.output);
    const core::TokenUsage &t = recorded.first().outcome.tokens;
    const double expected
        = (*t.inputUncached * *price->base.input + *t.output * *price->base.output) / 1e6;
    QVERIFY(recorded.first().outcome.costUsd);
    QVERIFY(qAbs(*recorded.first().outcome.costUsd - expected) < 1e-12);
}

void TestRunCli::rateLimitedThenOk()
{
    m_server.pushFault(QStringLiteral("status=429;retry-after=1"));
    const Ran r = run({ QStringLiteral("run"), QStringLiteral("prompts/say.prompt"),
        QStringLiteral("--model"), QStringLiteral("openai/gpt-4o-mini"), QStringLiteral("--input"),
        QStringLiteral("{\"text\": \"hi\"}"), QStringLiteral("--json") });
    QVERIFY2(r.code == 0, r.err.constData());
    const auto lines = jsonLines(r.out);
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.first()["attempts"].get<int>(), 2);
    const auto recorded = rows();
    QCOMPARE(recorded.size(), 1);
    QCOMPARE(recorded.first().attempts.size(), 2);
    QCOMPARE(recorded.first().attempts[0].httpStatus, std::optional<int>(429));
    QCOMPARE(recorded.first().attempts[1].httpStatus, std::optional<int>(200));
    QCOMPARE(recorded.first().outcome.status, core::CallStatus::Ok);
}

void TestRunCli::serverErrorRetried()
{
    m_server.pushFault(QStringLiteral("status=500"));
    const Ran r = run({ QStringLiteral("run"), QStringLiteral("prompts/say.prompt"),
        QStringLiteral("--model"), QStringLiteral("anthropic/claude-haiku-4-5"),
        QStringLiteral("--input"), QStringLiteral("{\"text\": \"hi\"}") });
    QVERIFY2(r.code == 0, r.err.constData());
    const auto recorded = rows();
    QCOMPARE(recorded.size(), 1);
    QCOMPARE(recorded.first().attempts.size(), 2);
    QCOMPARE(recorded.first().attempts[0].httpStatus, std::optional<int>(500));
}

void TestRunCli::stallTimesOut()
{
    m_server.pushFault(QStringLiteral("stall"));
    QElapsedTimer timer;
    timer.start();
    const Ran r = run({ QStringLiteral("run"), QStringLiteral("prompts/say.prompt"),
        QStringLiteral("--model"), QStringLiteral("slow/gpt-4o-mini"), QStringLiteral("--input"),
        QStringLiteral("{\"text\": \"hi\"}"), QStringLiteral("--json") });
    QCOMPARE(r.code, 3);
    QVERIFY(timer.elapsed() < 10000);
    QVERIFY2(r.err.contains("no response within 1000 ms"), r.err.constData());
    const auto lines = jsonLines(r.out);
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.first()["status"].get<std::string>(), std::string("error"));
    QCOMPARE(lines.first()["failure"].get<std::string>(),
        core::failureName(core::Failure::Timeout).toStdString());
    const auto recorded = rows();
    QCOMPARE(recorded.size(), 1);
    QCOMPARE(recorded.first().outcome.status, core::CallStatus::Error);
    QVERIFY(!recorded.first().outcome.error.isEmpty());
    QCOMPARE(recorded.first().attempts.size(), 1);
}

void TestRunCli::cutMidStreamKeepsPartialText()
{
    m_server.pushFault(QStringLiteral("cut-after=3"));
    const QString text = QStringLiteral("one two three four five six seven eight nine ten");
    const Ran r = run({ QStringLiteral("run"), QStringLiteral("prompts/say.prompt"),
        QStringLiteral("--model"), QStringLiteral("openai/gpt-4o-mini"), QStringLiteral("--input"),
        QStringLiteral("{\"text\": \"%1\"}").arg(text) });
    QCOMPARE(r.code, 3);
    QVERIFY(!r.err.isEmpty());
    const QString partial = QString::fromUtf8(r.out).trimmed();
    QVERIFY(!partial.isEmpty());
    QVERIFY(testsupport::expectedReply(text).startsWith(partial));
    QVERIFY(partial.size() < testsupport::expectedReply(text).size());
    const auto recorded = rows();
    QCOMPARE(recorded.size(), 1);
    QCOMPARE(recorded.first().outcome.status, core::CallStatus::Error);
    QCOMPARE(recorded.first().outcome.outputText.trimmed(), partial);
}

void TestRunCli::malformedChunkReported()
{
    m_server.pushFault(QStringLiteral("malformed-at=1"));
    const QString text = QStringLiteral("still fine afterwards");
    const Ran r = run(
        { QStringLiteral("run"), QStringLiteral("prompts/say.prompt"), QStringLiteral("--model"),
            QStringLiteral("gemini/gemini-2.5-flash"), QStringLiteral("--input"),
            QStringLiteral("{\"text\": \"%1\"}").arg(text), QStringLiteral("--json") });
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY2(r.err.contains("malformed"), r.err.constData());
    const auto lines = jsonLines(r.out);
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines.first()["malformedChunks"].get<int>(), 1);
    QCOMPARE(QString::fromStdString(lines.first()["text"].get<std::string>()),
        testsupport::expectedReply(text));
    QCOMPARE(rows().size(), 1);
}

void TestRunCli::badInputExitsTwo()
{
    QVERIFY(
        m_repo->write(QStringLiteral("prompts/bad.prompt"), "---\nmodel: x\n  bad: [\n---\nhi\n"));
    Ran r = run({ QStringLiteral("run"), QStringLiteral("prompts/bad.prompt") });
    QCOMPARE(r.code, 2);
    QVERIFY2(QRegularExpression(QStringLiteral("bad\\.prompt:\\d+:\\d+: "))
                 .match(QString::fromUtf8(r.err))
                 .hasMatch(),
        r.err.constData());
    r = run({ QStringLiteral("run"), QStringLiteral("prompts/say.prompt"),
        QStringLiteral("--input"), QStringLiteral("{not json") });
    QCOMPARE(r.code, 2);
    r = run({ QStringLiteral("run"), QStringLiteral("prompts/say.prompt"),
        QStringLiteral("--repeat"), QStringLiteral("0") });
    QCOMPARE(r.code, 2);
    r = run({ QStringLiteral("run"), QStringLiteral("prompts/say.prompt"), QStringLiteral("--set"),
        QStringLiteral("novalue"), QStringLiteral("--input"),
        QStringLiteral("{\"text\": \"x\"}") });
    QCOMPARE(r.code, 2);
    QVERIFY(rows().isEmpty());
}

void TestRunCli::canaryKeyNeverWritten()
{
    const QByteArray canary
        = "sk-canary-" + QByteArray::number(QRandomGenerator::global()->generate64(), 36);
    m_env.insert(QStringLiteral("OPENAI_API_KEY"), QString::fromLatin1(canary));
    m_env.insert(QStringLiteral("ANTHROPIC_API_KEY"), QString::fromLatin1(canary + "-ant"));
    m_env.insert(QStringLiteral("GEMINI_API_KEY"), QString::fromLatin1(canary + "-gem"));
    const QStringList base
        = { QStringLiteral("run"), QStringLiteral("prompts/say.prompt"), QStringLiteral("--input"),
              QStringLiteral("{\"text\": \"keep it secret\"}"), QStringLiteral("--model") };
    QCOMPARE(run(base + QStringList { QStringLiteral("openai/gpt-4o-mini") }).code, 0);
    QCOMPARE(run(base + QStringList { QStringLiteral("anthropic/claude-haiku-4-5") }).code, 0);
    QCOMPARE(run(base + QStringList { QStringLiteral("gemini/gemini-2.5-flash") }).code, 0);
    // Failing calls: an auth error whose body echoes nothing, a cut stream, a 400.
    m_server.pushFault(QStringLiteral("status=401"));
    QCOMPARE(run(base + QStringList { QStringLiteral("openai/gpt-4o-mini") }).code, 3);
    m_server.pushFault(QStringLiteral("cut-after=1"));
    QCOMPARE(run(base + QStringList { QStringLiteral("gemini/gemini-2.5-flash") }).code, 3);
    m_server.pushFault(QStringLiteral("status=400"));
    QCOMPARE(run(base + QStringList { QStringLiteral("anthropic/claude-haiku-4-5") }).code, 3);
    // A 401 whose body quotes the key it was given, as the real APIs do.
    testsupport::ServerOptions strict;
    strict.requiredKey = "sk-the-right-one";
    m_server.setOptions(strict);
    const Ran quoted = run(base + QStringList { QStringLiteral("openai/gpt-4o-mini") });
    QCOMPARE(quoted.code, 3);
    QVERIFY2(quoted.err.contains("Incorrect API key provided"), quoted.err.constData());
    QVERIFY(!quoted.err.contains(canary));
    m_server.setOptions({});
    // The key really was sent, so finding it nowhere means something.
    bool seen = false;
    for (const auto &req : m_server.requests())
        seen = seen || req.header("authorization").contains(canary)
            || req.header("x-api-key").contains(canary)
            || req.header("x-goog-api-key").contains(canary) || req.target.contains(canary);
    QVERIFY(seen);

    const Ran ledger = run({ QStringLiteral("ledger"), QStringLiteral("--json") });
    QCOMPARE(ledger.code, 0);
    const Ran cost = run({ QStringLiteral("cost"), QStringLiteral("--json") });
    QCOMPARE(cost.code, 0);
    QTemporaryDir exports;
    QFile ledgerExport(exports.filePath(QStringLiteral("ledger.json")));
    QVERIFY(ledgerExport.open(QIODevice::WriteOnly));
    ledgerExport.write(ledger.out);
    ledgerExport.close();
    QFile costExport(exports.filePath(QStringLiteral("cost.json")));
    QVERIFY(costExport.open(QIODevice::WriteOnly));
    costExport.write(cost.out);
    costExport.close();
    QVERIFY(rows().size() >= 6);

    QStringList leaks;
    int scanned = 0;
    for (const QString &root : { m_home, m_dataDir->path(), m_repo->path(), exports.path() }) {
        QDirIterator it(
            root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            if (!f.open(QIODevice::ReadOnly))
                continue;
            ++scanned;
            if (f.readAll().contains(canary))
                leaks.append(f.fileName());
        }
    }
    QVERIFY(QFileInfo::exists(m_ledgerPath));
    QVERIFY(scanned > 10);
    QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QLatin1Char(' '))));
}

void TestRunCli::importedPricesAreUsed()
{
    QTemporaryDir dir;
    const QString bad = dir.filePath(QStringLiteral("bad.json"));
    QFile badFile(bad);
    QVERIFY(badFile.open(QIODevice::WriteOnly));
    badFile.write("[1, 2");
    badFile.close();
    Ran r = run({ QStringLiteral("prices"), QStringLiteral("--import"), bad });
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains("LiteLLM"));

    const QString good = dir.filePath(QStringLiteral("litellm.json"));
    QFile goodFile(good);
    QVERIFY(goodFile.open(QIODevice::WriteOnly));
    goodFile.write(R"({"sample_spec": {"input_cost_per_token": 0},
        "imported-model": {"litellm_provider": "openai", "mode": "chat",
            "input_cost_per_token": 0.000007, "output_cost_per_token": 0.000011}})");
    goodFile.close();
    r = run({ QStringLiteral("prices"), QStringLiteral("--import"), good });
    QVERIFY2(r.code == 0, r.err.constData());
    r = run({ QStringLiteral("prices"), QStringLiteral("--show"),
        QStringLiteral("openai/imported-model") });
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY2(r.out.contains("input:       $7 / Mtok") && r.out.contains("output:      $11 / Mtok"),
        r.out.constData());
    r = run({ QStringLiteral("prices"), QStringLiteral("--show"),
        QStringLiteral("openai/never-heard-of-it") });
    QVERIFY(r.out.contains("unknown"));

    const QString text = QStringLiteral("what does this cost");
    r = run(
        { QStringLiteral("run"), QStringLiteral("prompts/say.prompt"), QStringLiteral("--model"),
            QStringLiteral("openai/imported-model"), QStringLiteral("--input"),
            QStringLiteral("{\"text\": \"%1\"}").arg(text), QStringLiteral("--json") });
    QVERIFY2(r.code == 0, r.err.constData());
    const auto lines = jsonLines(r.out);
    QCOMPARE(lines.size(), 1);
    const double expected = (testsupport::wordCount(text) * 7.0
                                + testsupport::wordCount(testsupport::expectedReply(text)) * 11.0)
        / 1e6;
    QVERIFY2(
        qAbs(lines.first()["cost"].get<double>() - expected) < 1e-12, lines.first().dump().c_str());
    QVERIFY(QString::fromStdString(lines.first()["priceVersion"].get<std::string>())
                .contains(QLatin1String("litellm@")));
}

void TestRunCli::keyRefusedWithoutAllowFlag()
{
    m_allowLoopbackKeys = false;
    const int before = m_server.requestCount();
    const QStringList args = { QStringLiteral("run"), QStringLiteral("prompts/say.prompt"),
        QStringLiteral("--model"), QStringLiteral("openai/gpt-4o-mini"), QStringLiteral("--input"),
        QStringLiteral("{\"text\": \"hi\"}") };
    Ran r = run(args);
    QCOMPARE(r.code, 2);
    QCOMPARE(m_server.requestCount(), before); // not even a request without the key
    QVERIFY2(r.err.contains("OPENAI_API_KEY") && r.err.contains("--allow-key-host 127.0.0.1"),
        r.err.constData());
    QVERIFY(!r.err.contains("sk-test-openai"));
    QVERIFY(rows().isEmpty());
    // Naming the host sends it.
    r = run(args + QStringList { QStringLiteral("--allow-key-host"), QStringLiteral("127.0.0.1") });
    QVERIFY2(r.code == 0, r.err.constData());
    QCOMPARE(
        m_server.requests().last().header("authorization"), QByteArray("Bearer sk-test-openai"));
    // Echo needs no key and is never refused.
    r = run({ QStringLiteral("run"), QStringLiteral("prompts/say.prompt"),
        QStringLiteral("--model"), QStringLiteral("echo/echo"), QStringLiteral("--input"),
        QStringLiteral("{\"text\": \"hi\"}") });
    QVERIFY2(r.code == 0, r.err.constData());
}

void TestRunCli::settingsProblemsOnStderr()
{
    QByteArray yaml = tests::localProvidersYaml(m_server);
    yaml += "budgets: {monthly_usd: lots}\nmystery: 1\n";
    QVERIFY(m_repo->write(QStringLiteral("promptsmith.yaml"), yaml));
    const Ran r = run({ QStringLiteral("run"), QStringLiteral("prompts/say.prompt"),
        QStringLiteral("--model"), QStringLiteral("echo/echo"), QStringLiteral("--input"),
        QStringLiteral("{\"text\": \"hi\"}") });
    // A broken budget does not stop a run, but it is said, with where.
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY2(QRegularExpression(QStringLiteral("promptsmith\\.yaml:\\d+:\\d+: monthly_usd"))
                 .match(QString::fromUtf8(r.err))
                 .hasMatch(),
        r.err.constData());
    QVERIFY2(r.err.contains("unknown setting 'mystery'"), r.err.constData());
}

void TestRunCli::signalCancelsAndRecords_data()
{
    QTest::addColumn<int>("signalNumber");
    QTest::addColumn<int>("exitCode");
    QTest::newRow("SIGINT") << int(SIGINT) << 130;
    QTest::newRow("SIGTERM") << int(SIGTERM) << 143;
}

void TestRunCli::signalCancelsAndRecords()
{
    QFETCH(int, signalNumber);
    QFETCH(int, exitCode);
    m_server.pushFault(QStringLiteral("stall-after=2")); // two chunks, then a long silence
    QProcess p;
    p.setProcessEnvironment(m_env);
    p.setWorkingDirectory(m_repo->path());
    p.start(QStringLiteral(PSM_PROMPTSMITH),
        { QStringLiteral("run"), QStringLiteral("prompts/say.prompt"), QStringLiteral("--model"),
            QStringLiteral("openai/gpt-4o-mini"), QStringLiteral("--input"),
            QStringLiteral("{\"text\": \"tell me a long story please\"}"),
            QStringLiteral("--allow-key-host"), QStringLiteral("127.0.0.1") });
    QVERIFY(p.waitForStarted(10000));
    // The answer has begun streaming: the row is `running` now.
    QByteArray out;
    QElapsedTimer timer;
    timer.start();
    while (out.isEmpty() && timer.elapsed() < 15000) {
        p.waitForReadyRead(200);
        out += p.readAllStandardOutput();
    }
    QVERIFY2(!out.isEmpty(), p.readAllStandardError().constData());
    // The row is written on the CLI's ledger thread, maybe a moment after the first text.
    QTRY_COMPARE_WITH_TIMEOUT(rows().size(), 1, 3000);
    QCOMPARE(rows().first().outcome.status, core::CallStatus::Running);
    QCOMPARE(::kill(pid_t(p.processId()), signalNumber), 0);
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), exitCode);
    const auto recorded = rows();
    QCOMPARE(recorded.size(), 1);
    QCOMPARE(recorded.first().outcome.status, core::CallStatus::Cancelled);
}

void TestRunCli::dryRunPrintsTheRangeAndSendsNothing()
{
    // "a b c d e f g h": 8 tokens + 4 for the message; openai/priced-model 1 in / 2 out per
    // million, capped at 100 out: 12 (no output) to 212 per million a call, two calls.
    const int before = m_server.requestCount();
    Ran r = run({ QStringLiteral("run"), QStringLiteral("prompts/say.prompt"),
        QStringLiteral("--model"), QStringLiteral("openai/priced-model"), QStringLiteral("--input"),
        QStringLiteral("{\"text\": \"a b c d e f g h\"}"), QStringLiteral("--set"),
        QStringLiteral("maxOutputTokens=100"), QStringLiteral("--repeat"), QStringLiteral("2"),
        QStringLiteral("--dry-run") });
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY2(r.out.contains("2 call(s), 0 served from the cache, 0 of unknown price"),
        r.out.constData());
    QVERIFY2(r.out.contains("about 24 tokens"), r.out.constData());
    QVERIFY2(r.out.contains("Cost: $0.000024 to $0.000424, expected $0.000424"), r.out.constData());
    // A model without a price is counted apart, never as $0 in the range.
    r = run(
        { QStringLiteral("run"), QStringLiteral("prompts/say.prompt"), QStringLiteral("--model"),
            QStringLiteral("openai/no-such-model-xyz"), QStringLiteral("--input"),
            QStringLiteral("{\"text\": \"a b c d e f g h\"}"), QStringLiteral("--dry-run") });
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY2(r.out.contains("1 call(s), 0 served from the cache, 1 of unknown price"),
        r.out.constData());
    QCOMPARE(m_server.requestCount(), before);
    QVERIFY(rows().isEmpty());
}

QTEST_GUILESS_MAIN(TestRunCli)
#include "tst_runcli.moc"
