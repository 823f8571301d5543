// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/grid/gridtablemodel.h"

#include "run/gridchecks.h"
#include "run/runengine.h"
#include "ui/plaintext.h"

#include <QBrush>
#include <QGuiApplication>
#include <QPalette>
#include <QStringList>

#include <algorithm>

namespace psm::ui {
namespace {

constexpr int kElideChars = 90; // about two lines of a 260 px column

QString money(double usd)
{
    return QStringLiteral("$%1").arg(usd, 0, 'f', usd != 0 && usd < 0.01 ? 5 : 2);
}

QString tokenCount(const std::optional<qint64> &count)
{
    return count ? QString::number(*count) : QStringLiteral("?");
}

QString elided(const QString &text)
{
    // One line in the cell: the full text is in the tooltip and the detail pane. Only the head
    // is flattened, so repainting a long streaming answer does not walk all of it.
    const QString flat = run::normalizedWhitespace(text.left(kElideChars * 4));
    return flat.size() > kElideChars ? flat.left(kElideChars - 1) + QChar(0x2026) : flat;
}

const run::GridSample *firstFailed(const std::vector<run::GridSample> &samples)
{
    const auto it = std::find_if(samples.cbegin(), samples.cend(), [](const run::GridSample &s) {
        return s.state == run::SampleState::Error || s.state == run::SampleState::Cancelled;
    });
    return it == samples.cend() ? nullptr : &*it;
}

// A cell with a failed call reads in red, so it stands out among a screenful of answers; the
// shade is picked against the palette so it stays readable on a dark theme.
QBrush failedCellText()
{
    const bool darkTheme = QGuiApplication::palette().color(QPalette::Base).lightness() < 128;
    return QBrush(darkTheme ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x00, 0x20));
}

} // namespace

GridTableModel::GridTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    m_repaint.setSingleShot(true);
    m_repaint.setInterval(kRepaintIntervalMs);
    connect(&m_repaint, &QTimer::timeout, this, &GridTableModel::flush);
}

void GridTableModel::setGrid(run::Grid grid)
{
    beginResetModel();
    m_grid = std::move(grid);
    m_tests.clear(); // the checks were of the rows before
    m_loaded = true;
    m_top = -1;
    m_repaint.stop();
    endResetModel();
}

void GridTableModel::setRowTests(QList<core::eval::EvalTest> tests)
{
    if (!m_loaded || m_grid.columns() == 0)
        return; // no grid yet: nothing to check
    m_tests = std::move(tests);
    run::applyChecks(m_grid, m_tests);
    Q_EMIT dataChanged(index(0, 0), index(m_grid.rows(), m_grid.columns() - 1));
    Q_EMIT headerDataChanged(Qt::Vertical, 0, m_grid.rows());
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, m_grid.columns() - 1);
}

void GridTableModel::setCellAnnotation(CellAnnotation annotation)
{
    m_annotation = std::move(annotation);
    annotationsChanged();
}

void GridTableModel::annotationsChanged()
{
    if (m_loaded && m_grid.rows() > 0 && m_grid.columns() > 0)
        Q_EMIT dataChanged(index(0, 0), index(m_grid.rows() - 1, m_grid.columns() - 1),
            { Qt::DisplayRole, AnnotationRole });
}

void GridTableModel::appendText(int row, int column, int repeat, const QString &text)
{
    m_grid.appendText(m_grid.shape().sampleIndex(row, column, repeat), text);
    markDirty(row, column);
}

void GridTableModel::finishSample(
    int row, int column, int repeat, const run::RunSampleResult &result)
{
    m_grid.finish(m_grid.shape().sampleIndex(row, column, repeat), result);
    if (row < int(m_tests.size())) {
        run::GridSample &s = m_grid.sample(row, column, repeat);
        s.passed = run::checkSample(m_tests[row], s);
    }
    markDirty(row, column);
}

void GridTableModel::resetCell(int row, int column)
{
    for (int r = 0; r < m_grid.shape().repeats; ++r)
        m_grid.sample(row, column, r) = run::GridSample {};
    markDirty(row, column);
}

void GridTableModel::markDirty(int row, int column)
{
    if (m_top < 0) {
        m_top = m_bottom = row;
        m_left = m_right = column;
    } else {
        m_top = std::min(m_top, row);
        m_bottom = std::max(m_bottom, row);
        m_left = std::min(m_left, column);
        m_right = std::max(m_right, column);
    }
    // Not restarted while pending: a steady stream still repaints every interval.
    if (!m_repaint.isActive())
        m_repaint.start();
}

void GridTableModel::flush()
{
    m_repaint.stop();
    if (m_top < 0)
        return;
    const int left = m_left, right = m_right;
    emit dataChanged(index(m_top, left), index(m_bottom, right));
    m_top = -1;
    // The totals follow the cells.
    emit dataChanged(index(m_grid.rows(), left), index(m_grid.rows(), right));
    emit headerDataChanged(Qt::Horizontal, left, right);
}

int GridTableModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() || !m_loaded || m_grid.columns() == 0)
        return 0;
    return m_grid.rows() + 1;
}

int GridTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_loaded ? 0 : m_grid.columns();
}

QString GridTableModel::agreementText(const run::Agreement &agreement)
{
    if (agreement.compared < 2)
        return {};
    return tr("%1/%2 agree").arg(agreement.agreeing).arg(agreement.compared);
}

QString GridTableModel::checksText(const std::vector<run::GridSample> &samples)
{
    int verdicts = 0, passed = 0;
    for (const run::GridSample &s : samples) {
        verdicts += s.passed.has_value();
        passed += s.passed.value_or(false);
    }
    if (verdicts == 0)
        return {};
    // A mark as well as the count, so a failing cell stands out when the grid is scanned.
    return tr("%1 %2/%3 pass")
        .arg(passed == verdicts ? QChar(0x2713) : QChar(0x2717))
        .arg(passed)
        .arg(verdicts);
}

QString GridTableModel::sampleMetrics(const run::GridSample &s)
{
    if (!s.finished())
        return s.state == run::SampleState::Streaming ? tr("streaming…") : tr("pending");
    QStringList parts;
    if (s.ttftMs)
        parts << tr("TTFT %L1 ms").arg(*s.ttftMs);
    if (s.latencyMs)
        parts << tr("%L1 ms").arg(*s.latencyMs);
    parts << tr("%1→%2 tok").arg(tokenCount(s.inputTokens), tokenCount(s.outputTokens));
    if (s.cached)
        parts << tr("cached");
    else
        parts << (s.costUsd ? money(*s.costUsd) : tr("cost unknown"));
    if (!s.finishReason.isEmpty())
        parts << s.finishReason;
    return parts.join(QStringLiteral(" · "));
}

QString GridTableModel::cellText(const run::Grid &grid, int row, int column)
{
    const std::vector<run::GridSample> &samples = grid.cell(row, column);
    if (samples.empty())
        return {};
    const run::GridSample &first = samples.front();
    QStringList lines;
    if (first.state == run::SampleState::Pending)
        lines << QStringLiteral("…");
    else if (first.state == run::SampleState::Error || first.state == run::SampleState::Cancelled)
        lines << (first.text.isEmpty() ? QString() : elided(first.text));
    else
        lines << elided(first.text);
    lines << checksText(samples);
    const QString agreement = agreementText(run::agreementOf(samples));
    if (!agreement.isEmpty())
        lines << agreement;
    lines << sampleMetrics(first);
    if (const run::GridSample *failed = firstFailed(samples))
        lines << (failed->state == run::SampleState::Cancelled ? tr("cancelled: %1")
                                                               : tr("error: %1"))
                     .arg(failed->error);
    lines.removeAll(QString());
    return lines.join(QLatin1Char('\n'));
}

QString GridTableModel::summaryText(const run::ColumnSummary &s)
{
    QStringList lines;
    lines << tr("%1 calls, %2 failed").arg(s.calls).arg(s.failedCalls);
    QString tokens = tr("tokens %L1 in / %L2 out").arg(s.inputTokens).arg(s.outputTokens);
    if (s.unknownTokenCalls > 0)
        tokens += tr(" (+%1 unknown)").arg(s.unknownTokenCalls);
    lines << tokens;
    if (s.calls > 0 && s.unknownCostCalls == s.calls)
        lines << tr("cost unknown");
    else if (s.unknownCostCalls > 0)
        lines << tr("cost %1 + %2 unknown").arg(money(s.knownCostUsd)).arg(s.unknownCostCalls);
    else
        lines << tr("cost %1").arg(money(s.knownCostUsd));
    if (s.meanLatencyMs)
        lines << tr("latency mean %L1 ms, p95 %L2 ms")
                     .arg(*s.meanLatencyMs, 0, 'f', 0)
                     .arg(s.p95LatencyMs.value_or(0), 0, 'f', 0);
    if (s.meanTtftMs)
        lines << tr("TTFT mean %L1 ms").arg(*s.meanTtftMs, 0, 'f', 0);
    if (s.flipRate)
        lines << tr("flip rate %1% (%2/%3 cells)")
                     .arg(*s.flipRate * 100, 0, 'f', 0)
                     .arg(s.flippingCells)
                     .arg(s.comparedCells);
    for (size_t k = 0; k < s.passAtK.size(); ++k)
        lines << tr("pass@%1 %2 · pass^%1 %3")
                     .arg(k + 1)
                     .arg(s.passAtK[k], 0, 'f', 2)
                     .arg(s.passHatK[k], 0, 'f', 2);
    return lines.join(QLatin1Char('\n'));
}

QVariant GridTableModel::data(const QModelIndex &index, int role) const
{
    if (!m_loaded || !index.isValid() || index.column() >= m_grid.columns()
        || index.row() > m_grid.rows())
        return {};
    const int row = index.row(), column = index.column();
    if (isSummaryRow(row)) {
        if (role == Qt::ToolTipRole)
            return plainToolTip(summaryText(m_grid.columnSummary(column)));
        if (role == Qt::DisplayRole || role == SummaryRole)
            return summaryText(m_grid.columnSummary(column));
        return {};
    }
    const std::vector<run::GridSample> &samples = m_grid.cell(row, column);
    switch (role) {
    case Qt::DisplayRole: {
        const QString annotation = m_annotation ? m_annotation(samples) : QString();
        return annotation.isEmpty() ? cellText(m_grid, row, column)
                                    : cellText(m_grid, row, column) + QLatin1Char('\n') + annotation;
    }
    case AnnotationRole:
        return m_annotation ? m_annotation(samples) : QString();
    case Qt::ToolTipRole:
        // Model output: Qt would sniff a tooltip for HTML and render it.
        return samples.empty() ? QString() : plainToolTip(samples.front().text.left(4000));
    case FirstTextRole:
        return samples.empty() ? QString() : samples.front().text;
    case AgreementRole:
        return agreementText(run::agreementOf(samples));
    case ChecksRole:
        return checksText(samples);
    case ErrorRole: {
        const run::GridSample *failed = firstFailed(samples);
        return failed ? failed->error : QString();
    }
    case StateRole:
        return samples.empty() ? int(run::SampleState::Pending) : int(samples.front().state);
    case SummaryRole:
        return summaryText(m_grid.columnSummary(column));
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::Alignment(Qt::AlignLeft | Qt::AlignTop));
    case Qt::ForegroundRole: {
        const run::GridSample *failed = firstFailed(samples);
        return failed && failed->state == run::SampleState::Error ? QVariant(failedCellText())
                                                                   : QVariant();
    }
    default:
        return {};
    }
}

QVariant GridTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (!m_loaded)
        return {};
    if (orientation == Qt::Horizontal) {
        if (section < 0 || section >= m_grid.columns())
            return {};
        if (role == Qt::DisplayRole)
            return m_grid.column(section).label();
        if (role == Qt::ToolTipRole)
            return plainToolTip(summaryText(m_grid.columnSummary(section)));
        return {};
    }
    if (section < 0 || section > m_grid.rows())
        return {};
    const bool test = section < int(m_tests.size());
    if (role == Qt::ToolTipRole && test) {
        const core::eval::EvalTest &t = m_tests[section];
        return plainToolTip(QStringLiteral("%1:%2").arg(t.file).arg(t.line));
    }
    if (role != Qt::DisplayRole)
        return {};
    if (isSummaryRow(section))
        return tr("Totals");
    if (test)
        return m_tests[section].description.isEmpty() ? tr("test %1").arg(section + 1)
                                                      : m_tests[section].description;
    return tr("Input %1").arg(section + 1);
}

} // namespace psm::ui
