// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Call records in a real SQLite file: one logical row per call with linked attempts, queries,
// cost aggregation (known and unknown apart), the response cache, and the key guard.
#include "core/ledger/ledger.h"
#include "core/ledger/sqlitedatabase.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace psm::core;

namespace {

QDateTime at(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs);
}

CallStart startOf(const char *provider, const char *model, const char *when,
    const char *prompt = "prompts/triage.prompt")
{
    CallStart s;
    s.startedAt = at(when);
    s.workspace = QStringLiteral("/home/me/ws");
    s.promptPath = QString::fromLatin1(prompt);
    s.promptRevision = QStringLiteral("3f2a9c1e0b");
    s.provider = QString::fromLatin1(provider);
    s.model = QString::fromLatin1(model);
    s.parametersJson = QStringLiteral(R"({"temperature":0.2})");
    s.requestHash = QStringLiteral("hash-") + s.model;
    return s;
}

CallOutcome okOutcome(std::optional<double> cost, const char *text = "hello")
{
    CallOutcome o;
    o.status = CallStatus::Ok;
    o.latencyMs = 850;
    o.timeToFirstTokenMs = 120;
    o.tokens.inputUncached = 1000;
    o.tokens.cacheRead = 200;
    o.tokens.cacheWrite = 0;
    o.tokens.output = 50;
    o.tokens.reasoning = 10;
    o.costUsd = cost;
    o.priceVersion = QStringLiteral("2025-11-21.1");
    o.outputText = QString::fromLatin1(text);
    o.finishReason = QStringLiteral("stop");
    return o;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestLedger final : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_path;
    std::optional<Ledger> m_ledger;
    int m_counter = 0;

    qint64 record(const CallStart &start, const CallOutcome &outcome)
    {
        const Result<qint64> id = m_ledger->beginCall(start);
        if (!id)
            qFatal("beginCall: %s", qPrintable(id.error().toString()));
        const Status done = m_ledger->finishCall(*id, outcome);
        if (!done)
            qFatal("finishCall: %s", qPrintable(done.error().toString()));
        return *id;
    }

private Q_SLOTS:
    void init()
    {
        m_path = m_dir.filePath(QStringLiteral("ledger%1.sqlite3").arg(++m_counter));
        auto ledger = Ledger::open(m_path);
        QVERIFY2(ledger, qPrintable(ledger ? QString() : ledger.error().toString()));
        m_ledger.emplace(std::move(*ledger));
    }
    void cleanup() { m_ledger.reset(); }

    void callWithRetriesIsOneLogicalRow()
    {
        const auto id = m_ledger->beginCall(startOf("openai", "gpt-4o", "2026-03-01T10:00:00Z"));
        QVERIFY(id);
        auto running = m_ledger->call(*id);
        QVERIFY(running && *running);
        QCOMPARE((*running)->outcome.status, CallStatus::Running);
        QVERIFY(!(*running)->outcome.costUsd.has_value());

        CallAttempt first { 1, at("2026-03-01T10:00:00Z"), 429, QStringLiteral("rate limited"),
            40 };
        CallAttempt second { 2, at("2026-03-01T10:00:02Z"), 200, {}, 800 };
        QVERIFY(m_ledger->recordAttempt(*id, first));
        QVERIFY(m_ledger->recordAttempt(*id, second));
        QVERIFY(m_ledger->finishCall(*id, okOutcome(0.0123)));

        const auto all = m_ledger->calls({});
        QVERIFY(all);
        QCOMPARE(all->size(), 1);
        const CallRecord &r = all->first();
        QCOMPARE(r.id, *id);
        QCOMPARE(r.start.provider, QStringLiteral("openai"));
        QCOMPARE(r.start.model, QStringLiteral("gpt-4o"));
        QCOMPARE(r.start.promptRevision, QStringLiteral("3f2a9c1e0b"));
        QCOMPARE(r.start.startedAt, at("2026-03-01T10:00:00Z"));
        QCOMPARE(r.outcome.status, CallStatus::Ok);
        QCOMPARE(r.outcome.latencyMs, std::optional<qint64>(850));
        QCOMPARE(r.outcome.timeToFirstTokenMs, std::optional<qint64>(120));
        QCOMPARE(r.outcome.tokens.inputUncached, std::optional<qint64>(1000));
        QCOMPARE(r.outcome.tokens.cacheRead, std::optional<qint64>(200));
        QCOMPARE(r.outcome.tokens.reasoning, std::optional<qint64>(10));
        QCOMPARE(r.outcome.costUsd, std::optional<double>(0.0123));
        QCOMPARE(r.outcome.priceVersion, QStringLiteral("2025-11-21.1"));
        QCOMPARE(r.outcome.finishReason, QStringLiteral("stop"));
        QVERIFY(r.outcome.finishedAt.isValid());
        QCOMPARE(r.attempts.size(), 2);
        QCOMPARE(r.attempts.at(0).httpStatus, std::optional<int>(429));
        QCOMPARE(r.attempts.at(0).error, QStringLiteral("rate limited"));
        QCOMPARE(r.attempts.at(1).attempt, 2);
        QCOMPARE(r.attempts.at(1).latencyMs, std::optional<qint64>(800));
    }

    void secondFinishIsRefused()
    {
        const qint64 id
            = record(startOf("openai", "gpt-4o", "2026-03-01T10:00:00Z"), okOutcome(0.5, "first"));
        const Status again = m_ledger->finishCall(id, okOutcome(9.0, "second"));
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::Conflict);
        const auto r = m_ledger->call(id);
        QCOMPARE((*r)->outcome.outputText, QStringLiteral("first"));
        QCOMPARE((*r)->outcome.costUsd, std::optional<double>(0.5));
        QCOMPARE(m_ledger->calls({})->size(), 1);
    }

    void unknownCallIds()
    {
        const Status finish = m_ledger->finishCall(4242, okOutcome(1.0));
        QVERIFY(!finish);
        QCOMPARE(finish.error().code, ErrorCode::NotFound);
        const Status attempt = m_ledger->recordAttempt(4242, { 1, {}, 200, {}, 5 });
        QVERIFY(!attempt); // foreign keys are on
        QCOMPARE(attempt.error().code, ErrorCode::NotFound);
        QVERIFY(!m_ledger->finishCall(
            1, CallOutcome { CallStatus::Running, {}, {}, {}, {}, {}, {}, {}, {}, {}, false, {} }));
        QVERIFY(!m_ledger->beginCall(CallStart {}));
    }

    void errorKeepsPartialTextAndUnknownCostIsNull()
    {
        const auto id
            = m_ledger->beginCall(startOf("anthropic", "claude-x", "2026-03-02T09:00:00Z"));
        QVERIFY(id);
        CallOutcome failed;
        failed.status = CallStatus::Error;
        failed.error = QStringLiteral("stream cut after 3 chunks");
        failed.outputText = QStringLiteral("The refund poli");
        failed.tokens.inputUncached = 500;
        QVERIFY(m_ledger->finishCall(*id, failed));

        const auto r = m_ledger->call(*id);
        QCOMPARE((*r)->outcome.status, CallStatus::Error);
        QCOMPARE((*r)->outcome.error, QStringLiteral("stream cut after 3 chunks"));
        QCOMPARE((*r)->outcome.outputText, QStringLiteral("The refund poli"));
        QVERIFY(!(*r)->outcome.costUsd.has_value());
        QVERIFY(!(*r)->outcome.tokens.output.has_value());

        m_ledger.reset(); // read the file itself, as any SQLite tool would
        auto raw = SqliteDatabase::open(m_path, SqliteDatabase::Mode::ReadOnly);
        QVERIFY(raw);
        QCOMPARE(*raw->scalarInt("SELECT count(*) FROM calls WHERE cost_usd IS NULL"), qint64(1));
        QCOMPARE(*raw->scalarInt("SELECT count(*) FROM calls WHERE cost_usd = 0"), qint64(0));
    }

    void queries()
    {
        record(startOf("openai", "gpt-4o", "2026-03-01T10:00:00Z", "prompts/a.prompt"),
            okOutcome(0.1, "one"));
        record(startOf("openai", "gpt-4o", "2026-03-02T10:00:00Z", "prompts/b.prompt"),
            okOutcome(0.1, "two"));
        CallStart third = startOf("openai", "gpt-4o", "2026-03-03T10:00:00Z", "prompts/a.prompt");
        third.runId = QStringLiteral("run-7");
        third.cellJson = QStringLiteral(R"({"revision":1,"model":0,"params":2,"input":3,"repeat":1})");
        third.purpose = QStringLiteral("grading");
        record(third, okOutcome(0.1, "three"));

        auto all = m_ledger->calls({});
        QCOMPARE(all->size(), 3);
        QCOMPARE(all->at(0).outcome.outputText, QStringLiteral("three")); // newest first

        CallQuery since;
        since.since = at("2026-03-02T00:00:00Z");
        QCOMPARE(m_ledger->calls(since)->size(), 2);

        CallQuery limited;
        limited.limit = 1;
        QCOMPARE(m_ledger->calls(limited)->size(), 1);
        QCOMPARE(m_ledger->calls(limited)->at(0).outcome.outputText, QStringLiteral("three"));

        CallQuery byPrompt;
        byPrompt.promptPath = QStringLiteral("prompts/a.prompt");
        const auto a = m_ledger->calls(byPrompt);
        QCOMPARE(a->size(), 2);
        QCOMPARE(a->at(1).outcome.outputText, QStringLiteral("one"));

        CallQuery byRun;
        byRun.runId = QStringLiteral("run-7");
        QCOMPARE(m_ledger->calls(byRun)->size(), 1);
        QCOMPARE(m_ledger->calls(byRun)->at(0).start.runId, QStringLiteral("run-7"));
        // Where the call sat in its run and why it was made come back as written; a call made
        // outside any run has neither.
        QCOMPARE(m_ledger->calls(byRun)->at(0).start.cellJson, third.cellJson);
        QCOMPARE(m_ledger->calls(byRun)->at(0).start.purpose, QStringLiteral("grading"));
        QVERIFY(a->at(1).start.cellJson.isEmpty());
        QVERIFY(a->at(1).start.purpose.isEmpty());

        // A non-UTC bound means the same instant.
        CallQuery offset;
        offset.since = at("2026-03-02T12:00:00+02:00");
        QCOMPARE(m_ledger->calls(offset)->size(), 2);
    }

    void costAggregation()
    {
        record(startOf("openai", "gpt-4o", "2026-03-01T10:00:00Z", "prompts/a.prompt"),
            okOutcome(0.25));
        record(startOf("openai", "gpt-4o", "2026-03-01T23:59:59Z", "prompts/b.prompt"),
            okOutcome(0.5));
        record(startOf("local", "mystery-7b", "2026-03-02T08:00:00Z", "prompts/a.prompt"),
            okOutcome(std::nullopt));
        record(startOf("ollama", "llama3.2", "2026-03-02T09:00:00Z", "prompts/a.prompt"),
            okOutcome(0.0)); // a known zero: local model
        QVERIFY(m_ledger->beginCall(
            startOf("openai", "gpt-4o", "2026-03-02T10:00:00Z", "prompts/a.prompt")));

        const auto byModel = m_ledger->costBy(CostGrouping::Model);
        QVERIFY(byModel);
        QCOMPARE(byModel->size(), 3);
        QCOMPARE(byModel->at(0).key, QStringLiteral("local/mystery-7b"));
        QCOMPARE(byModel->at(0).knownUsd, 0.0);
        QCOMPARE(byModel->at(0).unknownCostCalls, qint64(1));
        QCOMPARE(byModel->at(1).key, QStringLiteral("ollama/llama3.2"));
        QCOMPARE(byModel->at(1).unknownCostCalls, qint64(0));
        QCOMPARE(byModel->at(2).key, QStringLiteral("openai/gpt-4o"));
        QCOMPARE(byModel->at(2).calls, qint64(3));
        QCOMPARE(byModel->at(2).knownUsd, 0.75);
        QCOMPARE(byModel->at(2).unknownCostCalls, qint64(1)); // still running: not priced
        QCOMPARE(byModel->at(2).inputTokens, qint64(2400));
        QCOMPARE(byModel->at(2).outputTokens, qint64(120));

        const auto byPrompt = m_ledger->costBy(CostGrouping::Prompt);
        QCOMPARE(byPrompt->size(), 2);
        QCOMPARE(byPrompt->at(0).key, QStringLiteral("prompts/a.prompt"));
        QCOMPARE(byPrompt->at(0).calls, qint64(4));
        QCOMPARE(byPrompt->at(0).knownUsd, 0.25);
        QCOMPARE(byPrompt->at(0).unknownCostCalls, qint64(2));

        const auto byDay = m_ledger->costBy(CostGrouping::Day);
        QCOMPARE(byDay->size(), 2);
        QCOMPARE(byDay->at(0).key, QStringLiteral("2026-03-01"));
        QCOMPARE(byDay->at(0).knownUsd, 0.75);
        QCOMPARE(byDay->at(1).key, QStringLiteral("2026-03-02"));
        QCOMPARE(byDay->at(1).unknownCostCalls, qint64(2));

        CallQuery since;
        since.since = at("2026-03-02T00:00:00Z");
        const auto recent = m_ledger->costBy(CostGrouping::Day, since);
        QCOMPARE(recent->size(), 1);
        CallQuery oneRun;
        oneRun.runId = QStringLiteral("no-such-run");
        QCOMPARE(m_ledger->costBy(CostGrouping::Day, oneRun)->size(), 0);
    }

    void workspacesAreKeptApart()
    {
        CallStart a = startOf("openai", "gpt-4o", "2026-03-01T10:00:00Z", "prompts/a.prompt");
        a.workspace = QStringLiteral("/work/alpha");
        CallStart b = a;
        b.workspace = QStringLiteral("/work/beta");
        record(a, okOutcome(1.0));
        record(a, okOutcome(2.0));
        record(b, okOutcome(4.0));

        const auto byPrompt = m_ledger->costBy(CostGrouping::Prompt);
        QVERIFY(byPrompt);
        QCOMPARE(byPrompt->size(), 2); // same path, two workspaces
        QCOMPARE(byPrompt->at(0).workspace, QStringLiteral("/work/alpha"));
        QCOMPARE(byPrompt->at(0).knownUsd, 3.0);
        QCOMPARE(byPrompt->at(1).workspace, QStringLiteral("/work/beta"));
        QCOMPARE(byPrompt->at(1).knownUsd, 4.0);

        CallQuery beta;
        beta.workspace = QStringLiteral("/work/beta");
        QCOMPARE(m_ledger->calls(beta)->size(), 1);
        const auto betaCost = m_ledger->costBy(CostGrouping::Model, beta);
        QCOMPARE(betaCost->size(), 1);
        QCOMPARE(betaCost->at(0).knownUsd, 4.0);
        QVERIFY(betaCost->at(0).workspace.isNull());
    }

    void responseCache()
    {
        CallStart s = startOf("openai", "gpt-4o", "2026-03-01T10:00:00Z");
        s.requestHash = QStringLiteral("req-1");
        const qint64 older = record(s, okOutcome(0.1, "older"));
        s.startedAt = at("2026-03-01T11:00:00Z");
        const qint64 newer = record(s, okOutcome(0.1, "newer"));
        Q_UNUSED(older);

        // Later failures and cache hits are never what the cache serves.
        s.startedAt = at("2026-03-01T12:00:00Z");
        CallOutcome failed;
        failed.status = CallStatus::Error;
        failed.outputText = QStringLiteral("partial");
        record(s, failed);
        s.startedAt = at("2026-03-01T13:00:00Z");
        CallOutcome hit = okOutcome(0.0, "newer");
        hit.cached = true;
        hit.cachedFromId = newer;
        const qint64 hitId = record(s, hit);

        const auto found = m_ledger->cachedResponse(QStringLiteral("req-1"));
        QVERIFY(found && *found);
        QCOMPARE((*found)->id, newer);
        QCOMPARE((*found)->outcome.outputText, QStringLiteral("newer"));

        const auto hitRecord = m_ledger->call(hitId);
        QVERIFY((*hitRecord)->outcome.cached);
        QCOMPARE((*hitRecord)->outcome.cachedFromId, std::optional<qint64>(newer));

        QVERIFY(!*m_ledger->cachedResponse(QStringLiteral("req-2")));
        QVERIFY(!*m_ledger->cachedResponse(QString()));
    }

    void modelOutputIsStoredVerbatim()
    {
        // What the model said is a record, not a place a key can leak from: a key-shaped string
        // in it (a model writing sample code) is kept as is, and the cache serves it back as
        // is. The same string where our keys can appear (parameters, errors) is redacted.
        const QString keyShaped = QStringLiteral("sk-") + QStringLiteral("proj-exampleOUTPUT0123456789abc");
        const QString answer = QStringLiteral("Set OPENAI_API_KEY=%1 and run it.").arg(keyShaped);
        CallStart s = startOf("openai", "gpt-4o", "2026-03-01T10:00:00Z");
        s.requestHash = QStringLiteral("req-verbatim");
        s.parametersJson = QStringLiteral(R"({"headers":{"Authorization":"Bearer %1"}})").arg(keyShaped);
        const auto id = m_ledger->beginCall(s);
        QVERIFY(id);
        QVERIFY(m_ledger->recordAttempt(
            *id, { 1, {}, 200, QStringLiteral("retried after %1").arg(keyShaped), 30 }));
        CallOutcome done;
        done.outputText = answer;
        done.error = QStringLiteral("warning about %1").arg(keyShaped);
        QVERIFY(m_ledger->finishCall(*id, done));

        const auto r = m_ledger->call(*id);
        QVERIFY(r && *r);
        QCOMPARE((*r)->outcome.outputText, answer);
        QVERIFY(!(*r)->start.parametersJson.contains(keyShaped));
        QVERIFY((*r)->start.parametersJson.contains(QLatin1String("[REDACTED]")));
        QVERIFY(!(*r)->outcome.error.contains(keyShaped));
        QVERIFY(!(*r)->attempts.at(0).error.contains(keyShaped));

        const auto hit = m_ledger->cachedResponse(QStringLiteral("req-verbatim"));
        QVERIFY(hit && *hit);
        QCOMPARE((*hit)->outcome.outputText, answer);
    }

    void keysNeverReachTheFile()
    {
        // Canaries are assembled at run time so the repository itself holds nothing key-shaped.
        const QString canaryOpenAi = QStringLiteral("sk-proj-") + QStringLiteral("CANARYcanary0123456789abcdefXYZ");
        const QString canaryAnthropic = QStringLiteral("sk-ant-") + QStringLiteral("api03-CANARYcanary0123456789-_xyz");
        const QString canaryGoogle = QStringLiteral("AIza") + QStringLiteral("SyCANARYcanary0123456789abcdefghij");
        CallStart s = startOf("openai", "gpt-4o", "2026-03-01T10:00:00Z");
        s.parametersJson = QStringLiteral(R"({"temperature":0.1,"api_key":"hunter2-CANARY",)"
                                          R"("headers":{"Authorization":"Bearer %1"},)"
                                          R"("note":"key %2"})")
                               .arg(canaryOpenAi, canaryAnthropic);
        const auto id = m_ledger->beginCall(s);
        QVERIFY(id);
        QVERIFY(m_ledger->recordAttempt(
            *id, { 1, {}, 401, QStringLiteral("invalid key %1").arg(canaryGoogle), 30 }));
        CallOutcome failed;
        failed.status = CallStatus::Error;
        failed.error = QStringLiteral("401: Incorrect API key provided: %1").arg(canaryOpenAi);
        QVERIFY(m_ledger->finishCall(*id, failed));

        const auto r = m_ledger->call(*id);
        QVERIFY(r && *r);
        QVERIFY((*r)->start.parametersJson.contains(QLatin1String("\"temperature\":0.1")));
        QVERIFY((*r)->outcome.error.contains(QLatin1String("[REDACTED]")));
        QVERIFY((*r)->attempts.at(0).error.contains(QLatin1String("[REDACTED]")));

        m_ledger.reset(); // checkpoint, then scan every byte SQLite wrote
        QByteArray bytes = readAll(m_path) + readAll(m_path + QStringLiteral("-wal"));
        QVERIFY(!bytes.isEmpty());
        QVERIFY(!bytes.contains("CANARY"));
        QVERIFY(!bytes.contains("canary"));
    }
};

QTEST_GUILESS_MAIN(TestLedger)
#include "tst_ledger.moc"
