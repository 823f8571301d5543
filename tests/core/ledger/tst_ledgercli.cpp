// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// `promptsmith ledger` and `promptsmith cost` end to end: the built binary, run with
// PROMPTSMITH_LEDGER pointing at a ledger seeded through the core API.
#include "core/ledger/ledger.h"
#include "core/ledger/sqlitedatabase.h"
#include "tests/support/testserver/testserver.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace psm::core;

namespace {

const QString kBinary = QStringLiteral(PSM_BINARY_DIR "/app/promptsmith");

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestLedgerCli final : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_path;

    Run run(const QStringList &args, const QString &ledgerPath = {})
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(
            QStringLiteral("PROMPTSMITH_LEDGER"), ledgerPath.isEmpty() ? m_path : ledgerPath);
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        process.setProcessEnvironment(env);
        process.start(kBinary, args);
        if (!process.waitForFinished(30000))
            return {};
        return { process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError()) };
    }

    void seed(Ledger &ledger, const char *provider, const char *model, const char *prompt,
        const char *when, std::optional<double> cost, CallStatus status = CallStatus::Ok)
    {
        CallStart start;
        start.startedAt = QDateTime::fromString(QString::fromLatin1(when), Qt::ISODate);
        start.provider = QString::fromLatin1(provider);
        start.model = QString::fromLatin1(model);
        start.promptPath = QString::fromLatin1(prompt);
        start.promptRevision = QStringLiteral("abc123");
        start.parametersJson = QStringLiteral(R"({"temperature":0.3})");
        const auto id = ledger.beginCall(start);
        QVERIFY(id);
        QVERIFY(ledger.recordAttempt(*id, { 1, start.startedAt, 200, {}, 300 }));
        CallOutcome outcome;
        outcome.status = status;
        outcome.error = status == CallStatus::Error ? QStringLiteral("HTTP 500") : QString();
        outcome.latencyMs = 300;
        outcome.tokens = TokenUsage { 1000, 0, 0, 100, 0 };
        outcome.costUsd = cost;
        outcome.outputText = QStringLiteral("answer");
        QVERIFY(ledger.finishCall(*id, outcome));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(kBinary), qPrintable(kBinary));
        m_path = m_dir.filePath(QStringLiteral("ledger.sqlite3"));
        auto ledger = Ledger::open(m_path);
        QVERIFY(ledger);
        seed(*ledger, "openai", "gpt-4o", "prompts/a.prompt", "2026-03-01T10:00:00Z", 0.25);
        seed(*ledger, "openai", "gpt-4o", "prompts/b.prompt", "2026-03-02T10:00:00Z", 0.5);
        seed(*ledger, "local", "mystery-7b", "prompts/a.prompt", "2026-03-02T11:00:00Z",
            std::nullopt);
        seed(*ledger, "anthropic", "claude-haiku-4-5", "prompts/a.prompt", "2026-03-03T09:00:00Z",
            0.004, CallStatus::Error);
    }

    void ledgerTable()
    {
        const Run r = run({ QStringLiteral("ledger") });
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 6); // header, 4 calls, one error line
        QVERIFY(lines.at(0).contains(QLatin1String("STARTED (UTC)")));
        QVERIFY(lines.at(1).contains(QLatin1String("anthropic/claude-haiku-4-5"))); // newest
        QVERIFY(lines.at(2).contains(QLatin1String("error: HTTP 500")));
        QVERIFY(lines.at(3).contains(QLatin1String("local/mystery-7b")));
        QVERIFY(lines.at(3).contains(QLatin1String("unknown")));
        QVERIFY(!lines.at(3).contains(QLatin1String("$0")));
        QVERIFY(lines.at(4).contains(QLatin1String("$0.5000")));
    }

    void ledgerJsonSinceLimit()
    {
        const Run r = run({ QStringLiteral("ledger"), QStringLiteral("--since"),
            QStringLiteral("2026-03-02"), QStringLiteral("--json") });
        QCOMPARE(r.exitCode, 0);
        const auto doc = nlohmann::json::parse(r.out.toStdString(), nullptr, false);
        QVERIFY2(doc.is_array(), qPrintable(r.out));
        QCOMPARE(doc.size(), size_t(3));
        QVERIFY(doc[1]["model"] == "mystery-7b");
        QVERIFY(doc[1]["cost_usd"].is_null());
        QVERIFY(doc[2]["cost_usd"].get<double>() == 0.5);
        QCOMPARE(doc[2]["attempts"].size(), size_t(1));
        QVERIFY(doc[2]["attempts"][0]["http_status"] == 200);
        QVERIFY(doc[2]["tokens"]["input"] == 1000);
        QVERIFY(doc[2]["output"] == "answer");
        QVERIFY(doc[2]["parameters"]["temperature"] == 0.3);

        const Run limited = run({ QStringLiteral("ledger"), QStringLiteral("--limit"),
            QStringLiteral("1"), QStringLiteral("--json") });
        QCOMPARE(limited.exitCode, 0);
        QCOMPARE(nlohmann::json::parse(limited.out.toStdString()).size(), size_t(1));

        const Run byPrompt = run({ QStringLiteral("ledger"), QStringLiteral("--prompt"),
            QStringLiteral("prompts/b.prompt"), QStringLiteral("--json") });
        QCOMPARE(byPrompt.exitCode, 0);
        const auto promptRows = nlohmann::json::parse(byPrompt.out.toStdString());
        QCOMPARE(promptRows.size(), size_t(1));
        QVERIFY(promptRows[0]["prompt"] == "prompts/b.prompt");
    }

    void costByModel()
    {
        const Run r = run({ QStringLiteral("cost") });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QLatin1String("MODEL")), qPrintable(r.out));
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        const auto lineOf = [&](const char *key) {
            for (const QString &line : lines) {
                if (line.startsWith(QString::fromLatin1(key)))
                    return line.simplified();
            }
            return QString();
        };
        QCOMPARE(lineOf("openai/gpt-4o"), QStringLiteral("openai/gpt-4o 2 $0.7500 0 2000 200"));
        QCOMPARE(
            lineOf("local/mystery-7b"), QStringLiteral("local/mystery-7b 1 unknown 1 1000 100"));
        QCOMPARE(lineOf("TOTAL"), QStringLiteral("TOTAL 4 $0.7540 1 4000 400"));
        QVERIFY(r.out.contains(QLatin1String("1 call has no known price")));
    }

    void costByDayAndPromptJson()
    {
        const Run r = run({ QStringLiteral("cost"), QStringLiteral("--by"), QStringLiteral("day"),
            QStringLiteral("--json") });
        QCOMPARE(r.exitCode, 0);
        const auto doc = nlohmann::json::parse(r.out.toStdString(), nullptr, false);
        QVERIFY2(doc.is_object(), qPrintable(r.out));
        QCOMPARE(doc["rows"].size(), size_t(3));
        QVERIFY(doc["rows"][1]["day"] == "2026-03-02");
        QVERIFY(doc["rows"][1]["known_cost_usd"].get<double>() == 0.5);
        QVERIFY(doc["rows"][1]["unknown_cost_calls"] == 1);
        QVERIFY(doc["total"]["calls"] == 4);
        QVERIFY(doc["total"]["unknown_cost_calls"] == 1);

        const Run byPrompt = run(
            { QStringLiteral("cost"), QStringLiteral("--by=prompt"), QStringLiteral("--since"),
                QStringLiteral("2026-03-02T10:30:00Z"), QStringLiteral("--json") });
        QCOMPARE(byPrompt.exitCode, 0);
        const auto rows = nlohmann::json::parse(byPrompt.out.toStdString())["rows"];
        QCOMPARE(rows.size(), size_t(1));
        QVERIFY(rows[0]["prompt"] == "prompts/a.prompt");
        QVERIFY(rows[0]["calls"] == 2);

        // A group where no call has a price is null, not 0.
        const Run model = run({ QStringLiteral("cost"), QStringLiteral("--json") });
        const auto modelRows = nlohmann::json::parse(model.out.toStdString())["rows"];
        bool sawLocal = false;
        for (const auto &row : modelRows) {
            if (row["model"] == "local/mystery-7b") {
                QVERIFY(row["known_cost_usd"].is_null());
                sawLocal = true;
            }
        }
        QVERIFY(sawLocal);
    }

    void samePromptInTwoWorkspaces()
    {
        const QString path = m_dir.filePath(QStringLiteral("two-workspaces.sqlite3"));
        {
            auto ledger = Ledger::open(path);
            QVERIFY(ledger);
            for (const char *workspace : { "/work/alpha", "/work/beta" }) {
                CallStart start;
                start.workspace = QString::fromLatin1(workspace);
                start.promptPath = QStringLiteral("prompts/a.prompt");
                start.provider = QStringLiteral("openai");
                start.model = QStringLiteral("gpt-4o");
                const auto id = ledger->beginCall(start);
                QVERIFY(id);
                CallOutcome done;
                done.costUsd = 0.125;
                QVERIFY(ledger->finishCall(*id, done));
            }
        }
        const Run r = run(
            { QStringLiteral("cost"), QStringLiteral("--by"), QStringLiteral("prompt") }, path);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QLatin1String("/work/alpha: prompts/a.prompt")), qPrintable(r.out));
        QVERIFY(r.out.contains(QLatin1String("/work/beta: prompts/a.prompt")));
        const Run json = run(
            { QStringLiteral("cost"), QStringLiteral("--by=prompt"), QStringLiteral("--json") },
            path);
        const auto rows = nlohmann::json::parse(json.out.toStdString())["rows"];
        QCOMPARE(rows.size(), size_t(2));
        QVERIFY(rows[1]["workspace"] == "/work/beta");
        QVERIFY(rows[1]["known_cost_usd"] == 0.125);
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("bad since") << QStringList { QStringLiteral("ledger"),
            QStringLiteral("--since"), QStringLiteral("yesterday") }
                                   << "--since";
        QTest::newRow("bad limit") << QStringList { QStringLiteral("ledger"),
            QStringLiteral("--limit"), QStringLiteral("many") }
                                   << "--limit";
        QTest::newRow("bad by") << QStringList { QStringLiteral("cost"), QStringLiteral("--by"),
            QStringLiteral("week") }
                                << "model, prompt, day";
        QTest::newRow("unknown option")
            << QStringList { QStringLiteral("cost"), QStringLiteral("--frobnicate") }
            << "frobnicate";
        QTest::newRow("stray argument")
            << QStringList { QStringLiteral("ledger"), QStringLiteral("x") } << "no arguments";
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, mentions);
        const Run r = run(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(mentions), qPrintable(r.err));
    }

    void help()
    {
        for (const char *command : { "ledger", "cost" }) {
            const Run r = run({ QString::fromLatin1(command), QStringLiteral("--help") });
            QCOMPARE(r.exitCode, 0);
            QVERIFY2(
                r.out.startsWith(
                    QStringLiteral("Usage: promptsmith %1 ").arg(QString::fromLatin1(command))),
                qPrintable(r.out));
            QVERIFY(r.out.contains(QLatin1String("--since")));
            QVERIFY(r.out.contains(QLatin1String("--json")));
        }
        const Run top = run({ QStringLiteral("--help") });
        QVERIFY(top.out.contains(QLatin1String("ledger")));
        QVERIFY(top.out.contains(QLatin1String("cost")));
    }

    void missingLedgerIsEmptyAndNotCreated()
    {
        const QString missing = m_dir.filePath(QStringLiteral("none/ledger.sqlite3"));
        const Run r = run({ QStringLiteral("cost") }, missing);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QLatin1String("No calls recorded")));
        const Run json = run({ QStringLiteral("ledger"), QStringLiteral("--json") }, missing);
        QCOMPARE(json.exitCode, 0);
        QCOMPARE(json.out.trimmed(), QStringLiteral("[]"));
        QVERIFY(!QFile::exists(missing));
    }

    void corruptLedgerIsARuntimeError()
    {
        const QString bad = m_dir.filePath(QStringLiteral("bad.sqlite3"));
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("definitely not sqlite");
        file.close();
        const Run r = run({ QStringLiteral("ledger") }, bad);
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(bad), qPrintable(r.err));
        QVERIFY(r.err.contains(QLatin1String("left untouched")));
    }

    void killedRunIsMarkedInterruptedAtNextOpen()
    {
        // A CLI run killed mid-call (kill -9: no chance to record anything) leaves its row
        // `running`; the next open sees that its process has ended and marks it.
        psm::testsupport::TestServer server;
        QVERIFY(server.start());
        server.pushFault(QStringLiteral("stall"));
        QTemporaryDir workspace;
        QFile yaml(workspace.filePath(QStringLiteral("promptsmith.yaml")));
        QVERIFY(yaml.open(QIODevice::WriteOnly));
        yaml.write("providers:\n  ollama: {type: ollama, base_url: \"" + server.baseUrl().toUtf8()
            + "\", max_retries: 0, timeout_s: 120, first_byte_timeout_s: 120}\n");
        yaml.close();
        QFile prompt(workspace.filePath(QStringLiteral("say.prompt")));
        QVERIFY(prompt.open(QIODevice::WriteOnly));
        prompt.write("Say hello\n");
        prompt.close();
        const QString ledgerPath = m_dir.filePath(QStringLiteral("killed.sqlite3"));

        QProcess cli;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PROMPTSMITH_LEDGER"), ledgerPath);
        cli.setProcessEnvironment(env);
        cli.setWorkingDirectory(workspace.path());
        cli.start(kBinary,
            { QStringLiteral("run"), QStringLiteral("say.prompt"), QStringLiteral("--model"),
                QStringLiteral("ollama/llama3.2") });
        QVERIFY(cli.waitForStarted(10000));
        const qint64 pid = cli.processId();
        const auto runningRows = [&]() -> qint64 {
            auto db = SqliteDatabase::open(ledgerPath, SqliteDatabase::Mode::ReadOnly);
            if (!db)
                return 0;
            const auto count = db->scalarInt("SELECT count(*) FROM calls WHERE status = 'running'");
            return count ? *count : 0;
        };
        QTRY_VERIFY_WITH_TIMEOUT(server.requestCount() >= 1 && runningRows() == 1, 30000);
        cli.kill();
        QVERIFY(cli.waitForFinished(10000));

        auto ledger = Ledger::open(ledgerPath);
        QVERIFY2(ledger, qPrintable(ledger ? QString() : ledger.error().toString()));
        const auto calls = ledger->calls({});
        QVERIFY(calls);
        QCOMPARE(calls->size(), 1);
        QCOMPARE(calls->at(0).outcome.status, CallStatus::Cancelled);
        QVERIFY2(calls->at(0).outcome.error.startsWith(QLatin1String("Interrupted")),
            qPrintable(calls->at(0).outcome.error));
        QVERIFY(calls->at(0).outcome.error.contains(QString::number(pid)));
    }

    void keyShapedModelOutputSurvivesLedgerAndCache()
    {
        // The echo provider answers with the rendered prompt, so the answer holds a key-shaped
        // string the model "wrote" (assembled here: the repository holds nothing key-shaped).
        const QString keyShaped = QStringLiteral("sk-") + QStringLiteral("exampleFromTheModel0123456789");
        QTemporaryDir workspace;
        const QString prompt = workspace.filePath(QStringLiteral("sample.prompt"));
        QFile file(prompt);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QStringLiteral("Put OPENAI_API_KEY=%1 in your shell.\n").arg(keyShaped).toUtf8());
        file.close();
        const QString ledgerPath = m_dir.filePath(QStringLiteral("verbatim.sqlite3"));
        const QStringList args = { QStringLiteral("run"), prompt, QStringLiteral("--model"),
            QStringLiteral("echo/echo"), QStringLiteral("--cache"), QStringLiteral("--json") };

        const Run first = run(args, ledgerPath);
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        QVERIFY2(first.out.contains(keyShaped), qPrintable(first.out));
        const Run second = run(args, ledgerPath);
        QVERIFY2(second.exitCode == 0, qPrintable(second.err));
        const auto hit = nlohmann::json::parse(second.out.toStdString(), nullptr, false);
        QVERIFY2(!hit.is_discarded() && hit.value("cached", false), qPrintable(second.out));
        QVERIFY2(second.out.contains(keyShaped), qPrintable(second.out));

        auto ledger = Ledger::open(ledgerPath);
        QVERIFY(ledger);
        const auto calls = ledger->calls({});
        QVERIFY(calls);
        QCOMPARE(calls->size(), 2);
        for (const CallRecord &call : *calls)
            QVERIFY2(call.outcome.outputText.contains(keyShaped),
                qPrintable(call.outcome.outputText));
    }
};

QTEST_GUILESS_MAIN(TestLedgerCli)
#include "tst_ledgercli.moc"
