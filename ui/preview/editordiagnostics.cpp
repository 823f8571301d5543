// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/preview/editordiagnostics.h"

#include "ui/plaintext.h"

#include <QHelpEvent>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QToolTip>

namespace psm::ui {
namespace {

// Marks our selections so the editor's own ones (current line, search hits) survive.
constexpr int kDiagnosticProperty = QTextFormat::UserProperty + 0x5053;

QTextCursor cursorFor(QTextDocument *document, const Diagnostic &diagnostic)
{
    const QTextBlock block = document->findBlockByNumber(std::max(diagnostic.line, 1) - 1);
    if (!block.isValid())
        return {};
    QTextCursor cursor(block);
    const int length = block.length() - 1;
    if (diagnostic.column <= 0 || length == 0) {
        cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
        return cursor;
    }
    // From the column to the end of the word there (at least one character).
    const int column = std::min(diagnostic.column - 1, std::max(length - 1, 0));
    cursor.setPosition(block.position() + column);
    // Errors reported at a tag mark the whole tag, so the mark is visible and says which one.
    const QString text = block.text();
    if (text.mid(column, 2) == QLatin1String("{{")) {
        const qsizetype close = text.indexOf(QLatin1String("}}"), column + 2);
        if (close > 0) {
            cursor.setPosition(block.position() + int(close) + 2, QTextCursor::KeepAnchor);
            return cursor;
        }
    }
    cursor.movePosition(QTextCursor::EndOfWord, QTextCursor::KeepAnchor);
    if (!cursor.hasSelection() && column < length)
        cursor.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor);
    return cursor;
}

} // namespace

EditorDiagnostics::EditorDiagnostics(QPlainTextEdit *editor)
    : QObject(editor)
    , m_editor(editor)
{
    setObjectName(QStringLiteral("editorDiagnostics"));
    editor->viewport()->installEventFilter(this);
    // The editor may replace its extra selections (e.g. on every cursor move); put ours back.
    connect(editor, &QPlainTextEdit::cursorPositionChanged, this, &EditorDiagnostics::apply,
        Qt::QueuedConnection);
}

void EditorDiagnostics::setDiagnostics(const QList<Diagnostic> &diagnostics)
{
    m_diagnostics = diagnostics;
    apply();
}

void EditorDiagnostics::apply()
{
    if (!m_editor || m_applying)
        return;
    m_applying = true;
    QList<QTextEdit::ExtraSelection> selections;
    for (const QTextEdit::ExtraSelection &selection : m_editor->extraSelections()) {
        if (!selection.format.hasProperty(kDiagnosticProperty))
            selections.append(selection);
    }
    for (const Diagnostic &diagnostic : m_diagnostics) {
        QTextEdit::ExtraSelection selection;
        selection.cursor = cursorFor(m_editor->document(), diagnostic);
        if (selection.cursor.isNull())
            continue;
        selection.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        selection.format.setUnderlineColor(QColor(0xd3, 0x2f, 0x2f));
        selection.format.setProperty(kDiagnosticProperty, diagnostic.message);
        selection.format.setToolTip(plainToolTip(diagnostic.message));
        selections.append(selection);
    }
    m_editor->setExtraSelections(selections);
    m_applying = false;
}

QString EditorDiagnostics::messageAt(int position) const
{
    if (!m_editor)
        return {};
    for (const Diagnostic &diagnostic : m_diagnostics) {
        const QTextCursor cursor = cursorFor(m_editor->document(), diagnostic);
        if (!cursor.isNull() && position >= cursor.selectionStart()
            && position <= cursor.selectionEnd())
            return diagnostic.message;
    }
    return {};
}

bool EditorDiagnostics::eventFilter(QObject *watched, QEvent *event)
{
    if (m_editor && watched == m_editor->viewport() && event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString message = messageAt(m_editor->cursorForPosition(help->pos()).position());
        if (!message.isEmpty()) {
            QToolTip::showText(help->globalPos(), plainToolTip(message), m_editor->viewport());
            return true;
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace psm::ui
