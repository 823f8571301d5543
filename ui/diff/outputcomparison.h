// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/diff/jsondiff.h"
#include "core/diff/worddiff.h"

#include <QList>
#include <QString>

#include <optional>

namespace psm::ui {

// What a highlighted range marks. Word ranges cover a whole removed or added word run; character
// ranges lie inside a replaced word and mark the characters that changed within it.
enum class DiffSpanKind { RemovedWord = 1, AddedWord, RemovedCharacters, AddedCharacters };

struct DiffSpan {
    int start = 0; // in UTF-16 code units of the pane's text
    int length = 0;
    DiffSpanKind kind = DiffSpanKind::RemovedWord;
    bool operator==(const DiffSpan &) const = default;
};

// The plain text one pane shows and the ranges to highlight in it.
struct DiffPaneText {
    QString text;
    QList<DiffSpan> spans;
};

// Everything the output diff view shows, computed without touching widgets so that large texts
// can be compared on a worker thread.
struct OutputComparison {
    DiffPaneText left; // old text: equal and removed
    DiffPaneText right; // new text: equal and added
    DiffPaneText inlined; // both, removed before added
    core::WordDiffSummary summary;
    bool lineLevelFallback = false;
    bool leftEmpty = false;
    bool rightEmpty = false;
    bool identical = false;
    // Set when both outputs are JSON objects or arrays (core::parseJsonOutput).
    std::optional<QList<core::JsonChange>> jsonChanges;
};

// Line endings are normalised to '\n' first: a text document counts "\r\n" as one position.
OutputComparison compareOutputs(const QString &leftText, const QString &rightText);

// What the two texts are, for the summary's words: a prompt diff compares messages.
enum class ComparedTexts { Outputs, Messages };

// One line for the view's header: the counts and similarity, or why there is nothing to show.
QString comparisonSummary(
    const OutputComparison &comparison, ComparedTexts texts = ComparedTexts::Outputs);

} // namespace psm::ui
