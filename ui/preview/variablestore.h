// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QString>

#include <nlohmann/json.hpp>

namespace psm::ui {

// The preview's variable values, remembered per workspace and prompt in one JSON file under
// the app-data directory (never in the .prompt file or the workspace). Small file, read and
// written synchronously on the GUI thread by the PromptPreviewPane.
class VariableStore final {
public:
    // Defaults to <AppDataLocation>/preview-variables.json.
    explicit VariableStore(QString filePath = {});

    nlohmann::ordered_json load(const QString &workspaceRoot, const QString &promptPath) const;
    bool save(const QString &workspaceRoot, const QString &promptPath,
        const nlohmann::ordered_json &values) const;
    QString filePath() const { return m_filePath; }

private:
    nlohmann::ordered_json readAll() const;
    QString m_filePath;
};

} // namespace psm::ui
