// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <nlohmann/json.hpp>

#include <optional>

namespace psm::core {

enum class JsonChangeKind {
    Added, // a key or array element only in the new value
    Removed, // a key or array element only in the old value
    Changed, // same type (numbers count as one type), different value
    TypeChanged, // e.g. a string became an object
};

// One difference, addressed by a JSON Pointer (RFC 6901; "" is the whole document). Removed
// array elements are addressed by their index in the old array, everything else by the index in
// the new one. oldValue is null for Added, newValue null for Removed.
struct JsonChange {
    JsonChangeKind kind = JsonChangeKind::Changed;
    QString path;
    nlohmann::json oldValue;
    nlohmann::json newValue;
    bool operator==(const JsonChange &) const = default;
};

// The JSON object or array a model output holds: the whole text, or the inside of a ``` / ```json
// code fence around it (surrounding whitespace allowed). Never throws; nullopt when it does not
// parse. Bare scalars ("42", "true") do not count: they read better as a word diff. Nor do
// documents nested more than 256 levels deep, which the recursive comparison will not take.
std::optional<nlohmann::json> parseJsonOutput(QStringView text);

// Structural differences between two JSON values: object keys compared regardless of order,
// arrays aligned by a longest common subsequence of equal elements, then paired in place.
QList<JsonChange> diffJson(const nlohmann::json &oldValue, const nlohmann::json &newValue);

// Both outputs as JSON (see parseJsonOutput) and their differences; nullopt when either is not
// JSON, so the caller shows a word diff instead.
std::optional<QList<JsonChange>> diffJsonOutputs(QStringView oldText, QStringView newText);

} // namespace psm::core
