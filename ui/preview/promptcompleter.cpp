// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/preview/promptcompleter.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QDir>
#include <QDirIterator>
#include <QKeyEvent>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QStringListModel>
#include <QTextBlock>

namespace psm::ui {
namespace {

bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('.')
        || c == QLatin1Char('/') || c == QLatin1Char('@') || c == QLatin1Char('-')
        || c == QLatin1Char('$');
}

} // namespace

PromptCompleter::PromptCompleter(QPlainTextEdit *editor)
    : QObject(editor)
    , m_editor(editor)
    , m_completer(new QCompleter(this))
    , m_model(new QStringListModel(this))
{
    setObjectName(QStringLiteral("promptCompleter"));
    m_completer->setModel(m_model);
    m_completer->setWidget(editor);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->popup()->setObjectName(QStringLiteral("promptCompleterPopup"));
    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this,
        &PromptCompleter::insertCompletion);
    editor->installEventFilter(this);
    // Filters installed later run first: take Return/Tab before QCompleter forwards them to the
    // editor, which would insert a new line.
    m_completer->popup()->installEventFilter(this);
}

QStringList PromptCompleter::helperNames()
{
    return { QStringLiteral("role"), QStringLiteral("history"), QStringLiteral("media"),
        QStringLiteral("section"), QStringLiteral("json"), QStringLiteral("ifEquals"),
        QStringLiteral("unlessEquals"), QStringLiteral("lookup"), QStringLiteral("else") };
}

QStringList PromptCompleter::blockHelperNames()
{
    return { QStringLiteral("if"), QStringLiteral("unless"), QStringLiteral("each"),
        QStringLiteral("with"), QStringLiteral("ifEquals"), QStringLiteral("unlessEquals") };
}

void PromptCompleter::setVariables(const QStringList &variables)
{
    m_variables = variables;
}

void PromptCompleter::setPartials(const QStringList &partials)
{
    m_partials = partials;
}

void PromptCompleter::setWorkspaceRoot(const QString &root)
{
    QStringList partials;
    const QDir prompts(root + QStringLiteral("/prompts"));
    QDirIterator it(
        prompts.path(), { QStringLiteral("_*.prompt") }, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString relative = prompts.relativeFilePath(it.next());
        const qsizetype slash = relative.lastIndexOf(QLatin1Char('/'));
        QString name = relative.mid(slash + 2); // drop the leading `_`
        name.chop(int(sizeof(".prompt") - 1));
        partials.append(slash < 0 ? name : relative.left(slash + 1) + name);
    }
    partials.sort();
    setPartials(partials);
}

PromptCompleter::Context PromptCompleter::contextAtCursor(QString *prefix) const
{
    if (!m_editor)
        return Context::None;
    const QTextCursor cursor = m_editor->textCursor();
    const QString line = cursor.block().text().left(cursor.positionInBlock());
    qsizetype start = line.size();
    while (start > 0 && isNameChar(line.at(start - 1)))
        --start;
    *prefix = line.mid(start);
    qsizetype pos = start;
    while (pos > 0 && line.at(pos - 1) == QLatin1Char(' '))
        --pos;
    if (pos >= 3 && line.mid(pos - 3, 3) == QLatin1String("{{>"))
        return Context::Partial;
    if (pos >= 3 && line.mid(pos - 3, 3) == QLatin1String("{{#"))
        return Context::Block;
    // Plain `{{` (not `{{{` handled the same) directly before the name.
    if (start >= 2 && line.mid(start - 2, 2) == QLatin1String("{{"))
        return Context::Expression;
    return Context::None;
}

QStringList PromptCompleter::candidatesFor(Context context) const
{
    switch (context) {
    case Context::Partial:
        return m_partials;
    case Context::Block:
        return blockHelperNames();
    case Context::Expression: {
        QStringList all = m_variables;
        for (const QString &helper : helperNames()) {
            if (!all.contains(helper))
                all.append(helper);
        }
        return all;
    }
    case Context::None:
        break;
    }
    return {};
}

QStringList PromptCompleter::currentCandidates() const
{
    QString prefix;
    QStringList out;
    for (const QString &candidate : candidatesFor(contextAtCursor(&prefix))) {
        if (candidate.startsWith(prefix, Qt::CaseInsensitive) && candidate != prefix)
            out.append(candidate);
    }
    return out;
}

void PromptCompleter::updateCompletion()
{
    QString prefix;
    const Context context = contextAtCursor(&prefix);
    const QStringList candidates = candidatesFor(context);
    if (context == Context::None || candidates.isEmpty()) {
        m_completer->popup()->hide();
        return;
    }
    m_model->setStringList(candidates);
    m_completer->setCompletionPrefix(prefix);
    if (m_completer->completionCount() == 0
        || (m_completer->completionCount() == 1 && m_completer->currentCompletion() == prefix)) {
        m_completer->popup()->hide();
        return;
    }
    m_completer->popup()->setCurrentIndex(m_completer->completionModel()->index(0, 0));
    QRect rect = m_editor->cursorRect();
    rect.setWidth(m_completer->popup()->sizeHintForColumn(0)
        + m_completer->popup()->verticalScrollBar()->sizeHint().width() + 8);
    m_completer->complete(rect);
}

void PromptCompleter::insertCompletion(const QString &completion)
{
    if (!m_editor)
        return;
    QTextCursor cursor = m_editor->textCursor();
    cursor.movePosition(
        QTextCursor::Left, QTextCursor::KeepAnchor, int(m_completer->completionPrefix().size()));
    cursor.insertText(completion);
    m_editor->setTextCursor(cursor);
}

bool PromptCompleter::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::KeyPress)
        return QObject::eventFilter(watched, event);
    auto *key = static_cast<QKeyEvent *>(event);
    QAbstractItemView *popup = m_completer->popup();
    if (watched == popup && popup->isVisible()) {
        switch (key->key()) {
        case Qt::Key_Enter:
        case Qt::Key_Return:
        case Qt::Key_Tab: {
            const QModelIndex current = popup->currentIndex();
            popup->hide();
            if (current.isValid())
                insertCompletion(current.data().toString());
            return true;
        }
        case Qt::Key_Escape:
            popup->hide();
            return true;
        default:
            return QObject::eventFilter(watched, event);
        }
    }
    if (watched != m_editor)
        return QObject::eventFilter(watched, event);
    if (m_completer->popup()->isVisible()) {
        switch (key->key()) {
        case Qt::Key_Enter:
        case Qt::Key_Return:
        case Qt::Key_Escape:
        case Qt::Key_Tab:
        case Qt::Key_Backtab:
            // The completer's popup acts on these; the editor must not also insert them.
            key->ignore();
            return true;
        default:
            break;
        }
    }
    const bool ctrlSpace = key->key() == Qt::Key_Space && (key->modifiers() & Qt::ControlModifier);
    if (ctrlSpace) {
        updateCompletion();
        return true;
    }
    if (!key->text().isEmpty() || key->key() == Qt::Key_Backspace) {
        // Look at the text after the editor has handled the key.
        QMetaObject::invokeMethod(this, &PromptCompleter::updateCompletion, Qt::QueuedConnection);
    }
    return QObject::eventFilter(watched, event);
}

} // namespace psm::ui
