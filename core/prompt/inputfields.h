// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QList>
#include <QStringList>

#include <nlohmann/json.hpp>

namespace psm::core {

// One input a prompt takes, as a form should offer it: derived from the prompt's input schema
// (JSON Schema, as the engine expands Picoschema) plus the variables the template reads that
// the schema lacks. Pure data, so the GUI's form and any other front end agree.
struct InputField {
    enum class Kind { String, Text, Number, Integer, Boolean, Json, Enum };
    QString name;
    Kind kind = Kind::Text;
    QString description;
    QStringList choices; // for Enum, as shown (strings as they are, others as JSON)
    bool required = false;
    friend bool operator==(const InputField &, const InputField &) = default;
};

// The fields for `schema` (any JSON value: what is not a schema object adds none), then one
// text field per name in `extraVariables` that the schema does not define. Never throws.
QList<InputField> inputFields(
    const nlohmann::ordered_json &schema, const QStringList &extraVariables);

} // namespace psm::core
