// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/dashboard/dashboardwindow.h"

#include "core/ledger/ledger.h"
#include "run/currentprices.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QSplitter>
#include <QStackedBarSeries>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

namespace psm::ui {
namespace {

constexpr int kCallsShown = 1000;

QString usd(double value)
{
    return QStringLiteral("$%1").arg(value, 0, 'f', std::abs(value) < 1 ? 4 : 2);
}

QString count(qint64 value)
{
    return QLocale().toString(value);
}

QTableWidget *makeTable(const QStringList &headers, const QString &name, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setObjectName(name);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->verticalHeader()->setVisible(false);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

void setCell(QTableWidget *table, int row, int column, const QString &text, bool number = false)
{
    auto *item = new QTableWidgetItem(text);
    if (number)
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    table->setItem(row, column, item);
}

// A call's cost as the table shows it: unknown is said, never shown as $0.
QString callCost(const core::CostCall &call)
{
    if (call.cached)
        return QObject::tr("$0 (cache hit)");
    if (!call.costUsd)
        return QObject::tr("unknown");
    return usd(*call.costUsd);
}

QString optionalCount(const std::optional<qint64> &value)
{
    return value ? count(*value) : QStringLiteral("?");
}

} // namespace

DashboardWindow::DashboardWindow(DashboardOptions options, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_options(std::move(options))
{
    if (m_options.ledgerPath.isEmpty())
        m_options.ledgerPath = core::Ledger::defaultPath();
    setObjectName(QStringLiteral("costDashboard"));
    setWindowTitle(tr("Cost Dashboard"));
    buildUi();
    reload();
}

DashboardWindow::~DashboardWindow() = default;

void DashboardWindow::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    const auto combo = [&](const QString &label, const QString &name, const QStringList &items) {
        bar->addWidget(new QLabel(label, this));
        auto *box = new QComboBox(this);
        box->setObjectName(name);
        box->addItems(items);
        bar->addWidget(box);
        return box;
    };
    m_range = combo(tr("Range:"), QStringLiteral("rangeBox"),
        { tr("Last 7 days"), tr("Last 30 days"), tr("Last 90 days"), tr("All") });
    m_range->setCurrentIndex(1);
    m_bucket
        = combo(tr("Per:"), QStringLiteral("bucketBox"), { tr("Day"), tr("Week"), tr("Month") });
    m_group = combo(tr("By:"), QStringLiteral("groupBox"),
        { tr("Nothing"), tr("Model"), tr("Prompt"), tr("Revision"), tr("Workspace"),
            tr("Grid/eval run") });
    m_group->setCurrentIndex(1);
    m_style = combo(
        tr("Show:"), QStringLiteral("styleBox"), { tr("Stacked bars"), tr("One line per group") });
    m_recompute = new QCheckBox(tr("Recompute at current prices"), this);
    m_recompute->setObjectName(QStringLiteral("recomputeBox"));
    m_recompute->setToolTip(tr("Shows what the range's calls would cost at today's price table "
                               "beside what was recorded, with the table versions of each."));
    bar->addWidget(m_recompute);
    auto *refresh = new QPushButton(tr("Refresh"), this);
    bar->addWidget(refresh);
    m_busy = new QLabel(this);
    m_busy->setTextFormat(Qt::PlainText);
    m_busy->setObjectName(QStringLiteral("busyLabel"));
    bar->addWidget(m_busy, 1);
    layout->addLayout(bar);

    m_pages = new QStackedWidget(this);
    m_state = new QLabel(m_pages);
    m_state->setTextFormat(Qt::PlainText); // errors quote paths and SQLite
    m_state->setObjectName(QStringLiteral("stateLabel"));
    m_state->setAlignment(Qt::AlignCenter);
    m_state->setWordWrap(true);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pages->addWidget(m_state);

    auto *content = new QWidget(m_pages);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    m_totals = new QLabel(content);
    m_totals->setTextFormat(Qt::PlainText);
    m_totals->setObjectName(QStringLiteral("totalsLabel"));
    m_totals->setTextInteractionFlags(Qt::TextSelectableByMouse);
    contentLayout->addWidget(m_totals);
    auto *split = new QSplitter(Qt::Vertical, content);
    m_tabs = new QTabWidget(split);
    const auto chartView = [&](const QString &name) {
        auto *view = new QChartView(m_tabs);
        view->setObjectName(name);
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumHeight(220);
        return view;
    };
    m_spendView = chartView(QStringLiteral("spendChart"));
    m_tokensView = chartView(QStringLiteral("tokensChart"));
    m_tabs->addTab(m_spendView, tr("Spend"));
    m_tabs->addTab(m_tokensView, tr("Tokens"));
    auto *healthPage = new QWidget(m_tabs);
    auto *healthLayout = new QHBoxLayout(healthPage);
    m_latencyView = chartView(QStringLiteral("latencyChart"));
    m_health = makeTable({ tr("Model"), tr("Calls"), tr("Errors"), tr("Error rate"),
                             tr("Mean latency"), tr("p95 latency") },
        QStringLiteral("healthTable"), healthPage);
    healthLayout->addWidget(m_latencyView, 3);
    healthLayout->addWidget(m_health, 2);
    m_tabs->addTab(healthPage, tr("Latency && errors"));
    auto *pricePage = new QWidget(m_tabs);
    auto *priceLayout = new QVBoxLayout(pricePage);
    m_repriceSummary = new QLabel(pricePage);
    m_repriceSummary->setTextFormat(Qt::PlainText); // price-table versions come from files
    m_repriceSummary->setObjectName(QStringLiteral("repriceSummary"));
    m_repriceSummary->setWordWrap(true);
    m_reprice = makeTable({ tr("Group"), tr("Calls"), tr("Recorded"), tr("Recorded with"),
                              tr("At today's prices"), tr("Not repriced") },
        QStringLiteral("repriceTable"), pricePage);
    priceLayout->addWidget(m_repriceSummary);
    priceLayout->addWidget(m_reprice);
    m_tabs->addTab(pricePage, tr("Recorded vs now"));

    auto *callsPane = new QWidget(split);
    auto *callsLayout = new QVBoxLayout(callsPane);
    callsLayout->setContentsMargins(0, 0, 0, 0);
    m_callsCaption
        = new QLabel(tr("Click a bar, a point or a model to list its calls."), callsPane);
    m_callsCaption->setObjectName(QStringLiteral("callsCaption"));
    m_callsCaption->setTextFormat(Qt::PlainText); // group names come from the ledger
    m_callsTable = makeTable({ tr("Time"), tr("Model"), tr("Prompt"), tr("Tokens in / out"),
                                 tr("Cost"), tr("Latency"), tr("Status") },
        QStringLiteral("callsTable"), callsPane);
    callsLayout->addWidget(m_callsCaption);
    callsLayout->addWidget(m_callsTable);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    contentLayout->addWidget(split, 1);
    m_pages->addWidget(content);
    layout->addWidget(m_pages, 1);
    resize(1100, 760);

    for (QComboBox *box : { m_range, m_bucket, m_group })
        connect(box, &QComboBox::currentIndexChanged, this, [this] { reload(); });
    // The style only redraws what is already read.
    connect(m_style, &QComboBox::currentIndexChanged, this, [this] { drawOverTime(); });
    connect(m_recompute, &QCheckBox::toggled, this, [this] { reload(); });
    connect(refresh, &QPushButton::clicked, this, [this] { reload(); });
    connect(m_health, &QTableWidget::cellClicked, this, [this](int row, int) {
        if (row >= 0 && row < m_snapshot.health.size())
            showModelCalls(m_snapshot.health.at(row).model);
    });
}

void DashboardWindow::setRange(DashboardRange range)
{
    m_range->setCurrentIndex(int(range));
}

void DashboardWindow::setBucket(core::TimeBucket bucket)
{
    m_bucket->setCurrentIndex(std::max(0, int(bucket) - int(core::TimeBucket::Day)));
}

void DashboardWindow::setGroup(core::CostGroup group)
{
    m_group->setCurrentIndex(int(group));
}

void DashboardWindow::setStacked(bool stacked)
{
    m_style->setCurrentIndex(stacked ? 0 : 1);
}

void DashboardWindow::setRecompute(bool recompute)
{
    m_recompute->setChecked(recompute);
}

DashboardRequest DashboardWindow::request() const
{
    DashboardRequest r;
    r.ledgerPath = m_options.ledgerPath;
    r.range = DashboardRange(m_range->currentIndex());
    r.bucket = core::TimeBucket(int(core::TimeBucket::Day) + m_bucket->currentIndex());
    r.group = core::CostGroup(m_group->currentIndex());
    r.now = m_options.now ? m_options.now() : QDateTime::currentDateTimeUtc();
    r.zone = m_options.zone;
    r.recompute = m_recompute->isChecked();
    if (m_options.prices)
        r.prices = m_options.prices;
    else
        r.prices = [root = m_options.workspaceRoot] { return run::currentPrices(root); };
    return r;
}

void DashboardWindow::reload()
{
    const quint64 generation = ++m_generation;
    m_loading = true;
    m_busy->setText(tr("Loading…"));
    if (m_snapshot.state != DashboardSnapshot::State::Ready) {
        m_state->setText(tr("Loading…"));
        m_pages->setCurrentIndex(0);
    }
    auto *watcher = new QFutureWatcher<DashboardSnapshot>(this);
    connect(
        watcher, &QFutureWatcher<DashboardSnapshot>::finished, this, [this, watcher, generation] {
            watcher->deleteLater();
            if (generation == m_generation)
                apply(watcher->result());
        });
    watcher->setFuture(QtConcurrent::run([r = request()] { return loadDashboard(r); }));
}

void DashboardWindow::apply(const DashboardSnapshot &snapshot)
{
    m_snapshot = snapshot;
    m_loading = false;
    m_calls.clear();
    m_callsTable->setRowCount(0);
    m_callsCaption->setText(tr("Click a bar, a point or a model to list its calls."));
    if (snapshot.state != DashboardSnapshot::State::Ready) {
        m_busy->clear();
        m_state->setText(snapshot.message);
        m_pages->setCurrentIndex(0);
        emit loaded();
        return;
    }
    m_busy->setText(tr("read in %1 ms").arg(snapshot.elapsedMs));
    drawTotals();
    drawOverTime();
    drawHealth();
    drawReprice();
    m_pages->setCurrentIndex(1);
    emit loaded();
}

void DashboardWindow::drawTotals()
{
    const core::SpendTotals &t = m_snapshot.totals;
    QString spend = usd(t.knownUsd);
    if (t.unknownCostCalls > 0)
        spend += t.unknownCostCalls == 1
            ? tr(" + 1 call with unknown cost")
            : tr(" + %1 calls with unknown cost").arg(count(t.unknownCostCalls));
    m_totals->setText(
        tr("Spend %1   ·   Tokens %2 (in %3, out %4)   ·   Calls %5   ·   "
           "Errors %6   ·   Unknown-cost calls %7")
            .arg(spend, count(t.inputTokens + t.outputTokens), count(t.inputTokens),
                count(t.outputTokens), count(t.calls), count(t.errors), count(t.unknownCostCalls)));
}

void DashboardWindow::drawOverTime()
{
    if (m_snapshot.state != DashboardSnapshot::State::Ready)
        return;
    const bool stacked = m_style->currentIndex() == 0;
    const core::TimeBucket bucket
        = core::TimeBucket(int(core::TimeBucket::Day) + m_bucket->currentIndex());
    QStringList categories;
    for (const QDate &d : std::as_const(m_snapshot.buckets))
        categories << bucketLabel(d, bucket);

    const auto draw = [&](QChartView *view, const QString &title, const QString &unit,
                          const QString &labelFormat, auto valueOf, bool withUnknown) {
        auto *chart = new QChart;
        chart->setTitle(title);
        chart->legend()->setAlignment(Qt::AlignBottom);
        auto *xAxis = new QBarCategoryAxis(chart);
        xAxis->append(categories);
        // A month of days does not fit side by side: turned, every label stays readable.
        if (categories.size() > 12)
            xAxis->setLabelsAngle(-90);
        auto *yAxis = new QValueAxis(chart);
        yAxis->setTitleText(unit);
        yAxis->setLabelFormat(labelFormat);
        chart->addAxis(xAxis, Qt::AlignBottom);
        chart->addAxis(yAxis, Qt::AlignLeft);
        double highest = 0;
        if (stacked) {
            auto *bars = new QStackedBarSeries(chart);
            for (qsizetype s = 0; s < m_snapshot.series.size(); ++s) {
                const DashboardSeries &series = m_snapshot.series.at(s);
                auto *set = new QBarSet(series.label, bars);
                for (qsizetype i = 0; i < m_snapshot.buckets.size(); ++i)
                    set->append(valueOf(series, i));
                connect(set, &QBarSet::clicked, this,
                    [this, s](int index) { showCalls(index, int(s)); });
                bars->append(set);
            }
            for (qsizetype i = 0; i < m_snapshot.buckets.size(); ++i) {
                double sum = 0;
                for (const DashboardSeries &series : std::as_const(m_snapshot.series))
                    sum += valueOf(series, i);
                highest = std::max(highest, sum);
            }
            chart->addSeries(bars);
            bars->attachAxis(xAxis);
            bars->attachAxis(yAxis);
        } else {
            for (qsizetype s = 0; s < m_snapshot.series.size(); ++s) {
                const DashboardSeries &series = m_snapshot.series.at(s);
                auto *line = new QLineSeries(chart);
                line->setName(series.label);
                line->setPointsVisible(true);
                for (qsizetype i = 0; i < m_snapshot.buckets.size(); ++i) {
                    line->append(double(i), valueOf(series, i));
                    highest = std::max(highest, valueOf(series, i));
                }
                connect(line, &QLineSeries::clicked, this, [this, s](const QPointF &point) {
                    showCalls(int(std::lround(point.x())), int(s));
                });
                chart->addSeries(line);
                line->attachAxis(xAxis);
                line->attachAxis(yAxis);
            }
        }
        yAxis->setRange(0, highest > 0 ? highest * 1.1 : 1);
        qint64 unknown = 0;
        for (const qint64 n : std::as_const(m_snapshot.unknownCostCalls))
            unknown += n;
        // Calls without a price are counted on their own axis: adding them to the dollars
        // would show them as $0.
        if (withUnknown && unknown > 0) {
            auto *unknownAxis = new QValueAxis(chart);
            unknownAxis->setTitleText(tr("calls with unknown cost"));
            unknownAxis->setLabelFormat(QStringLiteral("%d"));
            qint64 most = 0;
            auto *line = new QLineSeries(chart);
            line->setObjectName(QStringLiteral("unknownCostSeries"));
            line->setName(tr("Unknown cost (calls, right axis)"));
            line->setPointsVisible(true);
            QPen pen(QColor(200, 40, 40));
            pen.setStyle(Qt::DashLine);
            pen.setWidth(2);
            line->setPen(pen);
            for (qsizetype i = 0; i < m_snapshot.unknownCostCalls.size(); ++i) {
                line->append(double(i), double(m_snapshot.unknownCostCalls.at(i)));
                most = std::max(most, m_snapshot.unknownCostCalls.at(i));
            }
            unknownAxis->setRange(0, double(std::max<qint64>(most + 1, 2)));
            unknownAxis->setTickCount(int(std::min<qint64>(most + 2, 6)));
            chart->addAxis(unknownAxis, Qt::AlignRight);
            connect(line, &QLineSeries::clicked, this, [this](const QPointF &point) {
                showUnknownCostCalls(int(std::lround(point.x())));
            });
            chart->addSeries(line);
            line->attachAxis(xAxis);
            line->attachAxis(unknownAxis);
        }
        QChart *old = view->chart();
        view->setChart(chart);
        if (old != chart)
            delete old;
    };
    draw(
        m_spendView, tr("Spend (known cost, USD)"), tr("USD"), QStringLiteral("$%.2f"),
        [](const DashboardSeries &s, qsizetype i) { return s.knownUsd.at(i); }, true);
    draw(
        m_tokensView, tr("Tokens (prompt-side + output)"), tr("tokens"), QStringLiteral("%.0f"),
        [](const DashboardSeries &s, qsizetype i) { return double(s.tokens.at(i)); }, false);
}

void DashboardWindow::drawHealth()
{
    const QList<core::ModelHealth> &health = m_snapshot.health;
    m_health->setRowCount(int(health.size()));
    auto *chart = new QChart;
    chart->setTitle(tr("Latency by model (ok provider calls; cache hits left out)"));
    auto *bars = new QBarSeries(chart);
    auto *mean = new QBarSet(tr("Mean (ms)"), bars);
    auto *p95 = new QBarSet(tr("p95 (ms)"), bars);
    QStringList models;
    double highest = 0;
    for (int row = 0; row < health.size(); ++row) {
        const core::ModelHealth &h = health.at(row);
        setCell(m_health, row, 0, h.model);
        setCell(m_health, row, 1, count(h.providerCalls), true);
        setCell(m_health, row, 2, count(h.errors), true);
        setCell(m_health, row, 3,
            h.providerCalls > 0 ? QStringLiteral("%1%").arg(h.errorRate * 100, 0, 'f', 1)
                                : QStringLiteral("–"),
            true);
        setCell(m_health, row, 4,
            h.meanLatencyMs ? tr("%1 ms").arg(*h.meanLatencyMs, 0, 'f', 0) : QStringLiteral("–"),
            true);
        setCell(m_health, row, 5,
            h.p95LatencyMs ? tr("%1 ms").arg(*h.p95LatencyMs) : QStringLiteral("–"), true);
        models << h.model;
        mean->append(h.meanLatencyMs.value_or(0));
        p95->append(double(h.p95LatencyMs.value_or(0)));
        highest = std::max(highest, double(h.p95LatencyMs.value_or(0)));
        highest = std::max(highest, h.meanLatencyMs.value_or(0));
    }
    m_health->resizeColumnsToContents();
    bars->append(mean);
    bars->append(p95);
    for (QBarSet *set : { mean, p95 }) {
        connect(set, &QBarSet::clicked, this, [this](int index) {
            if (index >= 0 && index < m_snapshot.health.size())
                showModelCalls(m_snapshot.health.at(index).model);
        });
    }
    chart->addSeries(bars);
    auto *xAxis = new QBarCategoryAxis(chart);
    xAxis->append(models);
    if (models.size() > 4)
        xAxis->setLabelsAngle(-30);
    auto *yAxis = new QValueAxis(chart);
    yAxis->setTitleText(tr("ms"));
    yAxis->setLabelFormat(QStringLiteral("%.0f"));
    yAxis->setRange(0, highest > 0 ? highest * 1.1 : 1);
    chart->addAxis(xAxis, Qt::AlignBottom);
    chart->addAxis(yAxis, Qt::AlignLeft);
    bars->attachAxis(xAxis);
    bars->attachAxis(yAxis);
    QChart *old = m_latencyView->chart();
    m_latencyView->setChart(chart);
    delete old;
}

void DashboardWindow::drawReprice()
{
    const int tab = m_tabs->indexOf(m_reprice->parentWidget());
    m_tabs->setTabEnabled(tab, m_snapshot.recomputed);
    m_reprice->setRowCount(0);
    if (!m_snapshot.recomputed) {
        m_repriceSummary->setText(tr("Turn on \"Recompute at current prices\" to compare."));
        return;
    }
    if (!m_snapshot.repriceError.isEmpty()) {
        m_repriceSummary->setText(
            tr("Today's prices could not be read:\n%1").arg(m_snapshot.repriceError));
        m_tabs->setCurrentIndex(tab);
        return;
    }
    const core::CostGroup group = core::CostGroup(m_group->currentIndex());
    const core::CostGroup by = group == core::CostGroup::None ? core::CostGroup::Model : group;
    double recorded = 0;
    double now = 0;
    qint64 notRepriced = 0;
    QStringList versions;
    m_reprice->setRowCount(int(m_snapshot.reprice.size()));
    for (int row = 0; row < m_snapshot.reprice.size(); ++row) {
        const core::RepriceRow &r = m_snapshot.reprice.at(row);
        recorded += r.recordedUsd;
        now += r.nowUsd;
        notRepriced += r.notRepricedCalls;
        for (const QString &v : r.recordedPriceVersions) {
            if (!versions.contains(v))
                versions << v;
        }
        QString recordedText = usd(r.recordedUsd);
        if (r.recordedUnknownCalls > 0)
            recordedText += tr(" + %1 unknown").arg(count(r.recordedUnknownCalls));
        setCell(m_reprice, row, 0, groupLabel(by, r.key, r.context));
        setCell(m_reprice, row, 1, count(r.calls), true);
        setCell(m_reprice, row, 2, recordedText, true);
        setCell(m_reprice, row, 3,
            r.recordedPriceVersions.isEmpty() ? tr("(no price)")
                                              : r.recordedPriceVersions.join(QStringLiteral(", ")));
        setCell(m_reprice, row, 4, usd(r.nowUsd), true);
        setCell(m_reprice, row, 5,
            r.notRepricedCalls > 0
                ? tr("%1 (recorded %2)")
                      .arg(count(r.notRepricedCalls), usd(r.notRepricedRecordedUsd))
                : QStringLiteral("0"),
            true);
    }
    m_reprice->resizeColumnsToContents();
    versions.sort();
    m_repriceSummary->setText(
        tr("Recorded %1 with price table %2; at today's prices (table %3) %4. %5 call(s) "
           "cannot be repriced (no token counts, or a model today's table does not know) and "
           "keep what was recorded.")
            .arg(usd(recorded),
                versions.isEmpty() ? tr("(none)") : versions.join(QStringLiteral(", ")),
                m_snapshot.currentPriceVersion, usd(now), count(notRepriced)));
    m_tabs->setCurrentIndex(tab);
}

core::CostFilter DashboardWindow::bucketFilter(int bucket) const
{
    core::CostFilter filter = m_snapshot.filter;
    const core::TimeBucket kind
        = core::TimeBucket(int(core::TimeBucket::Day) + m_bucket->currentIndex());
    const QDate start = m_snapshot.buckets.at(bucket);
    const QDateTime from(start, QTime(0, 0), m_options.zone);
    if (!filter.since.isValid() || from > filter.since)
        filter.since = from;
    filter.until = QDateTime(nextBucketStart(start, kind), QTime(0, 0), m_options.zone);
    return filter;
}

void DashboardWindow::showCalls(int bucket, int series)
{
    if (bucket < 0 || bucket >= m_snapshot.buckets.size() || series >= m_snapshot.series.size())
        return;
    core::CallSlice slice;
    QString what = tr("all groups");
    if (series >= 0 && !m_snapshot.series.at(series).other) {
        const DashboardSeries &s = m_snapshot.series.at(series);
        slice.group = core::CostGroup(m_group->currentIndex());
        slice.key = s.key;
        slice.context = s.context;
        what = s.label;
    } else if (series >= 0) {
        what = tr("every group (\"Other\" is not one group)");
    }
    const QString caption
        = tr("Calls of %1 in %2")
              .arg(what,
                  bucketLabel(m_snapshot.buckets.at(bucket),
                      core::TimeBucket(int(core::TimeBucket::Day) + m_bucket->currentIndex())));
    queryCalls(caption, bucketFilter(bucket), slice);
}

void DashboardWindow::showUnknownCostCalls(int bucket)
{
    if (bucket < 0 || bucket >= m_snapshot.buckets.size())
        return;
    core::CallSlice slice;
    slice.unknownCostOnly = true;
    const QString caption
        = tr("Calls with unknown cost in %1")
              .arg(bucketLabel(m_snapshot.buckets.at(bucket),
                  core::TimeBucket(int(core::TimeBucket::Day) + m_bucket->currentIndex())));
    queryCalls(caption, bucketFilter(bucket), slice);
}

void DashboardWindow::showModelCalls(const QString &model)
{
    core::CallSlice slice;
    slice.group = core::CostGroup::Model;
    slice.key = model;
    queryCalls(tr("Calls of %1 in the range").arg(model), m_snapshot.filter, slice);
}

void DashboardWindow::queryCalls(
    const QString &caption, core::CostFilter filter, core::CallSlice slice)
{
    const quint64 generation = ++m_callsGeneration;
    m_callsCaption->setText(tr("%1 — loading…").arg(caption));
    using Answer = core::Result<QList<core::CostCall>>;
    auto *watcher = new QFutureWatcher<Answer>(this);
    connect(watcher, &QFutureWatcher<Answer>::finished, this, [this, watcher, generation, caption] {
        watcher->deleteLater();
        if (generation == m_callsGeneration)
            fillCalls(caption, watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(
        [path = m_options.ledgerPath, zone = m_options.zone, filter, slice]() -> Answer {
            return loadCalls(path, zone, filter, slice, kCallsShown);
        }));
}

void DashboardWindow::fillCalls(
    const QString &caption, const core::Result<QList<core::CostCall>> &calls)
{
    m_calls.clear();
    m_callsTable->setRowCount(0);
    if (!calls) {
        m_callsCaption->setText(
            tr("%1: cannot read the ledger: %2").arg(caption, calls.error().message));
        emit callsShown();
        return;
    }
    m_calls = *calls;
    m_callsCaption->setText(m_calls.size() >= kCallsShown
            ? tr("%1 (the newest %2)").arg(caption).arg(kCallsShown)
            : tr("%1 (%2)").arg(
                caption, m_calls.size() == 1 ? tr("1 call") : tr("%1 calls").arg(m_calls.size())));
    m_callsTable->setRowCount(int(m_calls.size()));
    for (int row = 0; row < m_calls.size(); ++row) {
        const core::CostCall &c = m_calls.at(row);
        setCell(m_callsTable, row, 0,
            c.startedAt.toTimeZone(m_options.zone).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
        setCell(m_callsTable, row, 1, c.model);
        setCell(m_callsTable, row, 2, c.promptPath.isEmpty() ? tr("(none)") : c.promptPath);
        setCell(m_callsTable, row, 3,
            QStringLiteral("%1 / %2").arg(
                optionalCount(c.inputTokens), optionalCount(c.outputTokens)),
            true);
        setCell(m_callsTable, row, 4, callCost(c), true);
        setCell(m_callsTable, row, 5,
            c.latencyMs ? tr("%1 ms").arg(*c.latencyMs) : QStringLiteral("–"), true);
        setCell(m_callsTable, row, 6, c.status);
    }
    m_callsTable->resizeColumnsToContents();
    emit callsShown();
}

} // namespace psm::ui
