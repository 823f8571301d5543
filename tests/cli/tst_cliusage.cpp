// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// What `promptsmith WORD` does for words that are not commands: it answers on the terminal with
// exit 2 and a suggestion, and never tries to open a window. Run without any display, so a
// window attempt would crash in Qt's platform plugin rather than pass unnoticed.
#include "promptsmithprocess.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using psm::test::Ran;

class TestCliUsage final : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_home;

    Ran promptsmith(const QStringList &args) const
    {
        return psm::test::runProgram(QStringLiteral(PSM_PROMPTSMITH), args,
            psm::test::headlessEnvironment(m_home.path()), m_home.path());
    }

    static void verifyNoWindowAttempt(const Ran &ran)
    {
        QVERIFY2(!ran.crashed, qPrintable(psm::test::describe(ran)));
        QVERIFY2(!ran.err.contains("qt.qpa") && !ran.err.contains("platform plugin"),
            qPrintable(psm::test::describe(ran)));
    }

private Q_SLOTS:
    // The harness itself: with no command the binary does open the window, which without a
    // display must fail visibly. Otherwise the checks below could not see a window attempt.
    void withoutDisplayAWindowAttemptIsVisible()
    {
        const Ran ran = promptsmith({});
        QVERIFY2(ran.crashed || ran.err.contains("platform") || ran.err.contains("display"),
            qPrintable(psm::test::describe(ran)));
    }

    void unknownCommandSuggestsAndExits2_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("word");
        QTest::addColumn<QString>("suggestion"); // empty: none expected
        QTest::newRow("swapped letters") << QStringList { QStringLiteral("stauts") }
                                         << QStringLiteral("stauts") << QStringLiteral("status");
        QTest::newRow("missing letter") << QStringList { QStringLiteral("comit") }
                                        << QStringLiteral("comit") << QStringLiteral("commit");
        QTest::newRow("extra letter")
            << QStringList { QStringLiteral("renderr"), QStringLiteral("x.prompt") }
            << QStringLiteral("renderr") << QStringLiteral("render");
        QTest::newRow("prefix") << QStringList { QStringLiteral("compl") }
                                << QStringLiteral("compl") << QStringLiteral("completions");
        QTest::newRow("after --workspace") << QStringList { QStringLiteral("--workspace"),
            QStringLiteral("/tmp"), QStringLiteral("stauts") }
                                           << QStringLiteral("stauts") << QStringLiteral("status");
        QTest::newRow("after --workspace=")
            << QStringList { QStringLiteral("--workspace=/tmp"), QStringLiteral("lgo") }
            << QStringLiteral("lgo") << QStringLiteral("log");
        QTest::newRow("nothing close")
            << QStringList { QStringLiteral("xyzzy") } << QStringLiteral("xyzzy") << QString();
    }

    void unknownCommandSuggestsAndExits2()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, word);
        QFETCH(QString, suggestion);
        const Ran ran = promptsmith(args);
        verifyNoWindowAttempt(ran);
        QVERIFY2(ran.code == 2, qPrintable(psm::test::describe(ran)));
        const QString err = QString::fromUtf8(ran.err);
        QString expected = QStringLiteral("promptsmith: unknown command '%1'").arg(word);
        if (!suggestion.isEmpty())
            expected += QStringLiteral(" (did you mean '%1'?)").arg(suggestion);
        expected += QLatin1Char('\n');
        QVERIFY2(err.startsWith(expected), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("Usage: promptsmith [--workspace DIR] COMMAND")),
            qPrintable(err));
        QVERIFY(ran.out.isEmpty());
    }

    void aFolderNamedAsCommandSaysHowToOpenIt()
    {
        const Ran ran = promptsmith({ m_home.path() });
        verifyNoWindowAttempt(ran);
        QCOMPARE(ran.code, 2);
        QVERIFY2(ran.err.contains("promptsmith --workspace " + m_home.path().toUtf8()),
            ran.err.constData());
    }

    void misspelledOptionSuggestsAndExits2_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("--hepl") << QStringList { QStringLiteral(
            "--hepl") } << QStringLiteral("unknown option '--hepl' (did you mean '--help'?)");
        QTest::newRow("--worksapce DIR")
            << QStringList { QStringLiteral("--worksapce"), QStringLiteral("/tmp") }
            << QStringLiteral("unknown option '--worksapce' (did you mean '--workspace'?)");
        QTest::newRow("--verison=1")
            << QStringList { QStringLiteral("--verison=1") }
            << QStringLiteral("unknown option '--verison' (did you mean '--version'?)");
        QTest::newRow("window option")
            << QStringList { QStringLiteral("--open"), QStringLiteral("prompts/a.prompt") }
            << QStringLiteral("unknown option '--open'; window options go after 'gui': "
                              "promptsmith gui --open");
        QTest::newRow("command option first")
            << QStringList { QStringLiteral("--json"), QStringLiteral("status") }
            << QStringLiteral("unknown option '--json'; command options go after the command");
    }

    void misspelledOptionSuggestsAndExits2()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const Ran ran = promptsmith(args);
        verifyNoWindowAttempt(ran);
        QVERIFY2(ran.code == 2, qPrintable(psm::test::describe(ran)));
        QVERIFY2(QString::fromUtf8(ran.err).contains(expected), ran.err.constData());
        QVERIFY2(ran.err.contains("Usage: promptsmith"), ran.err.constData());
    }

    void workspaceWithoutFolderIsAnError()
    {
        const Ran ran = promptsmith({ QStringLiteral("--workspace") });
        verifyNoWindowAttempt(ran);
        QCOMPARE(ran.code, 2);
        QVERIFY2(ran.err.contains("--workspace needs a directory"), ran.err.constData());
    }

    void guiHelpNeedsNoDisplay()
    {
        const Ran ran = promptsmith({ QStringLiteral("gui"), QStringLiteral("--help") });
        verifyNoWindowAttempt(ran);
        QVERIFY2(ran.code == 0, qPrintable(psm::test::describe(ran)));
        QVERIFY2(ran.out.startsWith("Usage: promptsmith gui"), ran.out.constData());
        QVERIFY(ran.out.contains("--open <FILE>"));
    }

    // "Open with Promptsmith" on a folder runs the desktop entry's Exec line: it must name the
    // window's command, or the folder is taken for a mistyped command and nothing opens.
    void desktopEntryOpensTheWindow()
    {
        QFile entry(QStringLiteral(PSM_SOURCE_DIR)
            + QStringLiteral("/resources/io.github.promptsmith.Promptsmith.desktop"));
        QVERIFY(entry.open(QIODevice::ReadOnly | QIODevice::Text));
        QStringList exec;
        for (const QByteArray &line : entry.readAll().split('\n')) {
            if (line.startsWith("Exec="))
                exec = QString::fromUtf8(line.mid(5)).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        }
        QVERIFY(exec.size() >= 2);
        QCOMPARE(exec.first(), QStringLiteral("promptsmith"));
        QTemporaryDir folder;
        QStringList args = exec.mid(1);
        args.replaceInStrings(QStringLiteral("%f"), folder.path());
        // --help: the same parse as a real start, without needing a display.
        const Ran ran = promptsmith(args << QStringLiteral("--help"));
        verifyNoWindowAttempt(ran);
        QVERIFY2(ran.code == 0, qPrintable(psm::test::describe(ran)));
        QVERIFY2(ran.out.startsWith("Usage: promptsmith gui"), ran.out.constData());
    }

    void helpListsGuiAndCompletions()
    {
        const Ran ran = promptsmith({ QStringLiteral("--help") });
        QCOMPARE(ran.code, 0);
        QVERIFY2(ran.out.contains("\n  gui ") && ran.out.contains("\n  completions "),
            ran.out.constData());
    }

    // Every answer of `prices --show` ends its last line, priced or not, so the shell prompt
    // does not land on it.
    void pricesShowEndsItsLines_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QByteArray>("contains");
        QTest::newRow("unpriced") << QStringLiteral("openai/never-heard-of-it")
                                  << QByteArray("openai/never-heard-of-it: unknown");
        QTest::newRow("unpriced provider")
            << QStringLiteral("nosuchprovider/model") << QByteArray(": unknown");
        QTest::newRow("priced") << QStringLiteral("openai/gpt-4o") << QByteArray("output:");
    }

    void pricesShowEndsItsLines()
    {
        QFETCH(QString, model);
        QFETCH(QByteArray, contains);
        const Ran ran = promptsmith({ QStringLiteral("prices"), QStringLiteral("--show"), model });
        QVERIFY2(ran.code == 0, qPrintable(psm::test::describe(ran)));
        QVERIFY2(ran.out.contains(contains), ran.out.constData());
        QVERIFY2(ran.out.endsWith('\n'), ran.out.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliUsage)
#include "tst_cliusage.moc"
