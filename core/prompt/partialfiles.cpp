// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/prompt/partialfiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace psm::core {

QString workspaceRootFor(const QString &promptPath)
{
    const QFileInfo info(promptPath);
    QDir dir = info.absoluteDir();
    while (true) {
        if (QFileInfo::exists(dir.filePath(QStringLiteral(".git"))))
            return dir.absolutePath();
        if (!dir.cdUp())
            break;
    }
    return info.absolutePath();
}

PromptEngine::PartialResolver partialFileResolver(const QString &promptPath,
                                                  const QString &workspaceRoot)
{
    const QString promptDir = QFileInfo(promptPath).absolutePath();
    const QString root = QDir(workspaceRoot).absolutePath();
    return [promptDir, root](const std::string &name) -> std::optional<PromptEngine::PartialSource> {
        const QString partial = QString::fromStdString(name);
        if (partial.isEmpty() || partial.contains(QLatin1String("..")))
            return std::nullopt;
        const int slash = int(partial.lastIndexOf(QLatin1Char('/')));
        const QString relative = partial.left(slash + 1) + QLatin1Char('_') + partial.mid(slash + 1)
            + QStringLiteral(".prompt");
        for (const QString &base : {promptDir, root + QStringLiteral("/prompts")}) {
            const QString path = QDir(base).filePath(relative);
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                continue;
            const QString shown = path.startsWith(root + QLatin1Char('/'))
                ? path.mid(root.size() + 1)
                : path;
            return PromptEngine::PartialSource{file.readAll().toStdString(), shown};
        }
        return std::nullopt;
    };
}

nlohmann::ordered_json frontMatterDefaults(const PromptFile &prompt)
{
    nlohmann::ordered_json options = nlohmann::ordered_json::object();
    const auto input = prompt.metadata.find("input");
    if (input == prompt.metadata.end() || !input->is_object())
        return options;
    const auto defaults = input->find("default");
    if (defaults == input->end())
        return options;
    options["input"]["default"] = *defaults;
    return options;
}

} // namespace psm::core
