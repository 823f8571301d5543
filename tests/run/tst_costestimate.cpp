// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// The pre-flight estimate against values worked out by hand in the comments. Prices are per
// million tokens: test/model 2 in / 10 out, and above 100 prompt tokens 4 in / 20 out.
#include "run/costestimate.h"

#include <QtTest>

#include <cmath>

using namespace psm;
using run::CallCostEstimate;
using run::CostEvidence;
using run::OutputTokenStats;
using run::PlannedCall;

Q_DECLARE_METATYPE(std::optional<qint64>)

namespace {

core::PriceTable testPrices()
{
    auto table = core::PriceTable::fromJson(R"({"version": "t1", "models": {
        "test/model": {"input": 2, "output": 10,
            "tiers": [{"above_prompt_tokens": 100, "input": 4, "output": 20}]}}})",
        QStringLiteral("test"));
    if (!table)
        qFatal("%s", qPrintable(table.error().toString()));
    return *table;
}

// System "Hi" = 4 framing + 1; user "abcd efgh" = 4 framing + 2: 11 input tokens.
PlannedCall call(const QString &model, std::optional<qint64> cap, const QString &userText,
    const QString &hash = QStringLiteral("h"))
{
    PlannedCall c;
    c.modelRef = QStringLiteral("test/") + model;
    c.settings.name = QStringLiteral("test");
    c.settings.type = QStringLiteral("openai");
    c.settings.baseUrl = QStringLiteral("http://127.0.0.1:9/v1");
    c.request.model = model;
    c.request.system = QStringLiteral("Hi");
    c.request.messages.push_back(core::Message::fromText(core::Role::User, userText));
    c.request.params.maxOutputTokens = cap;
    c.requestHash = hash;
    return c;
}

bool near(std::optional<double> actual, double expected)
{
    return actual && std::abs(*actual - expected) < 1e-12;
}

} // namespace

class TestCostEstimate final : public QObject {
    Q_OBJECT

private slots:
    void stats_data();
    void stats();
    void callEstimate_data();
    void callEstimate();
    void cachedCallCostsNothing();
    void unknownPriceStaysUnknown();
    void localEndpointDoesNotTakeTheVendorsPrice();
    void runTotals();
};

void TestCostEstimate::stats_data()
{
    QTest::addColumn<QList<qint64>>("outputs");
    QTest::addColumn<qint64>("samples");
    QTest::addColumn<qint64>("low");
    QTest::addColumn<double>("mean");
    QTest::addColumn<qint64>("p90");
    QTest::newRow("none") << QList<qint64> {} << qint64(0) << qint64(0) << 0.0 << qint64(0);
    // sorted 10 12 20 30 40: mean 112/5; p90 rank ceil(4.5) = 5
    QTest::newRow("five") << QList<qint64> { 40, 10, 20, 30, 12 } << qint64(5) << qint64(10) << 22.4
                          << qint64(40);
    // 1..10: mean 5.5; p90 rank 9
    QTest::newRow("ten") << QList<qint64> { 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 } << qint64(10)
                         << qint64(1) << 5.5 << qint64(9);
}

void TestCostEstimate::stats()
{
    QFETCH(QList<qint64>, outputs);
    const OutputTokenStats s = run::outputTokenStats(outputs);
    QTEST(s.samples, "samples");
    QTEST(s.low, "low");
    QTEST(s.mean, "mean");
    QTEST(s.p90, "p90");
}

void TestCostEstimate::callEstimate_data()
{
    QTest::addColumn<std::optional<qint64>>("cap");
    QTest::addColumn<QString>("userText");
    QTest::addColumn<bool>("history"); // samples 3, low 10, mean 20.4, p90 40
    QTest::addColumn<qint64>("inputTokens");
    QTest::addColumn<qint64>("lowOut");
    QTest::addColumn<qint64>("expectedOut");
    QTest::addColumn<qint64>("highOut");
    QTest::addColumn<double>("lowUsd");
    QTest::addColumn<double>("expectedUsd");
    QTest::addColumn<double>("highUsd");
    const QString shortText = QStringLiteral("abcd efgh");
    // 11 in x 2 = 22; 100 out x 10 = 1000
    QTest::newRow("cap, no history")
        << std::optional<qint64>(100) << shortText << false << qint64(11) << qint64(0)
        << qint64(100) << qint64(100) << 22e-6 << 1022e-6 << 1022e-6;
    // out 10 / 20 (20.4 rounded) / 100: 22 + 100, 22 + 200, 22 + 1000
    QTest::newRow("cap, history") << std::optional<qint64>(100) << shortText << true << qint64(11)
                                  << qint64(10) << qint64(20) << qint64(100) << 122e-6 << 222e-6
                                  << 1022e-6;
    // high is the earlier p90 40: 22 + 400
    QTest::newRow("history, no cap")
        << std::optional<qint64>() << shortText << true << qint64(11) << qint64(10) << qint64(20)
        << qint64(40) << 122e-6 << 222e-6 << 422e-6;
    // the stated default 1024: 22 + 10240
    QTest::newRow("no cap, no history")
        << std::optional<qint64>() << shortText << false << qint64(11) << qint64(0) << qint64(1024)
        << qint64(1024) << 22e-6 << 10262e-6 << 10262e-6;
    // a cap of 15 under the earlier mean bounds the expectation: 22 + 100, 22 + 150
    QTest::newRow("cap under history")
        << std::optional<qint64>(15) << shortText << true << qint64(11) << qint64(10) << qint64(15)
        << qint64(15) << 122e-6 << 172e-6 << 172e-6;
    // 400 letters = 100 tokens + 4 framing + system 5 = 109 > 100: the tier prices the whole
    // call at 4 in / 20 out: 436; + 10 x 20 = 636
    QTest::newRow("long-context tier")
        << std::optional<qint64>(10) << QString(400, u'a') << false << qint64(109) << qint64(0)
        << qint64(10) << qint64(10) << 436e-6 << 636e-6 << 636e-6;
}

void TestCostEstimate::callEstimate()
{
    QFETCH(std::optional<qint64>, cap);
    QFETCH(QString, userText);
    QFETCH(bool, history);
    CostEvidence evidence;
    if (history)
        evidence.outputTokensByModel.insert(
            QStringLiteral("test/model"), OutputTokenStats { 3, 10, 20.4, 40 });
    const CallCostEstimate est = run::estimateCallCost(
        call(QStringLiteral("model"), cap, userText), testPrices(), evidence);
    QVERIFY(!est.cached);
    QTEST(est.inputTokens, "inputTokens");
    QTEST(est.lowOutputTokens, "lowOut");
    QTEST(est.expectedOutputTokens, "expectedOut");
    QTEST(est.highOutputTokens, "highOut");
    QFETCH(double, lowUsd);
    QFETCH(double, expectedUsd);
    QFETCH(double, highUsd);
    QVERIFY2(near(est.lowUsd, lowUsd), qPrintable(QString::number(est.lowUsd.value_or(-1))));
    QVERIFY2(near(est.expectedUsd, expectedUsd),
        qPrintable(QString::number(est.expectedUsd.value_or(-1))));
    QVERIFY2(near(est.highUsd, highUsd), qPrintable(QString::number(est.highUsd.value_or(-1))));
}

void TestCostEstimate::cachedCallCostsNothing()
{
    CostEvidence evidence;
    evidence.cachedRequestHashes.insert(QStringLiteral("seen"));
    const auto est = run::estimateCallCost(
        call(QStringLiteral("model"), 100, QStringLiteral("x"), QStringLiteral("seen")),
        testPrices(), evidence);
    QVERIFY(est.cached);
    QVERIFY(near(est.lowUsd, 0) && near(est.expectedUsd, 0) && near(est.highUsd, 0));
    const auto other = run::estimateCallCost(
        call(QStringLiteral("model"), 100, QStringLiteral("x"), QStringLiteral("new")),
        testPrices(), evidence);
    QVERIFY(!other.cached);
    QVERIFY(other.expectedUsd && *other.expectedUsd > 0);
}

void TestCostEstimate::unknownPriceStaysUnknown()
{
    const auto est = run::estimateCallCost(
        call(QStringLiteral("unpriced"), 100, QStringLiteral("x")), testPrices(), {});
    QVERIFY(!est.cached);
    QVERIFY(!est.lowUsd && !est.expectedUsd && !est.highUsd);
    QCOMPARE(est.highOutputTokens, qint64(100));
}

void TestCostEstimate::localEndpointDoesNotTakeTheVendorsPrice()
{
    auto table = core::PriceTable::fromJson(
        R"({"version": "t", "models": {"openai/gpt-x": {"input": 1, "output": 1}}})",
        QStringLiteral("test"));
    QVERIFY(table);
    PlannedCall local = call(QStringLiteral("gpt-x"), 10, QStringLiteral("x"));
    QVERIFY(!run::priceForCall(local, *table)); // "test" on 127.0.0.1: not OpenAI's price
    local.settings.baseUrl = providers::ProviderSettings::builtin(QStringLiteral("openai")).baseUrl;
    QVERIFY(run::priceForCall(local, *table)); // the vendor's own endpoint under another name
}

void TestCostEstimate::runTotals()
{
    run::RunPlan plan;
    plan.prices = testPrices();
    plan.calls.push_back(
        call(QStringLiteral("model"), 100, QStringLiteral("abcd efgh"))); // 22/1022/1022
    plan.calls.push_back(
        call(QStringLiteral("model"), 100, QStringLiteral("abcd efgh"), QStringLiteral("seen")));
    plan.calls.push_back(call(QStringLiteral("unpriced"), 100, QStringLiteral("abcd efgh")));
    plan.calls.push_back(call(QStringLiteral("other"), 100, QStringLiteral("abcd efgh")));
    // test/other has no price of its own: give it one through an override, 1 in / 1 out:
    // 11 + 0, 11 + 100, 11 + 100
    QVERIFY(plan.prices.applyOverrides(
        nlohmann::json::parse(R"({"test/other": {"input": 1, "output": 1}})"),
        QStringLiteral("t")));
    CostEvidence evidence;
    evidence.cachedRequestHashes.insert(QStringLiteral("seen"));
    const run::RunCostEstimate total = run::estimateRunCost(plan, evidence);
    QCOMPARE(total.calls, 4);
    QCOMPARE(total.cachedCalls, 1);
    QCOMPARE(total.unknownPriceCalls, 1);
    QCOMPARE(total.inputTokens, qint64(33)); // the three sent calls, 11 each
    QVERIFY2(near(total.lowUsd, 33e-6), qPrintable(QString::number(total.lowUsd)));
    QVERIFY2(near(total.expectedUsd, 1133e-6), qPrintable(QString::number(total.expectedUsd)));
    QVERIFY2(near(total.highUsd, 1133e-6), qPrintable(QString::number(total.highUsd)));
}

QTEST_GUILESS_MAIN(TestCostEstimate)
#include "tst_costestimate.moc"
