// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// The eval-set loader: the samples, every field of promptfoo's test-file shape, file:// tests
// (YAML, JSON, CSV) and vars, list expansion, and errors with exact file:line:col.
#include "core/eval/evalcsv.h"
#include "core/eval/evalset.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace psm::core;
using namespace psm::core::eval;

namespace {

// A scratch workspace with the files a test names.
class Workspace {
public:
    Workspace() { QVERIFY(m_dir.isValid()); }

    QString path(const QString &relative) const { return m_dir.filePath(relative); }
    QString root() const { return m_dir.path(); }

    void write(const QString &relative, const QByteArray &content) const
    {
        const QString file = path(relative);
        QDir().mkpath(QFileInfo(file).absolutePath());
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }

private:
    QTemporaryDir m_dir;
};

QString str(const Json &value)
{
    return QString::fromStdString(value.get<std::string>());
}

} // namespace

class TestEvalSet : public QObject {
    Q_OBJECT

private slots:
    void loadsEverySample_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("tests");
        QTest::newRow("answer_with_citations") << "answer_with_citations.yaml" << 2;
        QTest::newRow("classify_ticket") << "classify_ticket.yaml" << 3;
        QTest::newRow("extract_invoice") << "extract_invoice.yaml" << 2;
        QTest::newRow("guarded_assistant") << "guarded_assistant.yaml" << 3;
        QTest::newRow("summarize") << "summarize.yaml" << 2;
    }

    void loadsEverySample()
    {
        QFETCH(QString, file);
        QFETCH(int, tests);
        const QString root = QStringLiteral(PSM_SOURCE_DIR "/samples");
        const auto set = loadEvalSet(root + QStringLiteral("/evals/") + file, root);
        QVERIFY2(set, qPrintable(set ? QString() : set.error().toString()));
        QCOMPARE(set->tests.size(), tests);
        QVERIFY(!set->description.isEmpty());
        QVERIFY(!set->prompts.isEmpty());
        for (const EvalTest &test : set->tests)
            QVERIFY(!test.asserts.isEmpty());
    }

    void sampleDetails()
    {
        const QString root = QStringLiteral(PSM_SOURCE_DIR "/samples");
        const auto triage = loadEvalSet(root + QStringLiteral("/evals/classify_ticket.yaml"), root);
        QVERIFY(triage);
        QCOMPARE(triage->providers,
            QStringList({ QStringLiteral("anthropic/claude-haiku-4-5"),
                QStringLiteral("openai/gpt-4o-mini") }));
        // defaultTest's assertions come first, then the test's own.
        const EvalTest &refund = triage->tests.at(0);
        QCOMPARE(refund.asserts.size(), 3);
        QCOMPARE(refund.asserts.at(0).type, QStringLiteral("is-json"));
        QCOMPARE(refund.asserts.at(1).type, QStringLiteral("latency"));
        QCOMPARE(refund.asserts.at(1).threshold, std::optional<double>(5000));
        QCOMPARE(refund.asserts.at(2).type, QStringLiteral("contains"));
        QCOMPARE(refund.asserts.at(2).line, 12);
        QCOMPARE(refund.asserts.at(2).column, 16);
        const EvalTest &injection = triage->tests.at(2);
        QCOMPARE(injection.asserts.at(2).type, QStringLiteral("icontains"));
        QVERIFY(injection.asserts.at(2).inverse);

        // A list of passages (objects) is one value, not one test per passage.
        const auto cited
            = loadEvalSet(root + QStringLiteral("/evals/answer_with_citations.yaml"), root);
        QVERIFY(cited);
        QCOMPARE(cited->tests.at(0).vars.at("passages").size(), 2u);
    }

    void everyField()
    {
        Workspace ws;
        ws.write(QStringLiteral("evals/doc.txt"), "The document text.\n");
        ws.write(QStringLiteral("evals/more.yaml"),
            "- description: from yaml\n  vars: {q: one}\n  assert: [{type: icontains, value: "
            "ONE}]\n");
        ws.write(QStringLiteral("evals/more.json"),
            R"([{"description": "from json", "vars": {"q": "two"}, "assert": [{"type": "contains", "value": "two"}]}])");
        ws.write(QStringLiteral("evals/schema.json"), R"({"type": "object", "required": ["a"]})");
        ws.write(QStringLiteral("evals/rows.csv"),
            "q,__expected,__expected2,__description,__metric,__threshold,__config:__expected2:"
            "threshold\n"
            "three,contains: thr,levenshtein: three,from csv,quality,0.5,2\n"
            "\"four, quoted\",\"contains-any: x, \"\"y, z\"\"\",,second row,,,1\n");
        ws.write(QStringLiteral("evals/set.yaml"), R"(description: All fields
prompts: [prompts/a.prompt, file://prompts/b.prompt]
providers:
  - openai:chat:gpt-4o-mini
  - anthropic:messages:claude-haiku-4-5
  - ollama:chat:llama3.2
  - id: google:gemini-2.5-flash
  - echo
  - openai/gpt-4o
defaultTest:
  vars: {lang: en, doc: file://doc.txt}
  assert:
    - {type: latency, threshold: 3000}
  options:
    provider: openai:gpt-4o-mini
  threshold: 0.5
tests:
  - description: inline
    vars:
      lang: de
      topic: [cats, dogs]
      tone: [dry, warm, odd]
    threshold: 0.75
    options: {temperature: 0}
    assert:
      - {type: not-contains, value: "{{topic}}", weight: 2, metric: safety}
      - {type: is-json, value: file://schema.json}
      - {type: llm-rubric, value: polite, threshold: 0.8, provider: openai:gpt-4o}
  - file://more.yaml
  - file://more.json
  - file://rows.csv
)");
        const auto set = loadEvalSet(ws.path(QStringLiteral("evals/set.yaml")), ws.root());
        QVERIFY2(set, qPrintable(set ? QString() : set.error().toString()));
        QCOMPARE(set->description, QStringLiteral("All fields"));
        QCOMPARE(set->prompts,
            QStringList(
                { QStringLiteral("prompts/a.prompt"), QStringLiteral("prompts/b.prompt") }));
        QCOMPARE(set->providers,
            QStringList({ QStringLiteral("openai/gpt-4o-mini"),
                QStringLiteral("anthropic/claude-haiku-4-5"), QStringLiteral("ollama/llama3.2"),
                QStringLiteral("gemini/gemini-2.5-flash"), QStringLiteral("echo/echo"),
                QStringLiteral("openai/gpt-4o") }));
        QCOMPARE(set->graderProvider, QStringLiteral("openai/gpt-4o-mini"));
        // 2 topics x 3 tones, then yaml, json and two csv rows.
        QCOMPARE(set->tests.size(), 6 + 1 + 1 + 2);

        const EvalTest &first = set->tests.at(0);
        QCOMPARE(first.description, QStringLiteral("inline"));
        QCOMPARE(str(first.vars.at("lang")), QStringLiteral("de")); // the test's own wins
        QCOMPARE(str(first.vars.at("doc")), QStringLiteral("The document text.")); // trimmed, as promptfoo
        QCOMPARE(str(first.vars.at("topic")), QStringLiteral("cats"));
        QCOMPARE(str(first.vars.at("tone")), QStringLiteral("dry"));
        QCOMPARE(str(set->tests.at(5).vars.at("topic")), QStringLiteral("dogs"));
        QCOMPARE(str(set->tests.at(5).vars.at("tone")), QStringLiteral("odd"));
        QCOMPARE(first.threshold, std::optional<double>(0.75));
        QCOMPARE(first.options.at("temperature").get<int>(), 0);
        QCOMPARE(str(first.options.at("provider")), QStringLiteral("openai/gpt-4o-mini"));
        QCOMPARE(first.asserts.size(), 4);
        QCOMPARE(first.asserts.at(0).type, QStringLiteral("latency"));
        const AssertionSpec &notContains = first.asserts.at(1);
        QVERIFY(notContains.inverse);
        QCOMPARE(notContains.weight, 2.0);
        QCOMPARE(notContains.metric, QStringLiteral("safety"));
        QCOMPARE(notContains.file, ws.path(QStringLiteral("evals/set.yaml")));
        QCOMPARE(notContains.line, 26);
        QCOMPARE(notContains.column, 16);
        QCOMPARE(first.asserts.at(2).value.at("required").at(0).get<std::string>(), "a");
        QCOMPARE(first.asserts.at(3).threshold, std::optional<double>(0.8));
        QCOMPARE(str(first.asserts.at(3).options.at("provider")), QStringLiteral("openai/gpt-4o"));

        const EvalTest &yaml = set->tests.at(6);
        QCOMPARE(yaml.description, QStringLiteral("from yaml"));
        QCOMPARE(yaml.threshold, std::optional<double>(0.5)); // defaultTest's
        QCOMPARE(str(yaml.vars.at("lang")), QStringLiteral("en"));
        QCOMPARE(yaml.asserts.size(), 2);
        QCOMPARE(yaml.asserts.at(1).file,
            QFileInfo(ws.path(QStringLiteral("evals/more.yaml"))).canonicalFilePath());
        QCOMPARE(yaml.asserts.at(1).line, 3);
        QCOMPARE(set->tests.at(7).description, QStringLiteral("from json"));

        const EvalTest &csv = set->tests.at(8);
        QCOMPARE(csv.description, QStringLiteral("from csv"));
        QCOMPARE(str(csv.vars.at("q")), QStringLiteral("three"));
        QCOMPARE(csv.threshold, std::optional<double>(0.5));
        QCOMPARE(csv.asserts.size(), 3);
        QCOMPARE(csv.asserts.at(1).type, QStringLiteral("contains"));
        QCOMPARE(str(csv.asserts.at(1).value), QStringLiteral("thr"));
        QCOMPARE(csv.asserts.at(1).metric, QStringLiteral("quality"));
        QCOMPARE(csv.asserts.at(1).line, 2);
        QCOMPARE(csv.asserts.at(1).column, 7);
        QCOMPARE(csv.asserts.at(2).type, QStringLiteral("levenshtein"));
        QCOMPARE(csv.asserts.at(2).threshold, std::optional<double>(2));
        const EvalTest &quoted = set->tests.at(9);
        QCOMPARE(str(quoted.vars.at("q")), QStringLiteral("four, quoted"));
        QVERIFY(quoted.asserts.at(1).value == Json::array({ "x", "y, z" }));
    }

    void csvAssertionStrings_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QString>("type");
        QTest::addColumn<bool>("inverse");
        QTest::addColumn<QString>("value");
        QTest::addColumn<double>("threshold"); // < 0: none
        QTest::newRow("plain is equals") << "Paris"
                                         << "equals" << false << "Paris" << -1.0;
        QTest::newRow("unknown prefix is equals") << "answer: 42"
                                                  << "equals" << false << "answer: 42" << -1.0;
        QTest::newRow("contains trims") << "contains:  x "
                                        << "contains" << false << "x" << -1.0;
        QTest::newRow("not-icontains") << "not-icontains: bad"
                                       << "icontains" << true << "bad" << -1.0;
        QTest::newRow("regex") << "regex: ^a.*$"
                               << "regex" << false << "^a.*$" << -1.0;
        QTest::newRow("grade") << "grade: is polite"
                               << "llm-rubric" << false << " is polite" << -1.0;
        QTest::newRow("levenshtein default") << "levenshtein: abc"
                                             << "levenshtein" << false << "abc" << 0.75;
        QTest::newRow("levenshtein given") << "levenshtein(3): abc"
                                           << "levenshtein" << false << "abc" << 3.0;
        QTest::newRow("latency") << "latency(500)"
                                 << "latency" << false << "" << 500.0;
        QTest::newRow("javascript")
            << "javascript: output.length > 3"
            << "javascript" << false << "javascript: output.length > 3" << -1.0;
    }

    void csvAssertionStrings()
    {
        QFETCH(QString, cell);
        QFETCH(QString, type);
        QFETCH(bool, inverse);
        QFETCH(QString, value);
        QFETCH(double, threshold);
        const AssertionSpec spec = assertionFromString(cell);
        QCOMPARE(spec.type, type);
        QCOMPARE(spec.inverse, inverse);
        QCOMPARE(spec.value.is_string() ? str(spec.value) : QString(), value);
        QCOMPARE(spec.threshold, threshold < 0 ? std::nullopt : std::optional<double>(threshold));
    }

    void errors_data()
    {
        QTest::addColumn<QString>("file"); // relative to the workspace
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("errorFile"); // relative to the workspace
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message"); // contained in the error message
        const QByteArray head = "description: x\ntests:\n  - vars: {a: 1}\n    assert:\n";
        QTest::newRow("unknown type")
            << "e.yaml" << head + "      - {type: contians, value: a}\n"
            << "e.yaml" << 5 << 16 << "unknown assertion type \"contians\"";
        QTest::newRow("unknown not- type")
            << "e.yaml" << head + "      - type: not-shiny\n"
            << "e.yaml" << 5 << 15 << "unknown assertion type \"not-shiny\"";
        QTest::newRow("javascript")
            << "e.yaml" << head + "      - {type: javascript, value: 'output.length'}\n"
            << "e.yaml" << 5 << 16 << "\"javascript\" is not supported";
        QTest::newRow("python") << "e.yaml" << head + "\n      - type: python\n"
                                << "e.yaml" << 6 << 15 << "\"python\" is not supported";
        QTest::newRow("assertion transform")
            << "e.yaml" << head + "      - {type: contains, value: a, transform: output.trim()}\n"
            << "e.yaml" << 5 << 36 << "\"transform\" is not supported";
        QTest::newRow("options transform")
            << "e.yaml" << QByteArray("tests:\n  - options:\n      transform: x\n") << "e.yaml" << 3
            << 7 << "options.transform is not supported";
        QTest::newRow("no type") << "e.yaml" << head + "      - {value: a}\n"
                                 << "e.yaml" << 5 << 9 << "assertion has no type";
        QTest::newRow("bad provider") << "e.yaml" << QByteArray("providers: [bedrock:claude]\n")
                                      << "e.yaml" << 1 << 13 << "bedrock";
        QTest::newRow("missing tests file") << "e.yaml" << QByteArray("tests: file://nope.yaml\n")
                                            << "e.yaml" << 1 << 8 << "no such file";
        QTest::newRow("outside the workspace")
            << "e.yaml" << QByteArray("tests:\n  - vars: {a: file://../../outside.txt}\n")
            << "e.yaml" << 2 << 15 << "outside the workspace";
        QTest::newRow("into .git")
            << "e.yaml" << QByteArray("tests:\n  - vars: {a: file://.git/config}\n")
            << "e.yaml" << 2 << 15 << ".git folder";
        QTest::newRow("symlink out of the workspace")
            << "e.yaml" << QByteArray("tests: file://link.yaml\n") << "e.yaml" << 1 << 8
            << "outside the workspace";
        QTest::newRow("bad yaml") << "e.yaml" << QByteArray("tests: [\n") << "e.yaml" << 2 << 1
                                  << "not valid YAML";
        QTest::newRow("csv unsupported type")
            << "e.yaml" << QByteArray("tests: file://t.csv\n") << "t.csv" << 3 << 3
            << "\"similar\" is not supported";
        QTest::newRow("custom rubric prompt")
            << "e.yaml" << QByteArray("defaultTest:\n  options:\n    rubricPrompt: grade it\n")
            << "e.yaml" << 3 << 5 << "options.rubricPrompt is not supported";
        QTest::newRow("duplicate key")
            << "e.yaml" << QByteArray("tests:\n  - vars:\n      a: 1\n      a: 2\n") << "e.yaml"
            << 4 << 7 << "duplicate key 'a'";
        QTest::newRow("threshold not a number")
            << "e.yaml" << QByteArray("tests:\n  - threshold: high\n") << "e.yaml" << 2 << 16
            << "threshold must be a number";
    }

    void errors()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, text);
        QFETCH(QString, errorFile);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, message);
        QTemporaryDir outer;
        QVERIFY(outer.isValid());
        QFile secret(outer.filePath(QStringLiteral("outside.txt")));
        QVERIFY(secret.open(QIODevice::WriteOnly));
        secret.write("- {vars: {a: 1}}\n");
        secret.close();
        const QString root = outer.filePath(QStringLiteral("ws/sub"));
        QDir().mkpath(root);
        QVERIFY(QFile::link(secret.fileName(), root + QStringLiteral("/link.yaml")));
        QFile csv(root + QStringLiteral("/t.csv"));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write("q,__expected\nfine,contains: a\nx,similar: b\n");
        csv.close();
        QFile eval(root + u'/' + file);
        QVERIFY(eval.open(QIODevice::WriteOnly));
        eval.write(text);
        eval.close();

        const auto set = loadEvalSet(eval.fileName(), root);
        QVERIFY(!set);
        const Error &error = set.error();
        QVERIFY2(error.message.contains(message), qPrintable(error.toString()));
        QCOMPARE(QFileInfo(error.file).fileName(), errorFile);
        QCOMPARE(error.line, line);
        QCOMPARE(error.column, column);
    }

    // As promptfoo: every file:// path is relative to the eval set's folder, also inside a tests
    // file kept in another folder; a YAML var is its JSON text; text files are trimmed.
    void fileReferencesAsPromptfooReadsThem()
    {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const auto write = [&](const QString &name, const QByteArray &text) {
            QVERIFY(QDir().mkpath(QFileInfo(root.filePath(name)).absolutePath()));
            QFile file(root.filePath(name));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(text);
        };
        write(QStringLiteral("evals/e.yaml"), "description: x\ntests: file://cases/t.yaml\n");
        write(QStringLiteral("evals/cases/t.yaml"),
            "- vars: {doc: file://data/doc.txt, facts: file://data/facts.yaml}\n"
            "  assert: [{type: equals, value: file://data/expected.txt}]\n");
        write(QStringLiteral("evals/data/doc.txt"), "  Some text.\n\n");
        write(QStringLiteral("evals/data/facts.yaml"), "city: Paris\nyear: 1889\n");
        write(QStringLiteral("evals/data/expected.txt"), "Paris\n");
        const auto set
            = loadEvalSet(root.filePath(QStringLiteral("evals/e.yaml")), root.path());
        QVERIFY2(set, qPrintable(set ? QString() : set.error().toString()));
        QCOMPARE(set->tests.size(), 1);
        const auto &vars = set->tests.first().vars;
        QCOMPARE(QString::fromStdString(vars.at("doc").get<std::string>()),
            QStringLiteral("Some text."));
        QCOMPARE(QString::fromStdString(vars.at("facts").get<std::string>()),
            QStringLiteral(R"({"city":"Paris","year":1889})"));
        QCOMPARE(QString::fromStdString(
                     set->tests.first().asserts.first().value.get<std::string>()),
            QStringLiteral("Paris"));
    }

    // A file:// chain of test files that comes back to itself is an error at the reference,
    // not a recursion until the stack overflows.
    void testFileCycleIsAnError()
    {
        QTemporaryDir root;
        QVERIFY(root.isValid());
        const auto write = [&](const QString &name, const QByteArray &text) {
            QFile file(root.filePath(name));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(text);
        };
        write(QStringLiteral("e.yaml"), "description: x\ntests: file://a.yaml\n");
        write(QStringLiteral("a.yaml"), "- {vars: {q: 1}}\n- file://b.yaml\n");
        write(QStringLiteral("b.yaml"), "- file://a.yaml\n");
        const auto set = loadEvalSet(root.filePath(QStringLiteral("e.yaml")), root.path());
        QVERIFY(!set);
        QVERIFY2(set.error().message.contains(QStringLiteral("includes itself")),
            qPrintable(set.error().toString()));
        QCOMPARE(QFileInfo(set.error().file).fileName(), QStringLiteral("b.yaml"));
        QCOMPARE(set.error().line, 1);
        QCOMPARE(set.error().column, 3);
    }
};

QTEST_GUILESS_MAIN(TestEvalSet)
#include "tst_evalset.moc"
