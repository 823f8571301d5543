// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/eval/evalwindow.h"

#include "run/evalrunner.h"
#include "ui/budget/preflightcheck.h"
#include "ui/diff/outputdiffdialog.h"
#include "ui/eval/evalcellformat.h"
#include "ui/eval/evalresultmodel.h"
#include "ui/plaintext.h"
#include "ui/themecolors.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QShortcut>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace psm::ui {
namespace {

// Item data of a comparison list entry: which cell it selects.
constexpr int kTestRole = Qt::UserRole + 1;
constexpr int kColumnRole = Qt::UserRole + 2;

QStringList splitModels(const QString &text)
{
    return text.split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
}

int testIndex(const run::EvalSetResult &set, const QString &key)
{
    for (int t = 0; t < set.tests.size(); ++t)
        if (set.tests[t].key == key)
            return t;
    return -1;
}

// The repeat whose output stands for the cell in a diff: the first that failed when any did
// (that is what a regression or flip is about), else the first with output.
int representativeSample(const run::EvalCell &cell)
{
    int first = -1;
    for (int i = 0; i < cell.samples.size(); ++i) {
        const run::EvalSample &s = cell.samples[i];
        if (!s.hasVerdict())
            continue;
        if (s.status != run::EvalSampleStatus::Passed)
            return i;
        if (first < 0)
            first = i;
    }
    return first;
}

// Why the first sample without output has none (a provider error, a missing key): the status
// line's one example; every cell's own reason is in its tooltip.
QString firstNotRunReason(const run::EvalRunResult &result)
{
    for (const run::EvalSetResult &set : result.sets)
        for (const run::EvalColumn &column : set.columns)
            for (const run::EvalCell &cell : column.cells)
                for (const run::EvalSample &s : cell.samples)
                    if (!s.hasVerdict())
                        return s.reason;
    return {};
}

} // namespace

// The eval sets as read from disk (YAML only, no git): on the GUI thread when chosen, on the
// pre-flight worker when a run starts.
struct EvalSetsRead {
    QMap<QString, core::eval::EvalSet> loaded; // by workspace-relative file
    QString defaultModels; // the sets' own providers, as the models field shows them
    QStringList errors;

    static EvalSetsRead of(const QString &root, const QStringList &files)
    {
        EvalSetsRead out;
        QStringList models;
        for (const QString &file : files) {
            auto set = core::eval::loadEvalSet(QDir(root).filePath(file), root);
            if (!set) {
                out.errors << set.error().toString();
                continue;
            }
            for (const QString &model : std::as_const(set->providers))
                if (!models.contains(model))
                    models << model;
            out.loaded.insert(file, *set);
        }
        out.defaultModels = models.join(QStringLiteral(", "));
        return out;
    }
};

namespace {

// A run being started: what the fields said at Run, completed on the pre-flight worker with
// the sets read again, and read back on the GUI thread once the check has decided (the future's
// end orders the worker's writes before that).
struct EvalStartJob {
    run::EvalRunOptions options;
    QString modelsText; // the models field
    QString shownDefault; // the sets' providers the field showed
    EvalSetsRead sets;

    core::Result<QList<run::RunSpec>> prepare()
    {
        sets = EvalSetsRead::of(options.workspaceRoot, options.evalFiles);
        // As applySets() will leave the field: typed models stay, the sets' own follow the sets;
        // only models other than the sets' own replace them.
        const bool edited = modelsText.trimmed() != shownDefault;
        const QString models = edited ? modelsText : sets.defaultModels;
        options.models
            = models.trimmed() != sets.defaultModels ? splitModels(models) : QStringList();
        auto dry = run::EvalRunner::dryPlan(options);
        if (!dry)
            return tl::unexpected(dry.error());
        return dry->mainRuns;
    }
};

} // namespace

EvalWindow::EvalWindow(run::RunEngineOptions engineOptions, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_engineOptions(std::move(engineOptions))
{
    setObjectName(QStringLiteral("evalWindow"));
    setWindowTitle(tr("Eval Results"));
    buildUi();
    resize(1000, 700);
}

EvalWindow::~EvalWindow()
{
    // Runners hold a raw engine pointer and cancel through it when destroyed: they go first.
    qDeleteAll(findChildren<run::EvalRunner *>(Qt::FindDirectChildrenOnly));
}

EvalWindow *EvalWindow::showFor(QWidget *parent, const run::RunEngineOptions &engineOptions)
{
    auto *window
        = parent->findChild<EvalWindow *>(QStringLiteral("evalWindow"), Qt::FindDirectChildrenOnly);
    if (!window) {
        window = new EvalWindow(engineOptions, parent);
        window->setAttribute(Qt::WA_DeleteOnClose);
    }
    window->show();
    window->raise();
    window->activateWindow();
    return window;
}

void EvalWindow::buildUi()
{
    auto *layout = new QVBoxLayout(this);

    auto *form = new QFormLayout;
    auto *setsRow = new QHBoxLayout;
    m_setsLabel = new QLabel(tr("No eval set chosen."), this);
    m_setsLabel->setObjectName(QStringLiteral("evalSets"));
    m_setsLabel->setTextFormat(Qt::PlainText);
    m_setsLabel->setWordWrap(true);
    setsRow->addWidget(m_setsLabel, 1);
    m_openSet = new QPushButton(tr("Open Eval Set…"), this);
    m_openSet->setObjectName(QStringLiteral("evalOpenSet"));
    setsRow->addWidget(m_openSet);
    form->addRow(tr("Eval sets:"), setsRow);

    auto *revRow = new QHBoxLayout;
    m_candidate = new QLineEdit(this);
    m_candidate->setObjectName(QStringLiteral("evalCandidate"));
    m_candidate->setPlaceholderText(tr("working copy"));
    m_candidate->setToolTip(tr("The candidate: empty for the files on disk, or a git revision."));
    revRow->addWidget(m_candidate);
    revRow->addWidget(new QLabel(tr("against baseline"), this));
    m_baseline = new QLineEdit(QStringLiteral("HEAD"), this);
    m_baseline->setObjectName(QStringLiteral("evalBaseline"));
    m_baseline->setPlaceholderText(tr("no baseline"));
    m_baseline->setToolTip(tr("The revision compared with; empty for no comparison."));
    revRow->addWidget(m_baseline);
    revRow->addWidget(new QLabel(tr("Repeat"), this));
    m_repeatBox = new QSpinBox(this);
    m_repeatBox->setObjectName(QStringLiteral("evalRepeat"));
    m_repeatBox->setRange(1, 100);
    revRow->addWidget(m_repeatBox);
    form->addRow(tr("Candidate:"), revRow);

    auto *modelRow = new QHBoxLayout;
    m_models = new QLineEdit(this);
    m_models->setObjectName(QStringLiteral("evalModels"));
    m_models->setToolTip(tr("The model columns (provider/model, comma-separated); as shown, each "
                            "set runs its own providers."));
    modelRow->addWidget(m_models, 1);
    m_run = new QPushButton(tr("Run"), this);
    m_run->setObjectName(QStringLiteral("evalRun"));
    m_run->setDefault(true);
    modelRow->addWidget(m_run);
    form->addRow(tr("Models:"), modelRow);
    layout->addLayout(form);

    auto *progressRow = new QHBoxLayout;
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("evalProgress"));
    m_progress->setFormat(tr("%v of %m calls"));
    m_progress->hide();
    progressRow->addWidget(m_progress, 1);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("evalCancel"));
    m_cancel->setToolTip(tr("Stop the run (Esc); calls in flight are recorded as cancelled."));
    m_cancel->hide();
    progressRow->addWidget(m_cancel);
    layout->addLayout(progressRow);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("evalStatus"));
    m_status->setTextFormat(Qt::PlainText); // file names and provider errors
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    m_unsaved = new QLabel(this);
    m_unsaved->setTextFormat(Qt::PlainText);
    m_unsaved->setObjectName(QStringLiteral("evalUnsaved"));
    m_unsaved->setWordWrap(true);
    m_unsaved->hide();
    layout->addWidget(m_unsaved);

    auto *viewRow = new QHBoxLayout;
    m_setBox = new QComboBox(this);
    m_setBox->setObjectName(QStringLiteral("evalSetBox"));
    m_setBox->hide();
    viewRow->addWidget(m_setBox, 1);
    m_showBaseline = new QCheckBox(tr("Show baseline columns"), this);
    m_showBaseline->setObjectName(QStringLiteral("evalShowBaseline"));
    m_showBaseline->setChecked(true);
    viewRow->addStretch();
    viewRow->addWidget(m_showBaseline);
    layout->addLayout(viewRow);

    auto *split = new QSplitter(Qt::Vertical, this);
    m_model = new EvalResultModel(this);
    m_table = new QTableView(split);
    m_table->setObjectName(QStringLiteral("evalTable"));
    m_table->setModel(m_model);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->setToolTip(tr("Double-click or Enter: the output diff against the baseline."));

    auto *lower = new QSplitter(Qt::Horizontal, split);
    auto *lists = new QSplitter(Qt::Vertical, lower);
    m_summary = new QTableWidget(0, 4, lists);
    m_summary->setObjectName(QStringLiteral("evalSummary"));
    m_summary->setHorizontalHeaderLabels(
        { tr("Column"), tr("Pass rate"), tr("Tokens"), tr("Cost") });
    m_summary->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_summary->verticalHeader()->hide();
    m_summary->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_summary->horizontalHeader()->setStretchLastSection(true);
    m_comparisons = new QListWidget(lists);
    m_comparisons->setObjectName(QStringLiteral("evalComparisons"));
    m_comparisons->setToolTip(tr("Click an entry to select its cell."));
    m_detail = new QPlainTextEdit(lower);
    m_detail->setObjectName(QStringLiteral("evalDetail"));
    m_detail->setReadOnly(true);
    m_detail->setPlaceholderText(tr("Select a cell to see its output and assertions."));
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    connect(m_openSet, &QPushButton::clicked, this, &EvalWindow::chooseEvalFile);
    connect(m_run, &QPushButton::clicked, this, [this] { start(); });
    connect(m_candidate, &QLineEdit::textChanged, this, &EvalWindow::refreshUnsavedNote);
    connect(m_cancel, &QPushButton::clicked, this, &EvalWindow::cancel);
    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    escape->setContext(Qt::WindowShortcut);
    connect(escape, &QShortcut::activated, this, &EvalWindow::cancel);
    connect(m_setBox, &QComboBox::currentIndexChanged, this, &EvalWindow::showSet);
    connect(m_showBaseline, &QCheckBox::toggled, this, [this](bool on) {
        const QModelIndex current = m_table->currentIndex();
        const int column = m_model->resultColumn(current.column());
        m_model->setShowBaseline(on);
        if (current.isValid() && m_model->viewColumn(column) >= 0)
            selectCell(current.row(), column);
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this,
        &EvalWindow::showDetail);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        // A reset model has a fresh selection model state: follow the current cell again.
        showDetail();
    });
    // Enter and double-click both activate.
    connect(m_table, &QTableView::activated, this, [this] { openDiffForCurrentCell(); });
    connect(m_comparisons, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        selectCell(item->data(kTestRole).toInt(), item->data(kColumnRole).toInt());
    });
    connect(m_comparisons, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        selectCell(item->data(kTestRole).toInt(), item->data(kColumnRole).toInt());
    });
}

void EvalWindow::setPrompt(const QString &root, const QString &promptPath)
{
    const QStringList all = run::EvalRunner::workspaceEvalFiles(root);
    const QStringList covering = run::EvalRunner::setsCovering(root, all, promptPath);
    setEvalFiles(root, covering);
    if (covering.isEmpty())
        showError(tr("No eval set covers %1: open one with Open Eval Set….").arg(promptPath));
}

void EvalWindow::setEvalFiles(const QString &root, const QStringList &files)
{
    if (isRunning() || isEstimating()) // the running sets stay the ones named above the table
        return;
    m_root = root;
    m_files.clear();
    const QDir dir(root);
    for (const QString &file : files)
        m_files << QDir::cleanPath(dir.relativeFilePath(dir.absoluteFilePath(file)));
    m_setsLabel->setText(
        m_files.isEmpty() ? tr("No eval set chosen.") : m_files.join(QStringLiteral(", ")));
    m_status->clear();
    loadSets();
    refreshUnsavedNote();
}

void EvalWindow::loadSets()
{
    applySets(EvalSetsRead::of(m_root, m_files), false);
}

void EvalWindow::applySets(const EvalSetsRead &read, bool keepEditedModels)
{
    m_loaded = read.loaded;
    // Models the user typed stay across re-reads of the same sets; new sets bring their own.
    const bool edited = m_models->text().trimmed() != m_defaultModels;
    m_defaultModels = read.defaultModels;
    if (!keepEditedModels || !edited)
        m_models->setText(m_defaultModels);
    if (!read.errors.isEmpty())
        showError(read.errors.join(QLatin1Char('\n')));
}

void EvalWindow::chooseEvalFile()
{
    if (m_root.isEmpty() || isRunning() || isEstimating())
        return;
    const QString evals = QDir(m_root).filePath(QStringLiteral("evals"));
    const QString file = QFileDialog::getOpenFileName(this, tr("Open Eval Set"),
        QDir(evals).exists() ? evals : m_root, tr("Eval sets (*.yaml *.yml *.json)"));
    if (!file.isEmpty())
        setEvalFiles(m_root, { file });
}

void EvalWindow::setUnsavedTextProvider(UnsavedTextProvider provider)
{
    m_unsavedTexts = std::move(provider);
    refreshUnsavedNote();
}

void EvalWindow::refreshUnsavedNote()
{
    const QStringList paths = m_unsavedTexts ? m_unsavedTexts().keys() : QStringList();
    m_unsaved->setText(tr("Unsaved edits of %1 run as the candidate (\"unsaved edits\"); the "
                          "other prompts run as saved.")
                           .arg(paths.join(QStringLiteral(", "))));
    m_unsaved->setVisible(!paths.isEmpty() && m_candidate->text().trimmed().isEmpty());
}

// The run the window's fields describe.
run::EvalRunOptions EvalWindow::runOptions()
{
    run::EvalRunOptions options;
    options.workspaceRoot = m_root;
    options.evalFiles = m_files;
    const QString candidate = m_candidate->text().trimmed();
    options.candidate
        = candidate.isEmpty() ? run::EvalCandidate::WorkingCopy : run::EvalCandidate::GitRevision;
    options.candidateRev = candidate;
    if (candidate.isEmpty() && m_unsavedTexts)
        options.unsavedTexts = m_unsavedTexts();
    refreshUnsavedNote();
    options.baselineRev = m_baseline->text().trimmed();
    options.repeat = m_repeatBox->value();
    return options;
}

bool EvalWindow::start()
{
    if (isRunning() || isEstimating())
        return false;
    if (m_files.isEmpty()) {
        showError(tr("No eval set to run: open one with Open Eval Set…."));
        return false;
    }
    if (!m_engine)
        m_engine = std::make_unique<run::RunEngine>(m_engineOptions);
    if (!m_preflight) {
        m_preflight
            = new PreflightCheck(this, m_engineOptions.ledgerPath, m_engineOptions.userBudgetsPath);
        connect(m_preflight, &PreflightCheck::busyChanged, this, [this](bool busy) {
            if (!isRunning())
                setRunning(busy);
        });
    }
    // The files may have changed since they were chosen: they are read again, and the matrix
    // planned (git, YAML, rendering), on the worker. Ask first when the eval matrix could cost
    // more than budgets.confirm_above_usd, as the grid does; a plan that fails there fails in
    // the runner's start, which says why.
    auto job = std::make_shared<EvalStartJob>();
    job->options = runOptions();
    job->modelsText = m_models->text();
    job->shownDefault = m_defaultModels;
    m_status->setPalette(palette());
    m_status->setText(tr("Estimating cost…"));
    m_progress->setRange(0, 0);
    m_preflight->start([job] { return job->prepare(); }, m_engine->detachedPlanner(),
        [this, job](bool go) {
            applySets(job->sets, true);
            launch(job->options, go);
        });
    return true;
}

void EvalWindow::launch(const run::EvalRunOptions &options, bool go)
{
    if (!go) {
        m_status->setPalette(palette());
        m_status->setText(tr("Not started: cancelled at the cost estimate."));
        Q_EMIT notStarted();
        return;
    }
    auto *runner = new run::EvalRunner(m_engine.get(), this);
    m_runner = runner;
    connect(runner, &run::EvalRunner::progress, this, [this](int done, int total) {
        m_progress->setRange(0, std::max(total, 1));
        m_progress->setValue(done);
    });
    connect(runner, &run::EvalRunner::note, this, [this](const QString &note) {
        m_status->setText(m_status->text().isEmpty() ? note : m_status->text() + '\n' + note);
    });
    connect(runner, &run::EvalRunner::finished, this, &EvalWindow::onFinished);

    m_repeat = options.repeat;

    // Before start(): the runner's notes (what it leaves out) are appended to this line. A set
    // that does not load fails start() below, which says so.
    m_status->setPalette(palette());
    m_status->setText(tr("Running %1…").arg(m_files.join(QStringLiteral(", "))));
    if (auto started = runner->start(options); !started) {
        runner->deleteLater();
        m_runner.clear();
        showError(tr("The eval run could not start: %1").arg(started.error().toString()));
        Q_EMIT notStarted();
        return;
    }
    m_progress->setRange(0, 0);
    setRunning(true);
}

void EvalWindow::cancel()
{
    if (isEstimating()) {
        m_preflight->cancel(); // nothing has started; a late estimate is dropped
        m_status->setPalette(palette());
        m_status->setText(tr("Not started: cancelled while the cost was estimated."));
        Q_EMIT notStarted();
        return;
    }
    if (m_runner && m_runner->isRunning())
        m_runner->cancel(); // finished() follows once the engine has stopped its calls
}

bool EvalWindow::isRunning() const
{
    return m_runner && m_runner->isRunning();
}

bool EvalWindow::isEstimating() const
{
    return m_preflight && m_preflight->isBusy();
}

void EvalWindow::setRunning(bool running)
{
    m_progress->setVisible(running);
    m_cancel->setVisible(running);
    m_run->setEnabled(!running);
    m_openSet->setEnabled(!running);
}

void EvalWindow::showError(const QString &text)
{
    QPalette pal = palette();
    pal.setColor(QPalette::WindowText, ThemeColors::foreground(pal, ThemeColors::Hue::Red));
    m_status->setPalette(pal);
    m_status->setText(text);
}

void EvalWindow::onFinished()
{
    run::EvalRunner *runner = m_runner.data();
    setRunning(false);
    if (!runner)
        return;
    m_result = runner->result();
    runner->deleteLater();
    m_runner.clear();

    QStringList problems;
    for (const core::Error &error : std::as_const(m_result->errors))
        problems << error.toString();
    if (m_result->cancelled)
        problems.prepend(tr("Cancelled: cells without output show \"not run\"."));
    const int notRun = m_result->notRunCount();
    if (!problems.isEmpty()) {
        showError(problems.join(QLatin1Char('\n')));
    } else {
        m_status->setPalette(palette());
        m_status->setText(notRun > 0
                ? tr("Done; %1 sample(s) without output, the first because: %2")
                      .arg(notRun)
                      .arg(firstNotRunReason(*m_result))
                : tr("Done: %1 regression(s), %2 new flip(s) against the baseline.")
                      .arg(m_result->regressionCount())
                      .arg(m_result->newFlipCount()));
    }

    const QSignalBlocker block(m_setBox);
    m_setBox->clear();
    for (const run::EvalSetResult &set : std::as_const(m_result->sets))
        m_setBox->addItem(set.description.isEmpty()
                ? set.file
                : QStringLiteral("%1 — %2").arg(set.file, set.description));
    m_setBox->setVisible(m_result->sets.size() > 1);
    showSet(m_result->sets.isEmpty() ? -1 : 0);
    Q_EMIT finished();
}

int EvalWindow::currentSet() const
{
    return m_setBox->currentIndex();
}

void EvalWindow::setCurrentSet(int index)
{
    m_setBox->setCurrentIndex(index); // showSet() through the signal
}

void EvalWindow::showSet(int index)
{
    if (!m_result || index < 0 || index >= m_result->sets.size()) {
        m_model->clear();
    } else {
        m_model->setResult(m_result->sets[index]);
        m_table->resizeRowsToContents();
    }
    fillSummary();
    fillComparisons();
    showDetail();
}

void EvalWindow::fillSummary()
{
    const run::EvalSetResult &set = m_model->result();
    m_summary->setRowCount(0);
    // In the table's order (each baseline before its candidate), whether or not it is shown.
    QList<int> order;
    for (int c = 0; c < set.columns.size(); ++c) {
        if (set.columns[c].baseline)
            continue;
        for (const run::EvalComparison &cmp : set.comparisons)
            if (cmp.candidateColumn == c)
                order << cmp.baselineColumn;
        order << c;
    }
    for (int c = 0; c < set.columns.size(); ++c)
        if (!order.contains(c))
            order << c;
    for (const int c : std::as_const(order)) {
        const run::EvalColumn &column = set.columns[c];
        const int row = m_summary->rowCount();
        m_summary->insertRow(row);
        QString notes;
        if (column.cachedCalls > 0)
            notes += tr("; %1 cached").arg(column.cachedCalls);
        if (column.notRun > 0)
            notes += tr("; %1 not run").arg(column.notRun);
        const QStringList texts
            = { column.title(), evaltext::passRateText(column.passRate, m_repeat) + notes,
                  evaltext::tokensText(column), evaltext::costText(column) };
        for (int c = 0; c < texts.size(); ++c) {
            auto *item = new QTableWidgetItem(texts[c]);
            item->setToolTip(plainToolTip(texts[c]));
            m_summary->setItem(row, c, item);
        }
    }
}

void EvalWindow::fillComparisons()
{
    m_comparisons->clear();
    const run::EvalSetResult &set = m_model->result();
    if (m_result && set.comparisons.isEmpty() && !set.columns.isEmpty())
        m_comparisons->addItem(tr("No baseline to compare with."));
    const QPalette pal = m_comparisons->palette();
    for (const run::EvalComparison &cmp : set.comparisons) {
        const run::EvalColumn &candidate = set.columns[cmp.candidateColumn];
        const run::EvalColumn &baseline = set.columns[cmp.baselineColumn];
        const auto add = [&](const QString &kind, const QStringList &keys, ThemeColors::Hue hue) {
            for (const QString &key : keys) {
                const int t = testIndex(set, key);
                if (t < 0)
                    continue;
                const QString problem
                    = evaltext::cellProblem(candidate.cells.value(t, run::EvalCell {}));
                QString text = QStringLiteral("%1: %2 — %3 (vs %4)")
                                   .arg(kind, set.tests[t].description, candidate.model,
                                       baseline.revisionLabel);
                if (!problem.isEmpty() && kind != tr("Improvement"))
                    text += QStringLiteral(" — ") + problem;
                auto *item = new QListWidgetItem(text, m_comparisons);
                item->setForeground(ThemeColors::foreground(pal, hue));
                item->setToolTip(plainToolTip(text));
                item->setData(kTestRole, t);
                item->setData(kColumnRole, cmp.candidateColumn);
            }
        };
        add(tr("Regression"), cmp.comparison.regressions, ThemeColors::Hue::Red);
        add(tr("Flip"), cmp.comparison.flips, ThemeColors::Hue::Orange);
        add(tr("Improvement"), cmp.comparison.improvements, ThemeColors::Hue::Green);
        // Neither a pass nor a regression: the comparison could not be made for these.
        add(tr("Not compared"), cmp.comparison.unrun, ThemeColors::Hue::Blue);
    }
    if (m_result && !set.comparisons.isEmpty() && m_comparisons->count() == 0)
        m_comparisons->addItem(tr("No regressions, improvements or flips."));
}

void EvalWindow::selectCell(int test, int column)
{
    int view = m_model->viewColumn(column);
    if (view < 0 && !m_showBaseline->isChecked()) {
        m_showBaseline->setChecked(true);
        view = m_model->viewColumn(column);
    }
    if (view < 0 || test < 0 || test >= m_model->rowCount())
        return;
    const QModelIndex index = m_model->index(test, view);
    m_table->setCurrentIndex(index);
    m_table->scrollTo(index);
}

void EvalWindow::showDetail()
{
    const QModelIndex index = m_table->currentIndex();
    const run::EvalSetResult &set = m_model->result();
    const int c = m_model->resultColumn(index.column());
    if (!index.isValid() || c < 0 || index.row() >= set.tests.size()
        || index.row() >= set.columns[c].cells.size()) {
        m_detail->clear();
        return;
    }
    const int t = index.row();
    const run::EvalColumn &column = set.columns[c];
    const core::eval::EvalTest *test = nullptr;
    const auto loaded = m_loaded.constFind(set.file);
    if (loaded != m_loaded.constEnd() && t < loaded->tests.size())
        test = &loaded->tests[t];
    QStringList parts { column.title() };
    const run::EvalCell &cell = column.cells[t];
    for (int r = 0; r < cell.samples.size(); ++r)
        parts << evaltext::sampleDetail(set.tests[t], cell.samples[r], r, test);
    // Plain text: outputs, reasons and grader answers are untrusted.
    m_detail->setPlainText(parts.join(QStringLiteral("\n\n────────\n")));
}

void EvalWindow::openDiffForCurrentCell()
{
    const QModelIndex index = m_table->currentIndex();
    const run::EvalSetResult &set = m_model->result();
    const int c = m_model->resultColumn(index.column());
    if (!index.isValid() || c < 0)
        return;
    const run::EvalComparison *cmp = nullptr;
    for (const run::EvalComparison &candidate : set.comparisons)
        if (candidate.candidateColumn == c || candidate.baselineColumn == c)
            cmp = &candidate;
    if (!cmp) {
        m_status->setText(tr("This column has no baseline to diff against."));
        return;
    }
    const int t = index.row();
    const run::EvalColumn &base = set.columns[cmp->baselineColumn];
    const run::EvalColumn &cand = set.columns[cmp->candidateColumn];
    const run::EvalCell baseCell = base.cells.value(t);
    const run::EvalCell candCell = cand.cells.value(t);
    const int b = representativeSample(baseCell);
    const int k = representativeSample(candCell);
    if (b < 0 || k < 0) {
        m_status->setText(tr("No output to diff: %1 has no output for this test.")
                              .arg(b < 0 ? base.title() : cand.title()));
        return;
    }
    const auto title = [](const run::EvalColumn &column, const run::EvalCell &cell, int sample) {
        QString text = QStringLiteral("%1 · %2").arg(column.revisionLabel, column.model);
        if (cell.samples.size() > 1)
            text += tr(" (repeat %1)").arg(sample + 1);
        return text;
    };
    const QString leftTitle = title(base, baseCell, b);
    const QString rightTitle = title(cand, candCell, k);
    const QString &leftText = baseCell.samples[b].output;
    const QString &rightText = candCell.samples[k].output;
    OutputDiffDialog::open(this, leftTitle, leftText, rightTitle, rightText);
    Q_EMIT outputDiffOpened(leftTitle, leftText, rightTitle, rightText);
}

} // namespace psm::ui
