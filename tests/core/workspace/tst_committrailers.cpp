// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Commit-message trailers by git's rules: where the trailer block is, what is in it, and where
// new trailers go. Placement is checked against the real `git interpret-trailers` as well.
#include "core/workspace/committrailers.h"

#include "tests/support/scratchrepo.h"

#include <QProcess>
#include <QTest>

using namespace psm::core;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

QStringList flat(const QList<Trailer> &trailers)
{
    QStringList out;
    for (const Trailer &t : trailers)
        out.append(t.key + u'=' + t.value);
    return out;
}

// `git interpret-trailers ARGS` with `input` on stdin; stdout, or a null string on failure.
QString interpretTrailers(const QStringList &args, const QString &input)
{
    QProcess git;
    git.start(s("git"), QStringList { s("interpret-trailers") } + args);
    if (!git.waitForStarted())
        return {};
    git.write(input.toUtf8());
    git.closeWriteChannel();
    if (!git.waitForFinished() || git.exitStatus() != QProcess::NormalExit || git.exitCode() != 0)
        return {};
    return QString::fromUtf8(git.readAllStandardOutput());
}

} // namespace

class TestCommitTrailers final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { psm::test::isolateGitConfig(); }

    void parse_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("signed-off and ours")
            << s("Subject\n\nBody.\n\nSigned-off-by: A <a@x>\nEval-Pass: 11/12\n")
            << QStringList { s("Signed-off-by=A <a@x>"), s("Eval-Pass=11/12") };
        QTest::newRow("the title is never trailers") << s("Fix: crash\n") << QStringList {};
        QTest::newRow("title only, trailer-like second line")
            << s("Subject\nEval-Pass: 1/2\n") << QStringList {};
        QTest::newRow("no final newline")
            << s("Subject\n\nEval-Pass: 1/2") << QStringList { s("Eval-Pass=1/2") };
        QTest::newRow("blank before the separator") << s("Subject\n\nKey : spaced value\n")
                                                    << QStringList { s("Key=spaced value") };
        QTest::newRow("continuation lines unfold")
            << s("Subject\n\nEval-Override: regressions accepted\n  by Jane\nX-Y: z\n")
            << QStringList { s("Eval-Override=regressions accepted by Jane"), s("X-Y=z") };
        QTest::newRow("CRLF") << s("Subject\r\n\r\nBody\r\n\r\nSigned-off-by: A\r\nEval-Flips: 0\r\n")
                              << QStringList { s("Signed-off-by=A"), s("Eval-Flips=0") };
        QTest::newRow("trailing comment is not the message")
            << s("Subject\n\nEval-Pass: 1/2\n\n# Please enter the commit message\n")
            << QStringList { s("Eval-Pass=1/2") };
        QTest::newRow("comment inside the block is skipped")
            << s("Subject\n\nEval-Pass: 1/2\n# note\nEval-Flips: 0\n")
            << QStringList { s("Eval-Pass=1/2"), s("Eval-Flips=0") };
        QTest::newRow("prose with a colon is no block")
            << s("Subject\n\nNote: this is prose\nand it goes on\n") << QStringList {};
        QTest::newRow("a quarter with Signed-off-by is a block")
            << s("Subject\n\nsome text\nSigned-off-by: A\n") << QStringList { s("Signed-off-by=A") };
        QTest::newRow("a quarter without git's prefixes is not")
            << s("Subject\n\nsome text\nEval-Pass: 1/2\n") << QStringList {};
        QTest::newRow("cherry-pick line counts for the block, not as a trailer")
            << s("Subject\n\n(cherry picked from commit abc)\nEval-Pass: 1/2\n")
            << QStringList { s("Eval-Pass=1/2") };
        QTest::newRow("after the scissors is not the message")
            << s("Subject\n\n# ------------------------ >8 ------------------------\n\nA: b\n")
            << QStringList {};
        QTest::newRow("'---' is no divider in a commit")
            << s("Subject\n\n---\nnot a patch\n\nEval-Run: r1\n")
            << QStringList { s("Eval-Run=r1") };
        QTest::newRow("empty") << QString() << QStringList {};
        QTest::newRow("non-ASCII key is prose, as git's isalnum has it")
            << s("Subject\n\nÜber: x\n") << QStringList {};
    }

    void parse()
    {
        QFETCH(QString, message);
        QFETCH(QStringList, expected);
        QCOMPARE(flat(parseTrailers(message)), expected);
    }

    void append_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QString>("expected");
        QTest::newRow("subject only") << s("Subject") << s("Subject\n\nEval-Pass: 1/2\n");
        QTest::newRow("subject and newline") << s("Subject\n") << s("Subject\n\nEval-Pass: 1/2\n");
        QTest::newRow("body") << s("Subject\n\nBody text.\n")
                              << s("Subject\n\nBody text.\n\nEval-Pass: 1/2\n");
        QTest::newRow("joins Signed-off-by's block")
            << s("Subject\n\nBody\n\nSigned-off-by: A <a@x>\n")
            << s("Subject\n\nBody\n\nSigned-off-by: A <a@x>\nEval-Pass: 1/2\n");
        QTest::newRow("CRLF becomes LF")
            << s("Subject\r\n\r\nBody\r\n\r\nSigned-off-by: A <a@x>\r\n")
            << s("Subject\n\nBody\n\nSigned-off-by: A <a@x>\nEval-Pass: 1/2\n");
        QTest::newRow("before the trailing comment")
            << s("Subject\n\nBody\n\n# Please enter the commit message.\n# Lines starting "
                 "with '#' are ignored.\n")
            << s("Subject\n\nBody\n\nEval-Pass: 1/2\n\n# Please enter the commit message.\n"
                 "# Lines starting with '#' are ignored.\n");
        QTest::newRow("replaces ours, keeps theirs")
            << s("Subject\n\nEval-Pass: 3/4\nSigned-off-by: A\n")
            << s("Subject\n\nSigned-off-by: A\nEval-Pass: 1/2\n");
        QTest::newRow("replaces case-insensitively")
            << s("Subject\n\neval-pass: 0/1\n") << s("Subject\n\nEval-Pass: 1/2\n");
        QTest::newRow("replaces a folded trailer whole")
            << s("Subject\n\nEval-Pass: 3/4\n  folded\nCo-authored-by: B <b@x>\n")
            << s("Subject\n\nCo-authored-by: B <b@x>\nEval-Pass: 1/2\n");
        QTest::newRow("a trailer-like title stays the title")
            << s("Fix: crash") << s("Fix: crash\n\nEval-Pass: 1/2\n");
        QTest::newRow("prose with a colon gets its own block")
            << s("Subject\n\nNote: prose\nmore prose\n")
            << s("Subject\n\nNote: prose\nmore prose\n\nEval-Pass: 1/2\n");
        QTest::newRow("before the scissors")
            << s("Subject\n\n# ------------------------ >8 ------------------------\ndiff\n")
            << s("Subject\n\nEval-Pass: 1/2\n\n"
                 "# ------------------------ >8 ------------------------\ndiff\n");
    }

    void append()
    {
        QFETCH(QString, message);
        QFETCH(QString, expected);
        const QList<Trailer> add { { s("Eval-Pass"), s("1/2") } };
        QCOMPARE(withTrailers(message, add, { s("Eval-Pass") }), expected);
    }

    void appendingTwiceReplaces()
    {
        const QList<Trailer> first { { s("Eval-Pass"), s("1/2") }, { s("Eval-Set"), s("a") },
            { s("Eval-Set"), s("b") } };
        const QList<Trailer> second { { s("Eval-Pass"), s("2/2") }, { s("Eval-Set"), s("c") } };
        const QStringList keys { s("Eval-Pass"), s("Eval-Set") };
        const QString once = withTrailers(s("Subject\n\nSigned-off-by: A\n"), first, keys);
        const QString twice = withTrailers(once, second, keys);
        QCOMPARE(flat(parseTrailers(twice)),
            (QStringList { s("Signed-off-by=A"), s("Eval-Pass=2/2"), s("Eval-Set=c") }));
    }

    void valuesAreOneLine()
    {
        const QString out = withTrailers(s("S"), { { s("Eval-Override"), s("a\nb\r\nc") } });
        QCOMPARE(out, s("S\n\nEval-Override: a b  c\n"));
    }

    // Where git itself puts a new trailer, ours goes too (messages git leaves alone otherwise:
    // LF, no duplicate keys to replace, no runs of blank lines that cleanup would fold).
    void placementMatchesGit_data()
    {
        QTest::addColumn<QString>("message");
        const char *messages[] = {
            "Subject\n",
            "Subject\n\nBody text.\n",
            "Subject\n\nBody\n\nSigned-off-by: A <a@x>\n",
            "Subject\n\nBody\n\n# Please enter the commit message.\n# Lines are ignored.\n",
            "Fix: crash\n",
            "Subject\n\nNote: prose\nmore prose\n",
            "Subject\n\nsome text\nSigned-off-by: A\n",
            "Subject\n\nsome text\nCo-authored-by: B <b@x>\n",
            "Subject\n\nKey: v\n  folded\nOther: w\n",
            "Subject\n\n(cherry picked from commit abc)\nFixes: #1\n",
            "Subject\n\nBody\n\n# ------------------------ >8 ------------------------\ndiff\n",
            "Subject\n\nÜber: x\n",
            "Subject\n\nReviewed-by: A\n    wrapped\n\tand tabbed\n",
        };
        for (const char *m : messages)
            QTest::newRow(m) << s(m);
    }

    void placementMatchesGit()
    {
        QFETCH(QString, message);
        const QString byGit = interpretTrailers(
            { s("--no-divider"), s("--trailer"), s("Eval-Pass: 1/2") }, message);
        QVERIFY2(!byGit.isNull(), "git interpret-trailers failed");
        QCOMPARE(withTrailers(message, { { s("Eval-Pass"), s("1/2") } }), byGit);
        const QString parsedByGit = interpretTrailers(
            { s("--no-divider"), s("--parse") }, byGit);
        QStringList gitTrailers = parsedByGit.split(u'\n', Qt::SkipEmptyParts);
        for (QString &line : gitTrailers)
            line.replace(QStringLiteral(": "), QStringLiteral("="));
        QCOMPARE(flat(parseTrailers(byGit)), gitTrailers);
    }
};

QTEST_GUILESS_MAIN(TestCommitTrailers)
#include "tst_committrailers.moc"
