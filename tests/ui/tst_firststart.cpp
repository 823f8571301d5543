// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// First start: with no workspace given and none recent, the samples are copied into a new
// workspace folder and opened. On a machine without a git identity nothing crashes: the window
// says how to set one and asks for it, then creates the workspace.
#include "uitestsupport.h"

#include "ui/identitybar.h"
#include "ui/logpanel.h"
#include "ui/mainwindow.h"
#include "ui/recentworkspaces.h"
#include "ui/workspacetree.h"

#include <QApplication>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidgetItemIterator>

using namespace psm;

class TstFirstStart final : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_samples;

    void setGlobalIdentity(bool on)
    {
        QFile config(QString::fromLocal8Bit(qgetenv("GIT_CONFIG_GLOBAL")));
        QVERIFY(config.open(QIODevice::WriteOnly | QIODevice::Truncate));
        if (on)
            config.write("[user]\n\tname = Global Person\n\temail = global@example.com\n");
    }

    ui::StartupOptions options(const QString &parent) const
    {
        ui::StartupOptions o;
        o.samplesDir = m_samples.path();
        o.samplesParent = parent;
        return o;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(test::writeFile(m_samples.filePath(QStringLiteral("prompts/hello.prompt")),
            "---\nmodel: echo/x\n---\nHello {{name}}\n"));
        QVERIFY(test::writeFile(
            m_samples.filePath(QStringLiteral("prompts/_tone.prompt")), "Be kind.\n"));
        QVERIFY(
            test::writeFile(m_samples.filePath(QStringLiteral("evals/hello.yaml")), "tests: []\n"));
        QVERIFY(test::writeFile(m_samples.filePath(QStringLiteral("promptsmith.yaml")), "{}\n"));
    }

    void init()
    {
        test::resetSettings();
        setGlobalIdentity(false);
    }

    void withoutIdentityAsksAndThenOpensSamples()
    {
        QTemporaryDir documents;
        ui::MainWindow window;
        window.show();
        QSignalSpy failed(&window, &ui::MainWindow::workspaceFailed);
        QSignalSpy logged(window.logPanel(), &ui::LogPanel::messageAdded);
        window.start(options(documents.path()));
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
        QVERIFY(window.isVisible());
        QVERIFY(window.workspaceRoot().isEmpty());
        const QString log = window.logPanel()->messages().join(QLatin1Char('\n'));
        QVERIFY2(log.contains(QStringLiteral("git config --global user.name")), qPrintable(log));
        // The identity bar is the message: the failed creation is logged, but not as an error.
        bool loggedCreation = false;
        for (const QList<QVariant> &entry : logged) {
            const QString text = entry.at(1).toString();
            if (!text.contains(QStringLiteral("Could not create the workspace")))
                continue;
            loggedCreation = true;
            QVERIFY2(entry.at(0).value<ui::LogPanel::Level>() == ui::LogPanel::Level::Info,
                qPrintable(text));
        }
        QVERIFY2(loggedCreation, qPrintable(log));
        auto *bar = window.findChild<ui::IdentityBar *>(QStringLiteral("identityBar"));
        QVERIFY(bar && bar->isVisible());

        auto *button = bar->findChild<QPushButton *>(QStringLiteral("identityBarButton"));
        QVERIFY(!button->isEnabled());
        QTest::keyClicks(bar->findChild<QLineEdit *>(QStringLiteral("identityBarName")),
            QStringLiteral("New User"));
        QTest::keyClicks(bar->findChild<QLineEdit *>(QStringLiteral("identityBarEmail")),
            QStringLiteral("new@example.com"));
        QVERIFY(button->isEnabled());
        QTest::mouseClick(button, Qt::LeftButton);

        const QString expected
            = QDir(documents.path()).filePath(QStringLiteral("Promptsmith Samples"));
        QTRY_COMPARE_WITH_TIMEOUT(window.workspaceRoot(), expected, 10000);
        QVERIFY(!bar->isVisible());
        QVERIFY(window.workspaceTree()->itemForPath(QStringLiteral("prompts/hello.prompt")));
        QVERIFY(window.workspaceTree()->itemForPath(QStringLiteral("prompts/_tone.prompt")));
        QCOMPARE(
            test::git(expected, { QStringLiteral("log"), QStringLiteral("--format=%an <%ae>") })
                .trimmed(),
            QStringLiteral("New User <new@example.com>"));
        QCOMPARE(ui::RecentWorkspaces().mostRecent(), expected);
    }

    void withIdentityOpensSamplesAndNextStartReopensThem()
    {
        setGlobalIdentity(true);
        QTemporaryDir documents;
        // A non-empty folder of that name is never overwritten: the next free name is used.
        QVERIFY(test::writeFile(
            documents.filePath(QStringLiteral("Promptsmith Samples/mine.txt")), "keep me\n"));
        const QString expected = documents.filePath(QStringLiteral("Promptsmith Samples 2"));
        QCOMPARE(ui::MainWindow::firstStartFolder(documents.path()), expected);
        {
            ui::MainWindow window;
            window.show();
            window.start(options(documents.path()));
            QTRY_COMPARE_WITH_TIMEOUT(window.workspaceRoot(), expected, 10000);
            QVERIFY(!window.identityBar()->isVisible());
            QVERIFY(window.workspaceTree()->itemForPath(QStringLiteral("evals/hello.yaml")));
        }
        QCOMPARE(test::readFile(documents.filePath(QStringLiteral("Promptsmith Samples/mine.txt"))),
            QByteArray("keep me\n"));
        // Second start: the recent workspace, no new copy.
        ui::MainWindow again;
        again.start(options(documents.path()));
        QTRY_COMPARE_WITH_TIMEOUT(again.workspaceRoot(), expected, 10000);
        QVERIFY(!QFileInfo::exists(documents.filePath(QStringLiteral("Promptsmith Samples 3"))));
    }

    // The samples compiled in are the samples in the source tree, every file of them: a build
    // that lost the resource (or some of it) is the regression this test exists to catch, so it
    // fails rather than skips.
    void bundledSamplesMatchTheSourceTree()
    {
        const QDir source(QStringLiteral(PSM_SOURCE_DIR "/samples"));
        QVERIFY2(source.exists(), qPrintable(source.path()));
        QStringList expected;
        for (QDirIterator it(
                 source.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
             it.hasNext();) {
            const QString relative = source.relativeFilePath(it.next());
            if (relative != QLatin1String("CMakeLists.txt")) // the build recipe, not a sample
                expected.append(relative);
        }
        QVERIFY(expected.contains(QStringLiteral("promptsmith.yaml")));
        QStringList bundled;
        const QDir resource(QStringLiteral(":/samples"));
        for (QDirIterator it(
                 resource.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
             it.hasNext();)
            bundled.append(resource.relativeFilePath(it.next()));
        expected.sort();
        bundled.sort();
        QCOMPARE(bundled, expected);
        for (const QString &name : expected)
            QCOMPARE(
                test::readFile(resource.filePath(name)), test::readFile(source.filePath(name)));
    }

    void bundledSamplesAreTheDefault()
    {
        QVERIFY2(QFileInfo(QStringLiteral(":/samples/promptsmith.yaml")).exists(),
            "this build has no :/samples resource: the first start would have nothing to copy");
        setGlobalIdentity(true);
        QTemporaryDir documents;
        ui::StartupOptions o;
        o.samplesParent = documents.path();
        QCOMPARE(o.samplesDir, QStringLiteral(":/samples"));
        ui::MainWindow window;
        window.start(o);
        const QString expected = documents.filePath(QStringLiteral("Promptsmith Samples"));
        QTRY_COMPARE_WITH_TIMEOUT(window.workspaceRoot(), expected, 10000);
        int prompts = 0, partials = 0, evals = 0;
        for (QTreeWidgetItemIterator it(window.workspaceTree()); *it; ++it) {
            const QString path = (*it)->data(0, ui::WorkspaceTree::kPathRole).toString();
            prompts
                += path.endsWith(QLatin1String(".prompt")) && !path.contains(QLatin1String("/_"));
            partials += path.contains(QLatin1String("/_"));
            evals += path.startsWith(QLatin1String("evals/"));
        }
        QVERIFY(prompts >= 1);
        QVERIFY(partials >= 1);
        QVERIFY(evals >= 1);
        QVERIFY(window.workspaceTree()->itemForPath(QStringLiteral("promptsmith.yaml")));
        // Committed: nothing is marked as changed.
        QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QLabel *>(QStringLiteral("workspaceStatusLabel"))
                                     ->text()
                                     .contains(QStringLiteral("no uncommitted changes")),
            10000);
    }

    void missingRecentFallsBackToSamples()
    {
        setGlobalIdentity(true);
        QTemporaryDir documents;
        ui::RecentWorkspaces().add(documents.filePath(QStringLiteral("gone")));
        ui::MainWindow window;
        window.start(options(documents.path()));
        QTRY_COMPARE_WITH_TIMEOUT(window.workspaceRoot(),
            documents.filePath(QStringLiteral("Promptsmith Samples")), 10000);
    }
};

int main(int argc, char **argv)
{
    psm::test::isolateEnvironment();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("promptsmith-tst-firststart"));
    QApplication::setOrganizationName(QStringLiteral("Promptsmith"));
    TstFirstStart test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_firststart.moc"
