// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/prompt/tokenestimate.h"

#include <QCoreApplication>

namespace psm::core {

int estimateTokens(const QString &text)
{
    int tokens = 0;
    int word = 0;
    for (const QChar c : text) {
        if (c.isLetterOrNumber()) {
            ++word;
            continue;
        }
        tokens += (word + 3) / 4;
        word = 0;
        if (!c.isSpace())
            ++tokens;
    }
    return tokens + (word + 3) / 4;
}

QString tokenEstimateExplanation()
{
    return QCoreApplication::translate("psm::core",
        "Estimated without the model's tokenizer: about one token per four letters of "
        "each word, one per punctuation mark, plus a few per message. Real counts vary "
        "by model; the run shows the provider's exact figure.");
}

} // namespace psm::core
