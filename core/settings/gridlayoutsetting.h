// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"

#include <QString>

#include <nlohmann/json.hpp>

#include <vector>

namespace psm::core {

// One column of a saved grid layout: a model reference, its parameters (Dotprompt config
// keys, typed) and a prompt revision (empty: the working copy).
struct GridLayoutColumn {
    QString model;
    nlohmann::ordered_json params = nlohmann::ordered_json::object();
    QString revision;
};

// An entry of `layouts:` in promptsmith.yaml, saved from the grid window ("Save Layout as
// Preset…") and loaded back into its column editor.
struct GridLayoutSetting {
    QString name;
    int repeats = 1;
    std::vector<GridLayoutColumn> columns;
};

// The entry's value as unindented block YAML, for setSettingsEntry(); parameters are written
// as a JSON object, which YAML reads as the same flow mapping.
QString gridLayoutYaml(const GridLayoutSetting &layout);

// Sets `layout` under `layouts:` in the workspace's promptsmith.yaml (made when missing) with
// setSettingsEntry, and writes the file atomically. On any error (the file is not valid YAML,
// say, with file:line:col) the file is left exactly as it was.
Status saveGridLayout(const QString &workspaceRoot, const GridLayoutSetting &layout);

} // namespace psm::core
