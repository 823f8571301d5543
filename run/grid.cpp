// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "run/grid.h"

#include "run/requesthash.h"
#include "run/runengine.h"

#include <algorithm>
#include <cmath>

namespace psm::run {
namespace {

// Plain nlohmann::json, not ordered_json: its objects are maps, so equality ignores key order,
// and it compares integers with floats by value (1 == 1.0).
std::optional<nlohmann::json> parsedJson(const QString &text)
{
    const std::string s = text.trimmed().toStdString();
    if (s.empty())
        return std::nullopt;
    nlohmann::json value = nlohmann::json::parse(s, nullptr, false);
    if (value.is_discarded())
        return std::nullopt;
    return value;
}

// One output reduced to what "the same output" compares.
struct OutputKey {
    std::optional<nlohmann::json> json;
    QString text;

    bool operator==(const OutputKey &o) const
    {
        if (json && o.json)
            return *json == *o.json;
        return !json && !o.json && text == o.text;
    }
};

OutputKey keyOf(const QString &output)
{
    OutputKey key;
    key.json = parsedJson(output);
    if (!key.json)
        key.text = normalizedWhitespace(output);
    return key;
}

std::optional<qint64> sumKnown(std::initializer_list<std::optional<qint64>> parts)
{
    std::optional<qint64> total;
    for (const auto &p : parts)
        if (p)
            total = total.value_or(0) + *p;
    return total;
}

std::optional<double> mean(const std::vector<double> &values)
{
    if (values.empty())
        return std::nullopt;
    double sum = 0;
    for (double v : values)
        sum += v;
    return sum / double(values.size());
}

} // namespace

GridShape GridShape::of(const RunSpec &spec)
{
    GridShape s;
    s.revisions = std::max<int>(1, int(spec.revisions.size()));
    s.models = std::max<int>(1, int(spec.modelRefs.size()));
    s.parameterSets = std::max<int>(1, int(spec.parameterSets.size()));
    s.inputs = std::max<int>(1, int(spec.inputs.size()));
    s.repeats = std::max(1, spec.repeat);
    return s;
}

GridShape::Position GridShape::position(int sampleIndex) const
{
    Position p;
    int i = sampleIndex;
    p.repeat = i % repeats;
    i /= repeats;
    p.row = i % inputs;
    i /= inputs;
    p.parameterSet = i % parameterSets;
    i /= parameterSets;
    p.model = i % models;
    p.revision = i / models;
    p.column = column(p.revision, p.model, p.parameterSet);
    return p;
}

int GridShape::sampleIndex(int row, int column, int repeat) const
{
    // column = (revision * models + model) * parameterSets + parameterSet, and the plan nests
    // revision, model, parameter set, input, repeat: the column's digits come first.
    return (column * inputs + row) * repeats + repeat;
}

QString GridColumn::label() const
{
    QString out = modelRef;
    const auto params = nlohmann::ordered_json::parse(parametersJson.toStdString(), nullptr, false);
    if (params.is_object())
        for (const auto &[key, value] : params.items())
            out += QStringLiteral(" %1=%2").arg(QString::fromStdString(key),
                QString::fromStdString(
                    value.is_string() ? value.get<std::string>() : value.dump()));
    if (!revision.isEmpty())
        out += QStringLiteral(" @") + revision;
    return out;
}

QString sampleStateName(SampleState state)
{
    switch (state) {
    case SampleState::Pending:
        return QStringLiteral("pending");
    case SampleState::Streaming:
        return QStringLiteral("streaming");
    case SampleState::Ok:
        return QStringLiteral("ok");
    case SampleState::Error:
        return QStringLiteral("error");
    case SampleState::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

GridSample GridSample::fromResult(const RunSampleResult &r)
{
    const core::ChatResult &c = r.result;
    GridSample s;
    s.state = c.ok()
        ? SampleState::Ok
        : (c.failure == core::Failure::Cancelled ? SampleState::Cancelled : SampleState::Error);
    s.text = c.text;
    if (c.ttftMs >= 0)
        s.ttftMs = c.ttftMs;
    // The ledger records no latency for a cached answer; the grid says the same.
    if (!r.cached && (r.ledgerId > 0 || c.attempts > 0))
        s.latencyMs = c.latencyMs;
    s.inputTokens = sumKnown({ r.tokens.inputUncached, r.tokens.cacheRead, r.tokens.cacheWrite });
    s.outputTokens = sumKnown({ r.tokens.output, r.tokens.reasoning });
    s.costUsd = r.costUsd;
    if (c.finishReason != core::FinishReason::Unknown)
        s.finishReason = core::finishReasonName(c.finishReason);
    if (c.error)
        s.error = c.error->toString();
    s.attempts = c.attempts;
    s.cached = r.cached;
    s.ledgerId = r.ledgerId;
    s.revisionId = r.revisionId;
    s.provider = r.provider;
    s.model = r.model;
    return s;
}

QString normalizedWhitespace(const QString &text)
{
    return text.simplified();
}

bool sameOutput(const QString &a, const QString &b)
{
    return keyOf(a) == keyOf(b);
}

Agreement agreementOf(const std::vector<GridSample> &samples)
{
    // Groups of equal outputs with their sizes; a cell has a handful of samples, so a linear
    // scan over the groups is cheaper than any hashing of JSON values.
    std::vector<std::pair<OutputKey, int>> groups;
    Agreement a;
    for (const GridSample &s : samples) {
        if (s.state != SampleState::Ok)
            continue;
        ++a.compared;
        OutputKey key = keyOf(s.text);
        auto it = std::find_if(
            groups.begin(), groups.end(), [&](const auto &g) { return g.first == key; });
        if (it == groups.end())
            groups.emplace_back(std::move(key), 1);
        else
            ++it->second;
    }
    a.distinct = int(groups.size());
    for (const auto &g : groups)
        a.agreeing = std::max(a.agreeing, g.second);
    return a;
}

double passAtK(int n, int c, int k)
{
    if (k < 1 || k > n || c < 0 || c > n)
        return std::nan("");
    // C(n-c, k) / C(n, k) as a product, so no factorial overflows: prod (n-c-i) / (n-i).
    double allFail = 1.0;
    for (int i = 0; i < k; ++i) {
        if (n - c - i <= 0)
            return 1.0;
        allFail *= double(n - c - i) / double(n - i);
    }
    return 1.0 - allFail;
}

double passHatK(int n, int c, int k)
{
    if (k < 1 || k > n || c < 0 || c > n)
        return std::nan("");
    double allPass = 1.0;
    for (int i = 0; i < k; ++i) {
        if (c - i <= 0)
            return 0.0;
        allPass *= double(c - i) / double(n - i);
    }
    return allPass;
}

std::optional<double> percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return std::nullopt;
    std::sort(values.begin(), values.end());
    const auto rank = size_t(std::ceil(p / 100.0 * double(values.size())));
    return values[std::clamp<size_t>(rank, 1, values.size()) - 1];
}

Grid::Grid(const GridShape &shape)
    : m_shape(shape)
    , m_columns(size_t(shape.columns()))
    , m_rowInputs(size_t(shape.rows()), nlohmann::ordered_json::object())
    , m_rowInputHashes(size_t(shape.rows()))
    , m_cells(
          size_t(shape.rows() * shape.columns()), std::vector<GridSample>(size_t(shape.repeats)))
{
    for (auto &c : m_columns)
        c.parametersJson = QStringLiteral("{}");
}

Grid Grid::forSpec(const RunSpec &spec)
{
    Grid grid(GridShape::of(spec));
    const GridShape &s = grid.m_shape;
    for (int r = 0; r < s.revisions; ++r)
        for (int m = 0; m < s.models; ++m)
            for (int p = 0; p < s.parameterSets; ++p) {
                GridColumn &col = grid.column(s.column(r, m, p));
                if (!spec.revisions.empty()) {
                    const PromptRevision &rev = spec.revisions[size_t(r)];
                    col.revision = rev.kind == PromptRevision::Kind::Git ? rev.rev
                        : rev.kind == PromptRevision::Kind::Text ? QStringLiteral("editor text")
                                                                 : QStringLiteral("working copy");
                }
                col.modelRef = spec.modelRefs.isEmpty() ? spec.modelRef : spec.modelRefs[m];
                const auto &params = spec.parameterSets.empty() ? spec.configOverrides
                                                                : spec.parameterSets[size_t(p)];
                col.parametersJson = QString::fromStdString(params.dump());
            }
    for (int i = 0; i < s.inputs; ++i)
        grid.setRowInput(i, spec.inputs.empty() ? spec.input : spec.inputs[size_t(i)]);
    return grid;
}

void Grid::setRowInput(int row, nlohmann::ordered_json input)
{
    m_rowInputHashes[size_t(row)] = inputHash(input);
    m_rowInputs[size_t(row)] = std::move(input);
}

QString Grid::rowInputHash(int row) const
{
    // A default Grid has a shape but no rows behind it.
    return row >= 0 && size_t(row) < m_rowInputHashes.size() ? m_rowInputHashes[size_t(row)]
                                                             : QString();
}

void Grid::setRowInputHash(int row, QString hash)
{
    m_rowInputHashes[size_t(row)] = std::move(hash);
}

const std::vector<GridSample> &Grid::cell(int row, int column) const
{
    return m_cells[size_t(row * m_shape.columns() + column)];
}

GridSample &Grid::sample(int row, int column, int repeat)
{
    return m_cells[size_t(row * m_shape.columns() + column)][size_t(repeat)];
}

GridSample &Grid::sampleAt(int sampleIndex)
{
    const auto p = m_shape.position(sampleIndex);
    return sample(p.row, p.column, p.repeat);
}

void Grid::appendText(int sampleIndex, const QString &text)
{
    GridSample &s = sampleAt(sampleIndex);
    if (s.finished())
        return;
    s.state = SampleState::Streaming;
    s.text += text;
}

void Grid::finish(int sampleIndex, const RunSampleResult &result)
{
    GridSample &s = sampleAt(sampleIndex);
    const std::optional<bool> passed = s.passed;
    s = GridSample::fromResult(result);
    s.passed = passed;
    GridColumn &col = column(m_shape.position(sampleIndex).column);
    if (col.revisionId.isEmpty())
        col.revisionId = s.revisionId;
}

ColumnSummary Grid::columnSummary(int column) const
{
    ColumnSummary sum;
    std::vector<double> latencies;
    std::vector<double> ttfts;
    struct Checked {
        int n;
        int c;
    };
    std::vector<Checked> checked;
    for (int row = 0; row < rows(); ++row) {
        const auto &samples = cell(row, column);
        ++sum.cells;
        const Agreement a = agreementOf(samples);
        if (a.compared >= 2) {
            ++sum.comparedCells;
            if (a.flips())
                ++sum.flippingCells;
        }
        Checked verdicts { 0, 0 };
        for (const GridSample &s : samples) {
            if (!s.finished())
                continue;
            ++sum.calls;
            if (s.state != SampleState::Ok)
                ++sum.failedCalls;
            if (s.inputTokens || s.outputTokens) {
                sum.inputTokens += s.inputTokens.value_or(0);
                sum.outputTokens += s.outputTokens.value_or(0);
            } else {
                ++sum.unknownTokenCalls;
            }
            if (s.costUsd)
                sum.knownCostUsd += *s.costUsd;
            else
                ++sum.unknownCostCalls;
            if (s.latencyMs)
                latencies.push_back(double(*s.latencyMs));
            if (s.ttftMs)
                ttfts.push_back(double(*s.ttftMs));
            if (s.passed) {
                ++verdicts.n;
                verdicts.c += *s.passed ? 1 : 0;
            }
        }
        if (verdicts.n > 0)
            checked.push_back(verdicts);
    }
    if (sum.comparedCells > 0)
        sum.flipRate = double(sum.flippingCells) / double(sum.comparedCells);
    sum.meanLatencyMs = mean(latencies);
    sum.p95LatencyMs = percentile(latencies, 95);
    sum.meanTtftMs = mean(ttfts);
    sum.checkedCells = int(checked.size());
    if (!checked.empty()) {
        int kMax = checked.front().n;
        for (const Checked &ch : checked)
            kMax = std::min(kMax, ch.n);
        for (int k = 1; k <= kMax; ++k) {
            double at = 0;
            double hat = 0;
            for (const Checked &ch : checked) {
                at += passAtK(ch.n, ch.c, k);
                hat += passHatK(ch.n, ch.c, k);
            }
            sum.passAtK.push_back(at / double(checked.size()));
            sum.passHatK.push_back(hat / double(checked.size()));
        }
    }
    return sum;
}

int Grid::failedCalls() const
{
    int failed = 0;
    for (const auto &samples : m_cells)
        for (const GridSample &s : samples)
            failed += s.finished() && s.state != SampleState::Ok ? 1 : 0;
    return failed;
}

} // namespace psm::run
