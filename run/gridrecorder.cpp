// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "run/gridrecorder.h"

#include "run/runengine.h"

namespace psm::run {

GridRecorder::GridRecorder(RunEngine *engine, Grid grid, QObject *parent)
    : QObject(parent)
    , m_grid(std::move(grid))
{
    // A sample number outside the grid would mean the spec and the grid disagree: ignored
    // rather than written out of bounds.
    const auto inGrid
        = [this](int sample) { return sample >= 0 && sample < m_grid.shape().sampleCount(); };
    connect(engine, &RunEngine::textDelta, this,
        [this, inGrid](const QString &runId, int sample, const QString &text) {
            if (runId != m_runId || !inGrid(sample))
                return;
            m_grid.appendText(sample, text);
            const auto p = m_grid.shape().position(sample);
            emit sampleChanged(p.row, p.column, p.repeat);
        });
    connect(engine, &RunEngine::sampleFinished, this,
        [this, inGrid](const QString &runId, int sample, const RunSampleResult &result) {
            if (runId != m_runId || !inGrid(sample))
                return;
            m_grid.finish(sample, result);
            const auto p = m_grid.shape().position(sample);
            emit sampleChanged(p.row, p.column, p.repeat);
            emit sampleFinished(p.row, p.column, p.repeat);
        });
    connect(engine, &RunEngine::runFinished, this, [this](const QString &runId) {
        if (runId == m_runId)
            emit finished();
    });
}

} // namespace psm::run
