// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// `promptsmith completions bash|zsh|fish|man`: completion scripts and the man page, generated
// from the command table. The hidden --list-models / --list-prompts are what the scripts call
// back at completion time, so they stay static while the workspace changes.
#include "app/cli/cmdsupport.h"
#include "app/cli/commanddescription.h"
#include "app/cli/commands.h"
#include "app/cli/completionscripts.h"
#include "app/cli/manpage.h"
#include "core/prompt/partialfiles.h"
#include "core/settings/workspacesettings.h"
#include "providers/providersconfig.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>



namespace psm::cli {
namespace {

// Completion must answer at once: a huge folder outside any workspace is not walked whole.
constexpr int maxEntriesWalked = 20000;

QString workspaceRoot(const CliContext &context)
{
    return context.workspaceOption.isEmpty()
        ? core::workspaceRootFor(QDir::currentPath() + QStringLiteral("/x"))
        : context.workspaceOption;
}

// The models of the workspace's comparison columns and presets, the default model and one `provider/` stem
// per provider, configured or built in, all from the one settings model. Unreadable settings
// give what still parses (the built-ins at least): completion never prints errors.
QStringList modelNames(const QString &root)
{
    const core::WorkspaceSettings settings = core::WorkspaceSettings::load(root);
    QStringList models { providers::ProvidersConfig::defaultModelRef() };
    for (const core::ColumnSetting &column : settings.columns())
        models << column.model;
    for (const auto &[name, preset] : settings.presets().items()) {
        const auto model = preset.is_object() ? preset.find("model") : preset.end();
        if (preset.is_object() && model != preset.end() && model->is_string())
            models << QString::fromStdString(model->get<std::string>());
    }
    const auto config = providers::ProvidersConfig::fromSettings(settings);
    for (const QString &provider : config ? config->names() : providers::ProvidersConfig().names())
        models << provider + QLatin1Char('/');
    models.removeIf([](const QString &model) { return !model.contains(QLatin1Char('/')); });
    models.removeDuplicates();
    models.sort();
    return models;
}

// The workspace's .prompt files as the user would type them: relative to the current folder
// when it lies inside the workspace (as paths are resolved), else to the workspace root.
QStringList promptPaths(const QString &root)
{
    const QString canonicalRoot = QDir(root).canonicalPath();
    const QString cwd = QDir::current().canonicalPath();
    const bool inside = cwd == canonicalRoot || cwd.startsWith(canonicalRoot + QLatin1Char('/'));
    const QDir base(inside ? cwd : canonicalRoot);
    QStringList paths;
    QDirIterator it(canonicalRoot, QStringList { QStringLiteral("*.prompt") }, QDir::Files,
        QDirIterator::Subdirectories);
    for (int walked = 0; it.hasNext() && walked < maxEntriesWalked; ++walked) {
        const QString path = it.next();
        if (!path.contains(QLatin1String("/.")))
            paths << base.relativeFilePath(path);
    }
    paths.sort();
    return paths;
}

} // namespace

int cmdCompletions(CliContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Prints a completion script for SHELL, generated from the command table: commands,\n"
        "their options, the workspace's provider/model names and .prompt paths. Load it with\n"
        "  bash: source <(promptsmith completions bash)\n"
        "  zsh:  promptsmith completions zsh > ~/.zfunc/_promptsmith   (with ~/.zfunc in fpath)\n"
        "  fish: promptsmith completions fish > ~/.config/fish/completions/promptsmith.fish\n"
        "'man' prints the man page instead: promptsmith completions man | man -l -"));
    QCommandLineOption listModels(QStringLiteral("list-models"));
    listModels.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption listPrompts(QStringLiteral("list-prompts"));
    listPrompts.setFlags(QCommandLineOption::HiddenFromHelp);
    QCommandLineOption table(QStringLiteral("table")); // the table as JSON, for its tests
    table.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({ listModels, listPrompts, table });
    parser.addPositionalArgument(
        QStringLiteral("SHELL"), QStringLiteral("bash, zsh, fish or man."));
    if (const auto stop = parseArguments(
            context, parser, QStringLiteral("promptsmith completions bash|zsh|fish|man")))
        return *stop;

    if (parser.isSet(listModels)) {
        context.out << modelNames(workspaceRoot(context)).join(QLatin1Char('\n')) << '\n';
        return ExitOk;
    }
    if (parser.isSet(listPrompts)) {
        const QStringList paths = promptPaths(workspaceRoot(context));
        if (!paths.isEmpty())
            context.out << paths.join(QLatin1Char('\n')) << '\n';
        return ExitOk;
    }
    const QList<CommandDescription> commandTable = describeCommands();
    if (parser.isSet(table)) {
        printJson(context, toJson(commandTable));
        return ExitOk;
    }
    const QStringList positional = parser.positionalArguments();
    const QString shell = positional.value(0);
    if (positional.size() != 1)
        return context.usageError(QStringLiteral("completions needs one of bash, zsh, fish, man"));
    if (shell == QLatin1String("bash"))
        context.out << bashCompletion(commandTable);
    else if (shell == QLatin1String("zsh"))
        context.out << zshCompletion(commandTable);
    else if (shell == QLatin1String("fish"))
        context.out << fishCompletion(commandTable);
    else if (shell == QLatin1String("man"))
        context.out << manPage(commandTable, QCoreApplication::applicationVersion());
    else
        return context.usageError(
            QStringLiteral("unknown shell '%1'; give bash, zsh, fish or man").arg(shell));
    return ExitOk;
}

} // namespace psm::cli
