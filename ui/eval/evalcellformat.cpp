// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/eval/evalcellformat.h"

#include <QCoreApplication>
#include <QStringList>

namespace psm::ui::evaltext {
namespace {

using run::EvalSampleStatus;

QString tr(const char *text)
{
    return QCoreApplication::translate("EvalWindow", text);
}

QString usd(double value)
{
    if (value == 0)
        return QStringLiteral("$0.00");
    return QLatin1Char('$') + QString::number(value, 'f', value >= 0.01 ? 4 : 6);
}

QString percent(double rate)
{
    return QStringLiteral("%1%").arg(qRound(rate * 100));
}

QString statusName(EvalSampleStatus status)
{
    switch (status) {
    case EvalSampleStatus::Passed:
        return tr("pass");
    case EvalSampleStatus::Failed:
        return tr("fail");
    case EvalSampleStatus::Error:
        return tr("error");
    case EvalSampleStatus::NotRun:
        break;
    }
    return tr("not run");
}

QString stateName(core::eval::AssertionState state)
{
    switch (state) {
    case core::eval::AssertionState::Passed:
        return tr("pass");
    case core::eval::AssertionState::Failed:
        return tr("fail");
    case core::eval::AssertionState::Error:
        return tr("error");
    case core::eval::AssertionState::NeedsGrader:
        break;
    }
    return tr("awaiting grader");
}

QString count(const std::optional<qint64> &value)
{
    return value ? QString::number(*value) : tr("unknown");
}

} // namespace

CellKind cellKind(const run::EvalCell &cell)
{
    int passed = 0, failed = 0, errors = 0;
    for (const run::EvalSample &s : cell.samples) {
        if (s.status == EvalSampleStatus::Passed)
            ++passed;
        else if (s.status == EvalSampleStatus::Failed)
            ++failed;
        else if (s.status == EvalSampleStatus::Error)
            ++errors;
    }
    if (passed + failed + errors == 0)
        return CellKind::NotRun;
    if (passed > 0 && failed + errors > 0)
        return CellKind::Flip;
    if (passed > 0)
        return CellKind::Pass;
    return errors > 0 ? CellKind::Error : CellKind::Fail;
}

QString cellLabel(const run::EvalCell &cell)
{
    int passed = 0, judged = 0;
    for (const run::EvalSample &s : cell.samples) {
        if (!s.hasVerdict())
            continue;
        ++judged;
        passed += s.status == EvalSampleStatus::Passed ? 1 : 0;
    }
    const qsizetype repeats = cell.samples.size();
    QString label;
    switch (cellKind(cell)) {
    case CellKind::Pass:
        label = tr("pass");
        break;
    case CellKind::Fail:
        label = tr("fail");
        break;
    case CellKind::Error:
        label = tr("error");
        break;
    case CellKind::NotRun:
        return tr("not run");
    case CellKind::Flip:
        label = tr("flip");
        break;
    }
    // "k of n passed" once repeats make the count informative; samples without a verdict are
    // left out of n, as they are out of the pass rate.
    if (repeats > 1)
        label += QStringLiteral(" %1/%2").arg(passed).arg(judged);
    return label;
}

QString cellProblem(const run::EvalCell &cell)
{
    for (const run::EvalSample &s : cell.samples) {
        if (s.status == EvalSampleStatus::Passed)
            continue;
        if (s.status == EvalSampleStatus::NotRun)
            return tr("not run: %1").arg(s.reason);
        return s.failedAssertion.isEmpty() ? s.reason
                                           : s.failedAssertion + QStringLiteral(": ") + s.reason;
    }
    return {};
}

QString sampleDetail(const run::EvalTestInfo &info, const run::EvalSample &sample, int repeatIndex,
    const core::eval::EvalTest *test)
{
    QStringList lines;
    lines << tr("%1 (%2:%3) — repeat %4: %5")
                 .arg(info.description, info.file)
                 .arg(info.line)
                 .arg(repeatIndex + 1)
                 .arg(statusName(sample.status));
    if (!sample.hasVerdict()) {
        lines << tr("No output: %1").arg(sample.reason);
        return lines.join(QLatin1Char('\n'));
    }
    lines << QString() << tr("Output:") << sample.output << QString() << tr("Assertions:");
    for (int a = 0; a < sample.verdict.assertions.size(); ++a) {
        const core::eval::AssertionResult &r = sample.verdict.assertions[a];
        QString type = tr("assertion %1").arg(a + 1);
        if (test && a < test->asserts.size())
            type = test->asserts[a].displayType();
        lines << QStringLiteral("  %1: %2%3")
                     .arg(type, stateName(r.state),
                         r.reason.isEmpty() ? QString() : QStringLiteral(" — ") + r.reason);
    }
    for (const run::EvalGrading &g : sample.gradings) {
        lines << QString()
              << tr("Grader %1 for assertion %2:").arg(g.model).arg(g.assertionIndex + 1);
        for (const core::eval::GraderMessage &m : g.prompt)
            lines << QStringLiteral("[%1]").arg(m.role) << m.content;
        if (!g.error.isEmpty())
            lines << tr("Grader error: %1").arg(g.error);
        else
            lines << tr("[answer]") << g.answer;
    }
    lines << QString()
          << tr("Tokens: in %1, out %2")
                 .arg(sample.tokens.inputUncached || sample.tokens.cacheRead
                             || sample.tokens.cacheWrite
                         ? QString::number(sample.tokens.promptTokens())
                         : tr("unknown"),
                     count(sample.tokens.output))
          << tr("Cost: %1").arg(sample.costUsd ? usd(*sample.costUsd) : tr("unknown"))
          << tr("Latency: %1")
                 .arg(sample.latencyMs ? QStringLiteral("%1 ms").arg(qRound(*sample.latencyMs))
                                       : tr("unknown"))
          << (sample.cached ? tr("Cached: yes (answer reused, nothing paid)") : tr("Cached: no"));
    return lines.join(QLatin1Char('\n'));
}

QString passRateText(const core::eval::PassRate &rate, int repeat)
{
    if (rate.total == 0)
        return tr("no verdicts");
    QString text = tr("%1/%2 passed (%3").arg(rate.passed).arg(rate.total).arg(percent(rate.rate));
    if (repeat > 1)
        text += tr(", 95% CI %1–%2").arg(percent(rate.low), percent(rate.high));
    return text + QLatin1Char(')');
}

QString costText(const run::EvalColumn &column)
{
    if (column.unknownCostCalls == 0)
        return usd(column.costUsd);
    // A call without a price is never $0: say how many are unknown beside what is known.
    if (column.costUsd == 0)
        return tr("unknown (%1 calls of unknown price)").arg(column.unknownCostCalls);
    return tr("%1 + %2 calls of unknown price")
        .arg(usd(column.costUsd))
        .arg(column.unknownCostCalls);
}

QString tokensText(const run::EvalColumn &column)
{
    return tr("in %1, out %2").arg(column.inputTokens).arg(column.outputTokens);
}

} // namespace psm::ui::evaltext
