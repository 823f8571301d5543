// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/grid/gridgrading.h"

#include "ui/grid/blindpairdialog.h"
#include "ui/grid/gradebar.h"
#include "ui/grid/gridgrades.h"
#include "ui/grid/gridtablemodel.h"

#include <QKeyEvent>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSpinBox>
#include <QTableView>

namespace psm::ui {

GridGrading::GridGrading(
    QTableView *table, QSpinBox *sample, GridTableModel *model, QString ledgerPath, QWidget *parent)
    : QObject(parent)
    , m_table(table)
    , m_sample(sample)
    , m_model(model)
    , m_store(new GridGrades(std::move(ledgerPath), this))
    , m_bar(new GradeBar(parent))
    , m_blindButton(new QPushButton(tr("Blind A/B…"), parent))
{
    m_blindButton->setObjectName(QStringLiteral("gridBlindPair"));
    m_blindButton->setToolTip(tr("Judge two columns' outputs side by side without their names"));
    m_table->installEventFilter(this);
    m_model->setCellAnnotation([store = m_store](const std::vector<run::GridSample> &samples) {
        return marks(samples, *store);
    });
    connect(m_bar, &GradeBar::edited, m_store, &GridGrades::setGrade);
    connect(m_store, &GridGrades::gradeChanged, m_model, &GridTableModel::annotationsChanged);
    connect(m_store, &GridGrades::loaded, this, [this] {
        m_model->annotationsChanged();
        syncBar();
    });
    connect(m_store, &GridGrades::failed, this,
        [this](const QString &text) { Q_EMIT message(text, true); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &GridGrading::syncBar);
    connect(m_sample, &QSpinBox::valueChanged, this, &GridGrading::syncBar);
    // A sample that finishes gets its ledger id: it becomes gradable.
    connect(m_model, &QAbstractItemModel::dataChanged, this, &GridGrading::syncBar);
    connect(m_model, &QAbstractItemModel::modelReset, this, &GridGrading::syncBar);
    connect(m_blindButton, &QPushButton::clicked, this,
        [this] { openBlindPair(QRandomGenerator::global()->generate()); });
    syncBar();
}

GridGrading::~GridGrading() = default;

void GridGrading::showRun(const QString &runId)
{
    m_store->loadRun(runId);
}

BlindPairDialog *GridGrading::openBlindPair(quint32 seed)
{
    if (m_blind)
        m_blind->close();
    if (m_model->grid().columns() < 2) {
        Q_EMIT message(tr("Blind A/B needs a grid with at least two columns."), true);
        return nullptr;
    }
    m_blind
        = new BlindPairDialog(m_model->grid(), m_store->runId(), m_store, seed, m_table->window());
    m_blind->setAttribute(Qt::WA_DeleteOnClose);
    m_blind->show();
    return m_blind;
}

QString GridGrading::marks(const std::vector<run::GridSample> &samples, const GridGrades &store)
{
    QStringList parts;
    for (size_t i = 0; i < samples.size(); ++i) {
        if (samples[i].ledgerId <= 0)
            continue;
        const core::CallGrade g = store.grade(samples[i].ledgerId);
        if (g.isEmpty())
            continue;
        QStringList bits;
        if (samples.size() > 1)
            bits << QStringLiteral("#%1").arg(i + 1);
        if (g.thumb == core::Thumb::Up)
            bits << tr("good");
        else if (g.thumb == core::Thumb::Down)
            bits << tr("bad");
        if (g.score)
            bits << QStringLiteral("%1/5").arg(*g.score);
        if (!g.note.isEmpty())
            bits << QStringLiteral("✎");
        parts << bits.join(QLatin1Char(' '));
    }
    return parts.join(QStringLiteral(" · "));
}

bool GridGrading::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        // Plain keys only: Ctrl+1 and the like stay the window's.
        if (!(key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))
            && m_bar->applyKey(key->key()))
            return true;
    }
    return QObject::eventFilter(watched, event);
}

const run::GridSample *GridGrading::currentSample() const
{
    const QModelIndex index = m_table->currentIndex();
    const run::Grid &grid = m_model->grid();
    if (!index.isValid() || m_model->isSummaryRow(index.row()) || index.row() >= grid.rows()
        || index.column() >= grid.columns())
        return nullptr;
    const std::vector<run::GridSample> &samples = grid.cell(index.row(), index.column());
    const int n = m_sample->value() - 1;
    if (n < 0 || n >= int(samples.size()))
        return nullptr;
    return &samples[size_t(n)];
}

void GridGrading::syncBar()
{
    const run::GridSample *sample = currentSample();
    // Only a recorded, finished call can be graded: the grade is kept against its row.
    if (!sample || sample->ledgerId <= 0 || !sample->finished()) {
        m_bar->setGrade(std::nullopt);
        return;
    }
    const core::CallGrade current = m_store->grade(sample->ledgerId);
    if (m_bar->grade() != current)
        m_bar->setGrade(current);
}

} // namespace psm::ui
