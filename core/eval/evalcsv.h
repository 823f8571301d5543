// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"
#include "core/eval/evalset.h"

// Tests from a CSV file with promptfoo's conventions: one test per row; plain columns are vars;
// `__expected`, `__expected1`, ... hold assertions as strings ("contains: x", "not-icontains:
// y", "levenshtein(3): z", "grade: rubric", anything else = equals); `__description`,
// `__threshold`, `__metric` (for every assertion of the row), `__config:__expectedN:threshold`.
namespace psm::core::eval {

// promptfoo's assertionFromString(), positioned at the cell it came from.
AssertionSpec assertionFromString(const QString &expected);

Result<QList<EvalTest>> testsFromCsv(const QString &text, const QString &file);

} // namespace psm::core::eval
