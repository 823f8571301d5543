// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/common/result.h"
#include "core/ledger/costquery.h"
#include "core/ledger/pricetable.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QTimeZone>

#include <functional>
#include <optional>

namespace psm::ui {

enum class DashboardRange { Last7Days, Last30Days, Last90Days, All };

// What the dashboard shows: plain values, copied to the pool thread that answers them.
struct DashboardRequest {
    QString ledgerPath;
    DashboardRange range = DashboardRange::Last30Days;
    core::TimeBucket bucket = core::TimeBucket::Day;
    core::CostGroup group = core::CostGroup::Model;
    QDateTime now; // the end of the range; "last 7 days" are today and the 6 local days before
    QTimeZone zone = QTimeZone::systemTimeZone();
    // Today's prices for "Recompute at current prices"; not called when recompute is off.
    std::function<core::Result<core::PriceTable>()> prices;
    bool recompute = false;
};

// One series of the over-time charts: a group as CostQuery::spend() reported it.
struct DashboardSeries {
    QString key;
    QString context;
    QString label;
    bool other = false; // the groups past kMaxSeries, summed
    QList<double> knownUsd; // per bucket
    QList<qint64> tokens; // per bucket: prompt-side + output
    QList<qint64> unknownCostCalls; // per bucket
    core::SpendTotals totals;
};

// Everything the window draws, read in one go when the window opens or a control changes.
struct DashboardSnapshot {
    enum class State { Ready, Empty, NoLedger, Failed };
    State state = State::Failed;
    QString message; // for every state but Ready
    core::CostFilter filter; // the range as read
    QList<QDate> buckets; // every bucket's first local day, empty ones included
    QList<DashboardSeries> series; // by spend, highest first; "other" last
    QList<qint64> unknownCostCalls; // per bucket, over every group: its own series
    core::SpendTotals totals;
    QList<core::ModelHealth> health;
    bool recomputed = false;
    QList<core::RepriceRow> reprice;
    QString currentPriceVersion;
    QString repriceError; // today's prices could not be read; the rest is shown
    qint64 elapsedMs = 0;
};

constexpr int kMaxSeries = 10; // more groups than this are summed as "Other"

// The range's filter: since the local midnight starting its first day, no upper bound.
core::CostFilter dashboardFilter(const DashboardRequest &request);
// The local days [first, next) of bucket `start`.
QDate nextBucketStart(QDate start, core::TimeBucket bucket);
QString bucketLabel(QDate start, core::TimeBucket bucket);
QString groupLabel(core::CostGroup group, const QString &key, const QString &context);

// On a pool thread: opens its own read-only connections (a second, on its own thread, for
// latency and errors), reads, closes. Never throws, never writes the ledger (a ledger older
// than v7 is reported, not migrated).
DashboardSnapshot loadDashboard(const DashboardRequest &request);

// On a pool thread: the calls behind one figure, on its own read-only connection.
core::Result<QList<core::CostCall>> loadCalls(const QString &ledgerPath, const QTimeZone &zone,
    const core::CostFilter &filter, const core::CallSlice &slice, int limit);

} // namespace psm::ui
