// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/evalgatereport.h"

#include "ui/evalgatepanel.h"

#include <QList>
#include <QMap>

#include <optional>

namespace psm::ui {
namespace {

QString percent(const core::eval::PassRate &rate)
{
    if (rate.total == 0)
        return EvalGatePanel::tr("no verdicts");
    return QStringLiteral("%1/%2 (%3%)")
        .arg(rate.passed)
        .arg(rate.total)
        .arg(qRound(rate.rate * 100));
}

// Input tokens per call as the provider reported them for the prompt's own calls (grader calls
// left out: they do not change with the prompt). Calls with no reported usage do not count.
struct TokenMean {
    qint64 tokens = 0;
    int calls = 0;
    void add(const run::EvalColumn &column)
    {
        for (const run::EvalCell &cell : column.cells)
            for (const run::EvalSample &s : cell.samples)
                if (s.hasVerdict() && s.tokens.inputUncached) {
                    tokens += s.tokens.promptTokens();
                    ++calls;
                }
    }
    std::optional<double> mean() const
    {
        return calls ? std::optional<double>(double(tokens) / calls) : std::nullopt;
    }
};

// The first failing repeat's assertion and reason, for a regression or flip line.
QString failingReason(const run::EvalColumn &column, int test)
{
    if (test < 0 || test >= column.cells.size())
        return {};
    for (const run::EvalSample &s : column.cells[test].samples)
        if (s.hasVerdict() && s.status != run::EvalSampleStatus::Passed)
            return s.failedAssertion.isEmpty()
                ? s.reason
                : s.failedAssertion + QStringLiteral(": ") + s.reason;
    return {};
}

// Why a test has no verdict in the column: the first repeat's reason (the call's error).
QString notRunReason(const run::EvalColumn &column, int test)
{
    if (test < 0 || test >= column.cells.size())
        return {};
    for (const run::EvalSample &s : column.cells[test].samples)
        if (!s.hasVerdict() && !s.reason.isEmpty())
            return s.reason;
    return {};
}

} // namespace

// A reason short enough for the one-line summary; the details keep it whole.
QString briefReason(const QString &reason)
{
    constexpr int kMax = 100;
    QString line = reason.section(QLatin1Char('\n'), 0, 0).trimmed();
    if (line.size() > kMax)
        line = line.left(kMax) + QChar(0x2026);
    return line;
}

// The first reason any sample of the run has no verdict, for the one-line summary.
QString firstNotRunReason(const run::EvalRunResult &result)
{
    for (const run::EvalSetResult &set : result.sets)
        for (const run::EvalColumn &column : set.columns)
            for (int t = 0; t < column.cells.size(); ++t)
                if (QString why = notRunReason(column, t); !why.isEmpty())
                    return why;
    return {};
}

QString evalGateReport(const run::EvalRunResult &result)
{
    QString out;
    QMap<QString, std::pair<TokenMean, TokenMean>> tokens; // prompt -> (HEAD, working copy)
    for (const run::EvalSetResult &set : result.sets) {
        out += set.file;
        if (!set.description.isEmpty())
            out += QStringLiteral(" — ") + set.description;
        out += QLatin1Char('\n');
        for (const run::EvalColumn &column : set.columns)
            (column.baseline ? tokens[column.prompt].first : tokens[column.prompt].second)
                .add(column);
        QMap<QString, int> testIndex;
        for (int t = 0; t < set.tests.size(); ++t)
            testIndex.insert(set.tests[t].key, t);
        const auto name = [&](const QString &key) {
            const int t = testIndex.value(key, -1);
            return t < 0 ? key : set.tests[t].description;
        };
        QList<int> compared;
        for (const run::EvalComparison &c : set.comparisons) {
            const run::EvalColumn &cand = set.columns[c.candidateColumn];
            const run::EvalColumn &base = set.columns[c.baselineColumn];
            compared << c.candidateColumn << c.baselineColumn;
            out += EvalGatePanel::tr("  %1 · %2: working copy %3, HEAD %4\n")
                       .arg(
                           cand.prompt, cand.model, percent(cand.passRate), percent(base.passRate));
            for (const QString &key : c.comparison.regressions)
                out += EvalGatePanel::tr("    REGRESSION  %1 — %2\n")
                           .arg(name(key), failingReason(cand, testIndex.value(key, -1)));
            for (const QString &key : c.newFlips)
                out += EvalGatePanel::tr("    NEW FLIP    %1 — %2\n")
                           .arg(name(key), failingReason(cand, testIndex.value(key, -1)));
            for (const QString &key : c.comparison.improvements)
                out += EvalGatePanel::tr("    improved    %1\n").arg(name(key));
            for (const QString &key : c.comparison.unrun) {
                const int t = testIndex.value(key, -1);
                QString why = notRunReason(cand, t);
                if (why.isEmpty())
                    why = notRunReason(base, t);
                out += EvalGatePanel::tr("    not run     %1 — %2\n").arg(name(key), why);
            }
        }
        // A prompt HEAD does not have runs without a baseline column: its tests are new.
        for (int i = 0; i < set.columns.size(); ++i)
            if (!compared.contains(i))
                out += EvalGatePanel::tr("  %1: %2 (no HEAD version to compare with)\n")
                           .arg(set.columns[i].title(), percent(set.columns[i].passRate));
    }
    out += EvalGatePanel::tr(
        "Input tokens per call (provider-reported usage of the two runs, grader calls "
        "excluded):\n");
    for (auto it = tokens.cbegin(); it != tokens.cend(); ++it) {
        const auto before = it->first.mean();
        const auto after = it->second.mean();
        if (before && after)
            out += EvalGatePanel::tr("  %1: HEAD %2 → working copy %3 (%4%5)\n")
                       .arg(it.key(), QString::number(*before, 'f', 1),
                           QString::number(*after, 'f', 1),
                           *after >= *before ? QStringLiteral("+") : QString(),
                           QString::number(*after - *before, 'f', 1));
        else if (after)
            out += EvalGatePanel::tr("  %1: working copy %2 (no HEAD run)\n")
                       .arg(it.key(), QString::number(*after, 'f', 1));
        else
            out += EvalGatePanel::tr("  %1: no usage reported\n").arg(it.key());
    }
    for (const core::Error &error : result.errors)
        out += EvalGatePanel::tr("Error: %1\n").arg(error.toString());
    return out;
}

} // namespace psm::ui
