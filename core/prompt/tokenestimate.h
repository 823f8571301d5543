// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QString>

namespace psm::core {

// A rough token count without a tokenizer: each run of letters/digits costs one token per four
// characters (rounded up), every other non-space character one token. Within ~20 % of BPE
// tokenizers on English prose; labelled as an estimate wherever it is shown.
int estimateTokens(const QString &text);

// The tooltip that explains the heuristic to users.
QString tokenEstimateExplanation();

} // namespace psm::core
