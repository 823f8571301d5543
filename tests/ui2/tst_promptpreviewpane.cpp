// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/preview/promptpreviewpane.h"
#include "core/prompt/tokenestimate.h"
#include "ui/plaintext.h"
#include "ui/preview/variablesform.h"
#include "ui/preview/variablestore.h"

#include <QCheckBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace psm::ui;

namespace {

const QString kSample = QStringLiteral("---\n"
                                       "model: echo/echo # offline\n"
                                       "input:\n"
                                       "  schema:\n"
                                       "    ticket: string, the customer's message\n"
                                       "    count?: integer\n"
                                       "    ratio?: number\n"
                                       "    urgent?: boolean\n"
                                       "    tags?(array): string\n"
                                       "  default:\n"
                                       "    ticket: nothing yet\n"
                                       "---\n"
                                       "{{role \"system\"}}\n"
                                       "You triage tickets.\n"
                                       "{{role \"user\"}}\n"
                                       "Ticket: {{ticket}} {{extra}}\n");

void writeFile(const QString &path, const QString &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text.toUtf8());
}

} // namespace

class TstPromptPreviewPane final : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void rendersAndFollowsTyping();
    void showsErrorWithPosition();
    void warnsAboutInputThatBreaksTheSchema();
    void formFromSchemaAndRemembered();
    void partialsFromWorkspace();
    void modelFieldEditsFrontMatterInPlace();
    void tokenEstimate_data();
    void tokenEstimate();

private:
    QTemporaryDir m_dir;
};

void TstPromptPreviewPane::rendersAndFollowsTyping()
{
    auto store = std::make_shared<VariableStore>(m_dir.filePath(QStringLiteral("vars1.json")));
    PromptPreviewPane pane;
    pane.setVariableStore(store);
    QPlainTextEdit editor;
    editor.setPlainText(kSample);
    pane.setPrompt(m_dir.path(), QStringLiteral("prompts/triage.prompt"));
    pane.setEditor(&editor);
    QTRY_VERIFY_WITH_TIMEOUT(
        pane.messagesText().contains(QStringLiteral("Ticket: nothing yet")), 5000);
    QVERIFY(pane.messagesText().contains(QStringLiteral("system")));
    QVERIFY(pane.messagesText().contains(QStringLiteral("You triage tickets.")));
    auto *tokens = pane.findChild<QLabel *>(QStringLiteral("previewTokenLabel"));
    QVERIFY(tokens->text().contains(QStringLiteral("tokens (estimate)")));
    QVERIFY(!tokens->toolTip().isEmpty());

    // Typing: the preview follows after the debounce, without a manual refresh.
    QSignalSpy renders(&pane, &PromptPreviewPane::rendered);
    editor.moveCursor(QTextCursor::End);
    editor.setFocus();
    QTest::keyClicks(&editor, QStringLiteral("Thanks!"));
    QVERIFY(renders.isEmpty()); // debounced: nothing rendered synchronously
    QTRY_VERIFY_WITH_TIMEOUT(pane.messagesText().contains(QStringLiteral("Thanks!")), 5000);
    // A burst of keys renders once or twice, not once per key.
    QVERIFY2(renders.size() <= 2, qPrintable(QString::number(renders.size())));
}

// As `promptsmith render` does: the input is checked against input.schema, and a mismatch is a
// warning above a render that still happens (Dotprompt renders it), not a mark in the file.
void TstPromptPreviewPane::warnsAboutInputThatBreaksTheSchema()
{
    PromptPreviewPane pane;
    pane.setVariableStore(
        std::make_shared<VariableStore>(m_dir.filePath(QStringLiteral("v3.json"))));
    pane.setDebounceMs(10);
    pane.setPrompt(m_dir.path(), QStringLiteral("schema.prompt"));
    pane.setPromptText(QStringLiteral("---\ninput:\n  schema:\n    name: string\n---\nHi {{name}}!\n"));
    QTRY_VERIFY_WITH_TIMEOUT(pane.messagesText().contains(QStringLiteral("Hi !")), 5000);
    QVERIFY2(pane.errorText().startsWith(QStringLiteral("warning: schema.prompt:")),
        qPrintable(pane.errorText()));
    QVERIFY2(pane.errorText().contains(QStringLiteral("name")), qPrintable(pane.errorText()));
    QVERIFY(pane.diagnostics().isEmpty());
    // A warning is amber, not the red of a prompt that cannot render.
    auto *label = pane.findChild<QLabel *>(QStringLiteral("previewErrorLabel"));
    QVERIFY2(label->styleSheet().contains(QStringLiteral("#f2c14e")), qPrintable(label->styleSheet()));

    auto *name = qobject_cast<QPlainTextEdit *>(
        pane.variablesForm()->editorFor(QStringLiteral("name")));
    QVERIFY(name);
    name->setPlainText(QStringLiteral("Ada"));
    QTRY_VERIFY_WITH_TIMEOUT(pane.messagesText().contains(QStringLiteral("Hi Ada!")), 5000);
    QCOMPARE(pane.errorText(), QString());
}

void TstPromptPreviewPane::showsErrorWithPosition()
{
    PromptPreviewPane pane;
    pane.setVariableStore(
        std::make_shared<VariableStore>(m_dir.filePath(QStringLiteral("v2.json"))));
    pane.setDebounceMs(10);
    QSignalSpy diagnostics(&pane, &PromptPreviewPane::diagnosticsChanged);
    pane.setPrompt(m_dir.path(), QStringLiteral("broken.prompt"));
    pane.setPromptText(QStringLiteral("---\nmodel: echo/echo\n---\nHello\n{{#if x}}open\n"));
    QTRY_VERIFY_WITH_TIMEOUT(!diagnostics.isEmpty(), 5000);
    const auto list = diagnostics.last().first().value<QList<Diagnostic>>();
    QCOMPARE(list.size(), 1);
    QVERIFY2(list.first().line >= 5, qPrintable(QString::number(list.first().line)));
    auto *error = pane.findChild<QLabel *>(QStringLiteral("previewErrorLabel"));
    QVERIFY(error->isVisibleTo(&pane));
    QVERIFY2(error->styleSheet().contains(QStringLiteral("#b3261e")), qPrintable(error->styleSheet()));
    QVERIFY2(error->text().startsWith(QStringLiteral("broken.prompt:")), qPrintable(error->text()));
    QVERIFY(error->text().contains(QStringLiteral(":%1:").arg(list.first().line)));

    // Fixing it clears the error and the diagnostics.
    pane.setPromptText(QStringLiteral("---\nmodel: echo/echo\n---\nHello\n{{#if x}}open{{/if}}\n"));
    QTRY_VERIFY_WITH_TIMEOUT(diagnostics.last().first().value<QList<Diagnostic>>().isEmpty(), 5000);
    QVERIFY(!error->isVisibleTo(&pane));

    // YAML errors point into the front matter.
    pane.setPromptText(QStringLiteral("---\nmodel: [unclosed\n---\nHi\n"));
    QTRY_VERIFY_WITH_TIMEOUT(!pane.diagnostics().isEmpty(), 5000);
    QVERIFY(pane.diagnostics().first().line >= 2);
}

void TstPromptPreviewPane::formFromSchemaAndRemembered()
{
    const QString storePath = m_dir.filePath(QStringLiteral("vars3.json"));
    {
        PromptPreviewPane pane;
        pane.setVariableStore(std::make_shared<VariableStore>(storePath));
        pane.setDebounceMs(10);
        pane.setPrompt(m_dir.path(), QStringLiteral("prompts/triage.prompt"));
        pane.setPromptText(kSample);
        VariablesForm *form = pane.variablesForm();
        QTRY_COMPARE_WITH_TIMEOUT(form->fieldNames(),
            (QStringList { QStringLiteral("ticket"), QStringLiteral("count"),
                QStringLiteral("ratio"), QStringLiteral("urgent"), QStringLiteral("tags"),
                QStringLiteral("extra") }),
            5000);
        QVERIFY(qobject_cast<QPlainTextEdit *>(form->editorFor(QStringLiteral("ticket"))));
        QVERIFY(qobject_cast<QSpinBox *>(form->editorFor(QStringLiteral("count"))));
        QVERIFY(qobject_cast<QDoubleSpinBox *>(form->editorFor(QStringLiteral("ratio"))));
        QVERIFY(qobject_cast<QCheckBox *>(form->editorFor(QStringLiteral("urgent"))));
        QVERIFY(qobject_cast<QPlainTextEdit *>(form->editorFor(QStringLiteral("tags"))));
        QCOMPARE(form->editorFor(QStringLiteral("ticket"))->toolTip(),
            plainToolTip(QStringLiteral("the customer's message")));
        // An empty field shows the file's default, which is what renders.
        QCOMPARE(qobject_cast<QPlainTextEdit *>(form->editorFor(QStringLiteral("ticket")))
                     ->placeholderText(),
            QStringLiteral("default: nothing yet"));
        QCOMPARE(qobject_cast<QPlainTextEdit *>(form->editorFor(QStringLiteral("extra")))
                     ->placeholderText(),
            QStringLiteral("Used by the template; not in input.schema"));

        qobject_cast<QPlainTextEdit *>(form->editorFor(QStringLiteral("ticket")))
            ->setPlainText(QStringLiteral("My invoice is wrong"));
        qobject_cast<QSpinBox *>(form->editorFor(QStringLiteral("count")))->setValue(3);
        qobject_cast<QCheckBox *>(form->editorFor(QStringLiteral("urgent")))
            ->setCheckState(Qt::Checked);
        auto *tags = qobject_cast<QPlainTextEdit *>(form->editorFor(QStringLiteral("tags")));
        tags->setPlainText(QStringLiteral("[\"a\", "));
        QVERIFY(form->validationError().contains(QStringLiteral("tags")));
        tags->setPlainText(QStringLiteral("[\"a\", \"b\"]"));
        QVERIFY(form->validationError().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(
            pane.messagesText().contains(QStringLiteral("Ticket: My invoice is wrong")), 5000);
        const auto values = form->values();
        QCOMPARE(values["count"].get<int>(), 3);
        QCOMPARE(values["urgent"].get<bool>(), true);
        QCOMPARE(values["tags"].size(), size_t(2));
        QVERIFY(!values.contains("ratio")); // unset: left out so defaults apply
    }
    // The values live in the store, not in the prompt text; a new pane gets them back.
    QVERIFY(QFile::exists(storePath));
    PromptPreviewPane again;
    again.setVariableStore(std::make_shared<VariableStore>(storePath));
    again.setDebounceMs(10);
    again.setPrompt(m_dir.path(), QStringLiteral("prompts/triage.prompt"));
    again.setPromptText(kSample);
    QTRY_VERIFY_WITH_TIMEOUT(
        again.messagesText().contains(QStringLiteral("Ticket: My invoice is wrong")), 5000);
    QCOMPARE(qobject_cast<QSpinBox *>(again.variablesForm()->editorFor(QStringLiteral("count")))
                 ->value(),
        3);
    // Another prompt does not see them.
    PromptPreviewPane other;
    other.setVariableStore(std::make_shared<VariableStore>(storePath));
    other.setDebounceMs(10);
    other.setPrompt(m_dir.path(), QStringLiteral("prompts/other.prompt"));
    other.setPromptText(kSample);
    QTRY_VERIFY_WITH_TIMEOUT(
        other.messagesText().contains(QStringLiteral("Ticket: nothing yet")), 5000);
}

void TstPromptPreviewPane::partialsFromWorkspace()
{
    QTemporaryDir root;
    writeFile(root.filePath(QStringLiteral("prompts/_style.prompt")),
        QStringLiteral("Be brief, {{name}}."));
    PromptPreviewPane pane;
    pane.setVariableStore(
        std::make_shared<VariableStore>(m_dir.filePath(QStringLiteral("v4.json"))));
    pane.setDebounceMs(10);
    pane.setPrompt(root.path(), QStringLiteral("prompts/a.prompt"));
    pane.setPromptText(
        QStringLiteral("{{> style name=\"Ann\"}} Media: {{media url=\"https://x/y.png\"}}"
                       "{{section \"docs\"}}"));
    QTRY_VERIFY_WITH_TIMEOUT(pane.messagesText().contains(QStringLiteral("Be brief, Ann.")), 5000);
    QVERIFY(pane.messagesText().contains(QStringLiteral("[media: https://x/y.png]")));
    QVERIFY(pane.messagesText().contains(QStringLiteral("[section: docs]")));
}

void TstPromptPreviewPane::modelFieldEditsFrontMatterInPlace()
{
    PromptPreviewPane pane;
    pane.setVariableStore(
        std::make_shared<VariableStore>(m_dir.filePath(QStringLiteral("v5.json"))));
    pane.setDebounceMs(10);
    QPlainTextEdit editor;
    editor.setPlainText(kSample);
    pane.setPrompt(m_dir.path(), QStringLiteral("prompts/triage.prompt"));
    pane.setEditor(&editor);
    auto *model = pane.findChild<QLineEdit *>(QStringLiteral("previewModelEdit"));
    QTRY_COMPARE_WITH_TIMEOUT(model->text(), QStringLiteral("echo/echo"), 5000);
    model->setText(QStringLiteral("openai/gpt-4o-mini"));
    Q_EMIT model->editingFinished();
    QString expected = kSample;
    expected.replace(QStringLiteral("model: echo/echo # offline"),
        QStringLiteral("model: openai/gpt-4o-mini # offline"));
    QCOMPARE(editor.toPlainText(), expected);
    editor.undo(); // one undoable step
    QCOMPARE(editor.toPlainText(), kSample);
}

void TstPromptPreviewPane::tokenEstimate_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("tokens");
    QTest::newRow("empty") << QString() << 0;
    QTest::newRow("short words") << QStringLiteral("the cat sat") << 3;
    QTest::newRow("long word") << QStringLiteral("internationalization") << 5;
    QTest::newRow("punctuation") << QStringLiteral("Hi, you!") << 4;
}

void TstPromptPreviewPane::tokenEstimate()
{
    QFETCH(QString, text);
    QFETCH(int, tokens);
    QCOMPARE(psm::core::estimateTokens(text), tokens);
}

QTEST_MAIN(TstPromptPreviewPane)
#include "tst_promptpreviewpane.moc"
