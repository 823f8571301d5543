// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// End to end: runs the built `promptsmith render` in a scratch workspace (a copy of
// data/cli with a .git folder) and checks its output and exit codes.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kFixture = QStringLiteral(PSM_SOURCE_DIR "/tests/core/prompt/data/cli");

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TestRender : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    Run run(const QStringList &args)
    {
        QProcess process;
        process.setWorkingDirectory(m_dir.path());
        process.start(QStringLiteral(PSM_PROMPTSMITH_BIN),
                      QStringList{QStringLiteral("render")} + args);
        if (!process.waitForFinished(30000))
            return {};
        return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
                QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }

    void write(const QString &relative, const QByteArray &bytes)
    {
        QFile file(m_dir.filePath(relative));
        QVERIFY(QDir().mkpath(QFileInfo(file).absolutePath()));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(bytes);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QDirIterator it(kFixture, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString source = it.next();
            const QString target = m_dir.filePath(QDir(kFixture).relativeFilePath(source));
            QVERIFY(QDir().mkpath(QFileInfo(target).absolutePath()));
            QVERIFY(QFile::copy(source, target));
        }
        // The workspace root is found by its .git; partials come from prompts/ under it.
        QVERIFY(QDir(m_dir.path()).mkdir(QStringLiteral(".git")));
    }

    void jsonMatchesReference()
    {
        const Run r = run({QStringLiteral("prompts/team/greet.prompt"), QStringLiteral("--json"),
                           QStringLiteral("--input-file"), QStringLiteral("input.json"),
                           QStringLiteral("--history"), QStringLiteral("history.json")});
        QCOMPARE(r.err, QString());
        QCOMPARE(r.exitCode, 0);
        QFile expected(m_dir.filePath(QStringLiteral("greet.expected.json")));
        QVERIFY(expected.open(QIODevice::ReadOnly));
        QCOMPARE(r.out, QString::fromUtf8(expected.readAll()));
    }

    // Partial blocks, inline partials and which partials Dotprompt resolves before rendering
    // (only those named by `{{> name}}`), against the reference's output for the same file.
    void partialBlocksMatchReference()
    {
        const Run r = run({QStringLiteral("prompts/team/layout.prompt"), QStringLiteral("--json"),
                           QStringLiteral("--input-file"), QStringLiteral("input.json")});
        QCOMPARE(r.err, QString());
        QCOMPARE(r.exitCode, 0);
        QFile expected(m_dir.filePath(QStringLiteral("layout.expected.json")));
        QVERIFY(expected.open(QIODevice::ReadOnly));
        QCOMPARE(r.out, QString::fromUtf8(expected.readAll()));
    }

    void inlineInputAndDefaults()
    {
        const Run r = run({QStringLiteral("prompts/team/greet.prompt"), QStringLiteral("--json"),
                           QStringLiteral("--input"), QStringLiteral("{\"topics\": []}")});
        QCOMPARE(r.exitCode, 0);
        // input.default fills what --input leaves out.
        QVERIFY2(r.out.contains(QStringLiteral("Hello friend, here are 3 topics:")), qPrintable(r.out));
        QVERIFY(!r.out.contains(QStringLiteral("\"purpose\": \"history\"")));
    }

    void transcript()
    {
        const Run r = run({QStringLiteral("prompts/team/greet.prompt"), QStringLiteral("--input-file"),
                           QStringLiteral("input.json")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith(QStringLiteral("=== system ===\n")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("You are a warm assistant talking to Ada.")));
        QVERIFY(r.out.contains(QStringLiteral("=== user ===\n")));
        QVERIFY(r.out.contains(QStringLiteral("  - 1: looms\n")));
        QVERIFY(r.out.contains(QStringLiteral("[media: https://example.com/cat.png (image/png)]")));
    }

    void badFiles_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("message");
        QTest::newRow("yaml") << QByteArray("---\nmodel: x\nconfig: {a: [1\n---\nHi\n")
                              << QStringLiteral("prompts/bad.prompt:3:")
                              << QStringLiteral("invalid YAML front matter");
        QTest::newRow("unclosed block") << QByteArray("---\nmodel: x\n---\nHi\n{{#each items}}\n- x\n")
                                        << QStringLiteral("prompts/bad.prompt:5:1:")
                                        << QStringLiteral("unclosed block '{{#each}}'");
        QTest::newRow("mismatched") << QByteArray("{{#if a}}\n  {{/each}}\n")
                                    << QStringLiteral("prompts/bad.prompt:2:3:")
                                    << QStringLiteral("'{{/each}}' does not match '{{#if}}'");
        QTest::newRow("unknown helper") << QByteArray("---\nmodel: x\n---\n\n  Hi {{shout name}}\n")
                                        << QStringLiteral("prompts/bad.prompt:5:8:")
                                        << QStringLiteral("unknown helper 'shout'");
        QTest::newRow("missing partial") << QByteArray("Hi\n {{> nowhere}}")
                                         << QStringLiteral("prompts/bad.prompt:2:2:")
                                         << QStringLiteral("the partial 'nowhere' could not be found");
        QTest::newRow("picoschema") << QByteArray("---\nmodel: x\noutput:\n  schema:\n    f(map): string\n---\nx")
                                    << QStringLiteral("prompts/bad.prompt:3:1:")
                                    << QStringLiteral("parenthetical types must be 'object' or 'array'");
    }

    void badFiles()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, where);
        QFETCH(QString, message);
        write(QStringLiteral("prompts/bad.prompt"), content);
        const Run r = run({QStringLiteral("prompts/bad.prompt")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith(where), qPrintable(r.err));
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(r.out, QString());
    }

    // Dotprompt renders input that does not match the schema; so do we, with a warning that
    // names the variable and the schema line. --strict turns the warning into exit 2.
    void inputSchemaMismatch_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("rendered");
        QTest::newRow("missing") << QStringLiteral("{}") << QStringLiteral("prompts/schema.prompt:5:5:")
                                 << QStringLiteral("input variable 'who' is required")
                                 << QStringLiteral("Hi , 2");
        QTest::newRow("wrong type") << QStringLiteral("{\"who\": \"Ada\", \"n\": \"two\"}")
                                    << QStringLiteral("prompts/schema.prompt:6:5:")
                                    << QStringLiteral("input variable 'n' must be of type integer")
                                    << QStringLiteral("Hi Ada, two");
    }

    void inputSchemaMismatch()
    {
        QFETCH(QString, input);
        QFETCH(QString, where);
        QFETCH(QString, message);
        QFETCH(QString, rendered);
        write(QStringLiteral("prompts/schema.prompt"),
              "---\nmodel: x\ninput:\n  schema:\n    who: string\n    n?: integer\n"
              "  default:\n    n: 2\n---\nHi {{who}}, {{n}}\n");
        Run r = run({QStringLiteral("prompts/schema.prompt"), QStringLiteral("--input"), input});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.startsWith(QStringLiteral("warning: ") + where), qPrintable(r.err));
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY2(r.out.contains(rendered), qPrintable(r.out));

        r = run({QStringLiteral("prompts/schema.prompt"), QStringLiteral("--strict"),
                 QStringLiteral("--input"), input});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith(where), qPrintable(r.err));
        QCOMPARE(r.out, QString());
    }

    // valijson aborts on schemas it cannot use unless built to throw (found by fuzzing).
    void unusableInputSchemaIsAWarning()
    {
        write(QStringLiteral("prompts/enum.prompt"),
              "---\ninput:\n  schema:\n    level(enum): high\n---\nHi {{level}}\n");
        const Run r = run({QStringLiteral("prompts/enum.prompt"), QStringLiteral("--input"),
                           QStringLiteral("{\"level\": \"low\"}")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(QStringLiteral("not a usable JSON Schema")), qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("=== user ===\nHi low\n"));
    }

    void partialCycle()
    {
        write(QStringLiteral("prompts/cycle.prompt"), "{{> ping}}");
        write(QStringLiteral("prompts/_ping.prompt"), "ping {{> pong}}");
        write(QStringLiteral("prompts/_pong.prompt"), "pong {{> ping}}");
        const Run r = run({QStringLiteral("prompts/cycle.prompt")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("cycle: ping > pong > ping")), qPrintable(r.err));
    }

    void badArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no path") << QStringList{};
        QTest::newRow("missing file") << QStringList{QStringLiteral("prompts/none.prompt")};
        QTest::newRow("input not json") << QStringList{QStringLiteral("prompts/team/greet.prompt"),
                                                       QStringLiteral("--input"), QStringLiteral("{oops")};
        QTest::newRow("input not object") << QStringList{QStringLiteral("prompts/team/greet.prompt"),
                                                         QStringLiteral("--input"), QStringLiteral("[1]")};
        QTest::newRow("history not array") << QStringList{QStringLiteral("prompts/team/greet.prompt"),
                                                          QStringLiteral("--history"), QStringLiteral("input.json")};
        QTest::newRow("input nested too deep")
            << QStringList{QStringLiteral("prompts/team/greet.prompt"), QStringLiteral("--input"),
                           QStringLiteral("{\"x\":") + QString(20000, QLatin1Char('['))
                               + QString(20000, QLatin1Char(']')) + QLatin1Char('}')};
        QTest::newRow("wrong type, strict") << QStringList{QStringLiteral("prompts/team/greet.prompt"),
                                                           QStringLiteral("--strict"), QStringLiteral("--input"),
                                                           QStringLiteral("{\"count\": \"x\"}")};
    }

    void badArguments()
    {
        QFETCH(QStringList, args);
        const Run r = run(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!r.err.isEmpty());
        QCOMPARE(r.out, QString());
    }
};

QTEST_GUILESS_MAIN(TestRender)
#include "tst_render.moc"
