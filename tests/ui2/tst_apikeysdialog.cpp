// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// The API keys dialog, isolated from the user's session as tst_keystore is: main() hides any
// D-Bus session bus and gives the test a runtime folder of its own before QApplication exists,
// so the dialog can never reach the real Secret Service and the headless case always runs.
#include "providers/keystore.h"
#include "tests/support/sessionbusisolation.h"
#include "ui/settings/apikeysdialog.h"

#include <QApplication>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <utility>

using namespace psm;

class TstApiKeysDialog final : public QObject {
    Q_OBJECT

public:
    explicit TstApiKeysDialog(QString runtimeDir)
        : m_runtimeDir(std::move(runtimeDir))
    {
    }

private slots:
    void initTestCase();
    void withoutKeychainExplainsEnvironment();
    void masking_data();
    void masking();

private:
    QString m_runtimeDir; // our XDG_RUNTIME_DIR: no "bus" in it
    QTemporaryDir m_home;
};

void TstApiKeysDialog::initTestCase()
{
    QCOMPARE(qEnvironmentVariable("XDG_RUNTIME_DIR"), m_runtimeDir);
    QVERIFY(!qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"));
    // Every place a careless implementation could write a key points into one empty folder.
    qputenv("HOME", m_home.path().toUtf8());
    qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", m_home.filePath(QStringLiteral("data")).toUtf8());
    qputenv("XDG_CACHE_HOME", m_home.filePath(QStringLiteral("cache")).toUtf8());
    qputenv("OPENAI_API_KEY", "sk-test-secret-value-7890");
    qunsetenv("ANTHROPIC_API_KEY");
}

void TstApiKeysDialog::withoutKeychainExplainsEnvironment()
{
    // main() took the session bus away, so this is the headless case on every machine.
    QVERIFY(!providers::KeyStore::keychainAvailable());
    auto config = providers::ProvidersConfig::parse(
        QStringLiteral("providers:\n  work: {type: openai, api_key_env: WORK_KEY}\n"));
    QVERIFY(config.has_value());
    ui::ApiKeysDialog dialog(*config);
    QSignalSpy refreshed(&dialog, &ui::ApiKeysDialog::refreshed);
    QTRY_VERIFY(!refreshed.isEmpty());

    const QString note = dialog.findChild<QLabel *>(QStringLiteral("apiKeysKeychainNote"))->text();
    QVERIFY2(note.contains(QStringLiteral("No keychain service")), qPrintable(note));
    QVERIFY(note.contains(QStringLiteral("OPENAI_API_KEY")));
    QVERIFY(note.contains(QStringLiteral("ANTHROPIC_API_KEY")));
    QVERIFY(note.contains(QStringLiteral("WORK_KEY")));
    QVERIFY(note.contains(QStringLiteral("never writes keys to a file")));

    auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("apiKeysTable"));
    QStringList providers;
    int openaiRow = -1;
    for (int row = 0; row < table->rowCount(); ++row) {
        providers.append(table->item(row, 0)->text());
        if (table->item(row, 0)->text() == QLatin1String("openai"))
            openaiRow = row;
    }
    QVERIFY(providers.contains(QStringLiteral("work")));
    QVERIFY(!providers.contains(QStringLiteral("echo"))); // needs no key
    QVERIFY(openaiRow >= 0);
    QCOMPARE(table->item(openaiRow, 1)->text(), QStringLiteral("environment"));
    QCOMPARE(table->item(openaiRow, 2)->text(), QStringLiteral("••••••••7890"));
    // The key itself appears nowhere in the dialog.
    for (QWidget *widget : dialog.findChildren<QWidget *>()) {
        if (auto *label = qobject_cast<QLabel *>(widget))
            QVERIFY(!label->text().contains(QStringLiteral("secret-value")));
    }
    for (int row = 0; row < table->rowCount(); ++row) {
        for (int column = 0; column < table->columnCount(); ++column)
            QVERIFY(!table->item(row, column)->text().contains(QStringLiteral("secret")));
    }

    // Storing is not offered, and forcing it writes nothing anywhere.
    auto *save = dialog.findChild<QPushButton *>(QStringLiteral("apiKeysSaveButton"));
    auto *edit = dialog.findChild<QLineEdit *>(QStringLiteral("apiKeysKeyEdit"));
    QVERIFY(!save->isEnabled());
    QVERIFY(!edit->isEnabled());
    QCOMPARE(edit->echoMode(), QLineEdit::Password);
    edit->setEnabled(true);
    edit->setText(QStringLiteral("sk-should-never-land-on-disk"));
    save->setEnabled(true);
    save->click();
    auto *status = dialog.findChild<QLabel *>(QStringLiteral("apiKeysStatus"));
    QTRY_VERIFY(!status->text().isEmpty());
    QVERIFY2(status->text().contains(QStringLiteral("keychain")), qPrintable(status->text()));
    QDirIterator files(m_home.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    QStringList written;
    while (files.hasNext())
        written.append(files.next());
    QVERIFY2(written.isEmpty(), qPrintable(written.join(u',')));
}

void TstApiKeysDialog::masking_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("shown");
    QTest::newRow("none") << QString() << QString();
    QTest::newRow("short") << QStringLiteral("abc") << QStringLiteral("••••••••");
    QTest::newRow("long") << QStringLiteral("sk-ant-0123456789abcd")
                          << QStringLiteral("••••••••abcd");
}

void TstApiKeysDialog::masking()
{
    QFETCH(QString, key);
    QFETCH(QString, shown);
    QCOMPARE(ui::ApiKeysDialog::masked(key), shown);
}

int main(int argc, char **argv)
{
    const auto runtime = psm::testsupport::isolateFromSessionBus();
    if (!runtime)
        return 1;
    QApplication app(argc, argv);
    TstApiKeysDialog test(runtime->path());
    return QTest::qExec(&test, argc, argv);
}
#include "tst_apikeysdialog.moc"
