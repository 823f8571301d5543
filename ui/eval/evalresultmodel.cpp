// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/eval/evalresultmodel.h"

#include "ui/eval/evalcellformat.h"
#include "ui/plaintext.h"
#include "ui/themecolors.h"

#include <QApplication>
#include <QPalette>

namespace psm::ui {
namespace {

ThemeColors::Hue hueOf(evaltext::CellKind kind)
{
    switch (kind) {
    case evaltext::CellKind::Pass:
        return ThemeColors::Hue::Green;
    case evaltext::CellKind::Fail:
        return ThemeColors::Hue::Red;
    case evaltext::CellKind::Error:
        return ThemeColors::Hue::Purple;
    case evaltext::CellKind::Flip:
        return ThemeColors::Hue::Orange;
    case evaltext::CellKind::NotRun:
        break;
    }
    return ThemeColors::Hue::Blue;
}

} // namespace

EvalResultModel::EvalResultModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void EvalResultModel::setResult(const run::EvalSetResult &set)
{
    beginResetModel();
    m_set = set;
    layoutColumns();
    endResetModel();
}

void EvalResultModel::clear()
{
    setResult({});
}

void EvalResultModel::setShowBaseline(bool show)
{
    if (show == m_showBaseline)
        return;
    beginResetModel();
    m_showBaseline = show;
    layoutColumns();
    endResetModel();
}

void EvalResultModel::layoutColumns()
{
    m_columns.clear();
    for (int c = 0; c < m_set.columns.size(); ++c) {
        if (m_set.columns[c].baseline)
            continue;
        // The baseline first, so each pair reads left to right as before -> after.
        if (m_showBaseline)
            for (const run::EvalComparison &cmp : std::as_const(m_set.comparisons))
                if (cmp.candidateColumn == c)
                    m_columns.append(cmp.baselineColumn);
        m_columns.append(c);
    }
}

int EvalResultModel::viewColumn(int resultColumn) const
{
    return int(m_columns.indexOf(resultColumn));
}

int EvalResultModel::resultColumn(int viewColumn) const
{
    return viewColumn >= 0 && viewColumn < m_columns.size() ? m_columns[viewColumn] : -1;
}

int EvalResultModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_set.tests.size());
}

int EvalResultModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant EvalResultModel::data(const QModelIndex &index, int role) const
{
    const int c = resultColumn(index.column());
    if (!index.isValid() || c < 0 || index.row() >= m_set.tests.size())
        return {};
    const run::EvalColumn &column = m_set.columns[c];
    if (index.row() >= column.cells.size())
        return {};
    const run::EvalCell &cell = column.cells[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return evaltext::cellLabel(cell);
    case Qt::ToolTipRole: {
        const QString problem = evaltext::cellProblem(cell);
        return problem.isEmpty() ? QVariant() : QVariant(plainToolTip(problem));
    }
    case Qt::BackgroundRole:
        return ThemeColors::background(
            QApplication::palette(), hueOf(evaltext::cellKind(cell)), 0.25);
    case Qt::TextAlignmentRole:
        return int(Qt::AlignCenter);
    case ResultColumnRole:
        return c;
    case KindRole:
        return int(evaltext::cellKind(cell));
    default:
        return {};
    }
}

QVariant EvalResultModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (section < 0 || section >= m_set.tests.size())
            return {};
        const run::EvalTestInfo &test = m_set.tests[section];
        if (role == Qt::DisplayRole)
            return test.description;
        if (role == Qt::ToolTipRole)
            return plainToolTip(
                QStringLiteral("%1:%2:%3").arg(test.file).arg(test.line).arg(test.column));
        return {};
    }
    const int c = resultColumn(section);
    if (c < 0)
        return {};
    const run::EvalColumn &column = m_set.columns[c];
    if (role == Qt::DisplayRole)
        return QStringLiteral("%1\n%2").arg(column.model, column.revisionLabel);
    if (role == Qt::ToolTipRole)
        return plainToolTip(column.title() + QLatin1Char('\n') + column.revisionId);
    return {};
}

} // namespace psm::ui
