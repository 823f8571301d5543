// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// The eval evidence as commit trailers: written, parsed back, replaced on re-gating, and, end to
// end, committed through Workspace::commit and read back by the real `git` binary.
#include "core/eval/evaltrailers.h"
#include "core/workspace/workspace.h"

#include "tests/support/scratchrepo.h"

#include <QProcess>
#include <QTest>

using namespace psm::core;
using namespace psm::core::eval;
using psm::test::ScratchRepo;

Q_DECLARE_METATYPE(psm::core::eval::EvalEvidence)

namespace psm::core::eval {
// What QCOMPARE prints when two evidences differ: the trailers they would write.
char *toString(const EvalEvidence &evidence)
{
    QStringList lines;
    for (const Trailer &t : evalTrailers(evidence))
        lines.append(t.key + QStringLiteral(": ") + t.value);
    return qstrdup(lines.join(u'|').toUtf8().constData());
}
} // namespace psm::core::eval

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

EvalEvidence sampleEvidence()
{
    EvalEvidence e;
    e.pass = { { QString(), 11, 12 } };
    e.regressions = 1;
    e.improvements = 2;
    e.flips = 0;
    e.baseline = s("0123456789abcdef0123456789abcdef01234567");
    e.evalSets = { s("evals/classify_ticket.yaml"), s("evals/summarize.yaml") };
    e.runId = s("5f0c7a52-8f59-4bd5-9a37-2f1e5b1e9c11");
    e.overriddenBy = s("Jane Doe <jane@example.org>");
    return e;
}

// `git ARGS` in `dir` with `input` on stdin; stdout without its final newline.
QString gitWithInput(const QString &dir, const QStringList &args, const QByteArray &input)
{
    QProcess git;
    git.setWorkingDirectory(dir);
    git.start(s("git"), args);
    if (!git.waitForStarted())
        return {};
    git.write(input);
    git.closeWriteChannel();
    git.waitForFinished();
    QString out = QString::fromUtf8(git.readAllStandardOutput());
    if (out.endsWith(u'\n'))
        out.chop(1);
    return out;
}

} // namespace

class TestEvalTrailers final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { psm::test::isolateGitConfig(); }

    void writesTheDocumentedLines()
    {
        const QString message = withEvalEvidence(s("Tighten the triage prompt\n"), sampleEvidence());
        QCOMPARE(message,
            s("Tighten the triage prompt\n\n"
              "Eval-Pass: 11/12\n"
              "Eval-Regressions: 1\n"
              "Eval-Improvements: 2\n"
              "Eval-Flips: 0\n"
              "Eval-Baseline: 0123456789abcdef0123456789abcdef01234567\n"
              "Eval-Set: evals/classify_ticket.yaml\n"
              "Eval-Set: evals/summarize.yaml\n"
              "Eval-Run: 5f0c7a52-8f59-4bd5-9a37-2f1e5b1e9c11\n"
              "Eval-Override: regressions accepted by Jane Doe <jane@example.org>\n"));
    }

    void roundTrip_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<EvalEvidence>("evidence");
        EvalEvidence minimal;
        minimal.pass = { { QString(), 0, 3 } };
        EvalEvidence columns = sampleEvidence();
        columns.pass = { { s("openai/gpt-4o-mini"), 11, 12 },
            { s("anthropic/claude-haiku-4-5"), 12, 12 } };
        columns.overriddenBy.clear();
        EvalEvidence noBaseline = sampleEvidence();
        noBaseline.baseline.clear();
        noBaseline.evalSets.clear();
        QTest::newRow("everything") << s("Subject\n\nBody.\n") << sampleEvidence();
        QTest::newRow("minimal") << s("Subject") << minimal;
        QTest::newRow("per column") << s("Subject\n\nSigned-off-by: A <a@x>\n") << columns;
        QTest::newRow("first commit") << s("Subject\r\n\r\nBody\r\n") << noBaseline;
    }

    void roundTrip()
    {
        QFETCH(QString, message);
        QFETCH(EvalEvidence, evidence);
        const auto parsed = evalEvidenceOf(withEvalEvidence(message, evidence));
        QVERIFY(parsed);
        QCOMPARE(*parsed, evidence);
    }

    void noEvidenceIsNullopt_data()
    {
        QTest::addColumn<QString>("message");
        QTest::newRow("plain") << s("Subject\n\nBody\n");
        QTest::newRow("other trailers") << s("Subject\n\nSigned-off-by: A <a@x>\n");
        QTest::newRow("in the title") << s("Eval-Pass: 1/1\n");
        QTest::newRow("in prose") << s("Subject\n\nEval-Pass: 1/1 said nobody\nin prose here\n");
    }

    void noEvidenceIsNullopt()
    {
        QFETCH(QString, message);
        QVERIFY(!evalEvidenceOf(message));
    }

    void malformedValuesAreSkipped()
    {
        const auto parsed = evalEvidenceOf(
            s("S\n\nEval-Pass: lots\nEval-Pass: 3/2\nEval-Pass: 2/3\nEval-Flips: many\n"
              "Eval-Regressions: -1\n"));
        QVERIFY(parsed);
        QCOMPARE(parsed->pass, (QList<CandidateScore> { { QString(), 2, 3 } }));
        QCOMPARE(parsed->flips, 0);
        QCOMPARE(parsed->regressions, 0);
        QCOMPARE(evalTrailersOf(s("S\n\nEval-Pass: lots\nSigned-off-by: A\n")).size(), 1);
    }

    void regatingReplacesTheEvidence()
    {
        EvalEvidence second = sampleEvidence();
        second.pass = { { QString(), 12, 12 } };
        second.regressions = 0;
        second.overriddenBy.clear();
        second.evalSets = { s("evals/classify_ticket.yaml") };
        const QString once
            = withEvalEvidence(s("Subject\n\nSigned-off-by: A <a@x>\n"), sampleEvidence());
        const QString twice = withEvalEvidence(once, second);
        QCOMPARE(*evalEvidenceOf(twice), second);
        QCOMPARE(twice.count(s("Eval-Pass:")), 1);
        QVERIFY(!twice.contains(s("Eval-Override")));
        QVERIFY(twice.startsWith(s("Subject\n\nSigned-off-by: A <a@x>\nEval-Pass: 12/12\n")));
    }

    // Committed through our workspace code; read back by plain git as a reviewer would.
    void plainGitReadsTheCommittedEvidence_data()
    {
        QTest::addColumn<QString>("message");
        QTest::addColumn<QStringList>("otherTrailers"); // what git must still find besides ours
        QTest::newRow("no body") << s("Tighten the triage prompt") << QStringList {};
        QTest::newRow("body") << s("Tighten the triage prompt\n\nAsk for JSON only.\n")
                              << QStringList {};
        QTest::newRow("Signed-off-by")
            << s("Tighten the triage prompt\n\nAsk for JSON only.\n\nSigned-off-by: Test Author "
                 "<author@example.com>\n")
            << QStringList { s("Signed-off-by: Test Author <author@example.com>") };
        QTest::newRow("CRLF")
            << s("Tighten the triage prompt\r\n\r\nAsk for JSON only.\r\n\r\nCo-authored-by: B "
                 "<b@example.com>\r\n")
            << QStringList { s("Co-authored-by: B <b@example.com>") };
        QTest::newRow("trailing comment")
            << s("Tighten the triage prompt\n\nAsk for JSON only.\n\n# Lines starting with '#' "
                 "are ignored.\n")
            << QStringList {};
    }

    void plainGitReadsTheCommittedEvidence()
    {
        QFETCH(QString, message);
        QFETCH(QStringList, otherTrailers);
        ScratchRepo repo;
        QVERIFY(repo.isValid());
        QVERIFY(repo.write(s("prompts/triage.prompt"), "Classify {{ticket}}\n"));
        const QString baseline = repo.commitAll(s("Add triage"));
        QVERIFY(!baseline.isEmpty());
        QVERIFY(repo.write(s("prompts/triage.prompt"), "Classify {{ticket}} as JSON only\n"));

        EvalEvidence evidence = sampleEvidence();
        evidence.baseline = baseline;
        auto ws = Workspace::open(repo.path());
        QVERIFY(ws);
        const auto id = ws->commit({ s("prompts/triage.prompt") },
            withEvalEvidence(message, evidence));
        QVERIFY2(id, qPrintable(id ? QString() : id.error().toString()));

        const auto valueOf = [&](const char *key) {
            return repo.git({ s("log"), s("-1"),
                s("--format=%(trailers:key=%1,valueonly)").arg(s(key)) }).trimmed();
        };
        QCOMPARE(valueOf("Eval-Pass"), s("11/12"));
        QCOMPARE(valueOf("Eval-Regressions"), s("1"));
        QCOMPARE(valueOf("Eval-Baseline"), baseline);
        QCOMPARE(valueOf("Eval-Run"), evidence.runId);
        QCOMPARE(valueOf("Eval-Set"), evidence.evalSets.join(u'\n'));

        // Workspace::commit keeps '#' lines as `git commit -m` does; git's trailer parser skips
        // a trailing comment, so the block before it is still the trailer block.
        const QByteArray body = repo.git({ s("log"), s("-1"), s("--format=%B") }).toUtf8();
        QVERIFY2(!body.contains('\r'), body.constData());
        const QStringList parsedByGit = gitWithInput(repo.path(),
            { s("interpret-trailers"), s("--parse") }, body)
                                            .split(u'\n', Qt::SkipEmptyParts);
        QStringList expected = otherTrailers;
        for (const Trailer &t : evalTrailers(evidence))
            expected.append(t.key + s(": ") + t.value);
        QCOMPARE(parsedByGit, expected);

        // And our own reader agrees with what is in the repository.
        const auto info = ws->commitInfo(*id);
        QVERIFY(info);
        QCOMPARE(evalEvidenceOf(info->message), std::optional<EvalEvidence>(evidence));
    }
};

QTEST_GUILESS_MAIN(TestEvalTrailers)
#include "tst_evaltrailers.moc"
