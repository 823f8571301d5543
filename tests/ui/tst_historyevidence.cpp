// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// The history panel shows the eval evidence a commit carries (Eval-* trailers): a badge in the
// list, the trailers in the tooltip; commits without it look as before.
#include "core/eval/evaltrailers.h"
#include "core/workspace/workspace.h"
#include "tests/ui/uitestsupport.h"
#include "ui/historypanel.h"
#include "ui/logpanel.h"

#include <QApplication>
#include <QListWidget>
#include <QSignalSpy>
#include <QTextDocumentFragment>

using namespace psm;
using core::eval::EvalEvidence;

Q_DECLARE_METATYPE(psm::core::eval::EvalEvidence)

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

QString shownToolTip(const QString &toolTip)
{
    return Qt::mightBeRichText(toolTip) ? QTextDocumentFragment::fromHtml(toolTip).toPlainText()
                                        : toolTip;
}

} // namespace

class TstHistoryEvidence final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void badgeText_data()
    {
        QTest::addColumn<EvalEvidence>("evidence");
        QTest::addColumn<QString>("badge");
        EvalEvidence clean;
        clean.pass = { { QString(), 12, 12 } };
        EvalEvidence one = clean;
        one.pass = { { QString(), 11, 12 } };
        one.regressions = 1;
        EvalEvidence many;
        many.pass = { { s("a/x"), 3, 4 }, { s("b/y"), 4, 4 } };
        many.regressions = 2;
        many.flips = 3;
        many.overriddenBy = s("Ada");
        EvalEvidence noScores;
        noScores.flips = 1;
        QTest::newRow("clean") << clean << s("12/12 · no regressions");
        QTest::newRow("one regression") << one << s("11/12 · 1 regression");
        QTest::newRow("columns, flips, override")
            << many << s("3/4, 4/4 · 2 regressions · 3 flips · overridden");
        QTest::newRow("no scores") << noScores << s("no regressions · 1 flip");
    }

    void badgeText()
    {
        QFETCH(EvalEvidence, evidence);
        QFETCH(QString, badge);
        QCOMPARE(ui::HistoryPanel::evidenceBadge(evidence), badge);
    }

    void commitsWithEvidenceShowIt()
    {
        test::ScratchWorkspace scratch;
        QVERIFY(scratch.isValid());
        const QString prompt = s("prompts/greet.prompt");
        EvalEvidence evidence;
        evidence.pass = { { QString(), 11, 12 } };
        evidence.regressions = 1;
        evidence.baseline = test::git(scratch.root(), { s("rev-parse"), s("HEAD") }).trimmed();
        evidence.evalSets = { s("evals/greet.yaml") };
        evidence.runId = s("6c1d0e1a-0000-4000-8000-000000000001");
        evidence.overriddenBy = s("Ada Tester <ada@example.com>");
        {
            auto ws = core::Workspace::open(scratch.root());
            QVERIFY(ws);
            QVERIFY(test::writeFile(scratch.path(prompt), "Gated change\n"));
            QVERIFY(ws->commit({ prompt },
                core::eval::withEvalEvidence(s("Gated change\n\nSigned-off-by: Ada\n"), evidence)));
        }
        QVERIFY(test::writeFile(scratch.path(prompt), "Plain change\n"));
        const QString gated = test::git(scratch.root(), { s("rev-parse"), s("HEAD") });
        test::git(scratch.root(), { s("commit"), s("-qam"), s("Plain change") });
        QVERIFY(test::git(scratch.root(), { s("rev-parse"), s("HEAD") }) != gated);

        ui::LogPanel log;
        ui::HistoryPanel history(&log);
        QSignalSpy loaded(&history, &ui::HistoryPanel::historyLoaded);
        history.setWorkspace(scratch.root());
        history.setFile(prompt);
        QTRY_COMPARE_WITH_TIMEOUT(history.commits().size(), 3, 10000);
        auto *list = history.findChild<QListWidget *>(s("historyList"));
        QCOMPARE(list->count(), 3);

        // Newest first: the plain commit, the gated one, the initial one.
        QVERIFY(!history.evidence(0));
        QVERIFY(!list->item(0)->text().contains(s("regression")));
        QVERIFY(!shownToolTip(list->item(0)->toolTip()).contains(s("Evals:")));

        QCOMPARE(history.evidence(1), std::optional<EvalEvidence>(evidence));
        const QString text = list->item(1)->text();
        QVERIFY2(text.contains(s("[11/12 · 1 regression · overridden]")), qPrintable(text));
        QVERIFY2(
            text.startsWith(history.commits()[1].shortId + s("  Gated change")), qPrintable(text));
        const QString tip = shownToolTip(list->item(1)->toolTip());
        for (const QString &line :
            { s("Evals: 11/12 · 1 regression · overridden"), s("Eval-Pass: 11/12"),
                s("Eval-Baseline: ") + evidence.baseline, s("Eval-Run: ") + evidence.runId,
                s("Eval-Override: regressions accepted by Ada Tester <ada@example.com>") })
            QVERIFY2(tip.contains(line), qPrintable(tip));
        QVERIFY(!history.evidence(2));
    }
};

int main(int argc, char **argv)
{
    psm::test::isolateEnvironment();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("promptsmith-tst-historyevidence"));
    QApplication::setOrganizationName(QStringLiteral("Promptsmith"));
    TstHistoryEvidence test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_historyevidence.moc"
