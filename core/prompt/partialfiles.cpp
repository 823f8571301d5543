// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/prompt/partialfiles.h"

#include "core/workspace/worktreefiles.h"

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
    using Source = PromptEngine::PartialSource;
    const QString promptDir = QFileInfo(promptPath).absolutePath();
    const QString root = QDir(workspaceRoot).absolutePath();
    return [promptDir, root](const std::string &name) -> std::optional<Source> {
        const QString partial = QString::fromStdString(name);
        if (partial.isEmpty())
            return std::nullopt;
        // A partial name is a name, not a path: it may not pick a file elsewhere on disk.
        if (QDir::isAbsolutePath(partial) || partial.startsWith(QLatin1Char('/')))
            return Source{{}, {},
                QStringLiteral("The partial name '%1' is an absolute path; partials are "
                               "looked up next to the prompt and in the workspace's prompts/ "
                               "folder")
                    .arg(partial)};
        if (partial.split(QLatin1Char('/')).contains(QStringLiteral("..")))
            return Source{{}, {},
                QStringLiteral("The partial name '%1' climbs out of its folder with '..'; "
                               "partials are looked up next to the prompt and in the "
                               "workspace's prompts/ folder")
                    .arg(partial)};
        const int slash = int(partial.lastIndexOf(QLatin1Char('/')));
        const QString relative = partial.left(slash + 1) + QLatin1Char('_') + partial.mid(slash + 1)
            + QStringLiteral(".prompt");
        for (const QString &base : {promptDir, root + QStringLiteral("/prompts")}) {
            const QString path = QDir(base).filePath(relative);
            const QFileInfo info(path);
            if (!info.exists() && !info.isSymLink())
                continue;
            const QString shown = path.startsWith(root + QLatin1Char('/'))
                ? path.mid(root.size() + 1)
                : path;
            // The partial's text is sent to a model: a link out of the work tree is refused,
            // not followed and not skipped in favour of the next folder.
            const Result<QString> real = realPathInWorkTree(root, path);
            if (!real)
                return Source{{}, shown,
                    QStringLiteral("Partial '%1': %2").arg(partial, real.error().message)};
            QFile file(*real);
            if (!QFileInfo(*real).isFile() || !file.open(QIODevice::ReadOnly))
                continue;
            return Source{file.readAll().toStdString(), shown, {}};
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
