// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "app/cli/comparereport.h"

namespace psm::cli {
namespace {

using Json = nlohmann::ordered_json;

template <typename T> Json optional(const std::optional<T> &v)
{
    return v ? Json(*v) : Json(nullptr);
}

// One line of a cell's first output: newlines shown as spaces, cut at `width` characters.
QString firstLine(const QString &text, int width)
{
    QString flat = text.simplified();
    if (flat.size() > width)
        flat = flat.left(width - 1) + QChar(0x2026);
    return flat;
}

QString usd(double value)
{
    if (value == 0)
        return QStringLiteral("$0"); // a known price of nothing (echo, a cached answer)
    return QStringLiteral("$") + QString::number(value, 'f', value < 0.01 ? 6 : 4);
}

// "$0.0012", "$0.0012 + unknown for 2 calls", "unknown": a missing price is never $0.
QString costText(double known, int knownCalls, int unknownCalls)
{
    if (knownCalls == 0)
        return unknownCalls > 0 ? QStringLiteral("unknown") : QStringLiteral("-");
    QString text = usd(known);
    if (unknownCalls > 0)
        text += QStringLiteral(" + unknown for %1 call%2")
                    .arg(unknownCalls)
                    .arg(unknownCalls == 1 ? QString() : QStringLiteral("s"));
    return text;
}

QString ms(const std::optional<double> &v)
{
    return v ? QStringLiteral("%1 ms").arg(qRound64(*v)) : QStringLiteral("-");
}

QString percent(double v)
{
    return QString::number(v * 100.0, 'f', 1) + QLatin1Char('%');
}

QString cellLine(const std::vector<run::GridSample> &samples, const run::Agreement &agreement)
{
    const run::GridSample *first = nullptr;
    const run::GridSample *firstFailure = nullptr;
    double cost = 0;
    int knownCost = 0;
    int unknownCost = 0;
    std::vector<double> latencies;
    int finished = 0;
    for (const run::GridSample &s : samples) {
        if (!s.finished())
            continue;
        ++finished;
        if (s.state == run::SampleState::Ok && !first)
            first = &s;
        if (s.state != run::SampleState::Ok && !firstFailure)
            firstFailure = &s;
        if (s.costUsd) {
            cost += *s.costUsd;
            ++knownCost;
        } else {
            ++unknownCost;
        }
        if (s.latencyMs)
            latencies.push_back(double(*s.latencyMs));
    }
    if (finished == 0)
        return QStringLiteral("not run");
    QString line = QStringLiteral("agree %1/%2").arg(agreement.agreeing).arg(samples.size());
    if (first)
        line += QStringLiteral("  \"%1\"").arg(firstLine(first->text, 40));
    double latencySum = 0;
    for (double l : latencies)
        latencySum += l;
    line += QStringLiteral("  %1  %2")
                .arg(ms(latencies.empty() ? std::nullopt
                                          : std::optional(latencySum / double(latencies.size()))),
                    costText(cost, knownCost, unknownCost));
    if (firstFailure) {
        const int failures = finished - agreement.compared;
        line += QStringLiteral("  [%1 failed: %2]")
                    .arg(failures)
                    .arg(firstLine(firstFailure->error.isEmpty()
                            ? run::sampleStateName(firstFailure->state)
                            : firstFailure->error,
                        100));
    }
    return line;
}

Json sampleJson(int repeat, const run::GridSample &s)
{
    Json j = Json::object();
    j["repeat"] = repeat;
    j["status"] = run::sampleStateName(s.state).toStdString();
    j["text"] = s.text.toStdString();
    j["finishReason"]
        = s.finishReason.isEmpty() ? Json(nullptr) : Json(s.finishReason.toStdString());
    j["error"] = s.error.isEmpty() ? Json(nullptr) : Json(s.error.toStdString());
    j["latencyMs"] = optional(s.latencyMs);
    j["ttftMs"] = optional(s.ttftMs);
    j["inputTokens"] = optional(s.inputTokens);
    j["outputTokens"] = optional(s.outputTokens);
    j["cost"] = optional(s.costUsd);
    j["costKnown"] = s.costUsd.has_value();
    j["attempts"] = s.attempts;
    j["cached"] = s.cached;
    j["ledgerId"] = s.ledgerId > 0 ? Json(s.ledgerId) : Json(nullptr);
    j["revisionId"] = s.revisionId.toStdString();
    j["passed"] = optional(s.passed);
    return j;
}

Json summaryJson(const run::ColumnSummary &s)
{
    Json j = Json::object();
    j["cells"] = s.cells;
    j["comparedCells"] = s.comparedCells;
    j["flippingCells"] = s.flippingCells;
    j["flipRate"] = optional(s.flipRate);
    j["calls"] = s.calls;
    j["failedCalls"] = s.failedCalls;
    j["inputTokens"] = s.inputTokens;
    j["outputTokens"] = s.outputTokens;
    j["unknownTokenCalls"] = s.unknownTokenCalls;
    j["knownCost"] = s.knownCostUsd;
    j["unknownCostCalls"] = s.unknownCostCalls;
    j["meanLatencyMs"] = optional(s.meanLatencyMs);
    j["p95LatencyMs"] = optional(s.p95LatencyMs);
    j["meanTtftMs"] = optional(s.meanTtftMs);
    j["checkedCells"] = s.checkedCells;
    j["passAtK"] = s.passAtK;
    j["passHatK"] = s.passHatK;
    return j;
}

} // namespace

void printGridTable(QTextStream &out, const run::Grid &grid, const QString &runId)
{
    out << "Run " << runId << ": " << grid.rows() << " input(s) x " << grid.columns()
        << " column(s) x " << grid.shape().repeats << " repeat(s)\n\nColumns:\n";
    for (int c = 0; c < grid.columns(); ++c)
        out << "  [" << (c + 1) << "] " << grid.column(c).label() << '\n';
    for (int r = 0; r < grid.rows(); ++r) {
        const Json &input = grid.rowInput(r);
        out << "\nInput " << (r + 1);
        if (!input.empty())
            out << ": " << firstLine(QString::fromStdString(input.dump()), 70);
        out << '\n';
        for (int c = 0; c < grid.columns(); ++c)
            out << "  [" << (c + 1) << "] " << cellLine(grid.cell(r, c), grid.agreement(r, c))
                << '\n';
    }
    out << "\nSummary per column:\n";
    for (int c = 0; c < grid.columns(); ++c) {
        const run::ColumnSummary s = grid.columnSummary(c);
        out << "  [" << (c + 1) << "] flip rate "
            << (s.flipRate ? QStringLiteral("%1 (%2/%3 cells)")
                                 .arg(percent(*s.flipRate))
                                 .arg(s.flippingCells)
                                 .arg(s.comparedCells)
                           : QStringLiteral("-"))
            << "; tokens " << s.inputTokens << " in / " << s.outputTokens << " out";
        if (s.unknownTokenCalls > 0)
            out << " (unknown for " << s.unknownTokenCalls << ")";
        out << "; cost "
            << costText(s.knownCostUsd, s.calls - s.unknownCostCalls, s.unknownCostCalls)
            << "; latency mean " << ms(s.meanLatencyMs) << ", p95 " << ms(s.p95LatencyMs)
            << "; TTFT mean " << ms(s.meanTtftMs);
        if (s.failedCalls > 0)
            out << "; " << s.failedCalls << " failed";
        if (!s.passAtK.empty()) {
            const size_t k = s.passAtK.size();
            out << "; pass@1 " << percent(s.passAtK.front());
            if (k > 1)
                out << ", pass@" << k << ' ' << percent(s.passAtK.back()) << ", pass^" << k << ' '
                    << percent(s.passHatK.back());
        }
        out << '\n';
    }
    const int failed = grid.failedCalls();
    if (failed > 0)
        out << '\n' << failed << " call(s) failed; the errors are in their cells.\n";
}

Json gridJson(const run::Grid &grid, const QString &runId)
{
    Json j = Json::object();
    j["runId"] = runId.toStdString();
    j["rows"] = grid.rows();
    j["repeats"] = grid.shape().repeats;
    Json columns = Json::array();
    for (int c = 0; c < grid.columns(); ++c) {
        const run::GridColumn &col = grid.column(c);
        Json cj = Json::object();
        cj["index"] = c;
        cj["label"] = col.label().toStdString();
        cj["revision"] = col.revision.toStdString();
        cj["revisionId"] = col.revisionId.toStdString();
        cj["model"] = col.modelRef.toStdString();
        cj["parameters"] = Json::parse(col.parametersJson.toStdString(), nullptr, false);
        cj["summary"] = summaryJson(grid.columnSummary(c));
        columns.push_back(std::move(cj));
    }
    j["columns"] = std::move(columns);
    Json cells = Json::array();
    for (int r = 0; r < grid.rows(); ++r) {
        for (int c = 0; c < grid.columns(); ++c) {
            const run::Agreement a = grid.agreement(r, c);
            Json cell = Json::object();
            cell["row"] = r;
            cell["column"] = c;
            cell["input"] = grid.rowInput(r);
            cell["agreement"] = Json { { "compared", a.compared }, { "agreeing", a.agreeing },
                { "distinct", a.distinct } };
            Json samples = Json::array();
            const auto &list = grid.cell(r, c);
            for (size_t k = 0; k < list.size(); ++k)
                samples.push_back(sampleJson(int(k), list[k]));
            cell["samples"] = std::move(samples);
            cells.push_back(std::move(cell));
        }
    }
    j["cells"] = std::move(cells);
    j["failedCalls"] = grid.failedCalls();
    return j;
}

} // namespace psm::cli
