// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/diff/outputcomparison.h"

#include <QCoreApplication>

namespace psm::ui {
namespace {

QString normaliseLineEndings(QString text)
{
    text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    text.replace(u'\r', u'\n');
    return text;
}

// Appends a removed (or added) word run to `pane`: the whole run as a word span and, when the
// run is one replaced word, the characters that changed within it on top.
void appendChanged(DiffPaneText &pane, const core::WordDiffOp &op, bool removed)
{
    const int start = int(pane.text.size());
    pane.text += op.text;
    pane.spans.append({ start, int(op.text.size()),
        removed ? DiffSpanKind::RemovedWord : DiffSpanKind::AddedWord });
    if (op.characters.isEmpty())
        return;
    const core::DiffKind otherSide = removed ? core::DiffKind::Insert : core::DiffKind::Delete;
    const core::DiffKind ownSide = removed ? core::DiffKind::Delete : core::DiffKind::Insert;
    // The character diff describes this word only if its side reads back as the word; anything
    // else would misplace the highlight, so the word span alone stays.
    if (core::sideText(op.characters, otherSide) != op.text)
        return;
    int offset = start;
    for (const core::TextDiffOp &c : op.characters) {
        if (c.kind == otherSide)
            continue;
        if (c.kind == ownSide)
            pane.spans.append({ offset, int(c.text.size()),
                removed ? DiffSpanKind::RemovedCharacters : DiffSpanKind::AddedCharacters });
        offset += int(c.text.size());
    }
}

QString tr(const char *text)
{
    return QCoreApplication::translate("psm::ui::OutputComparison", text);
}

} // namespace

OutputComparison compareOutputs(const QString &leftText, const QString &rightText)
{
    const QString left = normaliseLineEndings(leftText);
    const QString right = normaliseLineEndings(rightText);
    OutputComparison result;
    result.leftEmpty = left.isEmpty();
    result.rightEmpty = right.isEmpty();
    result.identical = left == right;
    result.jsonChanges = core::diffJsonOutputs(left, right);

    const core::WordDiff diff = core::diffWords(left, right);
    result.summary = diff.summary;
    result.lineLevelFallback = diff.lineLevelFallback;
    for (const core::WordDiffOp &op : diff.ops) {
        switch (op.kind) {
        case core::DiffKind::Equal:
            result.left.text += op.text;
            result.right.text += op.text;
            result.inlined.text += op.text;
            break;
        case core::DiffKind::Delete:
            appendChanged(result.left, op, true);
            appendChanged(result.inlined, op, true);
            break;
        case core::DiffKind::Insert:
            appendChanged(result.right, op, false);
            appendChanged(result.inlined, op, false);
            break;
        }
    }
    return result;
}

QString comparisonSummary(const OutputComparison &comparison, ComparedTexts texts)
{
    const bool messages = texts == ComparedTexts::Messages;
    if (comparison.leftEmpty && comparison.rightEmpty)
        return messages ? tr("Both messages are empty.") : tr("Both outputs are empty.");
    if (comparison.identical)
        return messages ? tr("The message is unchanged.") : tr("The outputs are identical.");
    const core::WordDiffSummary &s = comparison.summary;
    QString text = tr("Words: %1 added, %2 removed, %3 changed · %4% similar")
                       .arg(s.wordsAdded)
                       .arg(s.wordsRemoved)
                       .arg(s.wordsChanged)
                       .arg(qRound(s.similarity * 100));
    if (comparison.leftEmpty)
        text = (messages ? tr("The message is new. ") : tr("The left output is empty. ")) + text;
    else if (comparison.rightEmpty)
        text = (messages ? tr("The message was removed. ") : tr("The right output is empty. "))
            + text;
    if (comparison.jsonChanges)
        text += tr(" · JSON changes: %1").arg(comparison.jsonChanges->size());
    if (comparison.lineLevelFallback)
        text += tr(" · very different texts, compared line by line first");
    return text;
}

} // namespace psm::ui
