// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// Text that did not come from our own code — render errors quoting a user's template, run
// errors quoting a response body, commit messages, log entries — shows literally: labels are
// Qt::PlainText and tooltips are escaped, so `<b>bold</b><img src=x>` keeps its tags.
#include "tests/ui/uitestsupport.h"
#include "ui/historypanel.h"
#include "ui/logpanel.h"
#include "ui/plaintext.h"
#include "ui/preview/editordiagnostics.h"
#include "ui/preview/promptpreviewpane.h"
#include "ui/recoverybar.h"
#include "ui/run/runpanel.h"

#include <QApplication>
#include <QDateTime>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTextDocumentFragment>
#include <QTextEdit>

using namespace psm;

namespace {

const QString kHostile = QStringLiteral("<b>bold</b><img src=x>");

// What a user reads in a tooltip: Qt renders it as rich text when it looks like HTML.
QString shownToolTip(const QString &toolTip)
{
    return Qt::mightBeRichText(toolTip) ? QTextDocumentFragment::fromHtml(toolTip).toPlainText()
                                        : toolTip;
}

} // namespace

class TstPlainText final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init() { test::resetSettings(); }

    void toolTipsShowTheTextLiterally()
    {
        const QString text = kHostile + QStringLiteral("\n  indented & <i>more</i>");
        QCOMPARE(shownToolTip(ui::plainToolTip(text)), text);
        QCOMPARE(ui::plainToolTip(QString()), QString()); // still hides the tooltip
    }

    // A render error quotes the template: the preview's error label shows it as text.
    void previewErrorIsPlainText()
    {
        ui::PromptPreviewPane pane;
        pane.setDebounceMs(0);
        QSignalSpy rendered(&pane, &ui::PromptPreviewPane::rendered);
        pane.setPromptText(QStringLiteral("{{> \"") + kHostile + QStringLiteral("\"}}"));
        QVERIFY(rendered.wait(5000));
        auto *label = pane.findChild<QLabel *>(QStringLiteral("previewErrorLabel"));
        QVERIFY(label);
        QVERIFY2(pane.errorText().contains(kHostile), qPrintable(pane.errorText()));
        QCOMPARE(label->textFormat(), Qt::PlainText);
    }

    // The run panel's error label (which may hold 4 KB of an HTML error page) is plain text.
    void runErrorIsPlainText()
    {
        QTemporaryDir dir;
        QVERIFY(test::writeFile(dir.filePath(QStringLiteral("prompts/x.prompt")), "Hi"));
        qputenv("PROMPTSMITH_LEDGER", dir.filePath(QStringLiteral("ledger.sqlite3")).toUtf8());
        run::RunEngineOptions options;
        options.useKeychain = false;
        ui::RunPanel panel(options);
        panel.setPrompt(dir.path(), QStringLiteral("prompts/x.prompt"));
        panel.setTextProvider([] {
            return QStringLiteral("---\nmodel: echo/echo\n---\n{{> \"") + kHostile
                + QStringLiteral("\"}}");
        });
        panel.findChild<QPushButton *>(QStringLiteral("runButton"))->click();
        auto *error = panel.findChild<QLabel *>(QStringLiteral("runError"));
        QTRY_VERIFY_WITH_TIMEOUT(error->text().contains(kHostile), 5000);
        QCOMPARE(error->textFormat(), Qt::PlainText);
    }

    // A commit message is git text: the history's tooltip and diff title show it literally.
    void commitSummaryIsPlainText()
    {
        test::ScratchWorkspace scratch;
        QVERIFY(scratch.isValid());
        QVERIFY(test::writeFile(scratch.path(QStringLiteral("prompts/greet.prompt")), "Changed\n"));
        test::git(scratch.root(), { QStringLiteral("commit"), QStringLiteral("-qam"), kHostile });
        ui::LogPanel log;
        ui::HistoryPanel history(&log);
        QSignalSpy loaded(&history, &ui::HistoryPanel::historyLoaded);
        history.setWorkspace(scratch.root());
        history.setFile(QStringLiteral("prompts/greet.prompt"));
        QTRY_COMPARE_WITH_TIMEOUT(history.commits().size(), 2, 10000);
        auto *list = history.findChild<QListWidget *>(QStringLiteral("historyList"));
        QVERIFY(list->item(0)->text().contains(kHostile));
        QVERIFY2(shownToolTip(list->item(0)->toolTip()).contains(kHostile),
            qPrintable(list->item(0)->toolTip()));
        list->item(0)->setSelected(true);
        auto *title = history.findChild<QLabel *>(QStringLiteral("diffTitle"));
        QTRY_VERIFY_WITH_TIMEOUT(!title->text().isEmpty(), 10000);
        QCOMPARE(title->textFormat(), Qt::PlainText);
        QCOMPARE(shownToolTip(title->toolTip()), title->text());
    }

    // Log entries keep tags literally (the log is HTML, so the text is escaped into it).
    void logEntriesArePlainText()
    {
        ui::LogPanel log;
        log.error(kHostile);
        auto *view = log.findChild<QTextEdit *>();
        QVERIFY(view);
        QVERIFY2(view->toPlainText().contains(kHostile), qPrintable(view->toPlainText()));
    }

    // The error mark's tooltip in the editor quotes the template too.
    // Our own bars keep their markup (a bold lead-in): their labels are rich text, and the
    // file names inside are escaped, so a hostile name shows literally and nothing renders.
    void recoveryBarEscapesNamesInsideItsMarkup()
    {
        ui::RecoveryBar bar;
        const QString name = QStringLiteral("prompts/") + kHostile + QStringLiteral(".prompt");
        bar.offer({ core::Draft { QStringLiteral("/w"), name, QStringLiteral("text"), {},
            QDateTime::currentDateTime() } });
        const auto labels = bar.findChildren<QLabel *>();
        const auto label = std::find_if(labels.begin(), labels.end(),
            [](const QLabel *l) { return l->text().contains(QLatin1String("Recover")); });
        QVERIFY(label != labels.end());
        QCOMPARE((*label)->textFormat(), Qt::RichText);
        const QString shown = QTextDocumentFragment::fromHtml((*label)->text()).toPlainText();
        QVERIFY2(shown.contains(name), qPrintable(shown));
        QVERIFY2(!shown.contains(QLatin1String("<b>Recover")), qPrintable(shown));
    }

    void diagnosticToolTipIsEscaped()
    {
        QPlainTextEdit editor;
        editor.setPlainText(QStringLiteral("line one\nline two"));
        auto *marks = new ui::EditorDiagnostics(&editor);
        marks->setDiagnostics({ core::Diagnostic { 1, 1, kHostile } });
        bool found = false;
        for (const auto &selection : editor.extraSelections()) {
            if (selection.format.toolTip().isEmpty())
                continue;
            QCOMPARE(shownToolTip(selection.format.toolTip()), kHostile);
            found = true;
        }
        QVERIFY(found);
    }
};

int main(int argc, char **argv)
{
    psm::test::isolateEnvironment();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("promptsmith-tst-plaintext"));
    QApplication::setOrganizationName(QStringLiteral("Promptsmith"));
    TstPlainText test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_plaintext.moc"
