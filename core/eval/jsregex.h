// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QString>

#include <optional>

// JavaScript RegExp patterns (what promptfoo's `regex` assertion compiles, no flags) turned into
// PCRE2 patterns for QRegularExpression with the same matches, so a verdict does not depend on
// which engine ran it.
namespace psm::core::eval {

// The PCRE2 pattern that matches what `new RegExp(pattern)` matches: `$` only at the very end,
// `.` excluding every JS line terminator, `[^]` as any character and `[]` as none, unknown
// letter escapes (`\A`, `\z`, `\Q`) as the letter itself. nullopt, with `refusal` set, for
// syntax JavaScript rejects but PCRE would run with a meaning: inline flags `(?i)`, atomic
// `(?>`, comments `(?#`, `(?P<`, possessive quantifiers `a++`. JS-only features beyond that
// (the `v` flag's set notation) are not translated.
std::optional<QString> jsRegexToPcre(const QString &pattern, QString *refusal);

} // namespace psm::core::eval
