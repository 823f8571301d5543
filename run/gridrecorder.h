// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "run/grid.h"

#include <QObject>
#include <QString>

namespace psm::run {

class RunEngine;
struct RunSampleResult;

// Fills a Grid from one run's RunEngine signals (streamed text, then each sample's result),
// so the `compare` command and the grid view share one mapping from samples to cells.
class GridRecorder final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GridRecorder)

public:
    GridRecorder(RunEngine *engine, Grid grid, QObject *parent = nullptr);

    // The run whose signals fill the grid (RunEngine::start's id); others are ignored.
    void track(const QString &runId) { m_runId = runId; }
    const QString &runId() const { return m_runId; }
    const Grid &grid() const { return m_grid; }
    Grid &grid() { return m_grid; }

signals:
    void sampleChanged(int row, int column, int repeat);
    void sampleFinished(int row, int column, int repeat);
    void finished();

private:
    Grid m_grid;
    QString m_runId;
};

} // namespace psm::run
