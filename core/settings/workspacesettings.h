// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"
#include "core/settings/gridlayoutsetting.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

namespace psm::core {

// One `key: value` of a provider entry as written: scalars are their text ("4", "true"),
// mappings objects of such text; the position says where the key is, for errors.
struct SettingsField {
    QString key;
    nlohmann::ordered_json value;
    int line = 0;
    int column = 0;
    int valueLine = 0;
    int valueColumn = 0;
};

// One entry of `providers:`, not yet interpreted: what a type means, its defaults and which
// keys it takes belong to the providers layer (providers::ProvidersConfig::fromSettings).
struct ProviderEntry {
    QString name;
    bool isMapping = true;
    int line = 0; // the name
    int column = 0;
    int bodyLine = 0; // the value (the mapping, or whatever was written instead)
    int bodyColumn = 0;
    std::vector<SettingsField> fields;
};

// `columns:` of the comparison grid: a model reference and an optional preset name.
struct ColumnSetting {
    QString model;
    QString preset;
};

// `budgets:` in USD; unset stays unset. The same keys make up the user's budgets.yaml.
struct BudgetSettings {
    std::optional<double> dailyUsd; // the local day
    std::optional<double> monthlyUsd;
    std::optional<double> perRunUsd;
    // A GUI run whose estimate could cost more than this asks first.
    std::optional<double> confirmAboveUsd;
};

// The workspace's promptsmith.yaml, parsed once: providers (raw entries), presets (named
// Dotprompt config sets), columns, budgets and price overrides. Value type; built on any
// thread, never throws. A problem in one section drops that section only and is kept in
// errors() with file:line:col, so the others still serve (a bad `prices:` does not hide the
// columns); a YAML syntax error leaves every section empty. Unknown keys are warnings.
class WorkspaceSettings final {
public:
    enum class Section { Providers, Presets, Columns, Budgets, Prices, Layouts };

    static QString fileName() { return QStringLiteral("promptsmith.yaml"); }
    // The file at the root of a workspace; a missing file is the defaults, with no error.
    static WorkspaceSettings load(const QString &workspaceRoot);
    // `file` names the text in errors.
    static WorkspaceSettings parse(const QByteArray &yaml, const QString &file);
    // A document that is only a budgets mapping (the user's budgets.yaml): budgets() and the
    // errors and warnings, each with file:line:col, as the `budgets:` section would have them.
    static WorkspaceSettings parseBudgetsOnly(const QByteArray &yaml, const QString &file);

    const std::vector<ProviderEntry> &providers() const { return m_providers; }
    // name -> Dotprompt config object (temperature, maxOutputTokens, ...), typed by YAML 1.2.
    const nlohmann::ordered_json &presets() const { return m_presets; }
    std::optional<nlohmann::ordered_json> preset(const QString &name) const;
    const std::vector<ColumnSetting> &columns() const { return m_columns; }
    const BudgetSettings &budgets() const { return m_budgets; }
    // `layouts:` saved from the grid window, in file order.
    const std::vector<GridLayoutSetting> &layouts() const { return m_layouts; }
    // "provider/model" -> price mapping, checked entry by entry: for PriceTable::applyOverrides.
    const nlohmann::json &prices() const { return m_prices; }

    QString filePath() const { return m_file; }
    // Everything that went wrong, in file order; empty when the file is fine.
    const std::vector<Error> &errors() const { return m_errors; }
    const std::vector<Error> &warnings() const { return m_warnings; }
    // The error that dropped a section, if any (a YAML syntax error drops every section).
    std::optional<Error> sectionError(Section section) const;
    // Errors then warnings as "file:line:col: message" lines, for a log panel or stderr.
    QStringList messages() const;

private:
    QString m_file;
    std::vector<ProviderEntry> m_providers;
    nlohmann::ordered_json m_presets = nlohmann::ordered_json::object();
    std::vector<ColumnSetting> m_columns;
    BudgetSettings m_budgets;
    std::vector<GridLayoutSetting> m_layouts;
    nlohmann::json m_prices = nlohmann::json::object();
    std::vector<Error> m_errors;
    std::vector<Error> m_warnings;
    std::vector<std::pair<Section, Error>> m_sectionErrors;
    std::optional<Error> m_syntaxError;

    friend class SettingsParser;
};

} // namespace psm::core
