// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

// JavaScript's views of values, so templates render byte-for-byte as the reference Dotprompt (JS)
// does: String(x), Number.prototype.toString, JSON.stringify, truthiness, trim() and `\s`.
namespace psm::core::js {

using Json = nlohmann::ordered_json;

// Number.prototype.toString(): shortest round-trip digits, exponent form outside 1e-7..1e21.
std::string numberToString(double value);

// String(value); `undefined` is a null pointer.
std::string toString(const Json *value);

// What `{{value}}` prints: empty for undefined and null, String(value) otherwise.
std::string toDisplay(const Json *value);

// JSON.stringify(value, null, indent): integer-like keys first as JS orders them, non-finite
// numbers as null; `undefined` gives "undefined" as String(undefined) does.
std::string stringify(const Json *value, std::string_view indent = {});

// `value?.key` for reading user data without throwing: the member of an object, else
// `undefined` (null) — for a missing key, a null pointer, and any value that is not an object.
const Json *property(const Json *value, std::string_view key);

// JS truthiness (`!!value`).
bool isTruthy(const Json *value);

// Handlebars' isEmpty(): falsy but not 0, or an empty array.
bool isEmpty(const Json *value);

// `{...value}`: an object's own keys, an array's or a string's indexes (a string by code
// point, where JS would split astral characters into UTF-16 halves), nothing for the rest.
Json spread(const Json &value);

// Strict equality (===) for JSON values: identity for objects and arrays, value otherwise.
bool strictEquals(const Json *a, const Json *b);

// Loose equality (==): null equals undefined, objects by identity, and otherwise both sides
// turned into primitives and numbers as JS does ([] == 0, "1" == 1, true == 1).
bool looseEquals(const Json *a, const Json *b);

// Number(value) for a string: trimmed, "" is 0, hex with 0x, Infinity, else NaN.
double stringToNumber(std::string_view text);

// Unicode code points JS `\s` and String.prototype.trim() treat as white space.
bool isSpace(char32_t c);

// Decodes the code point at `pos` (invalid bytes decode as themselves, length 1).
char32_t decodeAt(std::string_view text, size_t pos, size_t *length);
// Start of the code point that ends just before `end`.
size_t previousStart(std::string_view text, size_t end);

// Byte length of the white space at the start / end of `text`.
size_t leadingSpace(std::string_view text);
size_t trailingSpace(std::string_view text);
std::string_view trim(std::string_view text);

// The object's keys in JS property order: canonical array indices ascending, then the rest in
// insertion order.
std::vector<std::string_view> keysInJsOrder(const Json &object);

} // namespace psm::core::js
