// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/grid/gridpanel.h"

#include "core/ledger/ledger.h"
#include "core/settings/workspacesettings.h"
#include "run/gridchecks.h"
#include "run/gridhistory.h"
#include "ui/budget/preflightcheck.h"
#include "ui/diff/gridcompare.h"
#include "ui/gitjob.h"
#include "ui/grid/gradebar.h"
#include "ui/grid/gridgrading.h"
#include "ui/grid/gridlayoutpresets.h"
#include "ui/grid/gridrowsource.h"
#include "ui/grid/gridtablemodel.h"
#include "ui/plaintext.h"

#include <QComboBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

#include <utility>

namespace psm::ui {
namespace {

using Json = nlohmann::ordered_json;

const QString kWorkingCopy = QStringLiteral("working copy");
constexpr int kHistoryCalls = 2000; // enough calls to list the recent grid runs

// "key=value; key=value" to a parameter set, each value typed as --set types it. Split on ';'
// rather than ',' so a value such as stopSequences=["a","b"] stays whole.
core::Result<Json> parseParameters(const QString &text)
{
    Json set = Json::object();
    for (const QString &part : text.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        if (part.trimmed().isEmpty())
            continue;
        auto kv = run::RunEngine::parseConfigAssignment(part.trimmed());
        if (!kv)
            return tl::unexpected(kv.error());
        set[kv->first.toStdString()] = kv->second;
    }
    return set;
}

struct GridRunEntry {
    QString runId;
    QDateTime startedAt;
    int calls = 0;
};

// On a pool thread: the prompt's runs that have grid cells, newest first.
core::Result<QList<GridRunEntry>> readGridRuns(
    const QString &ledgerPath, const QString &workspace, const QString &path)
{
    auto ledger = core::Ledger::forThisThread(ledgerPath);
    if (!ledger)
        return tl::unexpected(ledger.error());
    core::CallQuery query;
    query.workspace = workspace;
    query.promptPath = path;
    query.limit = kHistoryCalls;
    auto calls = (*ledger)->calls(query);
    if (!calls)
        return tl::unexpected(calls.error());
    QList<GridRunEntry> runs;
    QHash<QString, qsizetype> seen;
    for (const core::CallRecord &record : *calls) {
        if (record.start.runId.isEmpty() || record.start.cellJson.isEmpty()
            || !record.start.purpose.isEmpty())
            continue;
        auto it = seen.find(record.start.runId);
        if (it == seen.end()) {
            it = seen.insert(record.start.runId, runs.size());
            runs.append({ record.start.runId, record.start.startedAt, 0 });
        }
        GridRunEntry &entry = runs[*it];
        ++entry.calls;
        entry.startedAt = std::min(entry.startedAt, record.start.startedAt);
    }
    return runs;
}

} // namespace

GridPanel::GridPanel(run::RunEngineOptions options, QWidget *parent)
    : QWidget(parent)
    , m_options(options)
    , m_engine(new run::RunEngine(options, this))
    , m_model(new GridTableModel(this))
    , m_columns(new QTableWidget(0, 3, this))
    , m_modelPick(new QComboBox(this))
    , m_params(new QLineEdit(this))
    , m_revision(new QComboBox(this))
    , m_addColumn(new QPushButton(tr("&Add column"), this))
    , m_removeColumn(new QPushButton(tr("Remove column"), this))
    , m_repeats(new QSpinBox(this))
    , m_runButton(new QPushButton(tr("Run grid"), this))
    , m_runMissingButton(new QPushButton(tr("Run missing"), this))
    , m_cancelButton(new QPushButton(tr("Cancel all"), this))
    , m_status(new QLabel(this))
    , m_table(new QTableView(this))
    , m_detailSample(new QSpinBox(this))
    , m_detailMeta(new QLabel(this))
    , m_detailText(new QPlainTextEdit(this))
    , m_history(new QComboBox(this))
    , m_openHistory(new QPushButton(tr("Open"), this))
    , m_compare(new GridCompare(this, m_table, m_history, m_detailSample, m_options.ledgerPath))
    , m_rows(new GridRowSource(this))
{
    setObjectName(QStringLiteral("gridPanel"));
    m_columns->setObjectName(QStringLiteral("gridColumns"));
    m_columns->setHorizontalHeaderLabels({ tr("Model"), tr("Parameters"), tr("Revision") });
    // Model names and parameter sets are what tell columns apart; a revision is short.
    m_columns->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_columns->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_columns->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_columns->verticalHeader()->hide();
    m_columns->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_columns->setToolTip(tr("The grid runs every combination of the distinct models, "
                             "parameter sets and revisions listed here. Double-click to edit."));
    m_modelPick->setObjectName(QStringLiteral("gridModelPick"));
    m_modelPick->setEditable(true);
    m_modelPick->setMinimumContentsLength(20);
    m_modelPick->setToolTip(tr("provider/model, or a column of promptsmith.yaml"));
    m_params->setObjectName(QStringLiteral("gridParams"));
    m_params->setPlaceholderText(tr("temperature=0.7; maxOutputTokens=200"));
    m_revision->setObjectName(QStringLiteral("gridRevision"));
    m_revision->setEditable(true);
    m_revision->addItems({ kWorkingCopy, QStringLiteral("HEAD"), QStringLiteral("HEAD~1") });
    m_revision->setToolTip(tr("working copy, or any commit, tag or branch (read from git, "
                              "nothing is checked out)"));
    m_addColumn->setObjectName(QStringLiteral("gridAddColumn"));
    m_removeColumn->setObjectName(QStringLiteral("gridRemoveColumn"));
    m_repeats->setObjectName(QStringLiteral("gridRepeats"));
    m_repeats->setRange(1, 50);
    m_repeats->setToolTip(tr("Samples per cell"));
    m_runButton->setObjectName(QStringLiteral("gridRunButton"));
    m_runMissingButton->setObjectName(QStringLiteral("gridRunMissingButton"));
    m_runMissingButton->setToolTip(tr("Run the grid again from the response cache: cells with "
                                      "a successful answer cost nothing, the rest are called"));
    m_cancelButton->setObjectName(QStringLiteral("gridCancelButton"));
    m_status->setObjectName(QStringLiteral("gridStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText); // provider and git errors
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table->setObjectName(QStringLiteral("gridTable"));
    m_table->setModel(m_model);
    m_table->setWordWrap(true);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->horizontalHeader()->setDefaultSectionSize(260);
    m_table->verticalHeader()->setDefaultSectionSize(120);
    m_detailSample->setObjectName(QStringLiteral("gridDetailSample"));
    m_detailSample->setRange(1, 1);
    m_detailSample->setPrefix(tr("sample "));
    m_detailMeta->setObjectName(QStringLiteral("gridDetailMeta"));
    m_detailMeta->setWordWrap(true);
    m_detailMeta->setTextFormat(Qt::PlainText); // a sample's error text
    m_detailMeta->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detailText->setObjectName(QStringLiteral("gridDetailText"));
    m_detailText->setReadOnly(true);
    m_detailText->setPlaceholderText(tr("Select a cell to read its samples."));
    m_history->setObjectName(QStringLiteral("gridHistory"));
    m_history->setMinimumContentsLength(30);
    m_openHistory->setObjectName(QStringLiteral("gridOpenHistory"));
    m_openHistory->setToolTip(tr("Show a recorded grid from the ledger; calls nothing"));

    auto *picker = new QHBoxLayout;
    picker->addWidget(m_modelPick, 2);
    picker->addWidget(m_params, 2);
    picker->addWidget(m_revision, 1);
    picker->addWidget(m_addColumn);
    picker->addWidget(m_removeColumn);
    auto *actions = new QHBoxLayout;
    auto *rowsLabel = new QLabel(tr("R&ows"), this);
    rowsLabel->setBuddy(m_rows->selector());
    actions->addWidget(rowsLabel);
    actions->addWidget(m_rows->selector());
    auto *repeatsLabel = new QLabel(tr("&Repeats"), this);
    repeatsLabel->setBuddy(m_repeats);
    actions->addWidget(repeatsLabel);
    actions->addWidget(m_repeats);
    actions->addWidget(m_runButton);
    actions->addWidget(m_runMissingButton);
    actions->addWidget(m_cancelButton);
    actions->addWidget(m_status, 1);
    actions->addWidget(new QLabel(tr("History:"), this));
    actions->addWidget(m_history);
    actions->addWidget(m_openHistory);
    auto *layouts = new GridLayoutPresets(this, this);
    connect(layouts, &GridLayoutPresets::message, this, &GridPanel::setStatus);
    actions->addWidget(layouts);

    auto *detail = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    auto *detailHead = new QHBoxLayout;
    detailHead->addWidget(m_detailSample);
    detailHead->addWidget(m_detailMeta, 1);
    detailLayout->addLayout(detailHead);
    detailLayout->addWidget(m_detailText, 1);
    auto *body = new QSplitter(Qt::Horizontal, this);
    body->addWidget(m_table);
    body->addWidget(detail);
    body->setStretchFactor(0, 3);
    body->setStretchFactor(1, 1);
    auto *top = new QSplitter(Qt::Vertical, this);
    top->addWidget(m_columns);
    top->addWidget(body);
    top->setStretchFactor(0, 1);
    top->setStretchFactor(1, 4);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(picker);
    layout->addLayout(actions);
    layout->addWidget(top, 1);

    // Human grading and blind A/B live in their own files.
    m_grading = new GridGrading(m_table, m_detailSample, m_model,
        m_options.ledgerPath.isEmpty() ? core::Ledger::defaultPath() : m_options.ledgerPath, this);
    detailLayout->insertWidget(1, m_grading->bar());
    actions->insertWidget(actions->indexOf(m_status), m_grading->blindButton());
    connect(m_grading, &GridGrading::message, this, &GridPanel::setStatus);

    connect(m_addColumn, &QPushButton::clicked, this, [this] {
        addColumn(
            m_modelPick->currentText().trimmed(), m_params->text(), m_revision->currentText());
    });
    connect(m_removeColumn, &QPushButton::clicked, this, [this] {
        const int row = m_columns->currentRow();
        if (row >= 0)
            m_columns->removeRow(row);
    });
    // A column of promptsmith.yaml brings its preset's parameters.
    connect(m_modelPick, &QComboBox::activated, this, [this](int index) {
        const QString params = m_modelPick->itemData(index).toString();
        if (!params.isEmpty())
            m_params->setText(params);
    });
    connect(m_runButton, &QPushButton::clicked, this, &GridPanel::run);
    connect(m_runMissingButton, &QPushButton::clicked, this, &GridPanel::runMissing);
    connect(m_cancelButton, &QPushButton::clicked, this, &GridPanel::cancelAll);
    connect(m_openHistory, &QPushButton::clicked, this, [this] {
        const QString id = m_history->currentData().toString();
        if (!id.isEmpty())
            reopen(id);
    });
    connect(m_table, &QTableView::customContextMenuRequested, this, &GridPanel::showContextMenu);
    connect(m_compare, &GridCompare::message, this, &GridPanel::setStatus);
    connect(m_rows, &GridRowSource::message, this, &GridPanel::setStatus);
    connect(m_rows, &GridRowSource::evalSetLoaded, this, &GridPanel::useEvalSetRows);
    // Checks follow the grid shown: a grid run or reopened gets the selected set's checks
    // when its rows are that set's tests (the model drops them with every new grid).
    connect(m_model, &QAbstractItemModel::modelReset, this, &GridPanel::attachChecks);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this, [this] {
        m_detailSample->setValue(1);
        showDetail();
    });
    connect(m_detailSample, &QSpinBox::valueChanged, this, &GridPanel::showDetail);
    connect(m_model, &QAbstractItemModel::dataChanged, this,
        [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
            const QModelIndex current = m_table->currentIndex();
            if (current.isValid() && current.row() >= topLeft.row()
                && current.row() <= bottomRight.row() && current.column() >= topLeft.column()
                && current.column() <= bottomRight.column())
                showDetail();
        });

    connect(m_engine, &run::RunEngine::textDelta, this,
        [this](const QString &runId, int sample, const QString &text) {
            if (const auto p = place(runId, sample))
                m_model->appendText(p->row, p->column, p->repeat, text);
        });
    connect(m_engine, &run::RunEngine::sampleFinished, this,
        [this](const QString &runId, int sample, const run::RunSampleResult &result) {
            if (const auto p = place(runId, sample))
                m_model->finishSample(p->row, p->column, p->repeat, result);
        });
    connect(m_engine, &run::RunEngine::runFailed, this,
        [this](const QString &runId, const core::Error &error) {
            if (runId == m_mainRun || m_cellRuns.contains(runId))
                setStatus(error.toString(), true);
        });
    connect(m_engine, &run::RunEngine::keyConsentNeeded, this,
        [this](const QString &runId, const run::KeyConsentRequest &request) {
            if (runId == m_mainRun || m_cellRuns.contains(runId))
                setStatus(tr("The key for %1 would go to %2, which is not its vendor: allow it "
                             "once from the Run panel, then run the grid again.")
                              .arg(request.provider, request.host),
                    true);
        });
    connect(m_engine, &run::RunEngine::runFinished, this, [this](const QString &runId) {
        if (runId == m_mainRun) {
            m_mainRun.clear();
        } else if (!m_cellRuns.remove(runId)) {
            return;
        }
        m_model->flush();
        if (!isRunning()) {
            const int failed = m_model->grid().failedCalls();
            if (!m_status->property("error").toBool())
                setStatus(failed ? tr("Done: %n call(s) failed (see their cells).", nullptr, failed)
                                 : tr("Done."));
            refreshHistory();
        }
        updateButtons();
        Q_EMIT runFinished();
    });
    updateButtons();
}

GridPanel::~GridPanel()
{
    // The engine's destructor records calls in flight as cancelled.
}

void GridPanel::setPrompt(const QString &workspaceRoot, const QString &relativePath)
{
    const bool newRoot = workspaceRoot != m_root;
    m_root = workspaceRoot;
    m_path = relativePath;
    if (newRoot)
        populateModels();
    m_rows->setPrompt(workspaceRoot, relativePath);
    refreshHistory();
}

void GridPanel::populateModels()
{
    m_modelPick->clear();
    if (!m_root.isEmpty()) {
        const core::WorkspaceSettings settings = core::WorkspaceSettings::load(m_root);
        // The workspace's columns first, each with its preset's parameters.
        for (const core::ColumnSetting &column : settings.columns()) {
            QStringList params;
            if (const auto preset = settings.preset(column.preset); preset && preset->is_object())
                for (const auto &[key, value] : preset->items())
                    params << QString::fromStdString(
                        key + '=' + (value.is_string() ? value.get<std::string>() : value.dump()));
            const QString label = column.preset.isEmpty()
                ? column.model
                : column.model + QStringLiteral(" (") + column.preset + QLatin1Char(')');
            m_modelPick->addItem(label, params.join(QStringLiteral("; ")));
            m_modelPick->setItemData(m_modelPick->count() - 1, column.model, Qt::UserRole + 1);
        }
    }
    for (const QString &model : { QStringLiteral("echo/echo"), QStringLiteral("openai/gpt-4o-mini"),
             QStringLiteral("anthropic/claude-haiku-4-5"),
             QStringLiteral("gemini/gemini-2.5-flash"), QStringLiteral("ollama/llama3.2") })
        m_modelPick->addItem(model);
}

void GridPanel::addColumn(
    const QString &modelRef, const QString &parameters, const QString &revision)
{
    // A workspace column's label carries its preset: the model is the part before it.
    QString model = modelRef.section(QLatin1Char(' '), 0, 0);
    if (model.isEmpty())
        return setStatus(tr("Choose a provider/model for the column."), true);
    if (auto parsed = parseParameters(parameters); !parsed)
        return setStatus(parsed.error().toString(), true);
    const int row = m_columns->rowCount();
    m_columns->insertRow(row);
    m_columns->setItem(row, 0, new QTableWidgetItem(model));
    m_columns->setItem(row, 1, new QTableWidgetItem(parameters.trimmed()));
    m_columns->setItem(row, 2,
        new QTableWidgetItem(revision.trimmed().isEmpty() ? kWorkingCopy : revision.trimmed()));
}

void GridPanel::clearColumns()
{
    m_columns->setRowCount(0);
}

void GridPanel::setRepeats(int repeats)
{
    m_repeats->setValue(repeats);
}

QList<QStringList> GridPanel::columnTexts() const
{
    QList<QStringList> out;
    for (int row = 0; row < m_columns->rowCount(); ++row) {
        QStringList texts;
        for (int c = 0; c < 3; ++c) {
            const QTableWidgetItem *item = m_columns->item(row, c);
            texts << (item ? item->text().trimmed() : QString());
        }
        if (texts[2] == kWorkingCopy)
            texts[2].clear();
        out << texts;
    }
    return out;
}

int GridPanel::repeats() const
{
    return m_repeats->value();
}

core::Result<run::RunSpec> GridPanel::specFromColumns() const
{
    if (m_path.isEmpty())
        return core::fail(core::ErrorCode::InvalidInput, tr("Open a prompt to compare it."));
    if (m_columns->rowCount() == 0)
        return core::fail(core::ErrorCode::InvalidInput,
            tr("Add a column (model, parameters, revision) to run the grid."));
    run::RunSpec spec;
    spec.workspaceRoot = m_root;
    spec.promptPath = m_path;
    spec.repeat = m_repeats->value();
    if (m_rows->isLoading())
        return core::fail(core::ErrorCode::InvalidInput,
            tr("The eval set is still being read: run when it is loaded."));
    if (const core::eval::EvalSet *set = m_rows->evalSet())
        for (const core::eval::EvalTest &test : set->tests)
            spec.inputs.push_back(test.vars);
    else
        spec.inputs.push_back(m_variablesProvider ? m_variablesProvider() : Json::object());
    const QString text = m_textProvider ? m_textProvider() : QString();
    QStringList revisions;
    QStringList paramTexts;
    for (int row = 0; row < m_columns->rowCount(); ++row) {
        const auto cell = [&](int c) {
            const QTableWidgetItem *item = m_columns->item(row, c);
            return item ? item->text().trimmed() : QString();
        };
        const QString model = cell(0);
        if (model.isEmpty())
            return core::fail(
                core::ErrorCode::InvalidInput, tr("Column %1 has no model.").arg(row + 1));
        if (!spec.modelRefs.contains(model))
            spec.modelRefs.append(model);
        auto params = parseParameters(cell(1));
        if (!params)
            return core::fail(core::ErrorCode::InvalidInput,
                tr("Column %1: %2").arg(row + 1).arg(params.error().message));
        const QString canonical = QString::fromStdString(params->dump());
        if (!paramTexts.contains(canonical)) {
            paramTexts.append(canonical);
            spec.parameterSets.push_back(*params);
        }
        const QString rev = cell(2).isEmpty() ? kWorkingCopy : cell(2);
        if (!revisions.contains(rev))
            revisions.append(rev);
    }
    if (revisions == QStringList { kWorkingCopy }) {
        if (!text.isNull())
            spec.promptText = text; // unsaved edits are what the user sees
    } else {
        for (const QString &rev : revisions)
            spec.revisions.push_back(rev != kWorkingCopy ? run::PromptRevision::atGit(rev)
                    : text.isNull()                      ? run::PromptRevision::workingCopy()
                                                         : run::PromptRevision::unsavedText(text));
    }
    return spec;
}

void GridPanel::run()
{
    if (isRunning() || isEstimating())
        return;
    auto spec = specFromColumns();
    if (!spec)
        return setStatus(spec.error().message, true);
    startGrid(std::move(*spec));
}

void GridPanel::runMissing()
{
    if (isRunning() || isEstimating())
        return;
    if (!m_spec)
        return setStatus(tr("Run a grid first: a grid reopened from history has no columns to "
                            "run again."),
            true);
    run::RunSpec spec = *m_spec;
    spec.useCache = true; // successful cells come back from the ledger, free and uncalled
    spec.runId.clear();
    startGrid(std::move(spec));
}

bool GridPanel::isEstimating() const
{
    return m_preflight && m_preflight->isBusy();
}

void GridPanel::startGrid(run::RunSpec spec)
{
    if (!m_preflight) {
        m_preflight = new PreflightCheck(this, m_options.ledgerPath, m_options.userBudgetsPath);
        connect(m_preflight, &PreflightCheck::busyChanged, this, &GridPanel::updateButtons);
    }
    setStatus(tr("Estimating cost…"));
    m_preflight->start(
        [spec]() -> core::Result<QList<run::RunSpec>> { return QList<run::RunSpec> { spec }; },
        m_engine->detachedPlanner(),
        [this, spec](bool go) {
            if (!go)
                return setStatus(tr("Not started: cancelled at the cost estimate."));
            // The panel stayed usable while the estimate was made: what it was made for must
            // still be what the panel shows.
            if (spec.workspaceRoot != m_root || spec.promptPath != m_path)
                return setStatus(tr("Not started: the prompt changed while the cost was "
                                    "estimated. Run again."));
            if (isRunning())
                return setStatus(tr("Not started: a cell began running again while the cost "
                                    "was estimated."),
                    true);
            m_model->setGrid(run::Grid::forSpec(spec));
            setStatus(tr("Running %n call(s)…", nullptr, m_model->grid().shape().sampleCount()));
            auto started = m_engine->startInBackground(spec);
            if (!started)
                return setStatus(started.error().toString(), true);
            m_spec = spec;
            m_spec->runId.clear();
            m_gridRunId = *started;
            m_mainRun = *started;
            m_grading->showRun(m_gridRunId);
            updateButtons();
        });
}

void GridPanel::cancelAll()
{
    if (isEstimating()) {
        m_preflight->cancel(); // nothing has started; a late estimate is dropped
        setStatus(tr("Not started: cancelled while the cost was estimated."));
    }
    if (!m_mainRun.isEmpty())
        m_engine->cancel(m_mainRun);
    for (const QString &id : m_cellRuns.keys())
        m_engine->cancel(id);
}

void GridPanel::cancelColumn(int column)
{
    const run::GridShape &shape = m_model->grid().shape();
    if (column < 0 || column >= shape.columns())
        return;
    if (!m_mainRun.isEmpty()) {
        QList<int> samples;
        for (int row = 0; row < shape.rows(); ++row)
            for (int repeat = 0; repeat < shape.repeats; ++repeat)
                samples.append(shape.sampleIndex(row, column, repeat));
        m_engine->cancelSamples(m_mainRun, samples);
    }
    for (auto it = m_cellRuns.cbegin(); it != m_cellRuns.cend(); ++it)
        if (it->x() == column)
            m_engine->cancel(it.key());
}

void GridPanel::rerunCell(int row, int column)
{
    if (!m_spec)
        return setStatus(tr("Run a grid first: a grid reopened from history has no columns to "
                            "run again."),
            true);
    if (!m_mainRun.isEmpty() || row < 0 || row >= m_model->grid().rows() || column < 0
        || column >= m_model->grid().columns())
        return;
    for (const QPoint &cell : std::as_const(m_cellRuns))
        if (cell == QPoint(column, row))
            return; // already running again
    const run::GridShape::Position p
        = m_model->grid().shape().position(m_model->grid().shape().sampleIndex(row, column, 0));
    run::RunSpec spec = *m_spec;
    spec.runId.clear();
    spec.useCache = false; // asked to run again: a new answer, not the recorded one
    if (!spec.revisions.empty())
        spec.revisions = { spec.revisions[size_t(p.revision)] };
    spec.modelRefs = { m_spec->modelRefs[p.model] };
    spec.parameterSets = { m_spec->parameterSets[size_t(p.parameterSet)] };
    spec.inputs = { m_spec->inputs[size_t(p.row)] };
    m_model->resetCell(row, column);
    auto started = m_engine->startInBackground(spec);
    if (!started)
        return setStatus(started.error().toString(), true);
    m_cellRuns.insert(*started, QPoint(column, row));
    setStatus(tr("Running input %1, column %2 again…").arg(row + 1).arg(column + 1));
    updateButtons();
}

std::optional<run::GridShape::Position> GridPanel::place(const QString &runId, int sample) const
{
    const run::GridShape &shape = m_model->grid().shape();
    if (runId == m_mainRun && !runId.isEmpty()) {
        if (sample < 0 || sample >= shape.sampleCount())
            return std::nullopt;
        return shape.position(sample);
    }
    const auto it = m_cellRuns.constFind(runId);
    if (it == m_cellRuns.constEnd() || sample < 0 || sample >= shape.repeats)
        return std::nullopt;
    run::GridShape::Position p;
    p.row = it->y();
    p.column = it->x();
    p.repeat = sample;
    return p;
}

void GridPanel::reopen(const QString &runId)
{
    if (isRunning())
        return setStatus(tr("Cancel the running grid before opening another."), true);
    const QString ledgerPath
        = m_options.ledgerPath.isEmpty() ? core::Ledger::defaultPath() : m_options.ledgerPath;
    setStatus(tr("Reading run %1 from the ledger…").arg(runId.left(8)));
    GitJob::run(
        this,
        [ledgerPath, runId]() -> core::Result<run::Grid> {
            auto ledger = core::Ledger::forThisThread(ledgerPath);
            if (!ledger)
                return tl::unexpected(ledger.error());
            return run::gridFromLedger(**ledger, runId);
        },
        [this, runId](const core::Result<run::Grid> &grid) {
            if (!grid)
                return setStatus(grid.error().toString(), true);
            m_spec.reset(); // its columns are known only as the ledger recorded them
            m_gridRunId = runId;
            m_model->setGrid(*grid);
            m_grading->showRun(runId);
            setStatus(m_model->hasRowTests()
                    ? tr("Run %1 from the ledger, checked by %2: nothing was called.")
                          .arg(runId.left(8), m_rows->evalSetPath())
                    : tr("Run %1 from the ledger: nothing was called.").arg(runId.left(8)));
            updateButtons();
            Q_EMIT reopened(runId);
        });
}

void GridPanel::refreshHistory()
{
    if (m_path.isEmpty())
        return;
    if (m_historyReading) {
        m_historyAgain = true;
        return;
    }
    const QString ledgerPath
        = m_options.ledgerPath.isEmpty() ? core::Ledger::defaultPath() : m_options.ledgerPath;
    const QString workspace = QFileInfo(m_root).absoluteFilePath();
    m_historyReading = true;
    GitJob::run(
        this,
        [ledgerPath, workspace, path = m_path] {
            return readGridRuns(ledgerPath, workspace, path);
        },
        [this](const core::Result<QList<GridRunEntry>> &runs) {
            m_historyReading = false;
            if (std::exchange(m_historyAgain, false)) {
                refreshHistory();
                return;
            }
            m_history->clear();
            if (!runs) {
                m_history->setToolTip(plainToolTip(runs.error().toString()));
                Q_EMIT historyLoaded(0);
                return;
            }
            for (const GridRunEntry &entry : *runs)
                m_history->addItem(tr("%1 · %n call(s) · %2", nullptr, entry.calls)
                                       .arg(entry.startedAt.toLocalTime().toString(
                                                QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                                           entry.runId.left(8)),
                    entry.runId);
            updateButtons();
            Q_EMIT historyLoaded(int(runs->size()));
        });
}

void GridPanel::setStatus(const QString &text, bool error)
{
    setPlainLabelText(m_status, text); // may quote a provider's message
    m_status->setProperty("error", error);
    m_status->setStyleSheet(error ? QStringLiteral("QLabel { color: #b3261e; }") : QString());
}

QString GridPanel::statusText() const
{
    return m_status->text();
}

QString GridPanel::detailText() const
{
    return m_detailText->toPlainText();
}

void GridPanel::updateButtons()
{
    // Estimating counts as busy: Run again would start a second run; Cancel abandons it.
    const bool busy = isRunning() || isEstimating();
    m_runButton->setEnabled(!busy);
    m_runMissingButton->setEnabled(!busy && m_spec.has_value());
    m_cancelButton->setEnabled(busy);
    m_openHistory->setEnabled(!busy && m_history->count() > 0);
}

void GridPanel::showDetail()
{
    const QModelIndex index = m_table->currentIndex();
    const run::Grid &grid = m_model->grid();
    if (!index.isValid() || m_model->isSummaryRow(index.row())) {
        m_detailText->setPlainText(index.isValid() ? m_model->data(index).toString() : QString());
        m_detailMeta->clear();
        return;
    }
    const std::vector<run::GridSample> &samples = grid.cell(index.row(), index.column());
    m_detailSample->setRange(1, std::max(1, int(samples.size())));
    const int n = m_detailSample->value() - 1;
    if (n < 0 || n >= int(samples.size()))
        return;
    const run::GridSample &s = samples[size_t(n)];
    QString meta = tr("%1 of %2 · %3 · %4")
                       .arg(n + 1)
                       .arg(samples.size())
                       .arg(run::sampleStateName(s.state), GridTableModel::sampleMetrics(s));
    if (!s.error.isEmpty())
        meta += QLatin1Char('\n') + s.error;
    setPlainLabelText(m_detailMeta, meta);
    if (m_detailText->toPlainText() != s.text)
        m_detailText->setPlainText(s.text);
}

void GridPanel::showContextMenu(const QPoint &pos)
{
    const QModelIndex index = m_table->indexAt(pos);
    if (!index.isValid() || m_model->isSummaryRow(index.row()))
        return;
    QMenu menu(this);
    QAction *rerun = menu.addAction(tr("Run this cell again"));
    rerun->setEnabled(m_spec.has_value() && m_mainRun.isEmpty());
    connect(rerun, &QAction::triggered, this,
        [this, row = index.row(), column = index.column()] { rerunCell(row, column); });
    QAction *cancel = menu.addAction(tr("Cancel this column"));
    cancel->setEnabled(isRunning());
    connect(cancel, &QAction::triggered, this,
        [this, column = index.column()] { cancelColumn(column); });
    menu.addSeparator();
    m_compare->addCellActions(&menu, index.row(), index.column());
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

void GridPanel::useEvalSetRows()
{
    const core::eval::EvalSet *set = m_rows->evalSet();
    if (!set)
        return;
    // An empty column editor takes the set's providers, as `compare --eval` does; columns the
    // user listed are kept.
    const bool fillColumns = m_columns->rowCount() == 0 && !set->providers.isEmpty();
    if (fillColumns)
        for (const QString &provider : set->providers)
            addColumn(provider, QString(), QString());
    QString text = tr("Rows: the %n test(s) of %1", nullptr, int(set->tests.size()))
                       .arg(m_rows->evalSetPath());
    if (fillColumns)
        text += tr("; columns from its providers");
    text += QLatin1Char('.');
    if (attachChecks())
        text += tr(" The grid shown has these rows: checked.");
    text += m_rows->modelGradedNote();
    setStatus(text);
}

bool GridPanel::attachChecks()
{
    const core::eval::EvalSet *set = m_rows->evalSet();
    if (!set || m_model->hasRowTests() || !run::rowsAreTests(m_model->grid(), set->tests))
        return false;
    m_model->setRowTests(set->tests);
    return true;
}

} // namespace psm::ui
