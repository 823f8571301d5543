// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// `promptsmith completions bash|zsh|fish|man`: every command and option of the command table is
// in each output, each shell parses its script, bash really completes commands, options and the
// workspace's models and prompts, and man renders the page without warnings.
#include "promptsmithprocess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using psm::test::Ran;

namespace {

QString dashed(const QString &name)
{
    return (name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name;
}

} // namespace

class TestCompletions final : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_home;
    QTemporaryDir m_workspace;
    QJsonArray m_table;

    Ran promptsmith(const QStringList &args, const QString &cwd = {}) const
    {
        return psm::test::runProgram(QStringLiteral(PSM_PROMPTSMITH), args,
            psm::test::headlessEnvironment(m_home.path()), cwd.isEmpty() ? m_home.path() : cwd);
    }

    QByteArray output(const QString &what) const
    {
        const Ran ran = promptsmith({ QStringLiteral("completions"), what });
        if (ran.code != 0)
            qWarning() << psm::test::describe(ran);
        return ran.out;
    }

    QString writeScript(const QString &what) const
    {
        const QString path = m_home.filePath(QStringLiteral("promptsmith.") + what);
        QFile file(path);
        if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            file.write(output(what));
        return path;
    }

    // What bash's completion function offers for the words typed so far (the last one is the
    // word being completed), run in `cwd`.
    QStringList bashCompletes(const QStringList &typed, const QString &cwd) const
    {
        const QString script = writeScript(QStringLiteral("bash"));
        QStringList words { QStringLiteral(PSM_PROMPTSMITH) };
        words += typed;
        QString quoted;
        for (const QString &word : words)
            quoted += QLatin1Char('\'') + word + QStringLiteral("' ");
        const QString program
            = QStringLiteral("source '%1' && COMP_WORDS=(%2) && COMP_CWORD=%3 && _promptsmith && "
                             "printf '%s\\n' \"${COMPREPLY[@]}\"")
                  .arg(script, quoted)
                  .arg(words.size() - 1);
        const Ran ran = psm::test::runProgram(QStringLiteral("bash"),
            { QStringLiteral("-c"), program }, psm::test::headlessEnvironment(m_home.path()), cwd);
        if (ran.code != 0)
            qWarning() << psm::test::describe(ran);
        return QString::fromUtf8(ran.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }

private Q_SLOTS:
    void initTestCase()
    {
        const Ran ran = promptsmith({ QStringLiteral("completions"), QStringLiteral("--table") });
        QVERIFY2(ran.code == 0, qPrintable(psm::test::describe(ran)));
        m_table = QJsonDocument::fromJson(ran.out).array();
        QVERIFY(!m_table.isEmpty());

        // A workspace as workspaceRootFor() finds it, with models in its settings.
        QVERIFY(QDir(m_workspace.path()).mkpath(QStringLiteral(".git")));
        QVERIFY(QDir(m_workspace.path()).mkpath(QStringLiteral("prompts/sub")));
        QFile yaml(m_workspace.filePath(QStringLiteral("promptsmith.yaml")));
        QVERIFY(yaml.open(QIODevice::WriteOnly));
        yaml.write("providers:\n  acme: {type: openai, base_url: 'http://127.0.0.1:9'}\n"
                   "presets:\n  fast: {model: acme/preset-model, temperature: 0}\n"
                   "columns:\n  - model: acme/column-model\n    preset: fast\n"
                   "  - model: anthropic/claude-haiku-4-5\n");
        yaml.close();
        for (const char *name : { "prompts/triage.prompt", "prompts/sub/summary.prompt" }) {
            QFile prompt(m_workspace.filePath(QString::fromLatin1(name)));
            QVERIFY(prompt.open(QIODevice::WriteOnly));
            prompt.write("Hello\n");
        }
    }

    // The table is read back from each command's parser: it must hold every command of
    // `--help` and every option each command's own `--help` lists.
    void tableMatchesTheHelpTexts()
    {
        QStringList tableNames;
        for (const QJsonValue &command : std::as_const(m_table))
            tableNames << command[QStringLiteral("name")].toString();
        const Ran help = promptsmith({ QStringLiteral("--help") });
        const QString helpText = QString::fromUtf8(help.out);
        const QString commandsPart = helpText.section(QStringLiteral("Commands:\n"), 1)
                                         .section(QStringLiteral("\n\n"), 0, 0);
        QStringList helpNames;
        for (const QString &line : commandsPart.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            helpNames << line.trimmed().section(QLatin1Char(' '), 0, 0);
        QCOMPARE(tableNames, helpNames);
        QVERIFY(tableNames.contains(QStringLiteral("run")));

        static const QRegularExpression optionName(QStringLiteral(R"((?:^|[\s,])(--?[\w-]+))"));
        for (const QJsonValue &command : std::as_const(m_table)) {
            const QString name = command[QStringLiteral("name")].toString();
            const Ran commandHelp = promptsmith({ name, QStringLiteral("--help") });
            QVERIFY2(commandHelp.code == 0, qPrintable(psm::test::describe(commandHelp)));
            QStringList tableOptions;
            for (const QJsonValue &option : command[QStringLiteral("options")].toArray()) {
                for (const QJsonValue &optionName : option[QStringLiteral("names")].toArray())
                    tableOptions << dashed(optionName.toString());
            }
            // Option lines of Qt's help: two spaces, then the names.
            const QString text = QString::fromUtf8(commandHelp.out);
            for (const QString &line : text.split(QLatin1Char('\n'))) {
                if (!line.startsWith(QLatin1String("  -")))
                    continue;
                const QString names = line.trimmed().section(QStringLiteral("  "), 0, 0);
                auto it = optionName.globalMatch(names);
                while (it.hasNext()) {
                    const QString found = it.next().captured(1);
                    QVERIFY2(tableOptions.contains(found),
                        qPrintable(name + QStringLiteral(": ") + found
                            + QStringLiteral(" is in --help but not in the table")));
                }
            }
            if (name == QLatin1String("run")) {
                QVERIFY(tableOptions.contains(QStringLiteral("--model")));
                QCOMPARE(command[QStringLiteral("arguments")].toArray().first().toString(),
                    QStringLiteral("PATH"));
            }
        }
    }

    void everyCommandAndOptionIsInEachOutput_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("commandFormat"); // %1: command name
        QTest::addColumn<QString>("longFormat"); // %1: long option name
        QTest::addColumn<QString>("shortFormat"); // %1: one-letter option name
        QTest::newRow("bash") << QStringLiteral("bash") << QStringLiteral("    %1)\n")
                              << QStringLiteral("--%1") << QStringLiteral("-%1");
        QTest::newRow("zsh") << QStringLiteral("zsh") << QStringLiteral("    %1)\n")
                             << QStringLiteral("--%1") << QStringLiteral("-%1");
        QTest::newRow("fish") << QStringLiteral("fish") << QStringLiteral("# promptsmith %1\n")
                              << QStringLiteral(" -l %1") << QStringLiteral(" -s %1");
        QTest::newRow("man") << QStringLiteral("man") << QStringLiteral(".SS %1\n")
                             << QStringLiteral("\\fB\\-\\-%1\\fR")
                             << QStringLiteral("\\fB\\-%1\\fR");
    }

    void everyCommandAndOptionIsInEachOutput()
    {
        QFETCH(QString, what);
        QFETCH(QString, commandFormat);
        QFETCH(QString, longFormat);
        QFETCH(QString, shortFormat);
        const QString text = QString::fromUtf8(output(what));
        QVERIFY(!text.isEmpty());
        int options = 0;
        for (qsizetype i = 0; i < m_table.size(); ++i) {
            const QJsonValue command = m_table.at(i);
            const QString name = command[QStringLiteral("name")].toString();
            // Options are checked in the command's own section of the output, which ends where
            // the next command's starts (sections follow the table's order).
            const qsizetype start = text.indexOf(commandFormat.arg(name));
            QVERIFY2(start >= 0, qPrintable(what + QLatin1Char(' ') + name));
            const qsizetype end = i + 1 < m_table.size() ? text.indexOf(commandFormat.arg(
                                      m_table.at(i + 1)[QStringLiteral("name")].toString()))
                                                         : text.size();
            QVERIFY2(end > start,
                qPrintable(what + QStringLiteral(": sections out of order at ") + name));
            const QString section = text.mid(start, end - start);
            for (const QJsonValue &option : command[QStringLiteral("options")].toArray()) {
                for (const QJsonValue &optionName : option[QStringLiteral("names")].toArray()) {
                    QString o = optionName.toString();
                    if (what == QLatin1String("man")) // roff spells a hyphen \-
                        o.replace(QStringLiteral("-"), QStringLiteral("\\-"));
                    const QString expected = (o.size() == 1 ? shortFormat : longFormat).arg(o);
                    QVERIFY2(section.contains(expected),
                        qPrintable(
                            what + QStringLiteral(": ") + name + QLatin1Char(' ') + expected));
                    ++options;
                }
            }
        }
        QVERIFY(options > 30);
    }

    void shellParsesItsScript_data()
    {
        QTest::addColumn<QString>("shell");
        QTest::newRow("bash") << QStringLiteral("bash");
        QTest::newRow("zsh") << QStringLiteral("zsh");
        QTest::newRow("fish") << QStringLiteral("fish");
    }

    void shellParsesItsScript()
    {
        QFETCH(QString, shell);
        const QString program = QStandardPaths::findExecutable(shell);
        if (program.isEmpty())
            QSKIP(qPrintable(shell
                + QStringLiteral(" is not installed; packaging/install-deps.sh "
                                 "installs it")));
        const QString script = writeScript(shell);
        const Ran ran = psm::test::runProgram(program, { QStringLiteral("-n"), script },
            psm::test::headlessEnvironment(m_home.path()));
        QVERIFY2(ran.code == 0 && ran.err.isEmpty(), qPrintable(psm::test::describe(ran)));
    }

    void bashCompletes_data()
    {
        QTest::addColumn<QStringList>("typed");
        QTest::addColumn<bool>("inWorkspace"); // else in $HOME with --workspace
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<QStringList>("unexpected");
        QTest::newRow("command") << QStringList { QStringLiteral("sta") } << true
                                 << QStringList { QStringLiteral("status") } << QStringList {};
        QTest::newRow("global option")
            << QStringList { QStringLiteral("--w") } << true
            << QStringList { QStringLiteral("--workspace") } << QStringList {};
        QTest::newRow("command option")
            << QStringList { QStringLiteral("run"), QStringLiteral("--mo") } << true
            << QStringList { QStringLiteral("--model") } << QStringList {};
        QTest::newRow("short option")
            << QStringList { QStringLiteral("commit"), QStringLiteral("-") } << true
            << QStringList { QStringLiteral("-m"), QStringLiteral("--json") }
            << QStringList { QStringLiteral("--model") };
        QTest::newRow("models from settings")
            << QStringList { QStringLiteral("run"), QStringLiteral("p.prompt"),
                   QStringLiteral("--model"), QString() }
            << true
            << QStringList { QStringLiteral("acme/column-model"),
                   QStringLiteral("acme/preset-model"),
                   QStringLiteral("anthropic/claude-haiku-4-5"), QStringLiteral("echo/echo") }
            << QStringList { QStringLiteral("--json") };
        QTest::newRow("models with --workspace")
            << QStringList { QStringLiteral("--workspace"), m_workspace.path(),
                   QStringLiteral("prices"), QStringLiteral("--show"), QStringLiteral("acme/c") }
            << false << QStringList { QStringLiteral("acme/column-model") }
            << QStringList { QStringLiteral("acme/preset-model") };
        QTest::newRow("prompt paths") << QStringList { QStringLiteral("render"), QString() } << true
                                      << QStringList { QStringLiteral("prompts/triage.prompt"),
                                             QStringLiteral("prompts/sub/summary.prompt") }
                                      << QStringList { QStringLiteral("promptsmith.yaml") };
        QTest::newRow("choice") << QStringList { QStringLiteral("cost"), QStringLiteral("--by"),
            QStringLiteral("p") }
                                << true << QStringList { QStringLiteral("prompt") }
                                << QStringList { QStringLiteral("model") };
        QTest::newRow("completions shells")
            << QStringList { QStringLiteral("completions"), QString() } << true << QStringList {}
            << QStringList { QStringLiteral("prompts/triage.prompt") };
    }

    void bashCompletes()
    {
        QFETCH(QStringList, typed);
        QFETCH(bool, inWorkspace);
        QFETCH(QStringList, expected);
        QFETCH(QStringList, unexpected);
        const QStringList offered
            = bashCompletes(typed, inWorkspace ? m_workspace.path() : m_home.path());
        const QString shown = offered.join(QLatin1Char(' '));
        for (const QString &word : expected)
            QVERIFY2(
                offered.contains(word), qPrintable(word + QStringLiteral(" not in: ") + shown));
        for (const QString &word : unexpected)
            QVERIFY2(!offered.contains(word), qPrintable(word + QStringLiteral(" in: ") + shown));
    }

    // fish answers `complete -C LINE` itself; `promptsmith` is a function calling the build.
    void fishCompletes_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<QStringList>("unexpected");
        QTest::newRow("command") << QStringLiteral("promptsmith st")
                                 << QStringList { QStringLiteral("status") } << QStringList {};
        QTest::newRow("option") << QStringLiteral("promptsmith tag --de")
                                << QStringList { QStringLiteral("--delete") } << QStringList {};
        QTest::newRow("models") << QStringLiteral("promptsmith run p.prompt --model acme/")
                                << QStringList { QStringLiteral("acme/column-model"),
                                       QStringLiteral("acme/preset-model") }
                                << QStringList { QStringLiteral("echo/echo") };
        QTest::newRow("prompts") << QStringLiteral("promptsmith log ")
                                 << QStringList { QStringLiteral("prompts/triage.prompt") }
                                 << QStringList { QStringLiteral("promptsmith.yaml") };
        QTest::newRow("choice") << QStringLiteral("promptsmith cost --by ")
                                << QStringList { QStringLiteral("day"), QStringLiteral("prompt") }
                                << QStringList {};
    }

    void fishCompletes()
    {
        QFETCH(QString, line);
        QFETCH(QStringList, expected);
        QFETCH(QStringList, unexpected);
        const QString fish = QStandardPaths::findExecutable(QStringLiteral("fish"));
        if (fish.isEmpty())
            QSKIP("fish is not installed; packaging/install-deps.sh installs it");
        const QString program
            = QStringLiteral("function promptsmith; '%1' $argv; end; source '%2'; complete -C '%3'")
                  .arg(QStringLiteral(PSM_PROMPTSMITH), writeScript(QStringLiteral("fish")), line);
        const Ran ran = psm::test::runProgram(fish, { QStringLiteral("-c"), program },
            psm::test::headlessEnvironment(m_home.path()), m_workspace.path());
        QVERIFY2(ran.code == 0, qPrintable(psm::test::describe(ran)));
        QStringList offered; // "word<TAB>description" lines
        for (const QString &entry : QString::fromUtf8(ran.out).split(QLatin1Char('\n')))
            offered << entry.section(QLatin1Char('\t'), 0, 0);
        for (const QString &word : expected)
            QVERIFY2(offered.contains(word),
                qPrintable(word + QStringLiteral(" not in: ") + QString::fromUtf8(ran.out)));
        for (const QString &word : unexpected)
            QVERIFY2(!offered.contains(word),
                qPrintable(word + QStringLiteral(" in: ") + QString::fromUtf8(ran.out)));
    }

    void manPageRendersWithoutWarnings()
    {
        const QString page = writeScript(QStringLiteral("man"));
        const QString groff = QStandardPaths::findExecutable(QStringLiteral("groff"));
        const QString man = QStandardPaths::findExecutable(QStringLiteral("man"));
        if (groff.isEmpty() && man.isEmpty())
            QSKIP("neither groff nor man is installed; packaging/install-deps.sh installs man-db");
        QProcessEnvironment env = psm::test::headlessEnvironment(m_home.path());
        if (!groff.isEmpty()) {
            const Ran ran = psm::test::runProgram(groff,
                { QStringLiteral("-man"), QStringLiteral("-ww"), QStringLiteral("-z"), page }, env);
            QVERIFY2(ran.code == 0 && ran.err.isEmpty(), qPrintable(psm::test::describe(ran)));
        }
        if (!man.isEmpty()) {
            env.insert(QStringLiteral("MANWIDTH"), QStringLiteral("80"));
            env.insert(QStringLiteral("MANPAGER"), QStringLiteral("cat"));
            const Ran ran = psm::test::runProgram(
                man, { QStringLiteral("--warnings"), QStringLiteral("-l"), page }, env);
            QVERIFY2(ran.code == 0 && ran.err.isEmpty(), qPrintable(psm::test::describe(ran)));
            QVERIFY2(ran.out.contains("PROMPTSMITH(1)") && ran.out.contains("--workspace"),
                ran.out.left(400).constData());
        }
    }
};

QTEST_GUILESS_MAIN(TestCompletions)
#include "tst_completions.moc"
