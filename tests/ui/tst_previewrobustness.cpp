// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Whatever a user types into a prompt's front matter, the window stays up and the preview shows
// an error or a render (issue 10: `model: ` killed the GUI with QUnhandledException); a render
// that would take forever never holds the window when it closes.
#include "uitestsupport.h"

#include "tests/support/frontmattervalues.h"

#include "ui/codeeditor.h"
#include "ui/editortabs.h"
#include "ui/mainwindow.h"
#include "ui/preview/promptpreviewpane.h"
#include "ui/workbench/promptworkbench.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>

using namespace psm;

namespace {

const QString kPath = QStringLiteral("prompts/user.prompt");
const QString kBody = QStringLiteral("{{role \"user\"}}Hello {{name}}.");

} // namespace

class TstPreviewRobustness final : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<test::ScratchWorkspace> m_scratch;

    std::unique_ptr<ui::MainWindow> openWindow()
    {
        auto window = std::make_unique<ui::MainWindow>();
        window->show();
        ui::StartupOptions options;
        options.workspace = m_scratch->root();
        window->start(options);
        if (!QTest::qWaitFor([&] { return window->workspaceRoot() == m_scratch->root(); }, 10000))
            return nullptr;
        window->workbench()->previewPane()->setDebounceMs(10);
        return window;
    }

    // Waits for the preview to show a result for the editor's current text: `rendered` is only
    // emitted for the newest generation, so one after the last change reflects it.
    static bool waitForPreview(QSignalSpy &rendered)
    {
        return rendered.wait(10000) || !rendered.isEmpty();
    }

    static bool previewShowsErrorOrRender(ui::PromptPreviewPane *preview)
    {
        return !preview->errorText().isEmpty()
            || preview->messagesText().contains(QStringLiteral("Hello"));
    }

    // After an edit: the window is up and the preview shows an error about the file or a
    // render — not the catch-all that would mean an exception got through.
    static void checkSurvived(
        ui::MainWindow *window, ui::PromptPreviewPane *preview, QSignalSpy &rendered)
    {
        rendered.clear();
        QVERIFY(waitForPreview(rendered));
        QVERIFY(window->isVisible());
        QVERIFY2(previewShowsErrorOrRender(preview),
            qPrintable(preview->errorText() + QLatin1Char('|') + preview->messagesText()));
        QVERIFY2(!preview->errorText().contains(QStringLiteral("a bug in Promptsmith")),
            qPrintable(preview->errorText()));
        window->editorTabs()->revert(window->editorTabs()->currentIndex());
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_scratch = std::make_unique<test::ScratchWorkspace>();
        QVERIFY(m_scratch->isValid());
        QVERIFY(test::writeFile(
            m_scratch->path(kPath), (QStringLiteral("---\n\n---\n") + kBody).toUtf8()));
        // Partials that each include the next one twice: 2^40 statements (a partial including
        // itself is caught as a cycle at once; a chain of distinct ones is not).
        const int chain = 40;
        for (int i = 0; i < chain; ++i) {
            const QByteArray next = QByteArray::number(i + 1);
            QVERIFY(test::writeFile(m_scratch->path(QStringLiteral("prompts/_d%1.prompt").arg(i)),
                "x{{> d" + next + "}}{{> d" + next + "}}"));
        }
        QVERIFY(test::writeFile(
            m_scratch->path(QStringLiteral("prompts/_d%1.prompt").arg(chain)), "x"));
        QVERIFY(
            test::writeFile(m_scratch->path(QStringLiteral("prompts/bomb.prompt")), "{{> d0}}"));
        // A front matter with bytes that are not UTF-8 inside config:.
        QVERIFY(test::writeFile(m_scratch->path(QStringLiteral("prompts/bytes.prompt")),
            QByteArray("---\nconfig:\n  stop: \"\xff\xfe\x80\"\n  \xc3: 1\n---\n")
                + kBody.toUtf8()));
    }
    void cleanupTestCase() { m_scratch.reset(); }

    // Each value is typed key by key into the empty front matter line, so every prefix of it
    // (`m`, `mo`, …, `model:`) is rendered on the way too.
    void typedValuesKeepTheWindowUp_data()
    {
        QTest::addColumn<QString>("typed");
        for (const QString &value : test::hostileFrontMatter())
            QTest::newRow(qPrintable(value)) << value;
    }
    void typedValuesKeepTheWindowUp()
    {
        QFETCH(QString, typed);
        auto window = openWindow();
        QVERIFY(window);
        QVERIFY(window->editorTabs()->openFile(kPath));
        ui::CodeEditor *editor = window->editorTabs()->currentEditor();
        ui::PromptPreviewPane *preview = window->workbench()->previewPane();
        QTRY_VERIFY_WITH_TIMEOUT(previewShowsErrorOrRender(preview), 10000);

        QTextCursor cursor(editor->document()->findBlockByNumber(1));
        editor->setTextCursor(cursor);
        editor->setFocus();
        QSignalSpy rendered(preview, &ui::PromptPreviewPane::rendered);
        for (const QChar c : typed) {
            QTest::keyClicks(editor, QString(c));
            QCoreApplication::processEvents(); // renders of the prefixes run as the user types
        }
        QCOMPARE(editor->document()->findBlockByNumber(1).text(), typed);
        checkSurvived(window.get(), preview, rendered);
    }

    // Bytes that are not UTF-8 in the file, and a lone surrogate typed into the editor.
    void badUtf8KeepsTheWindowUp()
    {
        auto window = openWindow();
        QVERIFY(window);
        QVERIFY(window->editorTabs()->openFile(QStringLiteral("prompts/bytes.prompt")));
        ui::PromptPreviewPane *preview = window->workbench()->previewPane();
        QTRY_VERIFY_WITH_TIMEOUT(previewShowsErrorOrRender(preview), 10000);
        ui::CodeEditor *editor = window->editorTabs()->currentEditor();
        QSignalSpy rendered(preview, &ui::PromptPreviewPane::rendered);
        QTextCursor cursor(editor->document()->findBlockByNumber(1));
        cursor.movePosition(QTextCursor::EndOfBlock);
        cursor.insertText(QStringLiteral(" ") + QChar(0xD800));
        checkSurvived(window.get(), preview, rendered);
    }

    // Partials that double the work at each level would render for ages: the preview ends the
    // render at the work limit with an error that says so.
    void doublingPartialEndsWithTheLimit()
    {
        auto window = openWindow();
        QVERIFY(window);
        QVERIFY(window->editorTabs()->openFile(QStringLiteral("prompts/bomb.prompt")));
        ui::PromptPreviewPane *preview = window->workbench()->previewPane();
        QTRY_VERIFY_WITH_TIMEOUT(
            preview->errorText().contains(QStringLiteral("limit on one render's work")), 30000);
    }

    // The window closes at once with such a render in flight: nothing waits for it.
    void closesWithoutWaitingForARender()
    {
        auto window = openWindow();
        QVERIFY(window);
        ui::PromptPreviewPane *preview = window->workbench()->previewPane();
        QSignalSpy rendered(preview, &ui::PromptPreviewPane::rendered);
        QVERIFY(window->editorTabs()->openFile(QStringLiteral("prompts/bomb.prompt")));
        QTest::qWait(200); // past the debounce: the render is running
        QVERIFY(rendered.isEmpty());
        QElapsedTimer timer;
        timer.start();
        window->close();
        window.reset();
        const qint64 elapsed = timer.elapsed();
        qInfo("closed with a render in flight in %lld ms", elapsed);
        QVERIFY2(elapsed < 2000, qPrintable(QString::number(elapsed)));
    }
};

int main(int argc, char **argv)
{
    psm::test::isolateEnvironment();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("promptsmith-tst-previewrobustness"));
    QApplication::setOrganizationName(QStringLiteral("Promptsmith"));
    TstPreviewRobustness test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_previewrobustness.moc"
