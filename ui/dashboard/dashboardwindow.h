// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "ui/dashboard/dashboarddata.h"

#include <QWidget>

#include <functional>

class QCheckBox;
class QChartView;
class QComboBox;
class QLabel;
class QStackedWidget;
class QTabWidget;
class QTableWidget;

namespace psm::ui {

struct DashboardOptions {
    QString ledgerPath; // empty: core::Ledger::defaultPath()
    QString workspaceRoot; // whose `prices:` overrides count as today's prices; may be empty
    QTimeZone zone = QTimeZone::systemTimeZone();
    std::function<QDateTime()> now; // empty: the clock; tests fix it
    std::function<core::Result<core::PriceTable>()> prices; // empty: currentPrices(workspaceRoot)
};

// The Cost Dashboard: spend and tokens over time (day/week/month, a range, grouped and stacked
// or one line per group), calls with unknown cost as their own series, latency and error rate
// by model, the range's totals, recorded cost next to today's prices, and a click on any bar,
// point or model listing the calls behind it. Every query runs on a pool thread with its own
// read-only ledger connection: the window shows "Loading…" at once and never blocks.
class DashboardWindow final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DashboardWindow)
public:
    explicit DashboardWindow(DashboardOptions options = {}, QWidget *parent = nullptr);
    ~DashboardWindow() override;

    void setRange(DashboardRange range);
    void setBucket(core::TimeBucket bucket);
    void setGroup(core::CostGroup group);
    void setStacked(bool stacked);
    void setRecompute(bool recompute);
    void reload();

    bool isLoading() const { return m_loading; }
    const DashboardSnapshot &snapshot() const { return m_snapshot; }

    // Click-through. `series` indexes snapshot().series; -1 is every group.
    void showCalls(int bucket, int series);
    void showUnknownCostCalls(int bucket);
    void showModelCalls(const QString &model);
    const QList<core::CostCall> &shownCalls() const { return m_calls; }

signals:
    void loaded(); // a snapshot arrived and is drawn
    void callsShown(); // the calls table was filled (or says why not)

private:
    void buildUi();
    DashboardRequest request() const;
    void apply(const DashboardSnapshot &snapshot);
    void drawOverTime();
    void drawHealth();
    void drawTotals();
    void drawReprice();
    void queryCalls(const QString &caption, core::CostFilter filter, core::CallSlice slice);
    void fillCalls(const QString &caption, const core::Result<QList<core::CostCall>> &calls);
    core::CostFilter bucketFilter(int bucket) const;

    DashboardOptions m_options;
    QComboBox *m_range = nullptr;
    QComboBox *m_bucket = nullptr;
    QComboBox *m_group = nullptr;
    QComboBox *m_style = nullptr;
    QCheckBox *m_recompute = nullptr;
    QLabel *m_busy = nullptr;
    QStackedWidget *m_pages = nullptr;
    QLabel *m_state = nullptr;
    QLabel *m_totals = nullptr;
    QTabWidget *m_tabs = nullptr;
    QChartView *m_spendView = nullptr;
    QChartView *m_tokensView = nullptr;
    QChartView *m_latencyView = nullptr;
    QTableWidget *m_health = nullptr;
    QLabel *m_repriceSummary = nullptr;
    QTableWidget *m_reprice = nullptr;
    QLabel *m_callsCaption = nullptr;
    QTableWidget *m_callsTable = nullptr;

    DashboardSnapshot m_snapshot;
    QList<core::CostCall> m_calls;
    bool m_loading = false;
    quint64 m_generation = 0; // answers to an older request are dropped
    quint64 m_callsGeneration = 0;
};

} // namespace psm::ui
