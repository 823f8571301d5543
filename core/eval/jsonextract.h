// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <nlohmann/json.hpp>

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

// promptfoo's text helpers that decide assertion verdicts, reproduced exactly because users'
// eval sets must pass and fail here as they do there.
namespace psm::core::eval {

// promptfoo's extractJsonObjects() (0.121): how contains-json finds JSON in prose. From each `{`
// the braces are counted (ignoring strings) to the balancing `}` — or to the end of the text,
// closing what is open — and that slice is read as YAML, so `{a: 1}`, single quotes and `//`
// comments count as JSON; a slice that does not read is dropped and the scan moves one
// character on. Only objects are found: a bare array or number in prose is not JSON here.
std::vector<nlohmann::ordered_json> extractJsonObjects(const QString &text);

// JSON.parse(text): any JSON value, surrounding JSON white space allowed.
std::optional<nlohmann::ordered_json> parseJson(const QString &text);

// promptfoo's parseCommaSeparatedValues() for string values of contains-any/-all: fields split
// at commas and trimmed, repeated commas ignored, `"..."` fields keep their commas (with `\"`
// and `""` escapes). An unterminated or ill-followed quoted field is an error (nullopt), as
// promptfoo's invariant makes it one.
std::optional<QStringList> parseCommaSeparatedValues(const QString &value, QString *error);

} // namespace psm::core::eval
