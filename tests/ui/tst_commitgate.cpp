// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// The commit gate in the commit dialog, offscreen, against the local test server answering
// "You said: <prompt>": the eval set covering a ticked prompt runs (working copy vs HEAD), a
// regression holds Commit until the override is ticked, and the commit's Eval-* trailers are
// read back with the real `git log`. Repositories are made with the real git CLI; the ledger
// is a real SQLite file in a temp dir; the key comes from the environment.
#include "uitestsupport.h"

#include "core/ledger/ledger.h"
#include "tests/support/testserver/testserver.h"
#include "ui/commitdialog.h"
#include "ui/evalgatepanel.h"
#include "ui/logpanel.h"

#include <QApplication>
#include <QCheckBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace psm;
using State = ui::EvalGatePanel::State;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

// The fixture of tests/run/tst_evalcli.cpp: HEAD says "Hello", so #1 passes there; a working
// copy saying "Goodbye" regresses #1, improves #2 and keeps #3.
const QByteArray kGreetEval = "description: greetings\n"
                              "prompts: [prompts/greet.prompt]\n"
                              "providers: [openai/m1]\n"
                              "tests:\n"
                              "  - description: says hello\n"
                              "    vars: {name: Ann}\n"
                              "    assert: [{type: icontains, value: hello}]\n"
                              "  - description: says goodbye\n"
                              "    vars: {name: Bob}\n"
                              "    assert: [{type: contains, value: Goodbye}]\n"
                              "  - description: names the person\n"
                              "    vars: {name: Cy}\n"
                              "    assert: [{type: contains, value: '{{name}}'}, "
                              "{type: not-is-json}]\n";

QByteArray greetPrompt(const QByteArray &words)
{
    return "---\ninput:\n  schema:\n    name: string\n---\n" + words + " {{name}}\n";
}

const char *stateName(State state)
{
    switch (state) {
    case State::Idle:
        return "Idle";
    case State::NothingCovered:
        return "NothingCovered";
    case State::Running:
        return "Running";
    case State::Passed:
        return "Passed";
    case State::Regressed:
        return "Regressed";
    case State::Failed:
        return "Failed";
    }
    return "?";
}

} // namespace

class TstCommitGate final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("OPENAI_API_KEY", "sk-test-openai");
        QVERIFY(m_server.start());
    }

    void init()
    {
        test::resetSettings();
        m_server.clearFaults();
        m_server.setOptions({});
        m_server.resetStats();
        m_repo = std::make_unique<test::ScratchRepo>();
        QVERIFY(m_repo->isValid());
        const QByteArray base = m_server.baseUrl().toUtf8();
        QVERIFY(m_repo->write(s("promptsmith.yaml"),
            "providers:\n  openai: {type: openai, base_url: \"" + base
                + "/v1\", max_retries: 0, connect_timeout_s: 2, first_byte_timeout_s: 20, "
                  "idle_timeout_s: 20, timeout_s: 30}\n"));
        QVERIFY(m_repo->write(s("prompts/greet.prompt"), greetPrompt("Hello")));
        QVERIFY(m_repo->write(s("evals/greet.yaml"), kGreetEval));
        m_head = m_repo->commitAll(s("fixture"));
        QVERIFY(!m_head.isEmpty());
        m_dataDir = std::make_unique<QTemporaryDir>();
    }

    void regressionNeedsOverrideAndTrailersReadBackWithGit()
    {
        QVERIFY(m_repo->write(s("prompts/greet.prompt"), greetPrompt("Goodbye")));
        auto dialog = openDialog();
        auto *gate = dialog->findChild<ui::EvalGatePanel *>();
        QVERIFY(waitForVerdict(gate));
        QVERIFY2(gate->state() == State::Regressed, stateName(gate->state()));

        const QString details = detailsOf(*dialog);
        QVERIFY2(details.contains(s("evals/greet.yaml")), qPrintable(details));
        QVERIFY2(
            details.contains(s("working copy 2/3 (67%), HEAD 2/3 (67%)")), qPrintable(details));
        // The regression by test name with the failing assertion and its reason.
        QVERIFY2(details.contains(QRegularExpression(s("REGRESSION +says hello — icontains: "))),
            qPrintable(details));
        QVERIFY2(
            details.contains(QRegularExpression(s("improved +says goodbye"))), qPrintable(details));
        QVERIFY2(
            details.contains(QRegularExpression(s(
                "prompts/greet.prompt: HEAD [0-9.]+ → working copy [0-9.]+ \\(\\+?-?[0-9.]+\\)"))),
            qPrintable(details));

        auto *commit = dialog->findChild<QPushButton *>(s("commitButton"));
        auto *override = dialog->findChild<QCheckBox *>(s("commitOverride"));
        QVERIFY(commit && override);
        QTest::keyClicks(dialog->findChild<QPlainTextEdit *>(s("commitMessage")), s("Say goodbye"));
        QVERIFY(override->isVisible());
        QVERIFY(!override->isChecked());
        QVERIFY(!commit->isEnabled());
        override->setChecked(true);
        QVERIFY(commit->isEnabled());
        override->setChecked(false);
        QVERIFY(!commit->isEnabled());
        override->setChecked(true);

        QSignalSpy committed(dialog.get(), &ui::CommitDialog::committed);
        QTest::mouseClick(commit, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(committed.count(), 1, 10000);
        QCOMPARE(m_repo->git({ s("rev-parse"), s("HEAD~1") }), m_head);
        QCOMPARE(trailer(s("Eval-Pass")), s("2/3"));
        QCOMPARE(trailer(s("Eval-Regressions")), s("1"));
        QCOMPARE(trailer(s("Eval-Improvements")), s("1"));
        QCOMPARE(trailer(s("Eval-Baseline")), m_head);
        QCOMPARE(trailer(s("Eval-Set")), s("evals/greet.yaml"));
        QVERIFY(!trailer(s("Eval-Run")).isEmpty());
        QCOMPARE(trailer(s("Eval-Override")),
            s("regressions accepted by Test Author <author@example.com>"));
        QCOMPARE(m_repo->git({ s("log"), s("-1"), s("--format=%s") }), s("Say goodbye"));
        QCOMPARE(m_repo->git({ s("status"), s("--porcelain") }), QString());
    }

    void cleanChangeCommitsWithPassTrailersAndNoOverride()
    {
        QVERIFY(m_repo->write(s("prompts/greet.prompt"), greetPrompt("Hello there")));
        auto dialog = openDialog();
        auto *gate = dialog->findChild<ui::EvalGatePanel *>();
        QVERIFY(waitForVerdict(gate));
        QVERIFY2(gate->state() == State::Passed, qPrintable(detailsOf(*dialog)));
        auto *commit = dialog->findChild<QPushButton *>(s("commitButton"));
        QVERIFY(!dialog->findChild<QCheckBox *>(s("commitOverride"))->isVisible());
        QTest::keyClicks(dialog->findChild<QPlainTextEdit *>(s("commitMessage")), s("Be warmer"));
        QVERIFY(commit->isEnabled());
        QSignalSpy committed(dialog.get(), &ui::CommitDialog::committed);
        QTest::mouseClick(commit, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(committed.count(), 1, 10000);
        QCOMPARE(trailer(s("Eval-Pass")), s("2/3"));
        QCOMPARE(trailer(s("Eval-Regressions")), s("0"));
        QCOMPARE(trailer(s("Eval-Flips")), s("0"));
        QCOMPARE(trailer(s("Eval-Override")), QString());
    }

    void retickingRerunsAndUncoveredPromptsAreNamed()
    {
        QVERIFY(m_repo->write(s("prompts/greet.prompt"), greetPrompt("Goodbye")));
        QVERIFY(m_repo->write(s("prompts/other.prompt"), greetPrompt("Hi")));
        auto dialog = openDialog();
        auto *gate = dialog->findChild<ui::EvalGatePanel *>();
        QVERIFY(waitForVerdict(gate));
        QVERIFY2(gate->state() == State::Regressed, stateName(gate->state()));
        QVERIFY2(detailsOf(*dialog).contains(s("No eval set covers prompts/other.prompt")),
            qPrintable(detailsOf(*dialog)));

        // Only the uncovered prompt ticked: nothing to gate, Commit open, no trailers.
        auto *files = dialog->findChild<QListWidget *>(s("commitFileList"));
        QListWidgetItem *greet = itemFor(files, s("prompts/greet.prompt"));
        QVERIFY(greet);
        greet->setCheckState(Qt::Unchecked);
        QVERIFY2(gate->state() == State::NothingCovered, stateName(gate->state()));
        QVERIFY2(gate->summary().contains(s("No eval set covers prompts/other.prompt")),
            qPrintable(gate->summary()));
        QVERIFY(!gate->evidence());
        // Ticked again: the set runs again (from the cache) and regresses again.
        greet->setCheckState(Qt::Checked);
        QVERIFY(gate->state() == State::Running);
        QVERIFY(waitForVerdict(gate));
        QVERIFY2(gate->state() == State::Regressed, stateName(gate->state()));
    }

    void skipWhileTheServerHoldsKeepsTheGuiResponsiveAndCommitsWithoutEvidence()
    {
        QVERIFY(m_repo->write(s("prompts/greet.prompt"), greetPrompt("Goodbye")));
        testsupport::ServerOptions hold;
        hold.holdUntilConcurrent = 1000; // never reached: every answer waits
        hold.holdTimeoutMs = 20000;
        m_server.setOptions(hold);
        auto dialog = openDialog();
        auto *gate = dialog->findChild<ui::EvalGatePanel *>();
        // Calls are in flight (the server counts a request when it answers).
        QTRY_VERIFY_WITH_TIMEOUT(m_server.maxConcurrent() >= 2, 10000);
        QVERIFY(gate->state() == State::Running);
        QVERIFY(dialog->findChild<QProgressBar *>(s("evalGateProgress"))->isVisible());
        QVERIFY(!dialog->findChild<QPushButton *>(s("commitButton"))->isEnabled());

        // A 10 ms timer on the GUI thread keeps ticking while every call is held.
        QElapsedTimer clock;
        clock.start();
        qint64 last = 0;
        qint64 worstGap = 0;
        int ticks = 0;
        QTimer ticker;
        connect(&ticker, &QTimer::timeout, this, [&] {
            worstGap = std::max(worstGap, clock.elapsed() - last);
            last = clock.elapsed();
            ++ticks;
        });
        ticker.start(10);
        QTest::qWait(1500); // the held calls would block the loop for 20 s
        ticker.stop();
        QVERIFY2(worstGap < 750, // slack for a loaded CI machine
            qPrintable(QString::number(worstGap)));
        QVERIFY(ticks > 20);
        QVERIFY(gate->state() == State::Running);

        QTest::keyClicks(dialog->findChild<QPlainTextEdit *>(s("commitMessage")), s("Skip it"));
        QTest::mouseClick(dialog->findChild<QPushButton *>(s("evalGateSkip")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(gate->state() == State::Failed, 10000);
        QVERIFY2(gate->summary().contains(s("skipped")), qPrintable(gate->summary()));
        QVERIFY(!gate->evidence());
        auto *commit = dialog->findChild<QPushButton *>(s("commitButton"));
        QVERIFY(commit->isEnabled());
        QSignalSpy committed(dialog.get(), &ui::CommitDialog::committed);
        QTest::mouseClick(commit, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(committed.count(), 1, 10000);
        QCOMPARE(m_repo->git({ s("log"), s("-1"), s("--format=%B") }), s("Skip it\n"));
        m_server.setOptions({});
        m_server.resetStats();
    }

    void providerErrorIsShownAndCommitsWithoutEvidence()
    {
        QVERIFY(m_repo->write(s("prompts/greet.prompt"), greetPrompt("Goodbye")));
        testsupport::ServerOptions options;
        options.requiredKey = "sk-some-other-key"; // every call gets the provider's 401
        m_server.setOptions(options);
        auto dialog = openDialog();
        auto *gate = dialog->findChild<ui::EvalGatePanel *>();
        QVERIFY(waitForVerdict(gate));
        QVERIFY2(gate->state() == State::Failed, stateName(gate->state()));
        QVERIFY2(gate->summary().contains(s("could not judge")), qPrintable(gate->summary()));
        // The provider's refusal is named, in the summary and against each test.
        QVERIFY2(gate->summary().contains(s("401")), qPrintable(gate->summary()));
        QVERIFY2(detailsOf(*dialog).contains(QRegularExpression(s("not run +says hello — .*401"))),
            qPrintable(detailsOf(*dialog)));
        QVERIFY(!gate->evidence());
        QVERIFY(!dialog->findChild<QCheckBox *>(s("commitOverride"))->isVisible());
        QTest::keyClicks(dialog->findChild<QPlainTextEdit *>(s("commitMessage")), s("No key"));
        auto *commit = dialog->findChild<QPushButton *>(s("commitButton"));
        QVERIFY(commit->isEnabled());
        QSignalSpy committed(dialog.get(), &ui::CommitDialog::committed);
        QTest::mouseClick(commit, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(committed.count(), 1, 10000);
        QCOMPARE(trailer(s("Eval-Pass")), QString());
    }

    void badEvalFileIsShownWithItsPositionAndDoesNotBlock()
    {
        QVERIFY(m_repo->write(s("prompts/greet.prompt"), greetPrompt("Goodbye")));
        QVERIFY(m_repo->write(s("evals/greet.yaml"),
            kGreetEval + "  - vars: {name: Dee}\n    assert: [{type: no-such-check}]\n"));
        auto dialog = openDialog();
        auto *gate = dialog->findChild<ui::EvalGatePanel *>();
        QVERIFY(waitForVerdict(gate));
        QVERIFY2(gate->state() == State::Failed, stateName(gate->state()));
        const QString details = detailsOf(*dialog);
        QVERIFY2(details.contains(s("evals/greet.yaml:")), qPrintable(details));
        QVERIFY2(details.contains(s("no-such-check")), qPrintable(details));
        QCOMPARE(m_server.requestCount(), 0);
        QTest::keyClicks(dialog->findChild<QPlainTextEdit *>(s("commitMessage")), s("Bad set"));
        QVERIFY(dialog->findChild<QPushButton *>(s("commitButton"))->isEnabled());
    }

    void closingTheDialogMidRunCancelsTheCalls()
    {
        QVERIFY(m_repo->write(s("prompts/greet.prompt"), greetPrompt("Goodbye")));
        testsupport::ServerOptions hold;
        hold.holdUntilConcurrent = 1000;
        hold.holdTimeoutMs = 20000;
        m_server.setOptions(hold);
        {
            auto dialog = openDialog();
            QTRY_VERIFY_WITH_TIMEOUT(m_server.maxConcurrent() >= 2, 10000);
        } // destroyed with calls in flight: cancelled and recorded, no crash
        QTest::qWait(100);
        auto ledger = core::Ledger::open(m_dataDir->filePath(s("ledger.sqlite3")));
        QVERIFY(ledger.has_value());
        core::CallQuery q;
        q.limit = 0;
        const auto calls = ledger->calls(q).value_or(QList<core::CallRecord>());
        QVERIFY(!calls.isEmpty());
        for (const core::CallRecord &call : calls)
            QCOMPARE(call.outcome.status, core::CallStatus::Cancelled);
        m_server.setOptions({});
        m_server.resetStats();
    }

private:
    std::unique_ptr<ui::CommitDialog> openDialog()
    {
        run::RunEngineOptions engine;
        engine.ledgerPath = m_dataDir->filePath(s("ledger.sqlite3"));
        engine.useKeychain = false;
        engine.allowedKeyHosts = { s("127.0.0.1") };
        engine.consentPath = m_dataDir->filePath(s("consent.json"));
        auto dialog
            = std::make_unique<ui::CommitDialog>(m_repo->path(), QStringList {}, &m_log, engine);
        dialog->show();
        if (!QTest::qWaitFor([&] { return dialog->isLoaded(); }, 10000))
            qWarning("the commit dialog did not load");
        return dialog;
    }

    static bool waitForVerdict(ui::EvalGatePanel *gate)
    {
        // The run starts after a short settle delay; wait for it to have started and ended.
        return gate
            && QTest::qWaitFor(
                [gate] { return gate->state() != State::Running && gate->state() != State::Idle; },
                30000);
    }

    static QString detailsOf(const ui::CommitDialog &dialog)
    {
        return dialog.findChild<QPlainTextEdit *>(s("evalGateDetails"))->toPlainText();
    }

    static QListWidgetItem *itemFor(QListWidget *files, const QString &path)
    {
        for (int i = 0; i < files->count(); ++i)
            if (files->item(i)->text().startsWith(path))
                return files->item(i);
        return nullptr;
    }

    // The value of `key` in the last commit's trailers, as plain git parses them.
    QString trailer(const QString &key) const
    {
        return m_repo->git({ s("log"), s("-1"),
            s("--format=%(trailers:key=%1,valueonly,separator=%x2C)").arg(key) });
    }

    testsupport::TestServer m_server;
    std::unique_ptr<test::ScratchRepo> m_repo;
    std::unique_ptr<QTemporaryDir> m_dataDir;
    QString m_head;
    ui::LogPanel m_log;
};

int main(int argc, char **argv)
{
    psm::test::isolateEnvironment();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("promptsmith-tst-commitgate"));
    QApplication::setOrganizationName(QStringLiteral("Promptsmith"));
    TstCommitGate test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_commitgate.moc"
