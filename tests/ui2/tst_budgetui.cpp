// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Budgets in the GUI, offscreen: the status bar's spend read from a ledger with known rows
// (the amounts below are hand sums), its colours, and the ask-first dialog before a grid run
// against the local test server, where Cancel starts nothing; the estimate is made off the
// GUI thread, can be abandoned, and outlives a closed panel harmlessly.
#include "core/ledger/ledger.h"
#include "tests/support/testserver/testserver.h"
#include "ui/budget/budgetglance.h"
#include "ui/budget/budgetstatuslabel.h"
#include "ui/budget/preflightconfirm.h"
#include "ui/grid/gridpanel.h"
#include "ui/mainwindow.h"
#include "ui/themecolors.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTimer>

#include <memory>

using namespace psm;

namespace {

const QTimeZone kUtc = QTimeZone::utc();
const QDateTime kNow = QDateTime::fromString(QStringLiteral("2026-04-10T15:00:00Z"), Qt::ISODate);

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

bool record(const QString &ledgerPath, const QDateTime &when, const QString &workspace,
    std::optional<double> cost)
{
    auto ledger = core::Ledger::open(ledgerPath);
    if (!ledger)
        return false;
    core::CallStart start;
    start.startedAt = when;
    start.workspace = workspace;
    start.provider = QStringLiteral("openai");
    start.model = QStringLiteral("gpt-4o");
    const auto id = ledger->beginCall(start);
    if (!id)
        return false;
    core::CallOutcome o;
    o.costUsd = cost;
    return bool(ledger->finishCall(*id, o));
}

} // namespace

class TstBudgetUi final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void glanceFromKnownLedger();
    void glanceAmountsNeverReadAsNothing();
    void statusBarShowsTodayAgainstTheBudget();
    void gridRunAsksFirstAndCancelStartsNothing();
    void emptyLedgerFileStillEstimates();
    void cancelWhileEstimatingStartsNothing();
    void guiThreadRunsDuringTheEstimate();
    void closingDuringTheEstimateIsSafe();

private:
    std::unique_ptr<ui::GridPanel> bigGrid(const QString &name);
    // Answers the next PreflightDialog: Run or Cancel; its text lands in `seen`.
    void answerPreflight(bool run, QString *seen);

    QTemporaryDir m_dir;
    testsupport::TestServer m_server;
};

void TstBudgetUi::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // The user's budgets.yaml, settings and data go under the temporary directory.
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("config"))));
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_dir.filePath(QStringLiteral("data"))));
    qputenv("PROMPTSMITH_LEDGER", QFile::encodeName(m_dir.filePath(QStringLiteral("app.sqlite3"))));
    QVERIFY(m_server.start());
}

void TstBudgetUi::glanceFromKnownLedger()
{
    const QString ledger = m_dir.filePath(QStringLiteral("glance.sqlite3"));
    const auto at = [](const char *iso) {
        return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
    };
    QVERIFY(record(ledger, at("2026-04-10T08:00:00Z"), QStringLiteral("/a"), 0.5));
    QVERIFY(record(ledger, at("2026-04-10T09:00:00Z"), QStringLiteral("/a"), 0.35));
    QVERIFY(record(ledger, at("2026-04-10T10:00:00Z"), QStringLiteral("/a"), std::nullopt));
    QVERIFY(record(ledger, at("2026-04-10T11:00:00Z"), QStringLiteral("/b"), 1.5));
    QVERIFY(record(ledger, at("2026-04-09T23:00:00Z"), QStringLiteral("/a"), 4.0)); // yesterday
    QVERIFY(record(ledger, at("2026-03-31T12:00:00Z"), QStringLiteral("/a"), 9.0)); // March

    core::BudgetSettings ws;
    core::BudgetSettings user;
    // No budget: today's spend in every workspace, 0.5 + 0.35 + 1.5.
    auto g = ui::readBudgetGlance(ledger, QStringLiteral("/a"), ws, user, kNow, kUtc);
    QVERIFY(g);
    QCOMPARE(g->text(), QStringLiteral("Today $2.35 +1 unpriced"));
    QCOMPARE(g->level, ui::BudgetGlance::Level::Fine);

    // The workspace's daily budget counts /a only: 0.85 of 1.00 is above 80%.
    ws.dailyUsd = 1.0;
    g = ui::readBudgetGlance(ledger, QStringLiteral("/a"), ws, user, kNow, kUtc);
    QVERIFY(g);
    QCOMPARE(g->text(), QStringLiteral("Today $0.85 / $1.00 +1 unpriced"));
    QCOMPARE(g->level, ui::BudgetGlance::Level::Near);
    QCOMPARE(g->budgetName, QStringLiteral("the workspace's daily budget"));

    // The user's daily budget counts every workspace: 2.35 of 2.00 is over, and nearer its
    // limit than the workspace's, so it is the one shown.
    user.dailyUsd = 2.0;
    g = ui::readBudgetGlance(ledger, QStringLiteral("/a"), ws, user, kNow, kUtc);
    QVERIFY(g);
    QCOMPARE(g->text(), QStringLiteral("Today $2.35 / $2.00 +1 unpriced"));
    QCOMPARE(g->level, ui::BudgetGlance::Level::Over);
    QVERIFY(g->toolTip().contains(QStringLiteral("the user's daily budget")));

    // Without daily budgets, the month: /a's April, 4.0 + 0.5 + 0.35 of 10, under 80%.
    ws = {};
    user = {};
    ws.monthlyUsd = 10.0;
    g = ui::readBudgetGlance(ledger, QStringLiteral("/a"), ws, user, kNow, kUtc);
    QVERIFY(g);
    QCOMPARE(g->text(), QStringLiteral("Month $4.85 / $10.00 +1 unpriced"));
    QCOMPARE(g->level, ui::BudgetGlance::Level::Fine);

    // No ledger file yet: nothing spent, and no file is made.
    const QString none = m_dir.filePath(QStringLiteral("none.sqlite3"));
    g = ui::readBudgetGlance(none, {}, {}, {}, kNow, kUtc);
    QVERIFY(g);
    QCOMPARE(g->text(), QStringLiteral("Today $0.00"));
    QVERIFY(!QFileInfo::exists(none));
}

void TstBudgetUi::glanceAmountsNeverReadAsNothing()
{
    QCOMPARE(ui::formatGlanceUsd(0), QStringLiteral("$0.00"));
    QCOMPARE(ui::formatGlanceUsd(0.00003), QStringLiteral("< $0.0001")); // rounds to 0.0000
    QCOMPARE(ui::formatGlanceUsd(0.00007), QStringLiteral("$0.0001"));
    QCOMPARE(ui::formatGlanceUsd(0.0042), QStringLiteral("$0.0042"));
    QCOMPARE(ui::formatGlanceUsd(4.2), QStringLiteral("$4.20"));
}

void TstBudgetUi::statusBarShowsTodayAgainstTheBudget()
{
    const QString ledger = QString::fromLocal8Bit(qgetenv("PROMPTSMITH_LEDGER"));
    const QDateTime now = QDateTime::currentDateTime();
    QVERIFY(record(ledger, now.addSecs(-2), QStringLiteral("/elsewhere"), 0.42));
    QVERIFY(record(ledger, now.addSecs(-1), QStringLiteral("/elsewhere"), std::nullopt));
    QVERIFY(writeFile(
        m_dir.filePath(QStringLiteral("config/promptsmith/budgets.yaml")), "daily_usd: 0.5\n"));

    ui::MainWindow window;
    auto *label = window.budgetStatus();
    QVERIFY(label);
    QVERIFY(window.statusBar()->isAncestorOf(label));
    QTRY_COMPARE(label->text(), QStringLiteral("Today $0.42 / $0.50 +1 unpriced"));
    const QString orange
        = ui::ThemeColors::foreground(label->palette(), ui::ThemeColors::Hue::Orange).name();
    QVERIFY2(label->styleSheet().contains(orange), qPrintable(label->styleSheet()));

    // A call made since (another window, the CLI): a refresh, as after a run, shows it, red.
    QVERIFY(record(ledger, QDateTime::currentDateTime(), QStringLiteral("/elsewhere"), 0.2));
    QSignalSpy refreshed(label, &ui::BudgetStatusLabel::refreshed);
    label->refresh();
    QTRY_VERIFY(!refreshed.isEmpty());
    QCOMPARE(label->text(), QStringLiteral("Today $0.62 / $0.50 +1 unpriced"));
    const QString red
        = ui::ThemeColors::foreground(label->palette(), ui::ThemeColors::Hue::Red).name();
    QVERIFY2(label->styleSheet().contains(red), qPrintable(label->styleSheet()));
    QVERIFY(QFile::remove(m_dir.filePath(QStringLiteral("config/promptsmith/budgets.yaml"))));
}

void TstBudgetUi::answerPreflight(bool run, QString *seen)
{
    auto *poll = new QTimer(this);
    poll->setInterval(20);
    connect(poll, &QTimer::timeout, this, [poll, run, seen] {
        auto *dialog = qobject_cast<ui::PreflightDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        poll->stop();
        poll->deleteLater();
        if (auto *text = dialog->findChild<QLabel *>(QStringLiteral("preflightText")))
            *seen = text->text();
        dialog
            ->findChild<QPushButton *>(
                run ? QStringLiteral("preflightRun") : QStringLiteral("preflightCancel"))
            ->click();
    });
    poll->start();
}

void TstBudgetUi::gridRunAsksFirstAndCancelStartsNothing()
{
    // An ollama-type provider on the test server (no key), priced by the workspace at $1000
    // and $2000 per million tokens: one call's upper bound, 1024 output tokens, is over $2.
    const QString root = m_dir.filePath(QStringLiteral("ws"));
    const QByteArray providers = QStringLiteral("providers:\n  local: {type: ollama, base_url: "
                                                "\"%1\"}\nprices:\n  local/a: {input: 1000, "
                                                "output: 2000}\n")
                                     .arg(m_server.baseUrl())
                                     .toUtf8();
    QVERIFY(writeFile(root + QStringLiteral("/promptsmith.yaml"), providers));
    QVERIFY(writeFile(root + QStringLiteral("/prompts/hi.prompt"),
        "---\nmodel: local/a\n---\n{{role \"user\"}}\nSay hi to {{name}}.\n"));
    run::RunEngineOptions options;
    options.useKeychain = false;
    options.ledgerPath = m_dir.filePath(QStringLiteral("grid.sqlite3"));
    ui::GridPanel panel(options);
    panel.setPrompt(root, QStringLiteral("prompts/hi.prompt"));
    panel.setVariablesProvider([] { return nlohmann::ordered_json { { "name", "Ada" } }; });
    panel.addColumn(QStringLiteral("local/a"), QString(), QString());
    auto *runButton = panel.findChild<QPushButton *>(QStringLiteral("gridRunButton"));
    QVERIFY(runButton);

    // Over the default $1.00: asked; Cancel starts nothing. The estimate is made off the GUI
    // thread: the click returns at once, Run disabled until the question is answered.
    const int before = m_server.requestCount();
    QString seen;
    answerPreflight(false, &seen);
    runButton->click();
    QVERIFY(panel.isEstimating());
    QVERIFY(!runButton->isEnabled());
    QCOMPARE(panel.statusText(), QStringLiteral("Estimating cost…"));
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isEstimating(), 10000);
    QVERIFY(runButton->isEnabled());
    QVERIFY2(seen.contains(QStringLiteral("1 call(s)")), qPrintable(seen));
    QVERIFY2(seen.contains(QStringLiteral("above the $1.00")), qPrintable(seen));
    QVERIFY2(seen.contains(QStringLiteral("out")), qPrintable(seen));
    QVERIFY(!panel.isRunning());
    QVERIFY2(
        panel.statusText().contains(QStringLiteral("Not started")), qPrintable(panel.statusText()));
    QTest::qWait(100);
    QCOMPARE(m_server.requestCount(), before);
    if (QFileInfo::exists(options.ledgerPath)) { // the panel's history may have made it
        auto ledger = core::Ledger::open(options.ledgerPath);
        QVERIFY(ledger);
        core::CallQuery all;
        all.limit = 0;
        QCOMPARE(ledger->calls(all).value_or(QList<core::CallRecord>()).size(), 0);
    }

    // Run: the call goes out.
    QSignalSpy finished(&panel, &ui::GridPanel::runFinished);
    seen.clear();
    answerPreflight(true, &seen);
    runButton->click();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 20000);
    QVERIFY(!seen.isEmpty());
    QCOMPARE(m_server.requestCount(), before + 1);

    // A threshold above the estimate (budgets.confirm_above_usd): runs without asking.
    QVERIFY(writeFile(root + QStringLiteral("/promptsmith.yaml"),
        providers + "budgets:\n  confirm_above_usd: 50\n"));
    finished.clear();
    bool asked = false;
    QTimer watch;
    connect(&watch, &QTimer::timeout, this,
        [&asked] { asked |= QApplication::activeModalWidget() != nullptr; });
    watch.start(5);
    runButton->click();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 20000);
    QVERIFY(!asked);
    QCOMPARE(m_server.requestCount(), before + 2);
}

// A grid of 40 columns (distinct temperatures) x 50 repeats: 2000 calls to plan, render and
// price, which takes the worker a while. Priced at $1000/$2000 per million tokens, its upper
// bound is far over the default $1.00, so a finished estimate would ask.
std::unique_ptr<ui::GridPanel> TstBudgetUi::bigGrid(const QString &name)
{
    const QString root = m_dir.filePath(name);
    const bool written = writeFile(root + QStringLiteral("/promptsmith.yaml"),
                             QStringLiteral("providers:\n  local: {type: ollama, base_url: "
                                            "\"%1\"}\nprices:\n  local/a: {input: 1000, "
                                            "output: 2000}\n")
                                 .arg(m_server.baseUrl())
                                 .toUtf8())
        && writeFile(root + QStringLiteral("/prompts/hi.prompt"),
            "---\nmodel: local/a\n---\n{{role \"user\"}}\nSay hi to {{name}}.\n");
    if (!written)
        return nullptr;
    run::RunEngineOptions options;
    options.useKeychain = false;
    options.ledgerPath = m_dir.filePath(name + QStringLiteral(".sqlite3"));
    auto panel = std::make_unique<ui::GridPanel>(options);
    panel->setPrompt(root, QStringLiteral("prompts/hi.prompt"));
    panel->setVariablesProvider([] { return nlohmann::ordered_json { { "name", "Ada" } }; });
    for (int i = 0; i < 40; ++i)
        panel->addColumn(
            QStringLiteral("local/a"), QStringLiteral("temperature=%1").arg(i / 40.0), QString());
    panel->setRepeats(50);
    return panel;
}

// Cancel while the estimate is being made: nothing starts, no question comes, and the
// estimate arriving later is dropped.
void TstBudgetUi::cancelWhileEstimatingStartsNothing()
{
    auto panel = bigGrid(QStringLiteral("cancel-ws"));
    QVERIFY(panel);
    const int before = m_server.requestCount();
    auto *cancel = panel->findChild<QPushButton *>(QStringLiteral("gridCancelButton"));
    QVERIFY(!cancel->isEnabled());
    bool asked = false;
    QTimer watch;
    connect(&watch, &QTimer::timeout, this,
        [&asked] { asked |= QApplication::activeModalWidget() != nullptr; });
    watch.start(5);
    panel->findChild<QPushButton *>(QStringLiteral("gridRunButton"))->click();
    QVERIFY(panel->isEstimating());
    QVERIFY(cancel->isEnabled()); // the estimate can be abandoned
    cancel->click();
    QVERIFY(!panel->isEstimating());
    QVERIFY2(panel->statusText().contains(QStringLiteral("Not started")),
        qPrintable(panel->statusText()));
    // The worker's estimate comes back into the event loop and must do nothing there.
    QVERIFY(QThreadPool::globalInstance()->waitForDone(30000));
    QTest::qWait(200);
    QVERIFY(!asked);
    QVERIFY(!panel->isRunning());
    QVERIFY(panel->findChild<QPushButton *>(QStringLiteral("gridRunButton"))->isEnabled());
    QCOMPARE(m_server.requestCount(), before);
}

// The window's thread is free while the worker estimates: a 10 ms timer keeps firing between
// the click and the question.
void TstBudgetUi::guiThreadRunsDuringTheEstimate()
{
    auto panel = bigGrid(QStringLiteral("probe-ws"));
    QVERIFY(panel);
    int ticks = 0;
    QTimer probe;
    connect(&probe, &QTimer::timeout, this, [&] {
        if (panel->isEstimating())
            ++ticks;
    });
    probe.start(10);
    QString seen;
    answerPreflight(false, &seen);
    QElapsedTimer clock;
    clock.start();
    panel->findChild<QPushButton *>(QStringLiteral("gridRunButton"))->click();
    const qint64 clickMs = clock.elapsed();
    QVERIFY(panel->isEstimating());
    QTRY_VERIFY_WITH_TIMEOUT(!panel->isEstimating(), 30000);
    qInfo("estimate of 2000 calls: click returned in %lld ms, question after %lld ms, %d probe "
          "ticks on the GUI thread meanwhile",
        clickMs, clock.elapsed(), ticks);
    // 40 x 50 = 2000 calls, each priced at the default 1024 output tokens' upper bound.
    QVERIFY2(seen.contains(QStringLiteral("2000 call(s)")), qPrintable(seen));
    // Any tick while estimating shows the thread was not held (a synchronous estimate would
    // return from click() with the estimate made and the question answered: none).
    QVERIFY2(ticks > 0, qPrintable(QString::number(ticks)));
    QVERIFY(!panel->isRunning());
}

// The panel closed (destroyed) while its estimate is made, and while its question is shown:
// nothing crashes and nothing is called.
void TstBudgetUi::closingDuringTheEstimateIsSafe()
{
    const int before = m_server.requestCount();
    {
        auto panel = bigGrid(QStringLiteral("close-ws"));
        QVERIFY(panel);
        panel->findChild<QPushButton *>(QStringLiteral("gridRunButton"))->click();
        QVERIFY(panel->isEstimating());
    } // destroyed here, the worker still planning
    QVERIFY(QThreadPool::globalInstance()->waitForDone(30000));
    QTest::qWait(200);
    QVERIFY(QApplication::activeModalWidget() == nullptr);

    auto panel = bigGrid(QStringLiteral("close-ws"));
    QVERIFY(panel);
    panel->findChild<QPushButton *>(QStringLiteral("gridRunButton"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(
        qobject_cast<ui::PreflightDialog *>(QApplication::activeModalWidget()) != nullptr, 30000);
    QPointer<QWidget> dialog = QApplication::activeModalWidget();
    panel.reset(); // the question goes with its panel
    QVERIFY(dialog.isNull());
    QTest::qWait(200);
    QVERIFY(QApplication::activeModalWidget() == nullptr);
    QCOMPARE(m_server.requestCount(), before);
}

// A ledger file another connection has just created (0 bytes, schema not yet written) is no
// evidence, not an error: the estimate is still made, so a costly run still asks first. The
// fresh-machine check caught the grid's history refresh creating the file as Run was clicked.
void TstBudgetUi::emptyLedgerFileStillEstimates()
{
    const QString root = m_dir.filePath(QStringLiteral("empty-ledger-ws"));
    QVERIFY(writeFile(root + QStringLiteral("/promptsmith.yaml"),
        QStringLiteral("providers:\n  local: {type: ollama, base_url: \"%1\"}\nprices:\n  "
                       "local/a: {input: 1000, output: 2000}\n")
            .arg(m_server.baseUrl())
            .toUtf8()));
    QVERIFY(writeFile(root + QStringLiteral("/prompts/hi.prompt"),
        "---\nmodel: local/a\n---\n{{role \"user\"}}\nSay hi.\n"));
    const QString ledgerPath = m_dir.filePath(QStringLiteral("empty.sqlite3"));
    QVERIFY(writeFile(ledgerPath, QByteArray()));
    run::RunEngineOptions options;
    options.useKeychain = false;
    options.ledgerPath = ledgerPath;
    run::RunEngine engine(options);
    run::RunSpec spec;
    spec.workspaceRoot = root;
    spec.promptPath = QStringLiteral("prompts/hi.prompt");
    const auto estimate = ui::estimatePreflight(engine.detachedPlanner(), { spec }, ledgerPath,
        m_dir.filePath(QStringLiteral("no-budgets.yaml")));
    QVERIFY2(estimate, qPrintable(estimate ? QString() : estimate.error().toString()));
    QCOMPARE(estimate->cost.calls, 1);
    QVERIFY(estimate->asks()); // 1024 output tokens at $2000 per million: over $1.00
}

QTEST_MAIN(TstBudgetUi)
#include "tst_budgetui.moc"
