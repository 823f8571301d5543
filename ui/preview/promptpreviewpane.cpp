// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/preview/promptpreviewpane.h"

#include "core/prompt/frontmatteredit.h"
#include "core/prompt/jsvalue.h"
#include "core/prompt/tokenestimate.h"
#include "ui/preview/variablesform.h"
#include "ui/preview/variablestore.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSplitter>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace psm::ui {
namespace {

using Json = nlohmann::ordered_json;

QString text(const Json &value)
{
    return QString::fromStdString(core::js::toDisplay(&value));
}

QString text(const Json *value)
{
    return QString::fromStdString(core::js::toDisplay(value));
}

QString messagesHtml(const Json &messages)
{
    QString html;
    for (const Json &message : messages) {
        // History messages come from the user's file as they are: read without throwing.
        const Json *role = core::js::property(&message, "role");
        QString heading = role ? text(*role) : QStringLiteral("?");
        const Json *metadata = core::js::property(&message, "metadata");
        if (const Json *purpose = core::js::property(metadata, "purpose"))
            heading += QStringLiteral(" (") + text(*purpose) + QLatin1Char(')');
        html += QStringLiteral("<p style='margin-top:8px;margin-bottom:2px'><b>")
            + heading.toHtmlEscaped() + QStringLiteral("</b></p>");
        const Json *content = core::js::property(&message, "content");
        if (!content || !content->is_array())
            continue;
        for (const Json &part : *content) {
            QString marker;
            if (part.contains("text")) {
                html += QStringLiteral("<pre style='white-space:pre-wrap;margin:0'>")
                    + text(part["text"]).toHtmlEscaped() + QStringLiteral("</pre>");
                continue;
            }
            if (part.contains("media")) {
                const Json media = part["media"];
                marker = QStringLiteral("[media: ") + text(core::js::property(&media, "url"));
                if (media.contains("contentType"))
                    marker += QStringLiteral(" (") + text(media["contentType"]) + QLatin1Char(')');
                marker += QLatin1Char(']');
            } else if (part.contains("metadata")) {
                marker = QStringLiteral("[section: ")
                    + text(core::js::property(&part["metadata"], "purpose")) + QLatin1Char(']');
            } else {
                marker = QString::fromStdString(core::js::stringify(&part));
            }
            html += QStringLiteral("<p style='margin:0'><i>") + marker.toHtmlEscaped()
                + QStringLiteral("</i></p>");
        }
    }
    return html;
}

} // namespace

PromptPreviewPane::PromptPreviewPane(QWidget *parent)
    : QWidget(parent)
    , m_model(new QLineEdit(this))
    , m_tokens(new QLabel(this))
    , m_error(new QLabel(this))
    , m_messages(new QTextBrowser(this))
    , m_form(new VariablesForm)
    , m_debounce(new QTimer(this))
    , m_store(std::make_shared<VariableStore>())
{
    setObjectName(QStringLiteral("promptPreviewPane"));
    m_model->setObjectName(QStringLiteral("previewModelEdit"));
    m_model->setPlaceholderText(tr("provider/model (front matter model:)"));
    m_model->setToolTip(tr("Changes the model: line of the front matter in place"));
    m_tokens->setObjectName(QStringLiteral("previewTokenLabel"));
    m_tokens->setToolTip(core::tokenEstimateExplanation());
    m_error->setObjectName(QStringLiteral("previewErrorLabel"));
    m_error->setTextFormat(Qt::PlainText); // errors quote the user's file
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    m_messages->setObjectName(QStringLiteral("previewMessages"));
    m_messages->setOpenLinks(false);
    m_messages->setPlaceholderText(tr("The rendered messages appear here."));

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Model:"), this));
    top->addWidget(m_model, 1);
    top->addWidget(m_tokens);

    auto *scroll = new QScrollArea;
    scroll->setObjectName(QStringLiteral("previewVariablesScroll"));
    scroll->setWidgetResizable(true);
    scroll->setWidget(m_form);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(scroll);
    splitter->addWidget(m_messages);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({ 160, 480 }); // the messages are what the pane is for

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_error);
    layout->addWidget(splitter, 1);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    connect(m_debounce, &QTimer::timeout, this, &PromptPreviewPane::startRender);
    connect(&m_watcher, &QFutureWatcher<core::PromptRender>::finished, this, [this] {
        const core::PromptRender result = m_watcher.result();
        if (m_runningGeneration == m_generation)
            showResult(result);
        else
            startRender(); // stale: the text or variables changed meanwhile
    });
    connect(m_form, &VariablesForm::valuesChanged, this, [this] {
        rememberValues();
        scheduleRender();
    });
    connect(m_model, &QLineEdit::editingFinished, this, &PromptPreviewPane::applyModelField);
}

PromptPreviewPane::~PromptPreviewPane()
{
    // No waiting: the worker owns copies of everything it reads, so it can finish after us.
    m_watcher.disconnect(this);
    cancelRunningRender();
}

void PromptPreviewPane::cancelRunningRender()
{
    if (m_cancel)
        m_cancel->store(true, std::memory_order_relaxed);
}

void PromptPreviewPane::setDebounceMs(int ms)
{
    m_debounce->setInterval(ms);
}

void PromptPreviewPane::setVariableStore(std::shared_ptr<VariableStore> store)
{
    m_store = std::move(store);
}

void PromptPreviewPane::setPrompt(const QString &workspaceRoot, const QString &relativePath)
{
    m_root = workspaceRoot;
    m_path = relativePath;
    // Fields are rebuilt from the next render; restore the values once they exist.
    m_form->blockSignals(true);
    m_form->setFields(Json(), {});
    m_form->blockSignals(false);
    m_pendingValues = m_store ? m_store->load(m_root, m_path) : Json::object();
    scheduleRender();
}

void PromptPreviewPane::setEditor(QPlainTextEdit *editor)
{
    disconnect(m_editorConnection);
    m_editor = editor;
    if (!editor)
        return;
    m_editorConnection = connect(editor, &QPlainTextEdit::textChanged, this,
        [this] { setPromptText(m_editor->toPlainText()); });
    setPromptText(editor->toPlainText());
}

void PromptPreviewPane::setPromptText(const QString &text)
{
    m_text = text;
    scheduleRender();
}

void PromptPreviewPane::scheduleRender()
{
    ++m_generation;
    // The render in flight is for older text or values: stop it; its finished handler starts
    // a fresh one for the newest generation.
    if (m_watcher.isRunning())
        cancelRunningRender();
    m_debounce->start();
}

Json PromptPreviewPane::variableValues() const
{
    return m_pendingValues.is_object() && !m_pendingValues.empty() ? m_pendingValues
                                                                   : m_form->values();
}

void PromptPreviewPane::startRender()
{
    if (m_watcher.isRunning())
        return; // the finished handler sees the newer generation and starts again
    core::PromptRenderRequest request;
    request.text = m_text;
    request.fileName = m_path.isEmpty() ? QStringLiteral("untitled.prompt") : m_path;
    request.workspaceRoot = m_root;
    request.input = variableValues();
    request.validation = core::InputValidation::Warn;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_runningGeneration = m_generation;
    // The lambda keeps the flag alive for as long as the worker runs. renderPrompt is noexcept,
    // so nothing can reach the GUI thread as QUnhandledException.
    m_watcher.setFuture(QtConcurrent::run([request, cancel = m_cancel]() mutable {
        request.limits.cancel = cancel.get();
        return core::renderPrompt(request);
    }));
}

void PromptPreviewPane::showResult(const core::PromptRender &result)
{
    const bool diagnosticsChangedNow = result.diagnostics != m_result.diagnostics;
    m_result = result;

    m_form->blockSignals(true);
    m_form->setFields(result.inputSchema, result.variablesUsed);
    m_form->setDefaults(result.inputDefaults);
    if (m_pendingValues.is_object() && !m_pendingValues.empty()) {
        m_form->setValues(m_pendingValues);
        m_pendingValues = Json::object();
    }
    m_form->blockSignals(false);

    if (!m_model->hasFocus())
        m_model->setText(result.model);
    QStringList problems;
    if (!result.ok())
        problems << result.rendered.error().toString();
    if (const QString jsonError = m_form->validationError(); !jsonError.isEmpty())
        problems << jsonError;
    // Red when the preview cannot render; amber when it rendered and only warns (a required
    // variable not filled in yet is the usual case, and not an error in the file).
    const bool onlyWarnings = problems.isEmpty();
    m_error->setStyleSheet(onlyWarnings
            ? QStringLiteral("QLabel { color: black; background: #f2c14e; padding: 4px; }")
            : QStringLiteral("QLabel { color: white; background: #b3261e; padding: 4px; }"));
    // Dotprompt renders input that breaks the schema, and so does the preview; it says so.
    for (const core::Error &warning : result.warnings)
        problems << tr("warning: %1").arg(warning.toString());
    m_error->setText(problems.join(QLatin1Char('\n')));
    m_error->setVisible(!problems.isEmpty());
    if (!result.ok()) {
        m_tokens->clear();
    } else {
        m_messages->setHtml(messagesHtml(result.rendered->messages()));
        m_tokens->setText(tr("≈ %L1 tokens (estimate)").arg(result.tokenEstimate));
    }
    if (diagnosticsChangedNow)
        Q_EMIT diagnosticsChanged(m_result.diagnostics);
    Q_EMIT rendered();
}

QString PromptPreviewPane::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString PromptPreviewPane::messagesText() const
{
    return m_messages->toPlainText();
}

void PromptPreviewPane::rememberValues()
{
    if (m_store && !m_path.isEmpty())
        m_store->save(m_root, m_path, m_form->values());
}

void PromptPreviewPane::applyModelField()
{
    const QString model = m_model->text().trimmed();
    if (model.isEmpty() || model == m_result.model)
        return;
    auto edited
        = core::setFrontMatterScalar(m_text, QStringLiteral("model"), core::yamlQuoted(model));
    if (!edited) {
        m_error->setText(edited.error().toString());
        m_error->show();
        return;
    }
    if (m_editor) {
        // One undoable step that keeps the scroll position (QPlainTextEdit::setPlainText would
        // clear the undo stack).
        // Replace only the changed span: one undoable step, the caret and scroll stay put.
        const QString current = m_editor->toPlainText();
        qsizetype prefix = 0;
        const qsizetype limit = std::min(current.size(), edited->size());
        while (prefix < limit && current.at(prefix) == edited->at(prefix))
            ++prefix;
        qsizetype suffix = 0;
        while (suffix < limit - prefix
            && current.at(current.size() - 1 - suffix) == edited->at(edited->size() - 1 - suffix))
            ++suffix;
        QTextCursor cursor(m_editor->document());
        cursor.beginEditBlock();
        cursor.setPosition(int(prefix));
        cursor.setPosition(int(current.size() - suffix), QTextCursor::KeepAnchor);
        cursor.insertText(edited->mid(prefix, edited->size() - prefix - suffix));
        cursor.endEditBlock();
    } else {
        setPromptText(*edited);
    }
    Q_EMIT promptTextEdited(*edited);
}

} // namespace psm::ui
