// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// The run engine in process: real HTTP to the local test server, a real SQLite ledger file and
// a real git workspace.
#include "core/ledger/ledger.h"
#include "core/workspace/workspace.h"
#include "providers/transport.h"
#include "run/requesthash.h"
#include "run/runengine.h"
#include "run/runplanner.h"
#include "run/usagebuckets.h"
#include "runfixture.h"

#include <QCryptographicHash>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace psm;
using run::RunEngine;
using run::RunSampleResult;
using run::RunSpec;

class TestRunEngine final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void bucketsFromUsage_data();
    void bucketsFromUsage();
    void configAssignment_data();
    void configAssignment();
    void requestHashIgnoresKeyAndCountsSample();

    void repeatWritesOneRowPerSample();
    void eachSampleIsCommittedWhenReported();
    void usageBucketsPerProvider_data();
    void usageBucketsPerProvider();
    void pricedFromWorkspaceOverrides();
    void unknownPriceIsNullNotZero();
    void cacheHitIsFlaggedAndFree();
    void cancelMidStreamRecordsCancelled();
    void errorsBeforeAnyCallComeBackAtOnce();
    void ollamaModelList();
    void revisionOfEditorTextAndModifiedFile();
    void cancelSequentialRepeat();
    void cancelSomeSamplesOthersGoOn();
    void oversizedAnswerIsRecordedWithPartialText();

    void planIsTheMatrixInOrder();
    void planReadsGitRevisionsWithoutCheckout();
    void planErrorNamesTheRevision();
    void planReadsPartialsFromTheRevision();
    void sharedTransportHoldsOneLimit();
    void destroyedMidCallRecordsCancelled();
    void keyNotSentWithoutConsent();
    void customKeyVariableNeedsConsent();
    void plainHttpKeyRefused();
    void backgroundPlanErrorComesThroughRunFailed();
    void backgroundRunStreamsAndRecords();
    void backgroundRunCancelledWhilePlanning();

private:
    // Env keys only; the local server (127.0.0.1) allowed to receive them, as the CLI's
    // --allow-key-host would; consents kept in the test's data directory.
    run::RunEngineOptions engineOptions(bool allowLoopbackKeys = true) const
    {
        run::RunEngineOptions o;
        o.ledgerPath = m_ledgerPath;
        o.useKeychain = false;
        if (allowLoopbackKeys)
            o.allowedKeyHosts = { QStringLiteral("127.0.0.1") };
        o.consentPath = m_dataDir->filePath(QStringLiteral("consent.json"));
        return o;
    }

    struct Outcome {
        QList<RunSampleResult> samples;
        QString text;
    };
    Outcome runToEnd(RunEngine &engine, const RunSpec &spec);
    RunSpec spec(const QString &model, const QString &text) const;
    QList<core::CallRecord> rows(const QString &runId = {}) const;

    testsupport::TestServer m_server;
    std::unique_ptr<test::ScratchRepo> m_repo;
    std::unique_ptr<QTemporaryDir> m_dataDir;
    QString m_ledgerPath;
    int m_baseRequests = 0;
    int sent() const { return m_server.requestCount() - m_baseRequests; }
};

void TestRunEngine::initTestCase()
{
    test::isolateGitConfig();
    QStandardPaths::setTestModeEnabled(true);
    qputenv("DBUS_SESSION_BUS_ADDRESS", "");
    qputenv("OPENAI_API_KEY", "sk-test-openai");
    qputenv("ANTHROPIC_API_KEY", "sk-ant-test");
    qputenv("GEMINI_API_KEY", "gm-test");
    QVERIFY(m_server.start());
}

void TestRunEngine::init()
{
    m_server.clearFaults();
    m_server.setOptions({});
    m_baseRequests = m_server.requestCount();
    m_repo = std::make_unique<test::ScratchRepo>();
    QVERIFY(m_repo->isValid());
    QVERIFY(m_repo->write(QStringLiteral("promptsmith.yaml"), tests::localProvidersYaml(m_server)));
    QVERIFY(m_repo->write(QStringLiteral("prompts/say.prompt"), tests::userPrompt()));
    QVERIFY(!m_repo->commitAll(QStringLiteral("fixture")).isEmpty());
    m_dataDir = std::make_unique<QTemporaryDir>();
    m_ledgerPath = m_dataDir->filePath(QStringLiteral("ledger.sqlite3"));
}

void TestRunEngine::cleanup()
{
    m_repo.reset();
    m_dataDir.reset();
}

RunSpec TestRunEngine::spec(const QString &model, const QString &text) const
{
    RunSpec s;
    s.workspaceRoot = m_repo->path();
    s.promptPath = QStringLiteral("prompts/say.prompt");
    s.modelRef = model;
    s.input = { { "text", text.toStdString() } };
    return s;
}

TestRunEngine::Outcome TestRunEngine::runToEnd(RunEngine &engine, const RunSpec &s)
{
    Outcome out;
    QSignalSpy finished(&engine, &RunEngine::runFinished);
    const auto c1 = connect(&engine, &RunEngine::sampleFinished, this,
        [&](const QString &, int sample, const RunSampleResult &r) {
            while (out.samples.size() <= sample)
                out.samples.append(RunSampleResult {});
            out.samples[sample] = r;
        });
    const auto c2 = connect(&engine, &RunEngine::textDelta, this,
        [&](const QString &, int, const QString &t) { out.text += t; });
    auto started = engine.start(s);
    if (!started) {
        qWarning() << started.error().toString();
        return out;
    }
    finished.wait(20000);
    disconnect(c1);
    disconnect(c2);
    return out;
}

QList<core::CallRecord> TestRunEngine::rows(const QString &runId) const
{
    auto ledger = core::Ledger::open(m_ledgerPath);
    if (!ledger)
        return {};
    core::CallQuery q;
    q.limit = 0;
    q.runId = runId;
    return ledger->calls(q).value_or(QList<core::CallRecord>());
}

void TestRunEngine::bucketsFromUsage_data()
{
    using O = std::optional<qint64>;
    QTest::addColumn<core::Usage>("usage");
    QTest::addColumn<core::TokenUsage>("expected");
    auto u = [](O in, O out, O read, O write, O reason) {
        return core::Usage { in, out, read, write, reason };
    };
    auto t = [](O uncached, O read, O write, O out, O reason) {
        return core::TokenUsage { uncached, read, write, out, reason };
    };
    // OpenAI: prompt_tokens 100 incl. 40 cached; completion 30 incl. 10 reasoning.
    QTest::newRow("openai") << u(100, 30, 40, {}, 10) << t(60, 40, {}, 20, 10);
    // Anthropic after normalisation: 10 uncached + 50 read + 20 written = 80.
    QTest::newRow("anthropic") << u(80, 5, 50, 20, {}) << t(10, 50, 20, 5, {});
    // Gemini: candidates 7 + thoughts 3 were added up to 10 by the provider.
    QTest::newRow("gemini") << u(12, 10, 2, {}, 3) << t(10, 2, {}, 7, 3);
    QTest::newRow("ollama") << u(9, 4, {}, {}, {}) << t(9, {}, {}, 4, {});
    QTest::newRow("unknown stays unknown") << u({}, {}, {}, {}, {}) << t({}, {}, {}, {}, {});
    QTest::newRow("inconsistent clamps") << u(5, 2, 9, {}, 4) << t(0, 9, {}, 0, 4);
}

void TestRunEngine::bucketsFromUsage()
{
    QFETCH(core::Usage, usage);
    QFETCH(core::TokenUsage, expected);
    const core::TokenUsage got = run::ledgerBuckets(usage);
    QCOMPARE(got.inputUncached, expected.inputUncached);
    QCOMPARE(got.cacheRead, expected.cacheRead);
    QCOMPARE(got.cacheWrite, expected.cacheWrite);
    QCOMPARE(got.output, expected.output);
    QCOMPARE(got.reasoning, expected.reasoning);
    if (usage.inputTokens && *usage.inputTokens >= usage.cacheReadTokens.value_or(0)) {
        const core::Usage back = run::usageFromBuckets(got);
        QCOMPARE(back.inputTokens, usage.inputTokens);
        QCOMPARE(back.outputTokens, usage.outputTokens);
    }
}

void TestRunEngine::configAssignment_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("json");
    QTest::newRow("number") << "temperature=0.2"
                            << "temperature"
                            << "0.2";
    QTest::newRow("integer") << "maxOutputTokens=200"
                             << "maxOutputTokens"
                             << "200";
    QTest::newRow("bool") << "x=True"
                          << "x"
                          << "true";
    QTest::newRow("null") << "x=~"
                          << "x"
                          << "null";
    QTest::newRow("array") << R"(stopSequences=["END"])"
                           << "stopSequences"
                           << R"(["END"])";
    QTest::newRow("plain string") << "user=alice"
                                  << "user"
                                  << R"("alice")";
    QTest::newRow("quoted number") << R"(seed="5")"
                                   << "seed"
                                   << R"("5")";
    QTest::newRow("equals in value") << "a=b=c"
                                     << "a"
                                     << R"("b=c")";
}

void TestRunEngine::configAssignment()
{
    QFETCH(QString, text);
    QFETCH(QString, key);
    QFETCH(QString, json);
    auto kv = RunEngine::parseConfigAssignment(text);
    QVERIFY(kv);
    QCOMPARE(kv->first, key);
    QCOMPARE(QString::fromStdString(kv->second.dump()), json);
    QVERIFY(!RunEngine::parseConfigAssignment(QStringLiteral("novalue")));
}

void TestRunEngine::requestHashIgnoresKeyAndCountsSample()
{
    auto settings = providers::ProviderSettings::builtin(QStringLiteral("openai"));
    core::ChatRequest r;
    r.model = QStringLiteral("gpt-4o-mini");
    r.messages.push_back(core::Message::fromText(core::Role::User, QStringLiteral("hi")));
    const QString h0 = run::requestHash(settings, r, 0);
    QVERIFY(h0.startsWith(QLatin1String("sha256:")));
    QCOMPARE(run::requestHash(settings, r, 0), h0);
    QVERIFY(run::requestHash(settings, r, 1) != h0);
    auto withHeader = settings;
    withHeader.headers.emplace_back(QStringLiteral("Authorization"), QStringLiteral("Bearer x"));
    QCOMPARE(run::requestHash(withHeader, r, 0), h0);
    auto renamed = settings;
    renamed.name = QStringLiteral("other");
    QCOMPARE(run::requestHash(renamed, r, 0), h0);
    r.params.temperature = 0.5;
    QVERIFY(run::requestHash(settings, r, 0) != h0);
    const std::string canonical = run::canonicalRequest(settings, r).dump();
    QVERIFY(canonical.find("temperature") != std::string::npos);
}

void TestRunEngine::repeatWritesOneRowPerSample()
{
    RunEngine engine(engineOptions());
    auto s = spec(QStringLiteral("openai/gpt-4o-mini"), QStringLiteral("three little words"));
    s.repeat = 3;
    s.runId = QStringLiteral("run-repeat");
    const Outcome out = runToEnd(engine, s);
    QCOMPARE(out.samples.size(), 3);
    const QString expected = testsupport::expectedReply(QStringLiteral("three little words"));
    QSet<QString> hashes;
    QSet<qint64> ids;
    for (const RunSampleResult &r : out.samples) {
        QVERIFY2(
            r.result.ok(), qPrintable(r.result.error ? r.result.error->toString() : QString()));
        QCOMPARE(r.result.text, expected);
        QVERIFY(r.ledgerId > 0);
        hashes.insert(r.requestHash);
        ids.insert(r.ledgerId);
    }
    QCOMPARE(hashes.size(), 3);
    QCOMPARE(ids.size(), 3);
    QCOMPARE(sent(), 3);
    const auto recorded = rows(QStringLiteral("run-repeat"));
    QCOMPARE(recorded.size(), 3);
    const QString head = m_repo->git({ QStringLiteral("rev-parse"), QStringLiteral("HEAD") });
    // Each row says which repeat it was, so the run can be rebuilt from the ledger, and which
    // input: the sha256 of its vars as canonical JSON (sorted keys, no spaces), here one key.
    const QString varsHash = QStringLiteral("sha256:")
        + QString::fromLatin1(QCryptographicHash::hash(
            QByteArrayLiteral(R"({"text":"three little words"})"), QCryptographicHash::Sha256)
                                  .toHex());
    QSet<QString> cells;
    for (const core::CallRecord &row : recorded)
        cells.insert(row.start.cellJson);
    const QString cell
        = QStringLiteral(R"({"input":0,"inputHash":"%1","model":0,"params":0,"repeat":%2,)"
                         R"("revision":0})");
    QCOMPARE(cells,
        QSet<QString>(
            { cell.arg(varsHash).arg(0), cell.arg(varsHash).arg(1), cell.arg(varsHash).arg(2) }));
    for (const core::CallRecord &row : recorded) {
        QVERIFY(row.start.purpose.isEmpty());
        QCOMPARE(row.outcome.status, core::CallStatus::Ok);
        QCOMPARE(row.attempts.size(), 1);
        QCOMPARE(row.outcome.outputText, expected);
        QCOMPARE(row.start.promptPath, QStringLiteral("prompts/say.prompt"));
        QCOMPARE(row.start.promptRevision, head);
        QCOMPARE(row.start.provider, QStringLiteral("openai"));
        QCOMPARE(row.start.model, QStringLiteral("gpt-4o-mini"));
    }
}

void TestRunEngine::eachSampleIsCommittedWhenReported()
{
    // The engine's ledger writes commit in batches; sampleFinished must still come only once
    // the sample's row is finished in the file, as another connection (a window's) reads it.
    RunEngine engine(engineOptions());
    auto s = spec(QStringLiteral("openai/gpt-4o-mini"), QStringLiteral("four words of text"));
    s.repeat = 12;
    const QString expected = testsupport::expectedReply(QStringLiteral("four words of text"));
    int reported = 0;
    int committed = 0;
    connect(&engine, &RunEngine::sampleFinished, this,
        [&](const QString &, int, const RunSampleResult &r) {
            ++reported;
            auto reader = core::Ledger::openReadOnly(m_ledgerPath, 0);
            if (!reader)
                return;
            const auto row = reader->call(r.ledgerId);
            if (row && *row && (*row)->outcome.status == core::CallStatus::Ok
                && (*row)->outcome.outputText == expected && (*row)->attempts.size() == 1)
                ++committed;
        });
    QSignalSpy finished(&engine, &RunEngine::runFinished);
    QVERIFY(engine.start(s));
    QVERIFY(finished.wait(20000));
    QCOMPARE(reported, 12);
    QCOMPARE(committed, 12);
}

void TestRunEngine::usageBucketsPerProvider_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<bool>("cacheWrite");
    QTest::addColumn<bool>("reasoning");
    QTest::addColumn<bool>("cacheRead");
    QTest::newRow("openai") << "openai/gpt-4o-mini" << false << true << true;
    QTest::newRow("anthropic") << "anthropic/claude-haiku-4-5" << true << false << true;
    QTest::newRow("gemini") << "gemini/gemini-2.5-flash" << false << true << true;
    QTest::newRow("ollama") << "ollama/llama3.2" << false << false << false;
}

void TestRunEngine::usageBucketsPerProvider()
{
    QFETCH(QString, model);
    QFETCH(bool, cacheWrite);
    QFETCH(bool, reasoning);
    QFETCH(bool, cacheRead);
    testsupport::ServerOptions o;
    o.cacheReadTokens = 3;
    o.cacheWriteTokens = 2;
    o.reasoningTokens = 4;
    m_server.setOptions(o);
    const QString text = QStringLiteral("one two three four five six seven eight nine ten");
    RunEngine engine(engineOptions());
    const Outcome out = runToEnd(engine, spec(model, text));
    QCOMPARE(out.samples.size(), 1);
    const RunSampleResult &r = out.samples.first();
    QVERIFY2(r.result.ok(), qPrintable(r.result.error ? r.result.error->toString() : QString()));
    const qint64 words = testsupport::wordCount(text);
    const qint64 outWords = testsupport::wordCount(testsupport::expectedReply(text));
    const qint64 read = cacheRead ? 3 : 0;
    const qint64 write = cacheWrite ? 2 : 0;
    QCOMPARE(r.tokens.inputUncached, std::optional<qint64>(words - read - write));
    QCOMPARE(r.tokens.cacheRead.value_or(0), read);
    QCOMPARE(r.tokens.cacheWrite.value_or(0), write);
    QCOMPARE(r.tokens.output, std::optional<qint64>(outWords));
    QCOMPARE(r.tokens.reasoning.value_or(0), reasoning ? 4 : 0);
    const auto recorded = rows();
    QCOMPARE(recorded.size(), 1);
    QCOMPARE(recorded.first().outcome.tokens.inputUncached, r.tokens.inputUncached);
    QCOMPARE(recorded.first().outcome.tokens.output, r.tokens.output);
    QCOMPARE(recorded.first().outcome.tokens.reasoning, r.tokens.reasoning);
}

void TestRunEngine::pricedFromWorkspaceOverrides()
{
    testsupport::ServerOptions o;
    o.cacheReadTokens = 2;
    o.reasoningTokens = 5;
    m_server.setOptions(o);
    const QString text = QStringLiteral("a b c d e f g h");
    RunEngine engine(engineOptions());
    const Outcome out = runToEnd(engine, spec(QStringLiteral("openai/priced-model"), text));
    QCOMPARE(out.samples.size(), 1);
    const RunSampleResult &r = out.samples.first();
    QVERIFY(r.result.ok());
    // promptsmith.yaml: input 1.0, output 2.0, cache_read 0.5, reasoning 4.0 USD per Mtok.
    const double uncached = double(testsupport::wordCount(text) - 2);
    const double output = double(testsupport::wordCount(testsupport::expectedReply(text)));
    const double expected = (uncached * 1.0 + 2 * 0.5 + output * 2.0 + 5 * 4.0) / 1e6;
    QVERIFY(r.costUsd.has_value());
    QVERIFY2(qAbs(*r.costUsd - expected) < 1e-12,
        qPrintable(QStringLiteral("%1 != %2").arg(*r.costUsd).arg(expected)));
    const auto recorded = rows();
    QCOMPARE(recorded.size(), 1);
    QVERIFY(recorded.first().outcome.costUsd.has_value());
    QVERIFY(qAbs(*recorded.first().outcome.costUsd - expected) < 1e-12);
    QVERIFY(!recorded.first().outcome.priceVersion.isEmpty());
}

void TestRunEngine::unknownPriceIsNullNotZero()
{
    RunEngine engine(engineOptions());
    const Outcome out = runToEnd(
        engine, spec(QStringLiteral("openai/no-such-model-xyz"), QStringLiteral("hello")));
    QCOMPARE(out.samples.size(), 1);
    QVERIFY(out.samples.first().result.ok());
    QVERIFY(!out.samples.first().costUsd.has_value());
    const auto recorded = rows();
    QCOMPARE(recorded.size(), 1);
    QVERIFY(!recorded.first().outcome.costUsd.has_value());
}

void TestRunEngine::cacheHitIsFlaggedAndFree()
{
    RunEngine engine(engineOptions());
    auto s = spec(QStringLiteral("openai/priced-model"), QStringLiteral("cache me please"));
    s.repeat = 2;
    s.useCache = true;
    const Outcome first = runToEnd(engine, s);
    QCOMPARE(first.samples.size(), 2);
    QCOMPARE(sent(), 2);
    QVERIFY(!first.samples[0].cached);
    QVERIFY(first.samples[0].costUsd.value_or(0) > 0);

    s.repeat = 3; // two samples are in the cache, the third is not
    const Outcome second = runToEnd(engine, s);
    QCOMPARE(second.samples.size(), 3);
    QCOMPARE(sent(), 3);
    for (int i = 0; i < 2; ++i) {
        const RunSampleResult &r = second.samples[i];
        QVERIFY(r.cached);
        QCOMPARE(r.costUsd, std::optional<double>(0.0));
        QCOMPARE(r.originalCostUsd, first.samples[i].costUsd);
        QCOMPARE(r.result.text, first.samples[i].result.text);
        QCOMPARE(r.requestHash, first.samples[i].requestHash);
        QVERIFY(r.ledgerId > 0 && r.ledgerId != first.samples[i].ledgerId);
    }
    QVERIFY(!second.samples[2].cached);
    auto ledger = core::Ledger::open(m_ledgerPath);
    QVERIFY(ledger);
    auto row = ledger->call(second.samples[0].ledgerId);
    QVERIFY(row && *row);
    QVERIFY((*row)->outcome.cached);
    QCOMPARE((*row)->outcome.cachedFromId, std::optional<qint64>(first.samples[0].ledgerId));
    QCOMPARE(rows().size(), 5);

    s.useCache = false; // off: always calls
    s.repeat = 1;
    const Outcome third = runToEnd(engine, s);
    QVERIFY(!third.samples.first().cached);
    QCOMPARE(sent(), 4);
}

void TestRunEngine::cancelMidStreamRecordsCancelled()
{
    m_server.pushFault(QStringLiteral("chunk-delay=400"));
    RunEngine engine(engineOptions());
    auto s = spec(QStringLiteral("openai/gpt-4o-mini"),
        QStringLiteral("a fairly long sentence so that the answer streams in several chunks"));
    s.runId = QStringLiteral("run-cancel");
    QList<RunSampleResult> results;
    QString streamed;
    connect(&engine, &RunEngine::sampleFinished, this,
        [&](const QString &, int, const RunSampleResult &r) { results.append(r); });
    connect(&engine, &RunEngine::textDelta, this, [&](const QString &id, int, const QString &t) {
        streamed += t;
        engine.cancel(id);
    });
    QSignalSpy finished(&engine, &RunEngine::runFinished);
    QVERIFY(engine.start(s));
    QVERIFY(finished.wait(10000));
    QCOMPARE(results.size(), 1);
    QCOMPARE(results.first().result.failure, core::Failure::Cancelled);
    QVERIFY(!streamed.isEmpty());
    const auto recorded = rows(QStringLiteral("run-cancel"));
    QCOMPARE(recorded.size(), 1);
    QCOMPARE(recorded.first().outcome.status, core::CallStatus::Cancelled);
    QVERIFY(recorded.first().outcome.outputText.startsWith(streamed.left(3)));
    QVERIFY(!engine.isRunning(QStringLiteral("run-cancel")));
}

void TestRunEngine::errorsBeforeAnyCallComeBackAtOnce()
{
    RunEngine engine(engineOptions());
    QVERIFY(m_repo->write(
        QStringLiteral("prompts/bad.prompt"), "---\nmodel: echo/echo\n---\n{{#if}}\n"));
    auto bad = spec({}, QStringLiteral("x"));
    bad.promptPath = QStringLiteral("prompts/bad.prompt");
    auto r = engine.start(bad);
    QVERIFY(!r);
    QVERIFY2(r.error().line == 4 && r.error().file.endsWith(QLatin1String("bad.prompt")),
        qPrintable(r.error().toString()));

    auto missing = spec(QStringLiteral("openai/gpt-4o-mini"), QStringLiteral("x"));
    missing.input = nlohmann::ordered_json::object();
    r = engine.start(missing);
    QVERIFY(!r);
    QVERIFY2(r.error().message.contains(QLatin1String("text")), qPrintable(r.error().toString()));

    auto unknown = spec(QStringLiteral("nosuch/model"), QStringLiteral("x"));
    r = engine.start(unknown);
    QVERIFY(!r);
    QVERIFY(r.error().toString().contains(QLatin1String("nosuch")));

    // The built-in vendor endpoint with no key: the message names the variable and keychain.
    qunsetenv("ANTHROPIC_API_KEY");
    QVERIFY(m_repo->write(QStringLiteral("promptsmith.yaml"), "providers: {}\n"));
    r = engine.start(spec(QStringLiteral("anthropic/claude-haiku-4-5"), QStringLiteral("x")));
    qputenv("ANTHROPIC_API_KEY", "sk-ant-test");
    QVERIFY(!r);
    QVERIFY2(r.error().message.contains(QLatin1String("ANTHROPIC_API_KEY"))
            && r.error().message.contains(QLatin1String("keychain")),
        qPrintable(r.error().toString()));
    QCOMPARE(sent(), 0);
    QVERIFY(rows().isEmpty());
}

void TestRunEngine::ollamaModelList()
{
    RunEngine engine(engineOptions());
    QSignalSpy listed(&engine, &RunEngine::modelsListed);
    engine.listModels(m_repo->path(), QStringLiteral("ollama"));
    QVERIFY(listed.wait(5000));
    QCOMPARE(listed.first().at(0).toString(), QStringLiteral("ollama"));
    QCOMPARE(
        listed.first().at(1).toStringList(), QStringList { QStringLiteral("llama3.2:latest") });
    testsupport::ServerOptions o;
    o.ollamaModels = { QStringLiteral("gpt-b"), QStringLiteral("gpt-a") };
    m_server.setOptions(o);
    engine.listModels(m_repo->path(), QStringLiteral("openai"));
    QVERIFY(listed.wait(5000));
    QCOMPARE(listed.last().at(0).toString(), QStringLiteral("openai"));
    QCOMPARE(listed.last().at(1).toStringList(),
        (QStringList { QStringLiteral("gpt-a"), QStringLiteral("gpt-b") }));
    QCOMPARE(
        m_server.requests().last().header("authorization"), QByteArray("Bearer sk-test-openai"));
    engine.listModels(m_repo->path(), QStringLiteral("nosuch"));
    QVERIFY(listed.wait(5000));
    QVERIFY(listed.last().at(1).toStringList().isEmpty());

    // Without consent for this host the list is asked for without the key.
    RunEngine unconsented(engineOptions(false));
    QSignalSpy listedBare(&unconsented, &RunEngine::modelsListed);
    unconsented.listModels(m_repo->path(), QStringLiteral("openai"));
    QVERIFY(listedBare.wait(5000));
    QCOMPARE(m_server.requests().last().header("authorization"), QByteArray());
}

void TestRunEngine::revisionOfEditorTextAndModifiedFile()
{
    RunEngine engine(engineOptions());
    const QByteArray editor = "---\nmodel: echo/echo\n---\nunsaved {{text}}\n";
    auto s = spec({}, QStringLiteral("draft"));
    s.promptText = QString::fromUtf8(editor);
    s.runId = QStringLiteral("run-editor");
    Outcome out = runToEnd(engine, s);
    QCOMPARE(out.samples.size(), 1);
    QCOMPARE(out.samples.first().result.text, QStringLiteral("unsaved draft"));
    auto recorded = rows(QStringLiteral("run-editor"));
    QCOMPARE(recorded.size(), 1);
    const auto hex = [](const QByteArray &b) {
        return QStringLiteral("sha256:")
            + QString::fromLatin1(QCryptographicHash::hash(b, QCryptographicHash::Sha256).toHex());
    };
    QCOMPARE(recorded.first().start.promptRevision, hex(editor));

    const QByteArray changed = tests::userPrompt() + "changed\n";
    QVERIFY(m_repo->write(QStringLiteral("prompts/say.prompt"), changed));
    s = spec(QStringLiteral("echo/echo"), QStringLiteral("x"));
    s.runId = QStringLiteral("run-modified");
    out = runToEnd(engine, s);
    QCOMPARE(out.samples.size(), 1);
    recorded = rows(QStringLiteral("run-modified"));
    QCOMPARE(recorded.size(), 1);
    QCOMPARE(recorded.first().start.promptRevision, hex(changed));
}

// max_response_mb from promptsmith.yaml reaches the transport; an answer past it is a failed
// call in the ledger, with the limit named and the text that arrived before it kept.
void TestRunEngine::oversizedAnswerIsRecordedWithPartialText()
{
    QVERIFY(m_repo->write(QStringLiteral("promptsmith.yaml"),
        "providers:\n  capped: {type: openai, base_url: \"" + m_server.baseUrl().toUtf8()
            + "/v1\", max_response_mb: 1, max_retries: 2}\n"));
    m_server.pushFault(QStringLiteral("large=3000000"));
    RunEngine engine(engineOptions());
    auto s = spec(QStringLiteral("capped/big-model"), QStringLiteral("x"));
    s.runId = QStringLiteral("run-oversized");
    const Outcome out = runToEnd(engine, s);
    QCOMPARE(out.samples.size(), 1);
    const core::ChatResult &result = out.samples.first().result;
    QCOMPARE(result.failure, core::Failure::Protocol);
    QCOMPARE(sent(), 1); // not retried
    QVERIFY(out.text.startsWith(QLatin1String("lorem ipsum")));
    const auto recorded = rows(QStringLiteral("run-oversized"));
    QCOMPARE(recorded.size(), 1);
    const core::CallOutcome &row = recorded.first().outcome;
    QCOMPARE(row.status, core::CallStatus::Error);
    QVERIFY2(row.error.contains(QLatin1String("1 MB limit"))
            && row.error.contains(QLatin1String("max_response_mb")),
        qPrintable(row.error));
    QCOMPARE(row.outputText, out.text);
    QVERIFY(row.outputText.size() > 100'000 && row.outputText.size() < 1024 * 1024);
}

void TestRunEngine::cancelSequentialRepeat()
{
    m_server.pushFault(QStringLiteral("chunk-delay=300"));
    RunEngine engine(engineOptions());
    auto s = spec(QStringLiteral("openai/gpt-4o-mini"),
        QStringLiteral("long enough to stream in several separate chunks"));
    s.repeat = 3;
    s.sequential = true;
    s.runId = QStringLiteral("run-seq");
    QList<core::Failure> failures;
    connect(&engine, &RunEngine::sampleFinished, this,
        [&](const QString &, int, const RunSampleResult &r) { failures.append(r.result.failure); });
    connect(&engine, &RunEngine::textDelta, this,
        [&](const QString &id, int, const QString &) { engine.cancel(id); });
    QSignalSpy finished(&engine, &RunEngine::runFinished);
    QVERIFY(engine.start(s));
    QVERIFY(finished.wait(10000));
    QCOMPARE(failures.size(), 3);
    for (core::Failure f : failures)
        QCOMPARE(f, core::Failure::Cancelled);
    QCOMPARE(sent(), 1);
    // Only the call that was sent has a row; the two never sent were no calls.
    const auto recorded = rows(QStringLiteral("run-seq"));
    QCOMPARE(recorded.size(), 1);
    QCOMPARE(recorded.first().outcome.status, core::CallStatus::Cancelled);
}

void TestRunEngine::cancelSomeSamplesOthersGoOn()
{
    // A sequential run's chain passes over cancelled samples, whether they were cancelled
    // before the keys were known (right after start) or while an earlier sample streamed.
    RunEngine engine(engineOptions());
    auto s = spec(QStringLiteral("openai/gpt-4o-mini"), QStringLiteral("some words to stream"));
    s.repeat = 5;
    s.sequential = true;
    s.runId = QStringLiteral("run-some");
    QMap<int, core::Failure> failures;
    connect(&engine, &RunEngine::sampleFinished, this,
        [&](const QString &, int sample, const RunSampleResult &r) {
            failures.insert(sample, r.result.failure);
        });
    bool cancelledLater = false;
    connect(
        &engine, &RunEngine::textDelta, this, [&](const QString &id, int sample, const QString &) {
            if (sample == 0 && !cancelledLater) {
                cancelledLater = true;
                engine.cancelSamples(id, { 3 });
            }
        });
    QSignalSpy finished(&engine, &RunEngine::runFinished);
    QVERIFY(engine.start(s));
    engine.cancelSamples(QStringLiteral("run-some"), { 1, 2 });
    QVERIFY(finished.wait(10000));
    QCOMPARE(failures.size(), 5);
    for (int i : { 0, 4 })
        QCOMPARE(failures.value(i), core::Failure::None);
    for (int i : { 1, 2, 3 })
        QCOMPARE(failures.value(i), core::Failure::Cancelled);
    QCOMPARE(sent(), 2);
    const auto recorded = rows(QStringLiteral("run-some"));
    QCOMPARE(recorded.size(), 2);
    for (const core::CallRecord &row : recorded)
        QCOMPARE(row.outcome.status, core::CallStatus::Ok);
}

void TestRunEngine::planIsTheMatrixInOrder()
{
    // revisions x models x parameter sets x inputs x repeats, repeats innermost; no network.
    RunSpec s = spec({}, {});
    s.revisions = { run::PromptRevision::workingCopy(),
        run::PromptRevision::atGit(QStringLiteral("HEAD")),
        run::PromptRevision::unsavedText(QString::fromUtf8(tests::userPrompt() + "edited\n")) };
    s.modelRefs = { QStringLiteral("echo/echo"), QStringLiteral("openai/gpt-4o-mini") };
    s.parameterSets = { nlohmann::ordered_json::object(), { { "temperature", 0.2 } } };
    s.inputs = { { { "text", "a" } }, { { "text", "b" } } };
    s.repeat = 2;
    const auto settings = core::WorkspaceSettings::load(m_repo->path());
    const auto plan = run::RunPlanner::plan(s, settings, core::PriceTable());
    QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().toString()));
    QCOMPARE(plan->calls.size(), size_t(3 * 2 * 2 * 2 * 2));
    QCOMPARE(sent(), 0);
    auto ws = core::Workspace::open(m_repo->path());
    QVERIFY(ws);
    const QString head = *ws->resolve(QStringLiteral("HEAD"));
    QSet<QString> hashes;
    for (int i = 0; i < int(plan->calls.size()); ++i) {
        const run::PlannedCall &c = plan->calls[size_t(i)];
        QCOMPARE(c.index, i);
        QCOMPARE(c.repeatIndex, i % 2);
        QCOMPARE(c.inputIndex, (i / 2) % 2);
        QCOMPARE(c.parameterSetIndex, (i / 4) % 2);
        QCOMPARE(c.modelIndex, (i / 8) % 2);
        QCOMPARE(c.revisionIndex, i / 16);
        QCOMPARE(c.settings.name, c.modelIndex ? QStringLiteral("openai") : QStringLiteral("echo"));
        QCOMPARE(c.request.params.temperature.has_value(), c.parameterSetIndex == 1);
        // The unmodified working file is HEAD's commit; editor text is its own hash.
        if (c.revisionIndex < 2)
            QCOMPARE(c.revisionId, head);
        else
            QVERIFY(c.revisionId.startsWith(QLatin1String("sha256:")));
        hashes.insert(c.requestHash);
    }
    // Same text at two revisions asks the same; everything else differs.
    QCOMPARE(hashes.size(), 2 * 2 * 2 * 2 * 2);
    for (int i = 0; i < 16; ++i)
        QCOMPARE(plan->calls[size_t(i)].requestHash, plan->calls[size_t(i + 16)].requestHash);
    const auto again = run::RunPlanner::plan(s, settings, core::PriceTable());
    QVERIFY(again);
    for (size_t i = 0; i < plan->calls.size(); ++i)
        QCOMPARE(again->calls[i].requestHash, plan->calls[i].requestHash);

    // The single-run fields are the 1x1x1x1xN case.
    RunSpec single = spec(QStringLiteral("echo/echo"), QStringLiteral("x"));
    single.repeat = 3;
    const auto one = run::RunPlanner::plan(single, settings, core::PriceTable());
    QVERIFY(one);
    QCOMPARE(one->calls.size(), size_t(3));
    QCOMPARE(one->relPath, QStringLiteral("prompts/say.prompt"));
}

void TestRunEngine::planReadsGitRevisionsWithoutCheckout()
{
    const QString first = m_repo->commitAll(QStringLiteral("nothing new"));
    auto ws = core::Workspace::open(m_repo->path());
    const QString v1 = *ws->resolve(QStringLiteral("HEAD"));
    QVERIFY(m_repo->write(
        QStringLiteral("prompts/say.prompt"), "---\nmodel: echo/echo\n---\nv2 {{text}}\n"));
    QVERIFY(!m_repo->commitAll(QStringLiteral("v2")).isEmpty());
    QVERIFY(m_repo->write(
        QStringLiteral("prompts/say.prompt"), "---\nmodel: echo/echo\n---\nv3 {{text}}\n"));
    RunSpec s = spec(QStringLiteral("echo/echo"), QStringLiteral("x"));
    s.revisions = { run::PromptRevision::atGit(v1),
        run::PromptRevision::atGit(QStringLiteral("HEAD")), run::PromptRevision::workingCopy() };
    s.runId = QStringLiteral("run-revisions");
    RunEngine engine(engineOptions());
    const Outcome out = runToEnd(engine, s);
    QCOMPARE(out.samples.size(), 3);
    QCOMPARE(out.samples[0].result.text, QStringLiteral("x")); // the fixture's {{text}}
    QCOMPARE(out.samples[1].result.text, QStringLiteral("v2 x"));
    QCOMPARE(out.samples[2].result.text, QStringLiteral("v3 x"));
    QCOMPARE(out.samples[0].revisionId, v1);
    QVERIFY(out.samples[2].revisionId.startsWith(QLatin1String("sha256:")));
    // Nothing was checked out: the working file is still the edited one.
    QFile file(m_repo->path() + QStringLiteral("/prompts/say.prompt"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains("v3"));
    const auto recorded = rows(QStringLiteral("run-revisions"));
    QCOMPARE(recorded.size(), 3);
    QSet<QString> revisions;
    for (const auto &r : recorded)
        revisions.insert(r.start.promptRevision);
    QVERIFY(revisions.contains(v1));
    QCOMPARE(revisions.size(), 3);
    Q_UNUSED(first);
}

void TestRunEngine::planErrorNamesTheRevision()
{
    QVERIFY(m_repo->write(
        QStringLiteral("prompts/say.prompt"), "---\nmodel: echo/echo\n---\nfine {{#if x}}\n"));
    const QString broken = m_repo->commitAll(QStringLiteral("broken"));
    QVERIFY(!broken.isEmpty());
    QVERIFY(m_repo->write(QStringLiteral("prompts/say.prompt"), tests::userPrompt()));
    RunSpec s = spec(QStringLiteral("echo/echo"), QStringLiteral("x"));
    s.revisions = { run::PromptRevision::workingCopy(),
        run::PromptRevision::atGit(QStringLiteral("HEAD")) };
    const auto plan = run::RunPlanner::plan(
        s, core::WorkspaceSettings::load(m_repo->path()), core::PriceTable());
    QVERIFY(!plan);
    QCOMPARE(plan.error().file, QStringLiteral("prompts/say.prompt@HEAD"));
    QVERIFY2(
        plan.error().line == 4 && plan.error().column > 0, qPrintable(plan.error().toString()));
    // The working copy alone is fine.
    s.revisions = { run::PromptRevision::workingCopy() };
    QVERIFY(run::RunPlanner::plan(
        s, core::WorkspaceSettings::load(m_repo->path()), core::PriceTable()));
}

void TestRunEngine::planReadsPartialsFromTheRevision()
{
    QVERIFY(m_repo->write(QStringLiteral("prompts/greet.prompt"),
        "---\nmodel: echo/echo\n---\n{{> sign}} and {{> shared}}\n"));
    QVERIFY(m_repo->write(QStringLiteral("prompts/_sign.prompt"), "old sign"));
    QVERIFY(m_repo->write(QStringLiteral("prompts/_shared.prompt"), "old shared"));
    const QString v1 = m_repo->commitAll(QStringLiteral("partials v1"));
    QVERIFY(!v1.isEmpty());
    QVERIFY(m_repo->write(QStringLiteral("prompts/_sign.prompt"), "new sign"));
    QVERIFY(!m_repo->commitAll(QStringLiteral("partials v2")).isEmpty());
    QVERIFY(m_repo->write(QStringLiteral("prompts/_shared.prompt"), "unsaved shared"));

    RunSpec s = spec(QStringLiteral("echo/echo"), QStringLiteral("x"));
    s.promptPath = QStringLiteral("prompts/greet.prompt");
    s.revisions = { run::PromptRevision::atGit(QStringLiteral("HEAD~1")),
        run::PromptRevision::atGit(QStringLiteral("HEAD")), run::PromptRevision::workingCopy() };
    const auto plan = run::RunPlanner::plan(
        s, core::WorkspaceSettings::load(m_repo->path()), core::PriceTable());
    QVERIFY2(plan, qPrintable(plan ? QString() : plan.error().toString()));
    QCOMPARE(plan->calls.size(), size_t(3));
    const auto text = [&](size_t i) { return plan->calls[i].request.messages.front().text(); };
    QCOMPARE(text(0).trimmed(), QStringLiteral("old sign and old shared"));
    QCOMPARE(text(1).trimmed(), QStringLiteral("new sign and old shared"));
    QCOMPARE(text(2).trimmed(), QStringLiteral("new sign and unsaved shared"));
}

void TestRunEngine::sharedTransportHoldsOneLimit()
{
    // Every request of `one` streams slowly (the header reaches the server), so calls overlap.
    QVERIFY(m_repo->write(QStringLiteral("promptsmith.yaml"),
        "providers:\n  one: {type: ollama, base_url: \"" + m_server.baseUrl().toUtf8()
            + "\", max_concurrency: 1, headers: {X-Test-Fault: \"chunk-delay=150\"}}\n"));
    const auto runBoth = [&](providers::Transport *shared) {
        m_server.resetStats();
        auto options = engineOptions();
        options.transport = shared;
        RunEngine a(options);
        RunEngine b(options);
        QSignalSpy doneA(&a, &RunEngine::runFinished);
        QSignalSpy doneB(&b, &RunEngine::runFinished);
        auto s = spec(QStringLiteral("one/llama3.2"), QStringLiteral("three words here"));
        s.repeat = 2;
        if (!a.start(s) || !b.start(s))
            return -1;
        if (!doneA.wait(20000) || (doneB.isEmpty() && !doneB.wait(20000)))
            return -1;
        return m_server.maxConcurrent();
    };
    providers::Transport transport;
    QCOMPARE(runBoth(&transport), 1);
    // The control: an engine each with its own transport has a limit each.
    QCOMPARE(runBoth(nullptr), 2);
}

void TestRunEngine::destroyedMidCallRecordsCancelled()
{
    m_server.pushFault(QStringLiteral("stall-after=2"));
    auto engine = std::make_unique<RunEngine>(engineOptions());
    auto s = spec(QStringLiteral("openai/gpt-4o-mini"), QStringLiteral("a story that stalls"));
    s.runId = QStringLiteral("run-quit");
    QSignalSpy delta(engine.get(), &RunEngine::textDelta);
    QVERIFY(engine->start(s));
    QVERIFY(delta.wait(10000));
    QElapsedTimer timer;
    timer.start();
    engine.reset(); // the app quitting mid-call
    QVERIFY(timer.elapsed() < 5000);
    const auto recorded = rows(QStringLiteral("run-quit"));
    QCOMPARE(recorded.size(), 1);
    QCOMPARE(recorded.first().outcome.status, core::CallStatus::Cancelled);
}

void TestRunEngine::keyNotSentWithoutConsent()
{
    // The workspace points `openai` at another host: the user's OPENAI_API_KEY must not go.
    const QString consentFile = m_dataDir->filePath(QStringLiteral("consent.json"));
    RunEngine engine(engineOptions(false));
    QSignalSpy failed(&engine, &RunEngine::runFailed);
    QSignalSpy consent(&engine, &RunEngine::keyConsentNeeded);
    auto s = spec(QStringLiteral("openai/gpt-4o-mini"), QStringLiteral("hello"));
    s.runId = QStringLiteral("run-unconsented");
    Outcome out = runToEnd(engine, s);
    QCOMPARE(sent(), 0);
    QVERIFY(rows().isEmpty());
    QCOMPARE(failed.size(), 1);
    const auto error = failed.first().at(1).value<core::Error>();
    QVERIFY2(error.message.contains(QLatin1String("OPENAI_API_KEY"))
            && error.message.contains(QLatin1String("127.0.0.1"))
            && error.message.contains(QLatin1String("api.openai.com"))
            && !error.message.contains(QLatin1String("sk-test-openai")),
        qPrintable(error.message));
    QCOMPARE(out.samples.size(), 1);
    QCOMPARE(out.samples.first().result.failure, core::Failure::Config);
    QCOMPARE(consent.size(), 1);
    const auto request = consent.first().at(1).value<run::KeyConsentRequest>();
    QCOMPARE(request.host, QStringLiteral("127.0.0.1"));
    QCOMPARE(request.origin, QStringLiteral("env:OPENAI_API_KEY"));
    QCOMPARE(request.provider, QStringLiteral("openai"));

    // Yes: remembered outside the repository, and the key goes.
    QVERIFY(engine.allowKey(request));
    QVERIFY(QFile::exists(consentFile));
    QVERIFY(!consentFile.startsWith(m_repo->path()));
    s.runId = QStringLiteral("run-consented");
    out = runToEnd(engine, s);
    QCOMPARE(out.samples.size(), 1);
    QVERIFY2(out.samples.first().result.ok(),
        qPrintable(out.samples.first().result.error ? out.samples.first().result.error->toString()
                                                    : QString()));
    QCOMPARE(
        m_server.requests().last().header("authorization"), QByteArray("Bearer sk-test-openai"));
    // A fresh engine (the next session) remembers it.
    RunEngine next(engineOptions(false));
    s.runId = QStringLiteral("run-remembered");
    out = runToEnd(next, s);
    QCOMPARE(out.samples.size(), 1);
    QVERIFY(out.samples.first().result.ok());
}

void TestRunEngine::customKeyVariableNeedsConsent()
{
    qputenv("PSM_TEST_AWS_SECRET", "aws-secret-value");
    QVERIFY(m_repo->write(QStringLiteral("promptsmith.yaml"),
        "providers:\n  grab: {type: openai, base_url: \"" + m_server.baseUrl().toUtf8()
            + "/v1\", api_key_env: PSM_TEST_AWS_SECRET}\n"));
    RunEngine engine(engineOptions(false));
    QSignalSpy failed(&engine, &RunEngine::runFailed);
    const Outcome out
        = runToEnd(engine, spec(QStringLiteral("grab/gpt-4o-mini"), QStringLiteral("x")));
    qunsetenv("PSM_TEST_AWS_SECRET");
    QCOMPARE(sent(), 0);
    QCOMPARE(failed.size(), 1);
    QVERIFY(failed.first().at(1).value<core::Error>().message.contains(
        QLatin1String("PSM_TEST_AWS_SECRET")));
    QCOMPARE(out.samples.size(), 1);
    QVERIFY(!out.samples.first().result.ok());
}

void TestRunEngine::plainHttpKeyRefused()
{
    QVERIFY(m_repo->write(QStringLiteral("promptsmith.yaml"),
        "providers:\n  remote: {type: openai, base_url: \"http://models.example.invalid/v1\"}\n"));
    auto options = engineOptions();
    options.allowedKeyHosts.append(QStringLiteral("models.example.invalid"));
    RunEngine engine(options);
    QSignalSpy failed(&engine, &RunEngine::runFailed);
    QSignalSpy consent(&engine, &RunEngine::keyConsentNeeded);
    runToEnd(engine, spec(QStringLiteral("remote/gpt-4o-mini"), QStringLiteral("x")));
    QCOMPARE(failed.size(), 1);
    QVERIFY2(
        failed.first().at(1).value<core::Error>().message.contains(QLatin1String("plain http")),
        qPrintable(failed.first().at(1).value<core::Error>().message));
    QVERIFY(consent.isEmpty()); // no yes makes it safe: nothing to ask
}

QTEST_GUILESS_MAIN(TestRunEngine)

void TestRunEngine::backgroundPlanErrorComesThroughRunFailed()
{
    // Planned on a worker: the id comes back at once, the plan's error (with its
    // file:line:col) later through runFailed, then runFinished; nothing is sent or recorded.
    RunEngine engine(engineOptions());
    QVERIFY(m_repo->write(
        QStringLiteral("prompts/bad.prompt"), "---\nmodel: echo/echo\n---\n{{#if}}\n"));
    auto bad = spec({}, QStringLiteral("x"));
    bad.promptPath = QStringLiteral("prompts/bad.prompt");
    bad.runId = QStringLiteral("run-bad");
    QSignalSpy failed(&engine, &RunEngine::runFailed);
    QSignalSpy finished(&engine, &RunEngine::runFinished);
    QSignalSpy samples(&engine, &RunEngine::sampleFinished);
    auto r = engine.startInBackground(bad);
    QVERIFY(r);
    QCOMPARE(*r, QStringLiteral("run-bad"));
    QCOMPARE(failed.count(), 0); // not planned on this thread
    QVERIFY(engine.isRunning(QStringLiteral("run-bad")));
    // The same id again while it is being planned is refused at once.
    QVERIFY(!engine.startInBackground(bad));
    QVERIFY(finished.wait(10000));
    QCOMPARE(failed.count(), 1);
    const auto error = failed.at(0).at(1).value<core::Error>();
    QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("run-bad"));
    QVERIFY2(error.line == 4 && error.file.endsWith(QLatin1String("bad.prompt")),
        qPrintable(error.toString()));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(samples.count(), 0);
    QVERIFY(!engine.isRunning(QStringLiteral("run-bad")));
    QVERIFY(engine.isIdle());
    QCOMPARE(sent(), 0);
    QVERIFY(rows(QStringLiteral("run-bad")).isEmpty());
}

void TestRunEngine::backgroundRunStreamsAndRecords()
{
    RunEngine engine(engineOptions());
    auto s = spec(QStringLiteral("openai/gpt-4o-mini"), QStringLiteral("hello background"));
    s.repeat = 3;
    s.runId = QStringLiteral("run-bg");
    QString text;
    QMap<int, RunSampleResult> results;
    connect(&engine, &RunEngine::textDelta, this,
        [&](const QString &, int, const QString &t) { text += t; });
    connect(&engine, &RunEngine::sampleFinished, this,
        [&](const QString &, int sample, const RunSampleResult &r) { results.insert(sample, r); });
    QSignalSpy failed(&engine, &RunEngine::runFailed);
    QSignalSpy finished(&engine, &RunEngine::runFinished);
    QVERIFY(engine.startInBackground(s));
    QVERIFY(finished.wait(10000));
    QCOMPARE(failed.count(), 0);
    QCOMPARE(results.size(), 3);
    for (const RunSampleResult &r : std::as_const(results)) {
        QCOMPARE(r.result.failure, core::Failure::None);
        QVERIFY(r.ledgerId > 0);
    }
    QVERIFY(!text.isEmpty());
    QCOMPARE(sent(), 3);
    QCOMPARE(rows(QStringLiteral("run-bg")).size(), 3);
}

void TestRunEngine::backgroundRunCancelledWhilePlanning()
{
    // Cancels that arrive before the plan does are kept: a cancelled column sends nothing,
    // and a whole run cancelled before its plan makes no call at all.
    RunEngine engine(engineOptions());
    auto s = spec(QStringLiteral("openai/gpt-4o-mini"), QStringLiteral("some words"));
    s.repeat = 4;
    s.runId = QStringLiteral("run-some-bg");
    QMap<int, core::Failure> failures;
    connect(&engine, &RunEngine::sampleFinished, this,
        [&](const QString &id, int sample, const RunSampleResult &r) {
            if (id == QLatin1String("run-some-bg"))
                failures.insert(sample, r.result.failure);
        });
    QSignalSpy finished(&engine, &RunEngine::runFinished);
    QVERIFY(engine.startInBackground(s));
    engine.cancelSamples(QStringLiteral("run-some-bg"), { 1, 3 });
    QVERIFY(finished.wait(10000));
    QCOMPARE(failures.size(), 4);
    for (int i : { 0, 2 })
        QCOMPARE(failures.value(i), core::Failure::None);
    for (int i : { 1, 3 })
        QCOMPARE(failures.value(i), core::Failure::Cancelled);
    QCOMPARE(sent(), 2);
    QCOMPARE(rows(QStringLiteral("run-some-bg")).size(), 2);

    s.runId = QStringLiteral("run-all-bg");
    finished.clear();
    QVERIFY(engine.startInBackground(s));
    engine.cancel(QStringLiteral("run-all-bg"));
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.at(0).at(0).toString(), QStringLiteral("run-all-bg"));
    QCOMPARE(sent(), 2);
    QVERIFY(rows(QStringLiteral("run-all-bg")).isEmpty());
}

#include "tst_runengine.moc"
