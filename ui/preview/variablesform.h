// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/prompt/inputfields.h"

#include <QStringList>
#include <QWidget>

#include <nlohmann/json.hpp>

#include <functional>
#include <vector>

class QFormLayout;
class QLabel;

namespace psm::ui {

// Input fields generated from a prompt's input schema (JSON Schema, as the engine expands
// Picoschema) plus any variable the template reads that the schema lacks: strings as text
// boxes, numbers as spin boxes, booleans as check boxes, arrays and objects as checked JSON.
// An empty field is left out of values(), so the file's input.default applies. GUI thread.
class VariablesForm final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VariablesForm)
public:
    explicit VariablesForm(QWidget *parent = nullptr);

    // Rebuilds the fields only when the set of names or types changed, keeping typed values.
    void setFields(const nlohmann::ordered_json &schema, const QStringList &extraVariables);
    nlohmann::ordered_json values() const;
    // Shows the file's input.default in empty fields (as placeholder text), so an empty field
    // reads as "the default applies" rather than "nothing".
    void setDefaults(const nlohmann::ordered_json &defaults);
    void setValues(const nlohmann::ordered_json &values);
    QStringList fieldNames() const;
    QWidget *editorFor(const QString &name) const;
    // Non-empty while a JSON field does not parse ("tags: expected ']' …").
    QString validationError() const;

Q_SIGNALS:
    void valuesChanged();

private:
    using Kind = core::InputField::Kind;
    struct Field {
        QString name;
        Kind kind = Kind::String;
        QWidget *editor = nullptr;
        std::function<nlohmann::ordered_json()> value; // null = unset
        std::function<void(const nlohmann::ordered_json &)> setValue;
        QString placeholder; // from the schema, shown when there is no default
    };
    void addField(const QString &name, Kind kind, const QString &description,
        const QStringList &choices, bool required);

    QFormLayout *m_layout;
    QLabel *m_empty;
    std::vector<Field> m_fields;
    QString m_signature;
    bool m_settingValues = false;
};

} // namespace psm::ui
