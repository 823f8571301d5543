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
#include "providers/providersconfig.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QFile>

#include <yaml-cpp/yaml.h>

#include <functional>

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

// Every `model: provider/name` in promptsmith.yaml (columns, presets, ...), the default model
// and one `provider/` stem per provider, configured or built in. Unreadable settings give just
// the built-ins: completion never prints errors.
QStringList modelNames(const QString &root)
{
    QStringList models { providers::ProvidersConfig::defaultModelRef() };
    QFile file(QDir(root).filePath(QStringLiteral("promptsmith.yaml")));
    if (file.open(QIODevice::ReadOnly)) {
        const QByteArray text = file.readAll();
        try {
            const std::function<void(const YAML::Node &)> walk = [&](const YAML::Node &node) {
                if (node.IsSequence()) {
                    for (const YAML::Node &item : node)
                        walk(item);
                } else if (node.IsMap()) {
                    for (const auto &entry : node) {
                        if (entry.first.IsScalar() && entry.first.Scalar() == "model"
                            && entry.second.IsScalar())
                            models << QString::fromStdString(entry.second.Scalar());
                        else
                            walk(entry.second);
                    }
                }
            };
            walk(YAML::Load(text.toStdString()));
        } catch (const YAML::Exception &) {
            // Half-typed settings: offer what is known without them.
        }
        if (auto config = providers::ProvidersConfig::parse(QString::fromUtf8(text)))
            for (const QString &provider : config->names())
                models << provider + QLatin1Char('/');
    } else {
        for (const QString &provider : providers::ProvidersConfig().names())
            models << provider + QLatin1Char('/');
    }
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
