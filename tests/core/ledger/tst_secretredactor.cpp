// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/ledger/secretredactor.h"

#include <QTest>

using namespace psm::core;

class TestSecretRedactor final : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void text_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("openai") << "key sk-proj-AbCdEf0123456789_-xyz end"
                                << "key [REDACTED] end";
        QTest::newRow("legacy openai") << "sk-0123456789abcdefABCDEF0123"
                                       << "[REDACTED]";
        QTest::newRow("anthropic") << QStringLiteral("x=sk-ant-") + "api03-abcDEF0123456789-_QQ"
                                   << "x=[REDACTED]";
        QTest::newRow("google") << "?key=AIzaSyA1234567890abcdefghijklmnopqrstu"
                                << "?key=[REDACTED]";
        QTest::newRow("groq") << "gsk_abcdefghijklmnopqrstuvwxyz"
                              << "[REDACTED]";
        QTest::newRow("bearer") << "Authorization: Bearer abc.def-ghi_jkl012345"
                                << "Authorization: Bearer [REDACTED]";
        QTest::newRow("two keys")
            << QStringLiteral("sk-aaaaaaaaaaaaaaaaaaaa and AIza") + "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"
            << "[REDACTED] and [REDACTED]";
        // Prose and identifiers that merely contain the prefixes survive.
        QTest::newRow("short sk") << "use sk-1 or sk-test"
                                  << "use sk-1 or sk-test";
        QTest::newRow("inside word") << "risk-assessment-framework-for-2026"
                                     << "risk-assessment-framework-for-2026";
        QTest::newRow("task id") << "task-0123456789abcdefghij"
                                 << "task-0123456789abcdefghij";
        QTest::newRow("plain") << "The refund policy is 30 days."
                               << "The refund policy is 30 days.";
        QTest::newRow("null") << QString() << QString();
    }
    void text()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(SecretRedactor::redact(input), expected);
        QCOMPARE(SecretRedactor::containsSecret(input), input != expected);
    }

    void json()
    {
        const QString in = QStringLiteral(
            R"({"temperature":0.2,"maxOutputTokens":50,"apiKey":"plain-looking",)"
            R"("nested":[{"x-api-key":"abc"},{"msg":"%1"}],)"
            R"("api_key":null})")
                               .arg(QStringLiteral("sk-ant-") + QStringLiteral("api03-0123456789abcdefgh"));
        const QString out = SecretRedactor::redactJson(in);
        QCOMPARE(out,
            QStringLiteral(R"({"temperature":0.2,"maxOutputTokens":50,"apiKey":"[REDACTED]",)"
                           R"("nested":[{"x-api-key":"[REDACTED]"},{"msg":"[REDACTED]"}],)"
                           R"("api_key":null})"));
        QCOMPARE(SecretRedactor::redactJson(QStringLiteral("not json sk-0123456789abcdef0123")),
            QStringLiteral("not json [REDACTED]"));
        QCOMPARE(SecretRedactor::redactJson(QString()), QString());
    }
};

QTEST_GUILESS_MAIN(TestSecretRedactor)
#include "tst_secretredactor.moc"
