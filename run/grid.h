// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "run/runspec.h"

#include <QString>

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

namespace psm::run {

struct RunSampleResult;

// Where the calls of a RunSpec sit in a comparison grid: rows are inputs, columns are variants
// (revision x model x parameter set, in the planner's nesting order), each cell holds `repeats`
// samples. The planner numbers calls revision, model, parameter set, input, repeat (repeats
// innermost), so a sample number from RunEngine maps to one position without the plan.
struct GridShape {
    int revisions = 1;
    int models = 1;
    int parameterSets = 1;
    int inputs = 1;
    int repeats = 1;

    static GridShape of(const RunSpec &spec);

    int rows() const { return inputs; }
    int columns() const { return revisions * models * parameterSets; }
    int sampleCount() const { return columns() * rows() * repeats; }
    int column(int revision, int model, int parameterSet) const
    {
        return (revision * models + model) * parameterSets + parameterSet;
    }

    struct Position {
        int row = 0;
        int column = 0;
        int repeat = 0;
        int revision = 0;
        int model = 0;
        int parameterSet = 0;
    };
    Position position(int sampleIndex) const;
    int sampleIndex(int row, int column, int repeat) const;
};

// A variant: what a column runs.
struct GridColumn {
    QString revision; // as asked: "working copy", a commit, tag or branch
    QString revisionId; // as run: commit id or "sha256:<hex>"; empty until known
    QString modelRef; // "provider/model"
    QString parametersJson; // the parameter set's overrides ("{}" for none)

    QString label() const; // "provider/model temperature=0.7 @rev"
};

enum class SampleState { Pending, Streaming, Ok, Error, Cancelled };

QString sampleStateName(SampleState state); // "pending", "streaming", "ok", ...

// One sample of a cell, as the engine reported it or the ledger recorded it. Unknown values
// stay nullopt (a cost is never 0 for "no price").
struct GridSample {
    SampleState state = SampleState::Pending;
    QString text; // streamed so far; on failure the partial text
    std::optional<qint64> ttftMs;
    std::optional<qint64> latencyMs; // nullopt for a cached answer: no call was timed
    std::optional<qint64> inputTokens; // every prompt-side bucket
    std::optional<qint64> outputTokens; // visible output + reasoning
    std::optional<double> costUsd;
    QString finishReason;
    QString error;
    int attempts = 0;
    bool cached = false;
    qint64 ledgerId = 0;
    QString revisionId;
    QString provider;
    QString model; // provider-side name
    std::optional<bool> passed; // the cell's checks on this output; nullopt: no verdict

    bool finished() const
    {
        return state != SampleState::Pending && state != SampleState::Streaming;
    }
    // The sample as RunEngine reported it when it finished.
    static GridSample fromResult(const RunSampleResult &result);
};

// How many samples of a cell gave the same output. Only successful samples are compared (a
// failed one has no output to agree with). Two outputs are the same when both parse as JSON
// to equal values (object key order ignored, 1 == 1.0), or else when their texts are equal
// after whitespace is normalised (trimmed, every run of whitespace one space).
struct Agreement {
    int compared = 0; // successful samples
    int agreeing = 0; // the largest group of same outputs
    int distinct = 0; // how many different outputs
    bool flips() const { return distinct > 1; }
};

Agreement agreementOf(const std::vector<GridSample> &samples);
bool sameOutput(const QString &a, const QString &b);
QString normalizedWhitespace(const QString &text);

// pass@k: the chance that at least one of k samples drawn (without replacement) from n, of which
// c passed, passes; estimated without bias as 1 - C(n-c, k) / C(n, k) (Chen et al., 2021).
// pass^k: the chance that all k drawn samples pass, C(c, k) / C(n, k). Both need 1 <= k <= n.
double passAtK(int n, int c, int k);
double passHatK(int n, int c, int k);

// Nearest-rank percentile (p in (0, 100]) of unsorted values; nullopt when there are none.
std::optional<double> percentile(std::vector<double> values, double p);

struct ColumnSummary {
    int cells = 0;
    int comparedCells = 0; // cells with at least two successful samples
    int flippingCells = 0; // of those, cells whose samples disagree
    std::optional<double> flipRate; // flippingCells / comparedCells; nullopt without any
    int calls = 0; // finished samples
    int failedCalls = 0; // error or cancelled
    qint64 inputTokens = 0; // over the samples that reported them
    qint64 outputTokens = 0;
    int unknownTokenCalls = 0; // finished samples without a token count
    double knownCostUsd = 0;
    int unknownCostCalls = 0; // finished samples without a price: not $0, unknown
    std::optional<double> meanLatencyMs;
    std::optional<double> p95LatencyMs;
    std::optional<double> meanTtftMs;
    // With checks: the mean over the cells with a verdict on every finished sample, for
    // k = 1 .. the smallest such sample count (passAtK[k - 1]).
    int checkedCells = 0;
    std::vector<double> passAtK;
    std::vector<double> passHatK;
};

// A comparison grid's values: shape, columns, the inputs of its rows and every sample. Plain
// data, filled from RunEngine's signals or rebuilt from the ledger (gridhistory.h).
class Grid {
public:
    Grid() = default;
    explicit Grid(const GridShape &shape);
    // The shape, columns and row inputs a spec will run.
    static Grid forSpec(const RunSpec &spec);

    const GridShape &shape() const { return m_shape; }
    int rows() const { return m_shape.rows(); }
    int columns() const { return m_shape.columns(); }
    const GridColumn &column(int c) const { return m_columns[size_t(c)]; }
    GridColumn &column(int c) { return m_columns[size_t(c)]; }
    const nlohmann::ordered_json &rowInput(int row) const { return m_rowInputs[size_t(row)]; }
    void setRowInput(int row, nlohmann::ordered_json input); // also sets its inputHash()
    // inputHash() of the row's variables: of the input given, or as the ledger recorded it for
    // a reopened grid (whose inputs are not kept); empty when unknown (recorded before it was).
    QString rowInputHash(int row) const;
    void setRowInputHash(int row, QString hash);

    const std::vector<GridSample> &cell(int row, int column) const;
    GridSample &sample(int row, int column, int repeat);
    GridSample &sampleAt(int sampleIndex); // the engine's numbering

    // From RunEngine: text as it streams, then the final result.
    void appendText(int sampleIndex, const QString &text);
    void finish(int sampleIndex, const RunSampleResult &result);

    Agreement agreement(int row, int column) const { return agreementOf(cell(row, column)); }
    ColumnSummary columnSummary(int column) const;
    int failedCalls() const;

private:
    GridShape m_shape;
    std::vector<GridColumn> m_columns;
    std::vector<nlohmann::ordered_json> m_rowInputs;
    std::vector<QString> m_rowInputHashes;
    std::vector<std::vector<GridSample>> m_cells; // row-major: row * columns + column
};

} // namespace psm::run
