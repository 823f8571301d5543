// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// The editor helpers: completion, diagnostics marks, and the New prompt dialog.
#include "core/prompt/promptengine.h"
#include "ui/preview/editordiagnostics.h"
#include "ui/preview/newpromptdialog.h"
#include "ui/preview/promptcompleter.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace psm::ui;

class TstPromptEditorHelpers final : public QObject {
    Q_OBJECT

private slots:
    void completionContexts_data();
    void completionContexts();
    void completionPopupInserts();
    void partialsFromWorkspace();
    void diagnosticsUnderline();
    void newPromptWritesParseableFile();
    void newPromptRefusesBadInput();
};

void TstPromptEditorHelpers::completionContexts_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("expectContains");
    QTest::addColumn<QString>("expectMissing");
    QTest::newRow("variables after {{")
        << QStringLiteral("Hello {{") << QStringLiteral("ticket") << QStringLiteral("house_style");
    QTest::newRow("helpers after {{")
        << QStringLiteral("{{") << QStringLiteral("role") << QStringLiteral("each");
    QTest::newRow("prefix filters")
        << QStringLiteral("{{ti") << QStringLiteral("ticket") << QStringLiteral("role");
    QTest::newRow("media") << QStringLiteral("{{me") << QStringLiteral("media")
                           << QStringLiteral("ticket");
    QTest::newRow("blocks after {{#")
        << QStringLiteral("{{#") << QStringLiteral("each") << QStringLiteral("ticket");
    QTest::newRow("partials after {{>")
        << QStringLiteral("{{> ") << QStringLiteral("house_style") << QStringLiteral("ticket");
    QTest::newRow("outside tags nothing")
        << QStringLiteral("plain ti") << QString() << QStringLiteral("ticket");
    QTest::newRow("after closed tag nothing")
        << QStringLiteral("{{ticket}} ti") << QString() << QStringLiteral("ticket");
}

void TstPromptEditorHelpers::completionContexts()
{
    QFETCH(QString, typed);
    QFETCH(QString, expectContains);
    QFETCH(QString, expectMissing);
    QPlainTextEdit editor;
    PromptCompleter completer(&editor);
    completer.setVariables({ QStringLiteral("ticket"), QStringLiteral("product") });
    completer.setPartials({ QStringLiteral("house_style") });
    editor.setPlainText(typed);
    editor.moveCursor(QTextCursor::End);
    const QStringList candidates = completer.currentCandidates();
    if (!expectContains.isEmpty())
        QVERIFY2(candidates.contains(expectContains), qPrintable(candidates.join(u',')));
    else
        QVERIFY2(candidates.isEmpty(), qPrintable(candidates.join(u',')));
    QVERIFY(!candidates.contains(expectMissing));
}

void TstPromptEditorHelpers::completionPopupInserts()
{
    QPlainTextEdit editor;
    auto *completer = new PromptCompleter(&editor);
    completer->setVariables({ QStringLiteral("ticket"), QStringLiteral("product") });
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    editor.setFocus();
    QTest::keyClicks(&editor, QStringLiteral("Hi {{tic"));
    QTRY_VERIFY(completer->completer()->popup()->isVisible());
    QCOMPARE(completer->completer()->currentCompletion(), QStringLiteral("ticket"));
    // Return takes the completion and does not add a new line.
    QTest::keyClick(completer->completer()->popup(), Qt::Key_Return);
    QTRY_COMPARE(editor.toPlainText(), QStringLiteral("Hi {{ticket"));
}

void TstPromptEditorHelpers::partialsFromWorkspace()
{
    QTemporaryDir root;
    QDir(root.path()).mkpath(QStringLiteral("prompts/support"));
    for (const QString &name : { QStringLiteral("prompts/_house_style.prompt"),
             QStringLiteral("prompts/support/_tone.prompt"),
             QStringLiteral("prompts/not_a_partial.prompt") }) {
        QFile file(root.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    QPlainTextEdit editor;
    PromptCompleter completer(&editor);
    completer.setWorkspaceRoot(root.path());
    editor.setPlainText(QStringLiteral("{{>"));
    editor.moveCursor(QTextCursor::End);
    QCOMPARE(completer.currentCandidates(),
        (QStringList { QStringLiteral("house_style"), QStringLiteral("support/tone") }));
}

void TstPromptEditorHelpers::diagnosticsUnderline()
{
    QPlainTextEdit editor;
    editor.setPlainText(QStringLiteral("line one\n{{#if broken}}\nthree"));
    // An extra selection of the editor's own must survive ours.
    QTextEdit::ExtraSelection own;
    own.cursor = QTextCursor(editor.document());
    own.format.setBackground(Qt::yellow);
    editor.setExtraSelections({ own });

    auto *marks = new EditorDiagnostics(&editor);
    marks->setDiagnostics({ { 2, 4, QStringLiteral("if block not closed") } });
    const auto selections = editor.extraSelections();
    QCOMPARE(selections.size(), 2);
    const QTextEdit::ExtraSelection &mark = selections.last();
    QCOMPARE(mark.format.underlineStyle(), QTextCharFormat::WaveUnderline);
    QCOMPARE(mark.cursor.selectedText(), QStringLiteral("if"));
    QCOMPARE(marks->messageAt(mark.cursor.selectionStart()), QStringLiteral("if block not closed"));
    QVERIFY(marks->messageAt(0).isEmpty());

    // The editor wiping its selections (current-line highlight on a cursor move) gets ours back.
    editor.setExtraSelections({ own });
    editor.moveCursor(QTextCursor::End);
    QTRY_COMPARE(editor.extraSelections().size(), 2);

    // At a tag's start the whole tag is marked.
    marks->setDiagnostics({ { 2, 1, QStringLiteral("unclosed block") } });
    QCOMPARE(
        editor.extraSelections().last().cursor.selectedText(), QStringLiteral("{{#if broken}}"));

    marks->setDiagnostics({});
    QCOMPARE(editor.extraSelections().size(), 1);
    // Lines beyond the end are ignored rather than crashing.
    marks->setDiagnostics({ { 99, 1, QStringLiteral("gone") } });
    QCOMPARE(editor.extraSelections().size(), 1);
}

void TstPromptEditorHelpers::newPromptWritesParseableFile()
{
    QTemporaryDir root;
    NewPromptDialog dialog(
        root.path(), { QStringLiteral("echo/echo"), QStringLiteral("openai/gpt-4o-mini") });
    auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(!ok->isEnabled()); // no name yet
    dialog.findChild<QLineEdit *>(QStringLiteral("newPromptName"))
        ->setText(QStringLiteral("support/triage"));
    dialog.findChild<QComboBox *>(QStringLiteral("newPromptModel"))
        ->setCurrentText(QStringLiteral("openai/gpt-4o-mini"));
    dialog.findChild<QPlainTextEdit *>(QStringLiteral("newPromptInputSchema"))
        ->setPlainText(QStringLiteral("ticket: string\nproduct?: string"));
    QVERIFY2(ok->isEnabled(),
        qPrintable(dialog.findChild<QLabel *>(QStringLiteral("newPromptStatus"))->text()));
    ok->click();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.createdPath(), QStringLiteral("prompts/support/triage.prompt"));

    QFile file(root.filePath(dialog.createdPath()));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(!bytes.contains('\r'));
    auto prompt = psm::core::parsePrompt(bytes.toStdString(), dialog.createdPath());
    QVERIFY(prompt.has_value());
    QCOMPARE(prompt->metadata["model"].get<std::string>(), std::string("openai/gpt-4o-mini"));
    psm::core::PromptEngine engine;
    QCOMPARE(engine.variablesUsed(*prompt).value(),
        (QStringList { QStringLiteral("ticket"), QStringLiteral("product") }));

    // The same name again is refused: nothing is overwritten.
    NewPromptDialog second(root.path(), {});
    second.findChild<QLineEdit *>(QStringLiteral("newPromptName"))
        ->setText(QStringLiteral("support/triage"));
    QVERIFY(!second.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
    QVERIFY(second.findChild<QLabel *>(QStringLiteral("newPromptStatus"))
                ->text()
                .contains(QStringLiteral("already exists")));
}

void TstPromptEditorHelpers::newPromptRefusesBadInput()
{
    QTemporaryDir root;
    NewPromptDialog dialog(root.path(), {});
    auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    auto *status = dialog.findChild<QLabel *>(QStringLiteral("newPromptStatus"));
    dialog.findChild<QLineEdit *>(QStringLiteral("newPromptName"))->setText(QStringLiteral("ok"));
    dialog.findChild<QPlainTextEdit *>(QStringLiteral("newPromptOutputSchema"))
        ->setPlainText(QStringLiteral("x: [unclosed"));
    QVERIFY(!ok->isEnabled());
    QVERIFY2(status->text().contains(QStringLiteral("output schema")), qPrintable(status->text()));
    dialog.findChild<QPlainTextEdit *>(QStringLiteral("newPromptOutputSchema"))->clear();
    dialog.findChild<QLineEdit *>(QStringLiteral("newPromptName"))
        ->setText(QStringLiteral("../escape"));
    QVERIFY(!ok->isEnabled());
    QVERIFY(QDir(root.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
}

QTEST_MAIN(TstPromptEditorHelpers)
#include "tst_prompteditorhelpers.moc"
