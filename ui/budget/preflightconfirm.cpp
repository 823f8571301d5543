// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/budget/preflightconfirm.h"

#include "core/ledger/ledger.h"
#include "core/settings/userbudgets.h"
#include "run/costestimate.h"
#include "run/costevidence.h"
#include "run/runplanner.h"
#include "ui/budget/budgetglance.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <optional>

namespace psm::ui {

core::Result<PreflightEstimate> estimatePreflight(const run::RunEngine::PlanFunction &planner,
    const QList<run::RunSpec> &specs, const QString &ledgerPath, const QString &userBudgetsPath)
{
    PreflightEstimate out;
    const QString ledgerFile = ledgerPath.isEmpty() ? core::Ledger::defaultPath() : ledgerPath;
    std::optional<core::Ledger> ledger;
    if (QFileInfo::exists(ledgerFile)) {
        // Read-only: no migration and no whole-file quick_check (seconds on a large ledger,
        // for a question the user is waiting on); v6 has every column the evidence reads. A
        // ledger too old to read gives no evidence, and the estimate falls back to
        // maxOutputTokens as for a new prompt.
        auto opened = core::Ledger::openReadOnly(ledgerFile, 6);
        if (opened)
            ledger = std::move(*opened);
        // NotFound: still empty (another connection is creating it); Conflict: older than v6.
        else if (opened.error().code != core::ErrorCode::NotFound
            && opened.error().code != core::ErrorCode::Conflict)
            return tl::unexpected(opened.error());
    }
    for (const run::RunSpec &spec : specs) {
        const auto plan = planner(spec);
        if (!plan) {
            out.planError = plan.error();
            return out;
        }
        run::CostEvidence evidence;
        if (ledger) {
            auto found = run::costEvidenceFromLedger(*ledger, *plan, spec.useCache);
            if (!found)
                return tl::unexpected(found.error());
            evidence = std::move(*found);
        }
        const run::RunCostEstimate one = run::estimateRunCost(*plan, evidence);
        out.cost.calls += one.calls;
        out.cost.cachedCalls += one.cachedCalls;
        out.cost.unknownPriceCalls += one.unknownPriceCalls;
        out.cost.inputTokens += one.inputTokens;
        out.cost.lowUsd += one.lowUsd;
        out.cost.expectedUsd += one.expectedUsd;
        out.cost.highUsd += one.highUsd;
        for (const run::PlannedCall &call : plan->calls) {
            const run::CallCostEstimate c = run::estimateCallCost(call, plan->prices, evidence);
            if (c.cached)
                continue;
            out.lowOutputTokens += c.lowOutputTokens;
            out.highOutputTokens += c.highOutputTokens;
        }
    }
    const QString root
        = specs.isEmpty() ? QString() : run::RunPlanner::workspaceRoot(specs.first());
    const auto settings = core::WorkspaceSettings::load(root);
    const auto user = core::UserBudgets::load(
        userBudgetsPath.isEmpty() ? core::UserBudgets::defaultPath() : userBudgetsPath);
    out.thresholdUsd = core::confirmAboveUsd(settings.budgets(), user.budgets());
    return out;
}

PreflightDialog::PreflightDialog(const PreflightEstimate &e, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("preflightDialog"));
    setWindowTitle(tr("Run these calls?"));
    auto *layout = new QVBoxLayout(this);
    const run::RunCostEstimate &c = e.cost;
    QString text = tr("This run could cost up to %1, above the %2 at which Promptsmith asks "
                      "first (budgets.confirm_above_usd).")
                       .arg(formatGlanceUsd(c.highUsd), formatGlanceUsd(e.thresholdUsd));
    text += QStringLiteral("\n\n");
    text += tr("%n call(s)", nullptr, c.calls);
    text += tr(", %n served from the cache (free)", nullptr, c.cachedCalls);
    if (c.unknownPriceCalls > 0)
        text += tr(", %n of unknown price (not in the range)", nullptr, c.unknownPriceCalls);
    text += QLatin1Char('\n');
    text += tr("Tokens: about %1 in, %2 to %3 out")
                .arg(c.inputTokens)
                .arg(e.lowOutputTokens)
                .arg(e.highOutputTokens);
    text += QLatin1Char('\n');
    text += tr("Cost: %1 to %2, expected %3")
                .arg(formatGlanceUsd(c.lowUsd), formatGlanceUsd(c.highUsd),
                    formatGlanceUsd(c.expectedUsd));
    auto *label = new QLabel(text, this);
    label->setObjectName(QStringLiteral("preflightText"));
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(label);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *runButton = buttons->addButton(tr("Run"), QDialogButtonBox::AcceptRole);
    runButton->setObjectName(QStringLiteral("preflightRun"));
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("preflightCancel"));
    // Cancel is the default: Enter does not spend money.
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

PreflightDialog::~PreflightDialog() = default;

} // namespace psm::ui
