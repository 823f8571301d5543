// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// The user's budgets.yaml (outside any repository) and the daily/confirm keys of `budgets:`:
// what is read, where a mistake is, and that a missing file is no budget.
#include "core/settings/userbudgets.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace psm;
using core::UserBudgets;
using core::WorkspaceSettings;

class TstUserBudgets final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_home;

    QString write(const QByteArray &yaml)
    {
        const QString path = UserBudgets::defaultPath();
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(yaml) != yaml.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_home.path()));
    }

    void cleanup() { QFile::remove(UserBudgets::defaultPath()); }

    void pathIsInTheUsersConfig()
    {
        QCOMPARE(UserBudgets::defaultPath(), m_home.filePath("promptsmith/budgets.yaml"));
    }

    void missingFileIsNoBudget()
    {
        const UserBudgets u = UserBudgets::load();
        QVERIFY(u.messages().isEmpty());
        QVERIFY(!u.budgets().dailyUsd);
        QVERIFY(!u.budgets().monthlyUsd);
        QVERIFY(!u.budgets().perRunUsd);
    }

    void everyKey()
    {
        write("daily_usd: 5\nmonthly_usd: 40.5\nper_run_usd: 0.25\nconfirm_above_usd: 2\n");
        const UserBudgets u = UserBudgets::load();
        QVERIFY2(u.messages().isEmpty(), qPrintable(u.messages().join('\n')));
        QCOMPARE(*u.budgets().dailyUsd, 5.0);
        QCOMPARE(*u.budgets().monthlyUsd, 40.5);
        QCOMPARE(*u.budgets().perRunUsd, 0.25);
        QCOMPARE(*u.budgets().confirmAboveUsd, 2.0);
    }

    void errorsSayWhere()
    {
        const QString path = write("monthly_usd: 10\ndaily_usd: soon\n");
        const UserBudgets bad = UserBudgets::load();
        QCOMPARE(bad.messages().size(), 1);
        QCOMPARE(bad.messages().first().left(path.size() + 5), path + QStringLiteral(":2:12"));
        QVERIFY(bad.messages().first().contains(QStringLiteral("daily_usd")));
        QVERIFY(!bad.budgets().monthlyUsd); // a broken file sets no budget

        write("daily_usd: 1\nweekly_usd: 3\n");
        const UserBudgets warned = UserBudgets::load();
        QCOMPARE(warned.messages().size(), 1);
        QVERIFY(warned.messages().first().contains(QStringLiteral(":2:1: unknown budget "
                                                                  "'weekly_usd'")));
        QCOMPARE(*warned.budgets().dailyUsd, 1.0);

        write("daily_usd: [1\n");
        QVERIFY(UserBudgets::load().messages().first().contains(QStringLiteral("not valid YAML")));
        write("- 1\n");
        QVERIFY(UserBudgets::load().messages().first().contains(QStringLiteral("mapping")));
    }

    void workspaceDailyAndConfirmKeys()
    {
        const auto s = WorkspaceSettings::parse(
            "budgets:\n  daily_usd: 3\n  confirm_above_usd: 0.5\n", QStringLiteral("p.yaml"));
        QVERIFY(s.errors().empty());
        QCOMPARE(*s.budgets().dailyUsd, 3.0);
        QCOMPARE(*s.budgets().confirmAboveUsd, 0.5);
        const auto bad
            = WorkspaceSettings::parse("budgets:\n  daily_usd: -3\n", QStringLiteral("p.yaml"));
        QCOMPARE(bad.errors().size(), size_t(1));
        QCOMPARE(bad.errors()[0].line, 2);
        QCOMPARE(bad.errors()[0].column, 14);
    }

    void confirmThresholdStricterWins()
    {
        core::BudgetSettings ws;
        core::BudgetSettings user;
        QCOMPARE(core::confirmAboveUsd(ws, user), core::kDefaultConfirmAboveUsd);
        user.confirmAboveUsd = 4;
        QCOMPARE(core::confirmAboveUsd(ws, user), 4.0);
        ws.confirmAboveUsd = 0.2;
        QCOMPARE(core::confirmAboveUsd(ws, user), 0.2);
    }
};

QTEST_GUILESS_MAIN(TstUserBudgets)
#include "tst_userbudgets.moc"
