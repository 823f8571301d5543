// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/ledger/ledger.h"
#include "providers/transport.h"
#include "tests/support/testserver/testserver.h"
#include "ui/logpanel.h"
#include "ui/run/runpanel.h"

#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <optional>

using namespace psm;

class TstRunPanel final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void streamsEchoAndRecordsHistory();
    void stopCancels();
    void stopCancelsMidStream();
    void errorsShownInPlace();
    void keyConsentAskedAndRemembered();
    void closingMidStreamRecordsCancelled_data();
    void closingMidStreamRecordsCancelled();
    void modelsFromColumnsAndSettingsProblemsLogged();

private:
    std::unique_ptr<ui::RunPanel> makePanel();
    // A workspace `name` under the test's folder with promptsmith.yaml and one prompt.
    QString writeWorkspace(const QString &name, const QByteArray &yaml,
        const QString &promptPath = {}, const QByteArray &prompt = {});
    QTemporaryDir m_dir;
};

void TstRunPanel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qputenv("PROMPTSMITH_LEDGER", m_dir.filePath(QStringLiteral("ledger.sqlite3")).toUtf8());
    QDir(m_dir.path()).mkpath(QStringLiteral("ws/prompts"));
    QFile prompt(m_dir.filePath(QStringLiteral("ws/prompts/hello.prompt")));
    QVERIFY(prompt.open(QIODevice::WriteOnly));
    prompt.write("---\nmodel: echo/echo\n---\n{{role \"user\"}}\nSay hi to {{name}}.\n");
}

std::unique_ptr<ui::RunPanel> TstRunPanel::makePanel()
{
    run::RunEngineOptions options;
    options.useKeychain = false;
    auto panel = std::make_unique<ui::RunPanel>(options);
    panel->setPrompt(m_dir.filePath(QStringLiteral("ws")), QStringLiteral("prompts/hello.prompt"));
    panel->setVariablesProvider([] { return nlohmann::ordered_json { { "name", "Ada" } }; });
    return panel;
}

QString TstRunPanel::writeWorkspace(const QString &name, const QByteArray &yaml,
    const QString &promptPath, const QByteArray &prompt)
{
    const QString root = m_dir.filePath(name);
    QDir(root).mkpath(QStringLiteral("prompts"));
    const auto write = [&](const QString &path, const QByteArray &text) {
        QFile file(root + QLatin1Char('/') + path);
        return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
    };
    if (!write(QStringLiteral("promptsmith.yaml"), yaml)
        || (!promptPath.isEmpty() && !write(promptPath, prompt)))
        return {};
    return root;
}

void TstRunPanel::streamsEchoAndRecordsHistory()
{
    auto panel = makePanel();
    QSignalSpy history(panel.get(), &ui::RunPanel::historyLoaded);
    QTRY_VERIFY(!history.isEmpty());
    QCOMPARE(history.last().first().toInt(), 0);

    QSignalSpy finished(panel.get(), &ui::RunPanel::runFinished);
    // Unsaved editor text wins over the file.
    panel->setTextProvider(
        [] { return QStringLiteral("---\nmodel: echo/echo\n---\nUnsaved: hello {{name}}\n"); });
    panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(panel.get()));
    QTest::keyClick(panel.get(), Qt::Key_Return, Qt::ControlModifier); // Ctrl+Enter runs
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 10000);
    QVERIFY2(panel->outputText().contains(QStringLiteral("Unsaved: hello Ada")),
        qPrintable(panel->outputText()));
    const QString stats = panel->statsText();
    QVERIFY2(stats.contains(QStringLiteral("$0.00")), qPrintable(stats));
    QVERIFY(stats.contains(QStringLiteral(" ms")));
    QVERIFY(stats.contains(QStringLiteral("echo/echo")));
    QVERIFY(!panel->findChild<QLabel *>(QStringLiteral("runError"))->isVisibleTo(panel.get()));

    auto *table = panel->findChild<QTableWidget *>(QStringLiteral("runHistory"));
    QTRY_COMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("echo/echo"));
    QCOMPARE(table->item(0, 2)->text(), QStringLiteral("ok"));
    QCOMPARE(table->item(0, 4)->text(), QStringLiteral("$0.00"));

    // Repeat: samples are labelled, each one a ledger row.
    panel->findChild<QSpinBox *>(QStringLiteral("runRepeat"))->setValue(2);
    panel->findChild<QPushButton *>(QStringLiteral("runButton"))->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10000);
    QVERIFY(panel->outputText().contains(QStringLiteral("sample 2")));
    QTRY_COMPARE(table->rowCount(), 3);

    // A new panel (a restart) reads the same history from the ledger.
    auto again = makePanel();
    QTRY_COMPARE(again->findChild<QTableWidget *>(QStringLiteral("runHistory"))->rowCount(), 3);
}

void TstRunPanel::stopCancels()
{
    auto panel = makePanel();
    auto *run = panel->findChild<QPushButton *>(QStringLiteral("runButton"));
    auto *stop = panel->findChild<QPushButton *>(QStringLiteral("runStopButton"));
    QVERIFY(!stop->isEnabled());
    QSignalSpy finished(panel.get(), &ui::RunPanel::runFinished);
    QSignalSpy history(panel.get(), &ui::RunPanel::historyLoaded);
    QTRY_VERIFY(!history.isEmpty());
    const int rowsBefore = history.last().first().toInt();
    run->click();
    QVERIFY(panel->isRunning());
    QVERIFY(stop->isEnabled());
    QVERIFY(!run->isEnabled());
    stop->click(); // before the echo answer arrives
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 10000);
    QVERIFY(!panel->isRunning());
    QVERIFY(run->isEnabled());
    auto *error = panel->findChild<QLabel *>(QStringLiteral("runError"));
    QVERIFY2(error->text().contains(QStringLiteral("Stopped")), qPrintable(error->text()));
    QVERIFY(panel->outputText().isEmpty()); // no error text dressed up as model output
    auto *table = panel->findChild<QTableWidget *>(QStringLiteral("runHistory"));
    // Stopped before the call was made: nothing was sent, so nothing was recorded.
    QTRY_COMPARE(history.size(), 2);
    QCOMPARE(table->rowCount(), rowsBefore);
}

void TstRunPanel::stopCancelsMidStream()
{
    testsupport::TestServer server;
    QVERIFY(server.start());
    const QString root = writeWorkspace(QStringLiteral("local"),
        QStringLiteral("providers:\n  local: {type: ollama, base_url: \"%1\"}\n")
            .arg(server.baseUrl())
            .toUtf8(),
        QStringLiteral("prompts/long.prompt"),
        "---\nmodel: local/llama3.2\n---\nTell me a long story about ships\n");
    QVERIFY(!root.isEmpty());
    server.pushFault(QStringLiteral("stall-after=2")); // two chunks, then silence

    run::RunEngineOptions options;
    options.useKeychain = false;
    ui::RunPanel panel(options);
    panel.setPrompt(root, QStringLiteral("prompts/long.prompt"));
    QSignalSpy finished(&panel, &ui::RunPanel::runFinished);
    panel.findChild<QPushButton *>(QStringLiteral("runButton"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(!panel.outputText().isEmpty(), 10000);
    QVERIFY(finished.isEmpty()); // stalled, still running
    panel.findChild<QPushButton *>(QStringLiteral("runStopButton"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 5000);
    const QString partial = panel.outputText();
    QVERIFY(!partial.isEmpty());
    QVERIFY(testsupport::expectedReply(QStringLiteral("Tell me a long story about ships"))
                .startsWith(partial.left(5)));
    auto *error = panel.findChild<QLabel *>(QStringLiteral("runError"));
    QVERIFY2(error->text().contains(QStringLiteral("Stopped")), qPrintable(error->text()));
    auto *table = panel.findChild<QTableWidget *>(QStringLiteral("runHistory"));
    QTRY_COMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 2)->text(), QStringLiteral("cancelled"));
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("local/llama3.2"));
}

void TstRunPanel::errorsShownInPlace()
{
    auto panel = makePanel();
    panel->setTextProvider(
        [] { return QStringLiteral("---\nmodel: echo/echo\n---\n{{#if x}}\n"); });
    panel->findChild<QPushButton *>(QStringLiteral("runButton"))->click();
    auto *error = panel->findChild<QLabel *>(QStringLiteral("runError"));
    QTRY_VERIFY_WITH_TIMEOUT(error->isVisibleTo(panel.get()), 5000);
    QVERIFY2(error->text().contains(QStringLiteral("hello.prompt:")), qPrintable(error->text()));
    QVERIFY(panel->outputText().isEmpty());

    // An unknown provider is named, not sent.
    panel->setTextProvider({});
    panel->findChild<QComboBox *>(QStringLiteral("runModelCombo"))
        ->setCurrentText(QStringLiteral("nosuch/model"));
    panel->findChild<QPushButton *>(QStringLiteral("runButton"))->click();
    QTRY_VERIFY(error->text().contains(QStringLiteral("nosuch")));
    QVERIFY(panel->outputText().isEmpty());
}

void TstRunPanel::keyConsentAskedAndRemembered()
{
    testsupport::TestServer server;
    QVERIFY(server.start());
    // A cloned workspace pointing `openai` at another host.
    const QString root = writeWorkspace(QStringLiteral("consent"),
        QStringLiteral("providers:\n  openai: {type: openai, base_url: \"%1/v1\"}\n")
            .arg(server.baseUrl())
            .toUtf8(),
        QStringLiteral("prompts/p.prompt"), "---\nmodel: openai/gpt-4o-mini\n---\nhello there\n");
    QVERIFY(!root.isEmpty());
    qputenv("OPENAI_API_KEY", "sk-panel-test");

    run::RunEngineOptions options;
    options.useKeychain = false;
    options.consentPath = m_dir.filePath(QStringLiteral("consent.json"));
    int asked = 0;
    bool answer = false;
    ui::RunPanel panel(options);
    panel.setKeyConsentAsker([&](const run::KeyConsentRequest &r) {
        ++asked;
        return r.host == QLatin1String("127.0.0.1") && answer;
    });
    panel.setPrompt(root, QStringLiteral("prompts/p.prompt"));
    QSignalSpy finished(&panel, &ui::RunPanel::runFinished);
    auto *runButton = panel.findChild<QPushButton *>(QStringLiteral("runButton"));
    auto *error = panel.findChild<QLabel *>(QStringLiteral("runError"));

    runButton->click(); // "No": nothing is sent
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 10000);
    QTRY_COMPARE(asked, 1);
    QVERIFY2(error->text().contains(QStringLiteral("127.0.0.1")), qPrintable(error->text()));
    QCOMPARE(server.requestCount(), 0);

    answer = true; // "Yes": remembered, and the run made again with the key
    runButton->click();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, 10000);
    QCOMPARE(asked, 2);
    QCOMPARE(server.requestCount(), 1);
    QCOMPARE(server.requests().last().header("authorization"), QByteArray("Bearer sk-panel-test"));
    QVERIFY(!panel.outputText().isEmpty());

    ui::RunPanel next(options); // the next session does not ask again
    next.setKeyConsentAsker([&](const run::KeyConsentRequest &) { return ++asked, false; });
    next.setPrompt(root, QStringLiteral("prompts/p.prompt"));
    QSignalSpy nextFinished(&next, &ui::RunPanel::runFinished);
    next.findChild<QPushButton *>(QStringLiteral("runButton"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(!nextFinished.isEmpty(), 10000);
    QCOMPARE(asked, 2);
    QCOMPARE(server.requestCount(), 2);
    qunsetenv("OPENAI_API_KEY");
}

void TstRunPanel::closingMidStreamRecordsCancelled_data()
{
    QTest::addColumn<bool>("sharedTransport");
    QTest::newRow("own transport") << false;
    // The app's case: the process's one transport outlives the panel (see runApplication).
    QTest::newRow("shared transport") << true;
}

void TstRunPanel::closingMidStreamRecordsCancelled()
{
    // The app quitting destroys the panel (and its engine) with a call in flight.
    QFETCH(bool, sharedTransport);
    testsupport::TestServer server;
    QVERIFY(server.start());
    std::optional<providers::Transport> transport;
    if (sharedTransport)
        transport.emplace();
    const QString root
        = writeWorkspace(sharedTransport ? QStringLiteral("quit-shared") : QStringLiteral("quit"),
            QStringLiteral("providers:\n  local: {type: ollama, base_url: \"%1\"}\n")
                .arg(server.baseUrl())
                .toUtf8(),
            QStringLiteral("prompts/quit.prompt"),
            "---\nmodel: local/llama3.2\n---\nTell me a long story about trains\n");
    QVERIFY(!root.isEmpty());
    server.pushFault(QStringLiteral("stall-after=2"));
    run::RunEngineOptions options;
    options.useKeychain = false;
    options.transport = transport ? &*transport : nullptr;
    auto panel = std::make_unique<ui::RunPanel>(options);
    QCOMPARE(panel->findChildren<providers::Transport *>().isEmpty(), sharedTransport);
    panel->setPrompt(root, QStringLiteral("prompts/quit.prompt"));
    std::optional<QSignalSpy> sharedCalls;
    if (transport)
        sharedCalls.emplace(&*transport, &providers::Transport::finished);
    panel->findChild<QPushButton *>(QStringLiteral("runButton"))->click();
    QTRY_VERIFY_WITH_TIMEOUT(!panel->outputText().isEmpty(), 10000);
    QElapsedTimer timer;
    timer.start();
    panel.reset();
    QVERIFY(timer.elapsed() < 5000); // bounded: never waits for the stalled stream
    auto ledger = core::Ledger::open(QString::fromUtf8(qgetenv("PROMPTSMITH_LEDGER")));
    QVERIFY(ledger);
    core::CallQuery query;
    query.workspace = QFileInfo(root).absoluteFilePath();
    query.promptPath = QStringLiteral("prompts/quit.prompt");
    const auto rows = ledger->calls(query);
    QVERIFY(rows);
    QCOMPARE(rows->size(), 1);
    QCOMPARE(rows->first().outcome.status, core::CallStatus::Cancelled);
    if (sharedTransport) // the engine cancelled its call on the transport it was given
        QTRY_COMPARE_WITH_TIMEOUT(sharedCalls->size(), 1, 5000);
}

void TstRunPanel::modelsFromColumnsAndSettingsProblemsLogged()
{
    const QString root = writeWorkspace(QStringLiteral("columns"),
        "presets:\n"
        "  p:\n"
        "    model: other/thing\n" // not a column: a text scraper would take it
        "columns:\n"
        "  - model: local/qwen\n"
        "providers:\n"
        "  local: {type: ollama, base_url: \"http://127.0.0.1:9\"}\n"
        "budgets: {monthly_usd: lots}\n");
    QVERIFY(!root.isEmpty());
    ui::LogPanel log;
    run::RunEngineOptions options;
    options.useKeychain = false;
    ui::RunPanel panel(options);
    panel.setLogPanel(&log);
    panel.setPrompt(root, QStringLiteral("prompts/none.prompt"));
    auto *combo = panel.findChild<QComboBox *>(QStringLiteral("runModelCombo"));
    QCOMPARE(combo->itemText(1), QStringLiteral("local/qwen"));
    QCOMPARE(combo->findText(QStringLiteral("other/thing")), -1);
    const QString logged = log.messages().join(QLatin1Char('\n'));
    QVERIFY2(logged.contains(QStringLiteral("promptsmith.yaml:8:"))
            && logged.contains(QStringLiteral("monthly_usd")),
        qPrintable(logged));
}

QTEST_MAIN(TstRunPanel)
#include "tst_runpanel.moc"
