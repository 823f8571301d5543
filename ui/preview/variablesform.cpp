// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/preview/variablesform.h"

#include "core/prompt/inputfields.h"
#include "core/prompt/jsvalue.h"
#include "ui/plaintext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>

#include <algorithm>
#include <limits>

namespace psm::ui {
namespace {

using Json = nlohmann::ordered_json;

QString str(const std::string &s)
{
    return QString::fromStdString(s);
}

// Strings as they are, anything else as JSON; js::stringify never throws (dump() does on a
// front matter's bad UTF-8).
QString shown(const Json &value)
{
    return value.is_string() ? str(value.get_ref<const std::string &>())
                             : str(core::js::stringify(&value));
}

constexpr double kUnsetNumber = -1e15; // a spin box's minimum stands for "not set"

} // namespace

VariablesForm::VariablesForm(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QFormLayout(this))
    , m_empty(new QLabel(this))
{
    setObjectName(QStringLiteral("variablesForm"));
    m_layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_empty->setText(tr("This prompt reads no variables."));
    m_empty->setEnabled(false);
    m_layout->addRow(m_empty);
}

void VariablesForm::setFields(const Json &schema, const QStringList &extraVariables)
{
    const QList<core::InputField> specs = core::inputFields(schema, extraVariables);
    QString newSignature;
    for (const core::InputField &spec : specs)
        newSignature
            += spec.name + QLatin1Char(':') + QString::number(int(spec.kind)) + QLatin1Char(';');
    if (newSignature == m_signature)
        return;

    const Json previous = values();
    for (Field &field : m_fields)
        m_layout->removeRow(field.editor);
    m_fields.clear();
    for (const core::InputField &spec : specs)
        addField(spec.name, spec.kind, spec.description, spec.choices, spec.required);
    m_signature = newSignature;
    m_empty->setVisible(m_fields.empty());
    setValues(previous);
}

void VariablesForm::addField(const QString &name, Kind kind, const QString &description,
    const QStringList &choices, bool required)
{
    Field field;
    field.name = name;
    field.kind = kind;
    auto changed = [this] {
        if (!m_settingValues)
            Q_EMIT valuesChanged();
    };
    switch (kind) {
    case Kind::String:
    case Kind::Text: {
        // Two visible lines: room for a paragraph without crowding the form.
        auto *edit = new QPlainTextEdit(this);
        edit->setTabChangesFocus(true);
        edit->setPlaceholderText(description);
        field.placeholder = description;
        edit->setFixedHeight(edit->fontMetrics().lineSpacing() * 3 + 10);
        connect(edit, &QPlainTextEdit::textChanged, this, changed);
        field.editor = edit;
        field.value = [edit] {
            const QString text = edit->toPlainText();
            return text.isEmpty() ? Json() : Json(text.toStdString());
        };
        field.setValue = [edit](const Json &v) {
            edit->setPlainText(v.is_null() ? QString() : shown(v));
        };
        break;
    }
    case Kind::Enum: {
        auto *combo = new QComboBox(this);
        combo->addItem(QString());
        combo->addItems(choices);
        connect(combo, &QComboBox::currentIndexChanged, this, changed);
        field.editor = combo;
        field.value = [combo] {
            return combo->currentIndex() <= 0 ? Json() : Json(combo->currentText().toStdString());
        };
        field.setValue = [combo](const Json &v) {
            const int index = v.is_string() ? combo->findText(shown(v)) : 0;
            combo->setCurrentIndex(std::max(index, 0));
        };
        break;
    }
    case Kind::Number:
    case Kind::Integer: {
        QAbstractSpinBox *box = nullptr;
        if (kind == Kind::Integer) {
            auto *spin = new QSpinBox(this);
            spin->setRange(std::numeric_limits<int>::min(), std::numeric_limits<int>::max());
            spin->setSpecialValueText(tr("(not set)"));
            spin->setValue(spin->minimum());
            connect(spin, &QSpinBox::valueChanged, this, changed);
            field.value = [spin] {
                return spin->value() == spin->minimum() ? Json() : Json(spin->value());
            };
            field.setValue = [spin](const Json &v) {
                // Clamped: a double outside int's range would be undefined as an int.
                spin->setValue(v.is_number()
                        ? int(std::clamp(v.get<double>(), double(spin->minimum()),
                              double(spin->maximum())))
                        : spin->minimum());
            };
            box = spin;
        } else {
            auto *spin = new QDoubleSpinBox(this);
            spin->setDecimals(4);
            spin->setRange(kUnsetNumber, 1e15);
            spin->setSpecialValueText(tr("(not set)"));
            spin->setValue(kUnsetNumber);
            connect(spin, &QDoubleSpinBox::valueChanged, this, changed);
            field.value
                = [spin] { return spin->value() <= kUnsetNumber ? Json() : Json(spin->value()); };
            field.setValue = [spin](const Json &v) {
                spin->setValue(v.is_number() ? v.get<double>() : kUnsetNumber);
            };
            box = spin;
        }
        field.editor = box;
        break;
    }
    case Kind::Boolean: {
        auto *check = new QCheckBox(this);
        check->setTristate(true); // partially checked = not set
        check->setCheckState(Qt::PartiallyChecked);
        check->setToolTip(tr("Half-checked: not set (the default applies)"));
        connect(check, &QCheckBox::stateChanged, this, changed);
        field.editor = check;
        field.value = [check] {
            return check->checkState() == Qt::PartiallyChecked
                ? Json()
                : Json(check->checkState() == Qt::Checked);
        };
        field.setValue = [check](const Json &v) {
            check->setCheckState(v.is_boolean() ? (v.get<bool>() ? Qt::Checked : Qt::Unchecked)
                                                : Qt::PartiallyChecked);
        };
        break;
    }
    case Kind::Json: {
        auto *edit = new QPlainTextEdit(this);
        edit->setTabChangesFocus(true);
        field.placeholder = tr("JSON, e.g. [\"a\", \"b\"] or {\"k\": 1}");
        edit->setPlaceholderText(field.placeholder);
        edit->setFixedHeight(edit->fontMetrics().lineSpacing() * 3 + 10);
        connect(edit, &QPlainTextEdit::textChanged, this, changed);
        field.editor = edit;
        field.value = [edit] {
            const std::string text = edit->toPlainText().trimmed().toStdString();
            if (text.empty())
                return Json();
            Json parsed = Json::parse(text, nullptr, false);
            return parsed.is_discarded() ? Json() : parsed;
        };
        field.setValue = [edit](const Json &v) {
            edit->setPlainText(v.is_null() ? QString() : str(core::js::stringify(&v)));
        };
        break;
    }
    }
    field.editor->setObjectName(QStringLiteral("variable_") + name);
    if (!description.isEmpty())
        field.editor->setToolTip(plainToolTip(description));
    QString label = name;
    if (required)
        label += QLatin1Char('*');
    m_layout->addRow(label + QLatin1Char(':'), field.editor);
    m_fields.push_back(std::move(field));
}

void VariablesForm::setDefaults(const Json &defaults)
{
    for (Field &field : m_fields) {
        auto *edit = qobject_cast<QPlainTextEdit *>(field.editor);
        if (!edit)
            continue;
        const std::string key = field.name.toStdString();
        if (defaults.is_object() && defaults.contains(key)) {
            const Json &value = defaults[key];
            edit->setPlaceholderText(
                tr("default: %1").arg(shown(value)));
        } else {
            edit->setPlaceholderText(field.placeholder);
        }
    }
}

Json VariablesForm::values() const
{
    Json out = Json::object();
    for (const Field &field : m_fields) {
        Json value = field.value();
        if (!value.is_null())
            out[field.name.toStdString()] = std::move(value);
    }
    return out;
}

void VariablesForm::setValues(const Json &values)
{
    m_settingValues = true;
    for (Field &field : m_fields) {
        const std::string key = field.name.toStdString();
        field.setValue(values.is_object() && values.contains(key) ? values[key] : Json());
    }
    m_settingValues = false;
    Q_EMIT valuesChanged();
}

QStringList VariablesForm::fieldNames() const
{
    QStringList names;
    for (const Field &field : m_fields)
        names.append(field.name);
    return names;
}

QWidget *VariablesForm::editorFor(const QString &name) const
{
    for (const Field &field : m_fields) {
        if (field.name == name)
            return field.editor;
    }
    return nullptr;
}

QString VariablesForm::validationError() const
{
    for (const Field &field : m_fields) {
        if (field.kind != Kind::Json)
            continue;
        const auto *edit = static_cast<QPlainTextEdit *>(field.editor);
        const std::string text = edit->toPlainText().trimmed().toStdString();
        if (text.empty())
            continue;
        if (Json::parse(text, nullptr, false).is_discarded())
            return tr("%1 is not valid JSON").arg(field.name);
    }
    return {};
}

} // namespace psm::ui
