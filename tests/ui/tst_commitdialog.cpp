// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// The commit dialog says why git's state forbids a commit (a merge in progress, conflict
// markers) and commits nothing. Repositories are set up with the real git CLI.
#include "uitestsupport.h"

#include "ui/commitdialog.h"
#include "ui/logpanel.h"

#include <QApplication>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace psm;

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

} // namespace

class TstCommitDialog final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() { test::resetSettings(); }

    void mergeInProgressIsExplainedAndCommitStaysOff()
    {
        test::ScratchRepo repo;
        QVERIFY(repo.isValid());
        const QString head = repo.divergeBranches(s("a.prompt"));
        QVERIFY(!head.isEmpty());
        repo.git({ s("merge"), s("side") });
        QVERIFY(repo.lastExitCode() != 0);
        const QByteArray mergeHead = repo.read(s(".git/MERGE_HEAD"));
        QVERIFY(!mergeHead.isEmpty());

        ui::LogPanel log;
        ui::CommitDialog dialog(repo.path(), {}, &log);
        dialog.show();
        QTRY_VERIFY_WITH_TIMEOUT(dialog.isLoaded(), 10000);
        auto *status = dialog.findChild<QLabel *>(s("commitStatusLabel"));
        auto *commit = dialog.findChild<QPushButton *>(s("commitButton"));
        auto *message = dialog.findChild<QPlainTextEdit *>(s("commitMessage"));
        QVERIFY(status && commit && message);
        QVERIFY2(status->text().contains(s("A merge is in progress")), qPrintable(status->text()));
        QVERIFY(status->text().contains(s("git merge --abort")));
        QTest::keyClicks(message, s("Try anyway"));
        QVERIFY(!commit->isEnabled());

        QCOMPARE(repo.git({ s("rev-parse"), s("HEAD") }), head);
        QCOMPARE(repo.read(s(".git/MERGE_HEAD")), mergeHead);
    }

    void conflictMarkersAreShownAndNothingIsCommitted()
    {
        test::ScratchRepo repo;
        QVERIFY(repo.isValid());
        repo.write(s("a.prompt"), "base\n");
        const QString head = repo.commitAll(s("base"));
        QVERIFY(!head.isEmpty());
        repo.write(s("a.prompt"), "base\n<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> side\n");

        ui::LogPanel log;
        ui::CommitDialog dialog(repo.path(), {}, &log);
        QSignalSpy committed(&dialog, &ui::CommitDialog::committed);
        dialog.show();
        QTRY_VERIFY_WITH_TIMEOUT(dialog.isLoaded(), 10000);
        auto *status = dialog.findChild<QLabel *>(s("commitStatusLabel"));
        auto *commit = dialog.findChild<QPushButton *>(s("commitButton"));
        auto *files = dialog.findChild<QListWidget *>(s("commitFileList"));
        QCOMPARE(files->count(), 1);
        QTest::keyClicks(dialog.findChild<QPlainTextEdit *>(s("commitMessage")), s("Oops"));
        QVERIFY(commit->isEnabled());
        QTest::mouseClick(commit, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(s("Conflict markers")), 10000);
        QVERIFY2(status->text().contains(s("a.prompt:2")), qPrintable(status->text()));
        QVERIFY(status->text().contains(s("a.prompt:4")));
        QVERIFY(dialog.isVisible());
        QCOMPARE(committed.count(), 0);
        QCOMPARE(repo.git({ s("rev-parse"), s("HEAD") }), head);
    }
};

int main(int argc, char **argv)
{
    psm::test::isolateEnvironment();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("promptsmith-tst-commitdialog"));
    QApplication::setOrganizationName(QStringLiteral("Promptsmith"));
    TstCommitDialog test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_commitdialog.moc"
