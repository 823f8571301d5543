// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/diff/gridcompare.h"

#include "core/ledger/ledger.h"
#include "run/gridhistory.h"
#include "run/promptdiff.h"
#include "ui/diff/outputdiffdialog.h"
#include "ui/diff/promptdiffdialog.h"
#include "ui/gitjob.h"
#include "ui/grid/gridpanel.h"
#include "ui/grid/gridtablemodel.h"

#include <QComboBox>
#include <QHeaderView>
#include <QMenu>
#include <QSpinBox>
#include <QTableView>

#include <utility>

namespace psm::ui {
namespace {

bool hasCell(const run::Grid &grid, int row, int column)
{
    return row >= 0 && column >= 0 && row < grid.rows() && column < grid.columns();
}

// Pairs of samples offered in the menu: all of them for a few repeats, else each against the
// first (a menu of 45 pairs for 10 repeats would not be read).
QList<std::pair<int, int>> samplePairs(int repeats)
{
    QList<std::pair<int, int>> pairs;
    for (int a = 0; a < repeats; ++a)
        for (int b = a + 1; b < repeats; ++b)
            if (repeats <= 4 || a == 0)
                pairs.append({ a, b });
    return pairs;
}

// Both runs as the ledger recorded them, so columns are matched like with like (the ledger keeps
// the provider-side model name and the request's parameters, not what the column editor said).
struct RunPair {
    std::optional<run::Grid> current; // nullopt when the shown run has no rows yet
    run::Grid other;
};

// Two columns run different prompt text when their revisions differ: by id once known (a branch
// and its commit are one revision), else as asked.
bool sameRevision(const run::GridColumn &a, const run::GridColumn &b)
{
    if (!a.revisionId.isEmpty() && !b.revisionId.isEmpty())
        return a.revisionId == b.revisionId;
    return a.revision == b.revision;
}

// The revision a column ran, as the planner reads it; nullopt for text the grid did not keep.
std::optional<run::PromptRevision> revisionOf(const run::GridColumn &column)
{
    if (column.revision.isEmpty() || column.revision == QLatin1String("working copy"))
        return run::PromptRevision::workingCopy();
    if (!column.revisionId.isEmpty() && !column.revisionId.startsWith(QLatin1String("sha256:")))
        return run::PromptRevision::atGit(column.revisionId);
    if (column.revision == QLatin1String("editor text")
        || column.revision.startsWith(QLatin1String("sha256:")))
        return std::nullopt;
    return run::PromptRevision::atGit(column.revision);
}

} // namespace

int comparedSample(const run::Grid &grid, int row, int column)
{
    if (!hasCell(grid, row, column))
        return -1;
    const std::vector<run::GridSample> &samples = grid.cell(row, column);
    for (size_t i = 0; i < samples.size(); ++i)
        if (samples[i].state == run::SampleState::Ok)
            return int(i);
    return samples.empty() ? -1 : 0;
}

int matchingColumn(const run::Grid &grid, int column, const run::Grid &other)
{
    if (column < 0 || column >= grid.columns())
        return -1;
    const run::GridColumn &wanted = grid.column(column);
    int sameVariant = -1;
    for (int c = 0; c < other.columns(); ++c) {
        const run::GridColumn &candidate = other.column(c);
        if (candidate.modelRef != wanted.modelRef
            || candidate.parametersJson != wanted.parametersJson)
            continue;
        if (!wanted.revisionId.isEmpty() && candidate.revisionId == wanted.revisionId)
            return c;
        if (sameVariant < 0)
            sameVariant = c;
    }
    return sameVariant;
}

GridCompare::GridCompare(GridPanel *panel, QTableView *table, QComboBox *history,
    QSpinBox *detailSample, QString ledgerPath)
    : QObject(panel)
    , m_panel(panel)
    , m_table(table)
    , m_history(history)
    , m_detailSample(detailSample)
    , m_ledgerPath(std::move(ledgerPath))
{
    connect(m_table, &QTableView::clicked, this,
        [this](const QModelIndex &index) { cellClicked(index.row(), index.column()); });
    m_table->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_table->horizontalHeader(), &QHeaderView::customContextMenuRequested, this,
        &GridCompare::showHeaderMenu);
}

void GridCompare::showHeaderMenu(const QPoint &pos)
{
    const int column = m_table->horizontalHeader()->logicalIndexAt(pos);
    if (column < 0)
        return;
    QMenu menu(m_table);
    addColumnActions(&menu, column);
    menu.exec(m_table->horizontalHeader()->mapToGlobal(pos));
}

void GridCompare::addColumnActions(QMenu *menu, int column)
{
    const run::Grid &grid = m_panel->model()->grid();
    if (column < 0 || column >= grid.columns())
        return;
    QMenu *columns = menu->addMenu(tr("Diff prompt with column"));
    for (int c = 0; c < grid.columns(); ++c) {
        if (c == column || sameRevision(grid.column(c), grid.column(column)))
            continue;
        QAction *other = columns->addAction(grid.column(c).label());
        other->setData(c);
        connect(other, &QAction::triggered, this, [=, this] { diffPromptWithColumn(column, c); });
    }
    columns->setEnabled(!columns->isEmpty());
    if (columns->isEmpty())
        columns->setToolTip(tr("Every other column runs the same revision"));
}

void GridCompare::diffPromptWithColumn(int column, int otherColumn)
{
    const run::Grid &grid = m_panel->model()->grid();
    if (column < 0 || otherColumn < 0 || column >= grid.columns() || otherColumn >= grid.columns())
        return;
    const run::GridColumn &oldColumn = grid.column(column);
    const run::GridColumn &newColumn = grid.column(otherColumn);
    const auto oldRevision = revisionOf(oldColumn);
    const auto newRevision = revisionOf(newColumn);
    if (!oldRevision || !newRevision)
        return Q_EMIT message(tr("Unsaved editor text is not kept by the grid: save the prompt "
                                 "or commit it to diff this column."),
            true);
    run::RunSpec spec;
    spec.workspaceRoot = m_panel->workspaceRoot();
    spec.promptPath = m_panel->promptPath();
    const nlohmann::ordered_json variables = grid.rows() > 0 && grid.rowInput(0).is_object()
        ? grid.rowInput(0)
        : nlohmann::ordered_json::object();
    const auto name = [](const run::GridColumn &c) {
        return c.revision.isEmpty() ? tr("working copy") : c.revision;
    };
    const QString oldTitle = name(oldColumn);
    const QString newTitle = name(newColumn);
    Q_EMIT message(tr("Reading the prompt at %1 and %2…").arg(oldTitle, newTitle), false);
    GitJob::run(
        this,
        [spec, oldRevision = *oldRevision, newRevision = *newRevision, variables] {
            return run::diffPromptRevisions(spec, oldRevision, newRevision, variables);
        },
        [this, oldTitle, newTitle](const core::Result<run::PromptDiff> &diff) {
            if (!diff)
                return Q_EMIT message(diff.error().toString(), true);
            Q_EMIT message(tr("Prompt diff: %1 → %2.").arg(oldTitle, newTitle), false);
            PromptDiffDialog::open(m_panel, oldTitle, newTitle, *diff);
        });
}

std::optional<GridCompare::Side> GridCompare::cellSide(
    int row, int column, std::optional<int> sample) const
{
    const run::Grid &grid = m_panel->model()->grid();
    const QModelIndex current = m_table->currentIndex();
    const bool shownInDetail = current.isValid() && current.row() == row
        && current.column() == column;
    const int n = sample ? *sample
        : shownInDetail  ? m_detailSample->value() - 1
                         : comparedSample(grid, row, column);
    if (!hasCell(grid, row, column) || n < 0 || n >= int(grid.cell(row, column).size()))
        return std::nullopt;
    QString title = tr("row %1 · %2").arg(row + 1).arg(grid.column(column).label());
    if (grid.shape().repeats > 1)
        title += tr(" · sample %1").arg(n + 1);
    return Side { title, grid.cell(row, column)[size_t(n)].text, n };
}

void GridCompare::open(const Side &left, const Side &right)
{
    OutputDiffDialog::open(m_panel, left.title, left.text, right.title, right.text);
}

void GridCompare::addCellActions(QMenu *menu, int row, int column)
{
    const run::Grid &grid = m_panel->model()->grid();
    if (!hasCell(grid, row, column))
        return;
    QAction *pick = menu->addAction(tr("Compare with…"));
    pick->setToolTip(tr("Then click the cell to compare this one with"));
    connect(pick, &QAction::triggered, this, [=, this] { pickCellToCompare(row, column); });
    QAction *mark = menu->addAction(tr("Mark for compare"));
    connect(mark, &QAction::triggered, this, [=, this] { markForCompare(row, column); });
    QAction *withMarked = menu->addAction(tr("Compare with marked"));
    withMarked->setEnabled(hasMark());
    connect(withMarked, &QAction::triggered, this, [=, this] { compareWithMarked(row, column); });

    const int repeats = int(grid.cell(row, column).size());
    if (repeats > 1) {
        QMenu *samples = menu->addMenu(tr("Compare samples"));
        for (const auto &[a, b] : samplePairs(repeats)) {
            QAction *pair
                = samples->addAction(tr("Sample %1 with sample %2").arg(a + 1).arg(b + 1));
            connect(pair, &QAction::triggered, this,
                [=, this, a = a, b = b] { compareSamples(row, column, a, b); });
        }
    }

    QMenu *runs = menu->addMenu(tr("Compare with run"));
    for (int i = 0; i < m_history->count(); ++i) {
        const QString runId = m_history->itemData(i).toString();
        if (runId.isEmpty() || runId == m_panel->runId())
            continue;
        QAction *other = runs->addAction(m_history->itemText(i));
        other->setData(runId);
        connect(
            other, &QAction::triggered, this, [=, this] { compareWithRun(row, column, runId); });
    }
    runs->setEnabled(!runs->isEmpty());
}

void GridCompare::compareCells(int row, int column, int otherRow, int otherColumn)
{
    const auto left = cellSide(row, column);
    const auto right = cellSide(otherRow, otherColumn);
    if (!left || !right)
        return Q_EMIT message(tr("That cell has no output to compare."), true);
    open(*left, *right);
}

void GridCompare::pickCellToCompare(int row, int column)
{
    // The sample is fixed now: clicking the other cell moves the detail pane to that one.
    const auto side = cellSide(row, column);
    m_pickFrom = Position { row, column, side ? side->sample : 0 };
    Q_EMIT message(
        tr("Click the cell to compare row %1, column %2 with.").arg(row + 1).arg(column + 1),
        false);
}

void GridCompare::cellClicked(int row, int column)
{
    if (!m_pickFrom)
        return;
    const Position from = *std::exchange(m_pickFrom, std::nullopt);
    if (m_panel->model()->isSummaryRow(row) || (row == from.row && column == from.column))
        return Q_EMIT message(tr("Comparison cancelled."), false);
    const auto left = cellSide(from.row, from.column, from.sample);
    const auto right = cellSide(row, column);
    if (!left || !right)
        return Q_EMIT message(tr("That cell has no output to compare."), true);
    open(*left, *right);
}

void GridCompare::markForCompare(int row, int column)
{
    auto side = cellSide(row, column);
    if (!side)
        return Q_EMIT message(tr("That cell has no output to compare."), true);
    if (!m_panel->runId().isEmpty())
        side->title += tr(" · run %1").arg(m_panel->runId().left(8));
    m_mark = std::move(side);
    Q_EMIT message(tr("Marked %1 for compare.").arg(m_mark->title), false);
}

void GridCompare::compareWithMarked(int row, int column)
{
    const auto side = cellSide(row, column);
    if (!m_mark || !side)
        return Q_EMIT message(tr("Mark a cell for compare first."), true);
    open(*m_mark, *side);
}

void GridCompare::compareSamples(int row, int column, int firstSample, int secondSample)
{
    const auto left = cellSide(row, column, firstSample);
    const auto right = cellSide(row, column, secondSample);
    if (!left || !right)
        return Q_EMIT message(tr("That cell has no such sample."), true);
    open(*left, *right);
}

void GridCompare::compareWithRun(int row, int column, const QString &runId)
{
    const auto current = cellSide(row, column);
    if (!current)
        return Q_EMIT message(tr("That cell has no output to compare."), true);
    Q_EMIT message(tr("Reading run %1 from the ledger…").arg(runId.left(8)), false);
    const run::Grid shown = m_panel->model()->grid();
    GitJob::run(
        this,
        [ledgerPath = m_ledgerPath, currentRunId = m_panel->runId(),
            runId]() -> core::Result<RunPair> {
            auto ledger = core::Ledger::forThisThread(
                ledgerPath.isEmpty() ? core::Ledger::defaultPath() : ledgerPath);
            if (!ledger)
                return tl::unexpected(ledger.error());
            auto other = run::gridFromLedger(**ledger, runId);
            if (!other)
                return tl::unexpected(other.error());
            RunPair pair { std::nullopt, std::move(*other) };
            if (!currentRunId.isEmpty())
                if (auto current = run::gridFromLedger(**ledger, currentRunId))
                    pair.current = std::move(*current);
            return pair;
        },
        [this, row, column, runId, shown, left = *current](const core::Result<RunPair> &runs) {
            if (!runs)
                return Q_EMIT message(runs.error().toString(), true);
            // Columns of the shown grid line up with its ledger rows (the cell indices the
            // engine wrote), so the ledger's view of this column names the variant to look for.
            const run::Grid &reference
                = runs->current && hasCell(*runs->current, row, column) ? *runs->current : shown;
            const int otherColumn = matchingColumn(reference, column, runs->other);
            if (otherColumn < 0 || row >= runs->other.rows())
                return Q_EMIT message(tr("Run %1 has no cell for row %2 with %3.")
                                          .arg(runId.left(8))
                                          .arg(row + 1)
                                          .arg(reference.column(column).label()),
                    true);
            const int sample = comparedSample(runs->other, row, otherColumn);
            if (sample < 0)
                return Q_EMIT message(
                    tr("That cell of run %1 has no output.").arg(runId.left(8)), true);
            // The earlier run on the left, as old text is in any diff.
            const Side earlier { tr("run %1 · row %2 · %3")
                                     .arg(runId.left(8))
                                     .arg(row + 1)
                                     .arg(runs->other.column(otherColumn).label()),
                runs->other.cell(row, otherColumn)[size_t(sample)].text };
            Side current = left;
            if (!m_panel->runId().isEmpty())
                current.title = tr("run %1 · %2").arg(m_panel->runId().left(8), left.title);
            Q_EMIT message(tr("Compared with run %1.").arg(runId.left(8)), false);
            open(earlier, current);
        });
}

} // namespace psm::ui
