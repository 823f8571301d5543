// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// `promptsmith prices`: import a LiteLLM price file for this user, or show what a model costs
// under the table a run would use (bundled + imported + the workspace's `prices:` overrides).
#include "app/cli/cmdsupport.h"
#include "app/cli/commands.h"

#include "core/ledger/pricetable.h"
#include "core/prompt/partialfiles.h"
#include "core/settings/workspacesettings.h"
#include "run/runengine.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace psm::cli {
namespace {

QString perMillion(const std::optional<double> &price, const std::optional<double> &fallback)
{
    const auto p = price ? price : fallback;
    return p ? QStringLiteral("$%1 / Mtok").arg(*p, 0, 'g', 6) : QStringLiteral("unknown");
}

} // namespace

int cmdPrices(CliContext &context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Import or show model prices."));
    const QCommandLineOption importOption(QStringLiteral("import"),
        QStringLiteral("Validate a LiteLLM model_prices_and_context_window.json and store it "
                       "for this user (it overrides the bundled table)."),
        QStringLiteral("FILE"));
    const QCommandLineOption showOption(QStringLiteral("show"),
        QStringLiteral("Print what provider/model costs per token bucket."),
        QStringLiteral("MODEL"));
    parser.addOptions({ importOption, showOption });
    if (const auto stop = parseArguments(context, parser,
            QStringLiteral("promptsmith prices --import FILE | --show PROVIDER/MODEL")))
        return *stop;
    if (parser.isSet(importOption) == parser.isSet(showOption))
        return context.usageError(QStringLiteral("give --import FILE or --show MODEL"));

    const QString userFile = run::RunEngine::userPriceFilePath();
    if (parser.isSet(importOption)) {
        const QString path = parser.value(importOption);
        auto table = core::PriceTable::importLiteLlmFile(path);
        if (!table)
            return context.report(table.error());
        QFile in(path);
        if (!in.open(QIODevice::ReadOnly))
            return context.report(core::Error { core::ErrorCode::Io,
                QStringLiteral("cannot read the file"), in.errorString(), path, 0, 0 });
        QDir().mkpath(QFileInfo(userFile).absolutePath());
        QSaveFile out(userFile);
        if (!out.open(QIODevice::WriteOnly) || out.write(in.readAll()) < 0 || !out.commit())
            return context.report(core::Error { core::ErrorCode::Io,
                QStringLiteral("cannot store the price file"), out.errorString(), userFile, 0, 0 });
        context.out << "imported " << table->size() << " model prices into " << userFile << '\n';
        return ExitOk;
    }

    auto table = core::PriceTable::bundled();
    if (!table)
        return context.report(table.error());
    if (QFileInfo::exists(userFile)) {
        auto user = core::PriceTable::importLiteLlmFile(userFile);
        if (!user)
            return context.report(user.error());
        table->merge(*user);
    }
    const QString root = context.workspaceOption.isEmpty()
        ? core::workspaceRootFor(QDir::currentPath() + QStringLiteral("/x"))
        : context.workspaceOption;
    // The workspace's `prices:` apply; a problem elsewhere in the file is said, not fatal.
    const core::WorkspaceSettings settings = core::WorkspaceSettings::load(root);
    const auto pricesError = settings.sectionError(core::WorkspaceSettings::Section::Prices);
    if (pricesError)
        return context.report(*pricesError);
    for (const QString &message : settings.messages())
        context.err << "promptsmith: " << message << Qt::endl;
    if (auto st = table->applyOverrides(settings); !st)
        return context.report(st.error());
    const QString ref = parser.value(showOption);
    const qsizetype slash = ref.indexOf(QLatin1Char('/'));
    if (slash <= 0)
        return context.usageError(
            QStringLiteral("--show needs provider/model, e.g. openai/gpt-4o"));
    QString matched;
    const auto price = table->find(ref.left(slash), ref.mid(slash + 1), &matched);
    if (!price) {
        context.out << ref << ": unknown (price table " << table->version() << ")\n";
        return ExitOk;
    }
    const core::BucketPrices &b = price->base;
    context.out << ref << " (entry " << matched << ", price table " << table->version() << ")\n"
                << "  input:       " << perMillion(b.input, std::nullopt) << '\n'
                << "  cache read:  " << perMillion(b.cacheRead, b.input) << '\n'
                << "  cache write: " << perMillion(b.cacheWrite, b.input) << '\n'
                << "  output:      " << perMillion(b.output, std::nullopt) << '\n'
                << "  reasoning:   " << perMillion(b.reasoning, b.output) << '\n';
    for (const auto &tier : price->tiers)
        context.out << "  above " << tier.abovePromptTokens << " prompt tokens: input "
                    << perMillion(tier.prices.input, b.input) << ", output "
                    << perMillion(tier.prices.output, b.output) << '\n';
    return ExitOk;
}

} // namespace psm::cli
