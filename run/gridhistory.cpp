// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "run/gridhistory.h"

#include "core/ledger/ledger.h"

#include <algorithm>

namespace psm::run {
namespace {

// The indices come from the ledger file, which anyone can edit: a row claiming input 2,000,000,000
// must not make us allocate a grid of that size (or overflow GridShape's int arithmetic). No grid
// the planner makes comes near this; the check only refuses what cannot be a real run.
constexpr qint64 kMaxReopenedSamples = 1'000'000;

struct Placed {
    int revision = 0;
    int model = 0;
    int params = 0;
    int input = 0;
    int repeat = 0;
    QString inputHash; // empty for calls recorded before it was
};

std::optional<Placed> placeOf(const QString &cellJson)
{
    const auto j = nlohmann::json::parse(cellJson.toStdString(), nullptr, false);
    if (!j.is_object())
        return std::nullopt;
    Placed p;
    for (auto [name, field] : { std::pair { "revision", &p.revision }, { "model", &p.model },
             { "params", &p.params }, { "input", &p.input }, { "repeat", &p.repeat } }) {
        const auto it = j.find(name);
        if (it == j.end() || !it->is_number_integer())
            return std::nullopt;
        const auto value = it->get<qint64>();
        if (value < 0 || value >= kMaxReopenedSamples)
            return std::nullopt;
        *field = int(value);
    }
    if (const auto it = j.find("inputHash"); it != j.end() && it->is_string())
        p.inputHash = QString::fromStdString(it->get<std::string>());
    return p;
}

std::optional<qint64> sumKnown(std::initializer_list<std::optional<qint64>> parts)
{
    std::optional<qint64> total;
    for (const auto &p : parts)
        if (p)
            total = total.value_or(0) + *p;
    return total;
}

GridSample sampleOf(const core::CallRecord &r)
{
    GridSample s;
    switch (r.outcome.status) {
    case core::CallStatus::Running:
        s.state = SampleState::Pending;
        break;
    case core::CallStatus::Ok:
        s.state = SampleState::Ok;
        break;
    case core::CallStatus::Error:
        s.state = SampleState::Error;
        break;
    case core::CallStatus::Cancelled:
        s.state = SampleState::Cancelled;
        break;
    }
    const core::TokenUsage &t = r.outcome.tokens;
    s.text = r.outcome.outputText;
    s.ttftMs = r.outcome.timeToFirstTokenMs;
    s.latencyMs = r.outcome.latencyMs;
    s.inputTokens = sumKnown({ t.inputUncached, t.cacheRead, t.cacheWrite });
    s.outputTokens = sumKnown({ t.output, t.reasoning });
    s.costUsd = r.outcome.costUsd;
    s.finishReason = r.outcome.finishReason;
    s.error = r.outcome.error;
    s.attempts = int(r.attempts.size());
    s.cached = r.outcome.cached;
    s.ledgerId = r.id;
    s.revisionId = r.start.promptRevision;
    s.provider = r.start.provider;
    s.model = r.start.model;
    return s;
}

} // namespace

core::Result<Grid> gridFromLedger(const core::Ledger &ledger, const QString &runId)
{
    core::CallQuery query;
    query.runId = runId;
    query.limit = 0;
    auto rows = ledger.calls(query);
    if (!rows)
        return tl::unexpected(rows.error());
    std::vector<std::pair<Placed, const core::CallRecord *>> placed;
    GridShape shape { 0, 0, 0, 0, 0 };
    for (const core::CallRecord &r : *rows) {
        if (r.start.purpose == QLatin1String("grading"))
            continue;
        const auto p = placeOf(r.start.cellJson);
        if (!p)
            return core::fail(core::ErrorCode::InvalidInput,
                QStringLiteral("ledger call %1 of run '%2' has no grid cell (%3)")
                    .arg(r.id)
                    .arg(runId,
                        r.start.cellJson.isEmpty() ? QStringLiteral("empty") : r.start.cellJson));
        shape.revisions = std::max(shape.revisions, p->revision + 1);
        shape.models = std::max(shape.models, p->model + 1);
        shape.parameterSets = std::max(shape.parameterSets, p->params + 1);
        shape.inputs = std::max(shape.inputs, p->input + 1);
        shape.repeats = std::max(shape.repeats, p->repeat + 1);
        placed.emplace_back(*p, &r);
    }
    if (placed.empty())
        return core::fail(core::ErrorCode::NotFound,
            QStringLiteral("the ledger has no calls of run '%1'").arg(runId));
    const qint64 samples = qint64(shape.revisions) * shape.models * shape.parameterSets
        * shape.inputs * shape.repeats;
    if (samples > kMaxReopenedSamples)
        return core::fail(core::ErrorCode::InvalidInput,
            QStringLiteral("run '%1' cannot be reopened: its %2 ledger calls claim a grid of %3 "
                           "samples (largest allowed %4); the ledger's cell column looks edited")
                .arg(runId)
                .arg(placed.size())
                .arg(samples)
                .arg(kMaxReopenedSamples));

    Grid grid(shape);
    for (const auto &[p, record] : placed) {
        GridSample s = sampleOf(*record);
        GridColumn &col = grid.column(shape.column(p.revision, p.model, p.params));
        if (col.modelRef.isEmpty()) {
            col.revision = s.revisionId.startsWith(QLatin1String("sha256:"))
                ? s.revisionId.left(19)
                : s.revisionId.left(12);
            col.revisionId = s.revisionId;
            col.modelRef = s.provider + QLatin1Char('/') + s.model;
            col.parametersJson = record->start.parametersJson;
        }
        grid.sample(p.input, shape.column(p.revision, p.model, p.params), p.repeat) = std::move(s);
        if (grid.rowInputHash(p.input).isEmpty())
            grid.setRowInputHash(p.input, p.inputHash);
    }
    return grid;
}

} // namespace psm::run
