// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "run/evalresult.h"

#include <QAbstractTableModel>
#include <QList>

namespace psm::ui {

// One eval set's result as a table: a row per test (header: description, tooltip file:line), a
// column per candidate column, each baseline column beside its candidate when shown. A cell
// reads "pass", "fail", "error", "not run" or "flip k/n", tinted, with the failing assertion
// and reason as a plain-text tooltip. GUI thread; holds a copy of the result.
class EvalResultModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EvalResultModel)
public:
    enum Role {
        ResultColumnRole = Qt::UserRole + 1, // int: the index in EvalSetResult::columns
        KindRole, // int: evaltext::CellKind
    };

    explicit EvalResultModel(QObject *parent = nullptr);

    void setResult(const run::EvalSetResult &set);
    void clear();
    const run::EvalSetResult &result() const { return m_set; }
    void setShowBaseline(bool show);
    bool showBaseline() const { return m_showBaseline; }

    // The view column of EvalSetResult::columns[resultColumn]; -1 when it is hidden.
    int viewColumn(int resultColumn) const;
    int resultColumn(int viewColumn) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    void layoutColumns();

    run::EvalSetResult m_set;
    QList<int> m_columns; // view column -> result column
    bool m_showBaseline = true;
};

} // namespace psm::ui
