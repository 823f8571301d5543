// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// The offline echo provider, through the same Transport every provider uses.
#include "callrecorder.h"
#include "providers/echoprovider.h"
#include "providers/transport.h"

#include <QTest>

using namespace psm;

class TstEcho final : public QObject {
    Q_OBJECT

private slots:
    void render_data()
    {
        QTest::addColumn<QString>("system");
        QTest::addColumn<QString>("expected");
        QTest::newRow("lone-user") << QString() << QStringLiteral("Translate: bonjour");
        QTest::newRow("with-system") << QStringLiteral(
            "Be literal.") << QStringLiteral("system: Be literal.\n\nuser: Translate: bonjour");
    }
    void render()
    {
        QFETCH(QString, system);
        QFETCH(QString, expected);
        core::ChatRequest r;
        r.system = system;
        r.messages.push_back(
            core::Message::fromText(core::Role::User, QStringLiteral("Translate: bonjour")));
        QCOMPARE(providers::EchoProvider::render(r), expected);
    }

    void answersThroughTheTransport()
    {
        providers::Transport transport;
        tests::CallRecorder recorder(transport);
        core::ChatRequest r;
        r.model = QStringLiteral("anything");
        r.messages.push_back(core::Message::fromText(core::Role::User, QStringLiteral("hi")));
        r.messages.push_back(core::Message::fromText(core::Role::Model, QStringLiteral("hello")));
        r.messages.push_back(core::Message { core::Role::User,
            { core::Part::fromText(QStringLiteral("see ")),
                core::Part::fromMedia(
                    QStringLiteral("https://x/y.png"), QStringLiteral("image/png")) } });
        const auto settings = providers::ProviderSettings::builtin(QStringLiteral("echo"));
        const auto id = transport.start(settings, r, {});
        const core::ChatResult result = recorder.result(id);
        QVERIFY(result.ok());
        QCOMPARE(result.text,
            QStringLiteral("user: hi\n\nmodel: hello\n\nuser: see [media https://x/y.png]"));
        QCOMPARE(result.usage.inputTokens.value_or(-1), qint64(0));
        QCOMPARE(result.usage.outputTokens.value_or(-1), qint64(0));
        QCOMPARE(result.finishReason, core::FinishReason::Stop);
        QCOMPARE(result.attempts, 1);
        QCOMPARE(result.httpStatus, 0);
        QCOMPARE(recorder.call(id).attempts.size(), size_t(1));
        QCOMPARE(recorder.countEvents(id, core::StreamEvent::Kind::TextDelta), 1);
    }

    void needsNoKeyAndNoNetwork()
    {
        auto settings = providers::ProviderSettings::builtin(QStringLiteral("echo"));
        QVERIFY(settings.baseUrl.isEmpty());
        QVERIFY(settings.apiKeyEnv.isEmpty());
        core::ChatRequest r;
        r.messages.push_back(core::Message::fromText(core::Role::User, QStringLiteral("x")));
        auto prepared = providers::Transport::prepare(settings, r, {});
        QVERIFY(prepared);
        QVERIFY(prepared->http.url.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstEcho)
#include "tst_echo.moc"
