// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "tests/support/testserver/testserver.h"

#include <QList>
#include <QString>

namespace psm::demo {

// What the demo's models "say": answers written to read like small local models replying to
// the demo's support ticket, one per model and wording (HEAD~1 or HEAD) and, at temperature
// 0.8, a few per cell so repeats can disagree (qwen's do, 2 of 3 alike); JSON objects for the
// fields prompt. Scripted on the test server by model, temperature and prompt text, so every
// screenshot shows the same, meaningful differences.
QList<testsupport::ReplyRule> demoReplies();

// The fault the grid shows: mistral at temperature 0.8 fails mid-stream with Ollama's in-stream
// error. With `chunkDelayMs` > 0 every answer streams a word per that many milliseconds.
QList<testsupport::FaultRule> demoFaults(int chunkDelayMs);

// Answers the demo scenes look for (and tst_griddemo checks against what the grid shows).
struct DemoAnswers {
    static QString llamaCold(); // llama3.2:3b at temperature 0, HEAD wording
    static QString llamaHot(); // at 0.8: promises "Friday", which HEAD's prompt forbids
    static QString qwenCold();
    static QString qwenHotOther(); // the one of qwen's three hot repeats that differs
    static QString mistralCold();
    static QString llamaJson(); // refund fields as JSON
    static QString qwenJson();
};

} // namespace psm::demo
