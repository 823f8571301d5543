// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// `promptsmith ledger` and `promptsmith cost` end to end: the built binary, run with
// PROMPTSMITH_LEDGER pointing at a ledger seeded through the core API.
#include "core/ledger/grades.h"
#include "core/ledger/ledger.h"
#include "core/ledger/sqlitedatabase.h"
#include "tests/support/testserver/testserver.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
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

// RFC 4180 records: quoted fields may hold commas, CRLF and doubled quotes.
QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> records;
    QStringList record;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size()
                && text.at(i + 1) == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            record << field;
            field.clear();
        } else if (c == QLatin1Char('\r') && i + 1 < text.size()
            && text.at(i + 1) == QLatin1Char('\n')) {
            record << field;
            field.clear();
            records << record;
            record.clear();
            ++i;
        } else {
            field += c;
        }
    }
    return records;
}

} // namespace

class TestLedgerCli final : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_path;

    Run run(const QStringList &args, const QString &ledgerPath = {},
        const QList<QPair<QString, QString>> &extraEnv = {})
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(
            QStringLiteral("PROMPTSMITH_LEDGER"), ledgerPath.isEmpty() ? m_path : ledgerPath);
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        // Local days are the process's: pinned so the expected buckets hold anywhere.
        env.insert(QStringLiteral("TZ"), QStringLiteral("UTC"));
        // No imported price file of the machine's user leaks into --recompute.
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.filePath(QStringLiteral("xdg-data")));
        for (const auto &[name, value] : extraEnv)
            env.insert(name, value);
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

    void costByWeekMonthRevisionRunWorkspace()
    {
        // 03-01 is a Sunday: week of 02-23 has call 1 (0.25); week of 03-02 has calls 2, 3, 4:
        // 0.5 + 0.004 known, the mystery call unknown.
        const Run week = run({ QStringLiteral("cost"), QStringLiteral("--by"),
            QStringLiteral("week"), QStringLiteral("--json") });
        QCOMPARE(week.exitCode, 0);
        const auto weeks = nlohmann::json::parse(week.out.toStdString())["rows"];
        QCOMPARE(weeks.size(), size_t(2));
        QVERIFY(weeks[0]["week"] == "2026-02-23");
        QVERIFY(weeks[0]["known_cost_usd"] == 0.25);
        QVERIFY(weeks[1]["week"] == "2026-03-02");
        QVERIFY(weeks[1]["known_cost_usd"] == 0.504);
        QVERIFY(weeks[1]["unknown_cost_calls"] == 1);
        QVERIFY(weeks[1]["errors"] == 1);

        const Run month
            = run({ QStringLiteral("cost"), QStringLiteral("--by"), QStringLiteral("month") });
        QCOMPARE(month.exitCode, 0);
        // 0.25 + 0.5 + 0.004 = 0.754; 4 x 1000 in, 4 x 100 out.
        QVERIFY2(month.out.contains(QRegularExpression(
                     QStringLiteral("\\n2026-03 +4 +\\$0\\.7540 +1 +4000 +400\\n"))),
            qPrintable(month.out));

        // All four calls have revision abc123, of two prompts: a (1, 3, 4) and b (2).
        const Run revision = run({ QStringLiteral("cost"), QStringLiteral("--by"),
            QStringLiteral("revision"), QStringLiteral("--json") });
        QCOMPARE(revision.exitCode, 0);
        const auto revisions = nlohmann::json::parse(revision.out.toStdString())["rows"];
        QCOMPARE(revisions.size(), size_t(2));
        QVERIFY(revisions[0]["revision"] == "abc123");
        QVERIFY(revisions[0]["prompt"] == "prompts/a.prompt");
        QVERIFY(revisions[0]["calls"] == 3);
        QVERIFY(revisions[0]["known_cost_usd"] == 0.254);
        QVERIFY(revisions[1]["prompt"] == "prompts/b.prompt");

        for (const char *by : { "run", "workspace" }) {
            const Run r = run({ QStringLiteral("cost"), QStringLiteral("--by"),
                QString::fromLatin1(by), QStringLiteral("--json") });
            QCOMPARE(r.exitCode, 0);
            const auto rows = nlohmann::json::parse(r.out.toStdString())["rows"];
            QCOMPARE(rows.size(), size_t(1)); // none of the seeded calls has a run or workspace
            QVERIFY(rows[0][by] == "");
            QVERIFY(rows[0]["calls"] == 4);
        }
    }

    void costChart_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QString>("line");
        // Days 03-01, 03-02, 03-03: 0.25, 0.5, 0.004 known. Against the highest (0.5), in
        // eighths rounded up: 4/8, 8/8, 1/8 (any spend shows at least the lowest mark).
        QTest::newRow("utf-8") << QStringLiteral("C.UTF-8") << QStringLiteral("│▄█▁│");
        QTest::newRow("ascii") << QStringLiteral("C") << QStringLiteral("|=@.|");
    }
    void costChart()
    {
        QFETCH(QString, lang);
        QFETCH(QString, line);
        const Run r = run({ QStringLiteral("cost"), QStringLiteral("--chart") }, {},
            { { QStringLiteral("LC_ALL"), QString() }, { QStringLiteral("LC_CTYPE"), QString() },
                { QStringLiteral("LANG"), lang } });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QLatin1String("Known spend per day, 2026-03-01 to 2026-03-03")),
            qPrintable(r.out));
        QVERIFY2(r.out.contains(line + QLatin1Char('\n')), qPrintable(r.out));

        const Run json = run({ QStringLiteral("cost"), QStringLiteral("--chart"),
            QStringLiteral("--by"), QStringLiteral("week"), QStringLiteral("--json") });
        const auto chart = nlohmann::json::parse(json.out.toStdString())["chart"];
        QVERIFY(chart["bucket"] == "week");
        QVERIFY(chart["from"] == "2026-02-23");
        QCOMPARE(chart["known_cost_usd"].size(), size_t(2));
        QVERIFY(chart["known_cost_usd"][1] == 0.504);
    }

    void costBudget()
    {
        // Known spend 0.754 against 1.00: 75.4%, under; the unknown call is said, not added.
        const Run under
            = run({ QStringLiteral("cost"), QStringLiteral("--budget"), QStringLiteral("1") });
        QCOMPARE(under.exitCode, 0);
        QVERIFY2(under.out.contains(QLatin1String(
                     "Budget: $0.7540 of $1.0000 (75.4%), plus 1 calls of unknown cost")),
            qPrintable(under.out));
        QVERIFY(!under.out.contains(QLatin1String("Over budget")));

        const Run over
            = run({ QStringLiteral("cost"), QStringLiteral("--budget"), QStringLiteral("$0.50") });
        QCOMPARE(over.exitCode, 1);
        QVERIFY2(over.out.contains(QLatin1String("Over budget by $0.2540")), qPrintable(over.out));

        // Since 03-02: 0.5 + 0.004 = 0.504 against 0.5.
        const Run json
            = run({ QStringLiteral("cost"), QStringLiteral("--since"), QStringLiteral("2026-03-02"),
                QStringLiteral("--budget"), QStringLiteral("0.5"), QStringLiteral("--json") });
        QCOMPARE(json.exitCode, 1);
        const auto budget = nlohmann::json::parse(json.out.toStdString())["budget"];
        QVERIFY(budget["over"] == true);
        QVERIFY(budget["known_cost_usd"] == 0.504);
        QVERIFY(budget["over_by_usd"] == 0.004);
    }

    void costRecompute()
    {
        // Today's prices: the workspace says gpt-4o is 2 in / 10 out and prices mystery-7b at
        // 1 / 1; haiku keeps the bundled 1 / 5. Every call has 1000 in / 100 out tokens.
        QTemporaryDir workspace;
        QFile yaml(workspace.filePath(QStringLiteral("promptsmith.yaml")));
        QVERIFY(yaml.open(QIODevice::WriteOnly));
        yaml.write("prices:\n  openai/gpt-4o: {input: 2, output: 10}\n"
                   "  local/mystery-7b: {input: 1, output: 1}\n");
        yaml.close();
        const Run r = run({ QStringLiteral("--workspace"), workspace.path(), QStringLiteral("cost"),
            QStringLiteral("--recompute"), QStringLiteral("--json") });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto doc = nlohmann::json::parse(r.out.toStdString());
        const auto rowOf = [&](const char *model) {
            for (const auto &row : doc["rows"]) {
                if (row["model"] == model)
                    return row;
            }
            return nlohmann::json();
        };
        // gpt-4o, calls 1 and 2: 2 x (1000 x 2 + 100 x 10) = 6,000 per million, recorded 0.75.
        const auto gpt = rowOf("openai/gpt-4o");
        QVERIFY(gpt["repriced_calls"] == 2);
        QVERIFY(gpt["recorded_cost_usd"] == 0.75);
        QVERIFY(gpt["cost_at_todays_prices_usd"] == 0.006);
        // mystery: recorded without a price, today 1000 x 1 + 100 x 1 = 1,100 per million.
        const auto mystery = rowOf("local/mystery-7b");
        QVERIFY(mystery["recorded_unknown_calls"] == 1);
        QVERIFY(mystery["cost_at_todays_prices_usd"] == 0.0011);
        // haiku (bundled 1 / 5): 1000 x 1 + 100 x 5 = 1,500 per million, recorded 0.004.
        const auto haiku = rowOf("anthropic/claude-haiku-4-5");
        QVERIFY(haiku["cost_at_todays_prices_usd"] == 0.0015);
        QVERIFY(haiku["recorded_cost_usd"] == 0.004);
        QVERIFY(doc["total"]["not_repriced_calls"] == 0);

        const Run table = run({ QStringLiteral("--workspace"), workspace.path(),
            QStringLiteral("cost"), QStringLiteral("--recompute") });
        QCOMPARE(table.exitCode, 0);
        QVERIFY2(table.out.contains(QRegularExpression(QStringLiteral(
                     "\\nlocal/mystery-7b +1 +1 +\\$0\\.00 \\+1\\? +\\$0\\.001100 +0\\n"))),
            qPrintable(table.out));
    }

    void ledgerExport()
    {
        // A call whose error quotes a key and holds a comma, quotes and a line break; its
        // parameters name a key; its output holds a key-shaped string.
        const QString key
            = QStringLiteral("sk-") + QStringLiteral("proj0123456789abcdefghijklmnop");
        const QString path = m_dir.filePath(QStringLiteral("export.sqlite3"));
        {
            auto ledger = Ledger::open(path);
            QVERIFY(ledger);
            CallStart start;
            start.startedAt
                = QDateTime::fromString(QStringLiteral("2026-03-01T10:00:00Z"), Qt::ISODate);
            start.provider = QStringLiteral("openai");
            start.model = QStringLiteral("gpt-4o");
            start.promptPath = QStringLiteral("prompts/a,b.prompt");
            start.parametersJson = QStringLiteral(R"({"temperature":0.5,"api_key":"%1"})").arg(key);
            const auto first = ledger->beginCall(start);
            QVERIFY(first);
            CallOutcome failed;
            failed.status = CallStatus::Error;
            failed.error = QStringLiteral("HTTP 401: \"bad key\", got %1\nretry later").arg(key);
            QVERIFY(ledger->finishCall(*first, failed));
            start.startedAt = start.startedAt.addSecs(60);
            const auto second = ledger->beginCall(start);
            QVERIFY(second);
            CallOutcome ok;
            ok.tokens = TokenUsage { 10, 0, 0, 5, 0 };
            ok.costUsd = 0.125;
            ok.outputText = QStringLiteral("Use %1 here").arg(key);
            QVERIFY(ledger->finishCall(*second, ok));
        }
        const Run csv = run({ QStringLiteral("ledger"), QStringLiteral("export") }, path);
        QVERIFY2(csv.exitCode == 0, qPrintable(csv.err));
        QVERIFY2(!csv.out.contains(key), qPrintable(csv.out));
        const QList<QStringList> records = parseCsv(csv.out);
        QCOMPARE(records.size(), 3); // header, 2 calls, oldest first
        const QStringList &header = records.at(0);
        QVERIFY(!header.contains(QStringLiteral("output")));
        for (const QStringList &record : records)
            QCOMPARE(record.size(), header.size());
        const auto field = [&](int row, const char *name) {
            return records.at(row).at(header.indexOf(QString::fromLatin1(name)));
        };
        QCOMPARE(field(1, "prompt"), QStringLiteral("prompts/a,b.prompt"));
        QCOMPARE(field(1, "error"),
            QStringLiteral("HTTP 401: \"bad key\", got [REDACTED]\nretry later"));
        QCOMPARE(field(1, "cost_usd"), QString()); // unknown, not 0
        QCOMPARE(field(1, "cost_known"), QStringLiteral("no"));
        QCOMPARE(field(2, "cost_usd"), QStringLiteral("0.125"));
        QVERIFY(field(2, "parameters").contains(QLatin1String("[REDACTED]")));
        QVERIFY(csv.out.contains(QLatin1String("\r\n")));

        const QString file = m_dir.filePath(QStringLiteral("export.json"));
        const Run json = run({ QStringLiteral("ledger"), QStringLiteral("export"),
                                 QStringLiteral("--format"), QStringLiteral("json"),
                                 QStringLiteral("--with-text"), QStringLiteral("--output"), file },
            path);
        QVERIFY2(json.exitCode == 0, qPrintable(json.err));
        QFile written(file);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QByteArray bytes = written.readAll();
        QVERIFY(!bytes.contains(key.toUtf8()));
        const auto calls = nlohmann::json::parse(bytes.toStdString(), nullptr, false);
        QVERIFY(calls.is_array() && calls.size() == 2);
        QVERIFY(calls[0]["cost_usd"].is_null());
        QVERIFY(calls[1]["output"] == "Use [REDACTED] here");
        QVERIFY(calls[1]["parameters"]["temperature"] == 0.5);

        const Run noText = run(
            { QStringLiteral("ledger"), QStringLiteral("export"), QStringLiteral("--format=json") },
            path);
        QVERIFY(!nlohmann::json::parse(noText.out.toStdString())[1].contains("output"));
    }

    void ledgerExportCarriesGrades()
    {
        // Three calls: one graded through the API, one whose note holds a key (written straight
        // into the file, as a note from before a redaction rule would be), one never graded.
        const QString key
            = QStringLiteral("sk-") + QStringLiteral("proj0123456789abcdefghijklmnop");
        const QString path = m_dir.filePath(QStringLiteral("grades.sqlite3"));
        qint64 ids[3] = {};
        {
            auto ledger = Ledger::open(path);
            QVERIFY(ledger);
            for (int i = 0; i < 3; ++i) {
                CallStart start;
                start.startedAt = QDateTime::fromString(
                    QStringLiteral("2026-03-01T10:00:0%1Z").arg(i), Qt::ISODate);
                start.provider = QStringLiteral("local");
                start.model = QStringLiteral("a");
                const auto id = ledger->beginCall(start);
                QVERIFY(id);
                ids[i] = *id;
            }
            QVERIFY(Grades::set(*ledger,
                { ids[0], Thumb::Up, 5, QStringLiteral("crisp, \"right\"\nand short"), {} }));
        }
        {
            auto raw = SqliteDatabase::open(path, SqliteDatabase::Mode::ReadWrite);
            QVERIFY(raw);
            const QByteArray sql = "INSERT INTO grades (call_id, thumb, score, note, updated_at) "
                                   "VALUES ("
                + QByteArray::number(ids[1]) + ", -1, NULL, 'pasted " + key.toUtf8()
                + "', '2026-03-02T00:00:00.000Z')";
            QVERIFY(raw->exec(sql.constData()));
        }
        const Run csv = run({ QStringLiteral("ledger"), QStringLiteral("export") }, path);
        QVERIFY2(csv.exitCode == 0, qPrintable(csv.err));
        QVERIFY2(!csv.out.contains(key), qPrintable(csv.out));
        const QList<QStringList> records = parseCsv(csv.out);
        QCOMPARE(records.size(), 4);
        const QStringList &header = records.at(0);
        for (const QStringList &record : records)
            QCOMPARE(record.size(), header.size());
        const auto field = [&](int row, const char *name) {
            const qsizetype column = header.indexOf(QString::fromLatin1(name));
            return column < 0 ? QStringLiteral("<no column>") : records.at(row).at(column);
        };
        QCOMPARE(field(1, "grade_thumb"), QStringLiteral("up"));
        QCOMPARE(field(1, "grade_score"), QStringLiteral("5"));
        QCOMPARE(field(1, "grade_note"), QStringLiteral("crisp, \"right\"\nand short"));
        QCOMPARE(field(2, "grade_thumb"), QStringLiteral("down"));
        QCOMPARE(field(2, "grade_score"), QString());
        QCOMPARE(field(2, "grade_note"), QStringLiteral("pasted [REDACTED]"));
        QCOMPARE(field(3, "grade_thumb"), QString());
        QCOMPARE(field(3, "grade_note"), QString());

        const Run json = run(
            { QStringLiteral("ledger"), QStringLiteral("export"), QStringLiteral("--format=json") },
            path);
        QVERIFY2(json.exitCode == 0, qPrintable(json.err));
        QVERIFY(!json.out.contains(key));
        const auto calls = nlohmann::json::parse(json.out.toStdString(), nullptr, false);
        QVERIFY(calls.is_array() && calls.size() == 3);
        QVERIFY(calls[0]["grade"]["thumb"] == "up");
        QVERIFY(calls[0]["grade"]["score"] == 5);
        QVERIFY(calls[0]["grade"]["note"] == "crisp, \"right\"\nand short");
        QVERIFY(calls[1]["grade"]["thumb"] == "down");
        QVERIFY(calls[1]["grade"]["score"].is_null());
        QVERIFY(calls[1]["grade"]["note"] == "pasted [REDACTED]");
        QVERIFY(calls[2].contains("grade") && calls[2]["grade"].is_null());
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
            QStringLiteral("fortnight") }
                                << "model, prompt, day";
        QTest::newRow("bad budget") << QStringList { QStringLiteral("cost"),
            QStringLiteral("--budget"), QStringLiteral("lots") }
                                    << "--budget";
        QTest::newRow("recompute by time") << QStringList { QStringLiteral("cost"),
            QStringLiteral("--by"), QStringLiteral("day"), QStringLiteral("--recompute") }
                                           << "not by time";
        QTest::newRow("bad export format") << QStringList { QStringLiteral("ledger"),
            QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("xlsx") }
                                           << "csv or json";
        QTest::newRow("export option without export") << QStringList { QStringLiteral("ledger"),
            QStringLiteral("--with-text") } << "ledger export";
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
        const QString keyShaped
            = QStringLiteral("sk-") + QStringLiteral("exampleFromTheModel0123456789");
        QTemporaryDir workspace;
        const QString prompt = workspace.filePath(QStringLiteral("sample.prompt"));
        QFile file(prompt);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            QStringLiteral("Put OPENAI_API_KEY=%1 in your shell.\n").arg(keyShaped).toUtf8());
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
            QVERIFY2(
                call.outcome.outputText.contains(keyShaped), qPrintable(call.outcome.outputText));
    }
};

QTEST_GUILESS_MAIN(TestLedgerCli)
#include "tst_ledgercli.moc"
