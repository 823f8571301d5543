// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/ledger/grades.h"
#include "core/ledger/ledger.h"
#include "run/runengine.h"
#include "tests/support/testserver/testserver.h"
#include "ui/grid/blindpairdialog.h"
#include "ui/grid/gradebar.h"
#include "ui/grid/gridgrades.h"
#include "ui/grid/gridgrading.h"
#include "ui/grid/gridpanel.h"
#include "ui/grid/gridtablemodel.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace psm;

// Human grades in the grid window (keys, the marks under a cell, the ledger, a reopened run)
// and the blind pairwise dialog (judgements stored against the right column whatever side it
// was shown on; the interval checked against a value worked out by hand).
class TstGridGrading final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void gradesPersistAndComeBackWithTheRun();
    void blindPairsRecordTheColumnNotTheSide();

private:
    QTemporaryDir m_dir;
    testsupport::TestServer m_server;
    QString m_root;
};

const QString kPrompt = QStringLiteral("prompts/hi.prompt");

void TstGridGrading::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qputenv("PROMPTSMITH_LEDGER", m_dir.filePath(QStringLiteral("ledger.sqlite3")).toUtf8());
    QVERIFY(m_server.start());
    m_root = m_dir.filePath(QStringLiteral("ws"));
    QVERIFY(QDir(m_root).mkpath(QStringLiteral("prompts")));
    QFile yaml(m_root + QStringLiteral("/promptsmith.yaml"));
    QVERIFY(yaml.open(QIODevice::WriteOnly));
    yaml.write(QStringLiteral("providers:\n  local: {type: ollama, base_url: \"%1\"}\n")
                   .arg(m_server.baseUrl())
                   .toUtf8());
    yaml.close();
    QFile prompt(m_root + QLatin1Char('/') + kPrompt);
    QVERIFY(prompt.open(QIODevice::WriteOnly));
    prompt.write("---\nmodel: local/a\n---\n{{role \"user\"}}\nSay hi to {{name}}.\n");
}

void TstGridGrading::gradesPersistAndComeBackWithTheRun()
{
    run::RunEngineOptions options;
    options.useKeychain = false;
    QString runId;
    QString marks;
    {
        ui::GridPanel panel(options);
        panel.show();
        panel.setPrompt(m_root, kPrompt);
        panel.setVariablesProvider([] { return nlohmann::ordered_json { { "name", "Ada" } }; });
        panel.addColumn(QStringLiteral("local/a"), QString(), QString());
        panel.addColumn(QStringLiteral("local/b"), QString(), QString());
        panel.setRepeats(2);
        QSignalSpy finished(&panel, &ui::GridPanel::runFinished);
        panel.run();
        QVERIFY(finished.wait(20000));
        runId = panel.runId();
        panel.model()->flush();

        auto *table = panel.findChild<QTableView *>(QStringLiteral("gridTable"));
        auto *sample = panel.findChild<QSpinBox *>(QStringLiteral("gridDetailSample"));
        auto *note = panel.findChild<QLineEdit *>(QStringLiteral("gradeNote"));
        QVERIFY(table && sample && note);
        ui::GradeBar *bar = panel.grading()->bar();

        // Column 2 (local/b), sample 1: thumb up and 4 by keys on the table.
        table->setCurrentIndex(panel.model()->index(0, 1));
        QVERIFY(bar->grade().has_value());
        QTest::keyClick(table, Qt::Key_Plus);
        QTest::keyClick(table, Qt::Key_4);
        // Sample 2: thumb down, then a note typed in the bar.
        sample->setValue(2);
        QTest::keyClick(table, Qt::Key_Minus);
        note->setText(QStringLiteral("too formal"));
        QTest::keyClick(note, Qt::Key_Return);
        // Pressing 4 twice clears the score again: a toggle, not a stuck value.
        QTest::keyClick(table, Qt::Key_2);
        QTest::keyClick(table, Qt::Key_2);
        QCOMPARE(bar->grade()->score, std::nullopt);

        marks = panel.model()
                    ->data(panel.model()->index(0, 1), ui::GridTableModel::AnnotationRole)
                    .toString();
        QCOMPARE(marks, QStringLiteral("#1 good 4/5 · #2 bad ✎"));
        QVERIFY(panel.model()->data(panel.model()->index(0, 1)).toString().endsWith(marks));
        QCOMPARE(panel.model()
                     ->data(panel.model()->index(0, 0), ui::GridTableModel::AnnotationRole)
                     .toString(),
            QString());

        const run::Grid &grid = panel.model()->grid();
        const qint64 first = grid.cell(0, 1)[0].ledgerId;
        const qint64 second = grid.cell(0, 1)[1].ledgerId;
        QVERIFY(first > 0 && second > 0);
        // In the ledger, written on the ledger thread.
        auto ledger = core::Ledger::open(core::Ledger::defaultPath());
        QVERIFY(ledger);
        QTRY_COMPARE(core::Grades::ofRun(*ledger, runId)->size(), 2);
        QTRY_COMPARE(core::Grades::of(*ledger, second)->value_or(core::CallGrade {}).note,
            QStringLiteral("too formal"));
        const core::CallGrade up = **core::Grades::of(*ledger, first);
        QCOMPARE(up.thumb, core::Thumb::Up);
        QCOMPARE(up.score, std::optional<int>(4));
        const core::CallGrade down = **core::Grades::of(*ledger, second);
        QCOMPARE(down.thumb, core::Thumb::Down);
        QCOMPARE(down.score, std::nullopt);

        // The panel's Blind A/B opens on the grid shown and records into this run.
        ui::BlindPairDialog *blind = panel.grading()->openBlindPair(7u);
        QVERIFY(blind);
        QVERIFY(blind->start(0, 1));
        QCOMPARE(int(blind->pairs().size()), 2); // one input x two repeats
        blind->judge(core::PairChoice::Tie);
        QTRY_COMPARE(core::Grades::judgementsOfRun(*ledger, runId)->size(), 1);
        QCOMPARE(core::Grades::judgementsOfRun(*ledger, runId)->first().winner(),
            core::PairJudgement::Winner::Tie);
    }

    // A new window reopens the run from history: the grades come back with it.
    ui::GridPanel again(options);
    again.setPrompt(m_root, kPrompt);
    QSignalSpy loaded(again.grading()->store(), &ui::GridGrades::loaded);
    again.reopen(runId);
    QTRY_VERIFY(!loaded.isEmpty() && loaded.last().at(0).toString() == runId);
    QCOMPARE(again.model()
                 ->data(again.model()->index(0, 1), ui::GridTableModel::AnnotationRole)
                 .toString(),
        marks);
    auto *table = again.findChild<QTableView *>(QStringLiteral("gridTable"));
    auto *sample = again.findChild<QSpinBox *>(QStringLiteral("gridDetailSample"));
    table->setCurrentIndex(again.model()->index(0, 1));
    sample->setValue(2);
    const auto shown = again.grading()->bar()->grade();
    QVERIFY(shown.has_value());
    QCOMPARE(shown->thumb, core::Thumb::Down);
    QCOMPARE(shown->note, QStringLiteral("too formal"));
    QCOMPARE(again.findChild<QLineEdit *>(QStringLiteral("gradeNote"))->text(),
        QStringLiteral("too formal"));
}

void TstGridGrading::blindPairsRecordTheColumnNotTheSide()
{
    // Two columns x 3 inputs x 2 repeats, every sample a recorded call: six pairs.
    const QString runId = QStringLiteral("blind-run");
    auto ledger = core::Ledger::open(core::Ledger::defaultPath());
    QVERIFY(ledger);
    run::GridShape shape;
    shape.models = 2;
    shape.inputs = 3;
    shape.repeats = 2;
    run::Grid grid(shape);
    grid.column(0).modelRef = QStringLiteral("local/alpha");
    grid.column(1).modelRef = QStringLiteral("local/beta");
    for (int row = 0; row < 3; ++row)
        for (int column = 0; column < 2; ++column)
            for (int repeat = 0; repeat < 2; ++repeat) {
                core::CallStart start;
                start.provider = QStringLiteral("local");
                start.model = column == 0 ? QStringLiteral("alpha") : QStringLiteral("beta");
                start.runId = runId;
                const auto id = ledger->beginCall(start);
                QVERIFY(id);
                run::GridSample &s = grid.sample(row, column, repeat);
                s.state = run::SampleState::Ok;
                s.ledgerId = *id;
                s.text = QStringLiteral("%1 answers input %2 try %3")
                             .arg(column == 0 ? QStringLiteral("alpha") : QStringLiteral("beta"))
                             .arg(row)
                             .arg(repeat);
            }

    ui::GridGrades store(core::Ledger::defaultPath());
    QSignalSpy storeLoaded(&store, &ui::GridGrades::loaded);
    store.loadRun(runId);
    QTRY_COMPARE(storeLoaded.size(), 1);
    ui::BlindPairDialog dialog(grid, runId, &store, 20261207u);
    dialog.show();
    QVERIFY(!dialog.start(1, 1)); // the same column twice is refused
    QVERIFY(dialog.start(0, 1));
    // Once started, nothing names the columns: the choosers and their labels are gone.
    for (const QLabel *label : dialog.findChildren<QLabel *>())
        QVERIFY2(!label->isVisible() || !label->text().startsWith(QLatin1String("Column ")),
            qPrintable(label->text()));
    QCOMPARE(int(dialog.pairs().size()), 6);
    QVERIFY(!dialog.findChild<QWidget *>(QStringLiteral("blindColumnA"))->isVisibleTo(&dialog));
    int shownLeft = 0;
    for (const auto &p : dialog.pairs())
        shownLeft += p.aShownLeft ? 1 : 0;
    QVERIFY2(shownLeft > 0 && shownLeft < 6, "the seed should show A on both sides");

    // The plan, in column terms: A, A, B, tie, A, tie. Each is pressed on whichever side that
    // column is shown, with arrows and digits both.
    enum class Want { A, B, Tie };
    const Want plan[6] = { Want::A, Want::A, Want::B, Want::Tie, Want::A, Want::Tie };
    QSignalSpy recorded(&store, &ui::GridGrades::judgementRecorded);
    QHash<qint64, Want> wanted; // by call A
    for (int i = 0; i < 6; ++i) {
        const auto p = dialog.pairs()[size_t(i)];
        QCOMPARE(dialog.current(), i);
        // The texts on screen are the two columns' outputs, on the drawn sides; no name.
        const QString a = grid.cell(p.row, 0)[size_t(p.repeat)].text;
        const QString b = grid.cell(p.row, 1)[size_t(p.repeat)].text;
        QCOMPARE(dialog.leftText(), p.aShownLeft ? a : b);
        QCOMPARE(dialog.rightText(), p.aShownLeft ? b : a);
        QVERIFY(!dialog.progressText().contains(QLatin1String("alpha")));
        QVERIFY(!dialog.statsText().contains(QLatin1String("alpha")));
        wanted.insert(p.callA, plan[i]);
        const bool useDigits = i % 2 == 1;
        if (plan[i] == Want::Tie) {
            QTest::keyClick(&dialog, useDigits ? Qt::Key_3 : Qt::Key_Down);
        } else {
            const bool pressLeft = (plan[i] == Want::A) == p.aShownLeft;
            QTest::keyClick(&dialog,
                pressLeft ? (useDigits ? Qt::Key_1 : Qt::Key_Left)
                          : (useDigits ? Qt::Key_2 : Qt::Key_Right));
        }
    }
    QVERIFY(dialog.isFinished());
    QVERIFY(dialog.revealText().contains(QLatin1String("local/alpha")));
    QVERIFY(dialog.revealText().contains(QLatin1String("local/beta")));

    // 3 wins for A, 1 for B, 2 ties: rate = (3 + 2/2) / 6 = 4/6 = 0.6667.
    // z = 1.959963984540054, z^2 = 3.8414588207; 1 + z^2/6 = 1.64024313678
    // centre = (0.66666666667 + z^2/12) / 1.64024313678 = 0.98678823506 / 1.64024313678
    //        = 0.60161095202
    // half = z * sqrt(0.66667 * 0.33333 / 6 + z^2 / 144) / 1.64024313678
    //      = 1.959963985 * sqrt(0.03703703704 + 0.02667679737) / 1.64024313678 = 0.30161763688
    // interval = [0.29999331514, 0.90322858889]; to separate: n > z^2 / (4 (1/6)^2) = 34.57,
    // so 35 judgements: 29 more.
    const core::eval::PairwiseStats stats = dialog.stats();
    QCOMPARE(stats.wins, 3);
    QCOMPARE(stats.losses, 1);
    QCOMPARE(stats.ties, 2);
    QVERIFY(std::abs(stats.interval.low - 0.29999331514) < 1e-9);
    QVERIFY(std::abs(stats.interval.high - 0.90322858889) < 1e-9);
    QCOMPARE(stats.moreNeeded, std::optional<qint64>(29));
    QCOMPARE(dialog.statsText(),
        QStringLiteral("A wins 66.7% (95% CI 30.0%–90.3%) over 6 judgements · ≈29 more "
                       "judgements needed, more than the 0 pairs left: add inputs or repeats to "
                       "the grid"));

    // In the ledger each judgement names the winner by column, whatever side it was on.
    QTRY_COMPARE(recorded.size(), 6);
    const auto judgements = core::Grades::judgementsOfRun(*ledger, runId);
    QVERIFY(judgements);
    QCOMPARE(judgements->size(), 6);
    int aLeft = 0;
    for (const core::PairJudgement &j : *judgements) {
        QVERIFY(wanted.contains(j.callA));
        const Want want = wanted.value(j.callA);
        const auto expected = want == Want::A ? core::PairJudgement::Winner::A
            : want == Want::B                 ? core::PairJudgement::Winner::B
                                              : core::PairJudgement::Winner::Tie;
        QCOMPARE(j.winner(), expected);
        aLeft += j.aShownLeft ? 1 : 0;
        // call B is the other column's call for the same input and repeat.
        QVERIFY(j.callB != j.callA);
    }
    QCOMPARE(aLeft, shownLeft);

    // Opened again with the columns the other way round, nothing is asked twice: every pair
    // counts from before, mirrored (B's 1 win is now A's), and the result shows at once.
    ui::BlindPairDialog swapped(grid, runId, &store, 1u);
    QVERIFY(swapped.start(1, 0));
    QVERIFY(swapped.pairs().empty());
    QVERIFY(swapped.isFinished());
    QCOMPARE(swapped.stats().wins, 1);
    QCOMPARE(swapped.stats().losses, 3);
    QCOMPARE(swapped.stats().ties, 2);
    QVERIFY2(swapped.revealText().contains(QLatin1String("Judged 6 of 6")),
        qPrintable(swapped.revealText()));
    QCOMPARE(core::Grades::judgementsOfRun(*ledger, runId)->size(), 6); // nothing re-recorded

    // A later window reads them from the ledger.
    ui::GridGrades later(core::Ledger::defaultPath());
    QSignalSpy laterLoaded(&later, &ui::GridGrades::loaded);
    later.loadRun(runId);
    QTRY_COMPARE(laterLoaded.size(), 1);
    QCOMPARE(later.judgements().size(), 6);
    ui::BlindPairDialog resumed(grid, runId, &later, 2u);
    QVERIFY(resumed.start(0, 1));
    QVERIFY(resumed.isFinished());
    QCOMPARE(resumed.stats().wins, 3);
    QCOMPARE(resumed.stats().moreNeeded, std::optional<qint64>(29));
}

QTEST_MAIN(TstGridGrading)
#include "tst_gridgrading.moc"
