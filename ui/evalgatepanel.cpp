// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/evalgatepanel.h"

#include "run/evalevidence.h"
#include "run/evalrunner.h"
#include "ui/evalgatereport.h"
#include "ui/themecolors.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace psm::ui {
namespace {

// Long enough that ticking a few boxes in a row starts one run, short enough to feel immediate.
constexpr int kRestartDelayMs = 300;

bool isPrompt(const QString &path)
{
    return path.endsWith(QLatin1String(".prompt"));
}

bool isPartial(const QString &path)
{
    return QFileInfo(path).fileName().startsWith(QLatin1Char('_'));
}

} // namespace

EvalGatePanel::EvalGatePanel(run::RunEngineOptions engineOptions, QWidget *parent)
    : QWidget(parent)
    , m_engineOptions(std::move(engineOptions))
{
    setObjectName(QStringLiteral("evalGatePanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    // The summary on a row of its own: a wrapped label beside other widgets gets too little
    // height for a long provider error.
    m_summaryLabel = new QLabel(this);
    m_summaryLabel->setObjectName(QStringLiteral("evalGateSummary"));
    m_summaryLabel->setTextFormat(Qt::PlainText); // file names and provider errors
    m_summaryLabel->setWordWrap(true);
    m_summaryLabel->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    layout->addWidget(m_summaryLabel);
    auto *row = new QHBoxLayout;
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("evalGateProgress"));
    m_progress->hide();
    row->addWidget(m_progress, 1);
    m_skip = new QPushButton(tr("Skip evals"), this);
    m_skip->setObjectName(QStringLiteral("evalGateSkip"));
    m_skip->setToolTip(tr("Cancel the eval run; the commit then carries no eval evidence."));
    m_skip->hide();
    row->addWidget(m_skip);
    layout->addLayout(row);

    m_details = new QPlainTextEdit(this);
    m_details->setObjectName(QStringLiteral("evalGateDetails"));
    m_details->setReadOnly(true);
    m_details->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_details->setMaximumBlockCount(2000);
    m_details->hide();
    layout->addWidget(m_details, 1);

    m_restart = new QTimer(this);
    m_restart->setSingleShot(true);
    m_restart->setInterval(kRestartDelayMs);
    connect(m_restart, &QTimer::timeout, this, [this] { start(); });
    connect(m_skip, &QPushButton::clicked, this, [this] { skip(); });
}

EvalGatePanel::~EvalGatePanel()
{
    // Runners (the current one and any cancelled one awaiting deleteLater) hold a raw engine
    // pointer and cancel through it when destroyed: they must go before the engine.
    qDeleteAll(findChildren<run::EvalRunner *>(Qt::FindDirectChildrenOnly));
}

void EvalGatePanel::setChangedPaths(const QString &root, const QStringList &paths)
{
    if (root == m_root && paths == m_paths && m_state != State::Idle)
        return;
    const bool firstChoice = m_state == State::Idle;
    m_root = root;
    m_paths = paths;
    // Whatever ran is about files that are no longer the commit: it neither gates nor counts.
    if (m_runner) {
        m_runner->disconnect(this);
        m_runner->cancel();
        m_runner->deleteLater();
        m_runner.clear();
    }
    m_result.reset();
    m_skipped = false;
    m_restart->stop();

    // Coverage is worked out at once (it only reads the eval files), so a commit with nothing
    // to gate is never held up by the settle delay.
    m_sets = coveringSets();
    m_details->setPlainText(m_notes.join(QLatin1Char('\n')));
    m_details->setVisible(!m_notes.isEmpty());
    if (m_sets.isEmpty()) {
        m_progress->hide();
        m_skip->hide();
        setState(State::NothingCovered,
            m_uncovered.isEmpty() ? tr("No changed prompt has an eval set; nothing to gate.")
                                  : tr("No eval set covers %1; nothing to gate.")
                                        .arg(m_uncovered.join(QStringLiteral(", "))));
        return;
    }
    setState(State::Running,
        tr("About to run %n eval set(s) against HEAD: %1", nullptr, int(m_sets.size()))
            .arg(m_sets.join(QStringLiteral(", "))));
    m_progress->setRange(0, 0);
    m_progress->show();
    m_skip->show();
    // The dialog's first file choice runs at once; later re-ticks wait for the choice to settle.
    if (firstChoice)
        start();
    else
        m_restart->start();
}

void EvalGatePanel::skip()
{
    if (m_state != State::Running)
        return;
    m_skipped = true;
    m_restart->stop();
    if (m_runner) {
        m_runner->cancel(); // onFinished() follows once the engine has stopped its calls
        return;
    }
    onFinished();
}

QStringList EvalGatePanel::coveringSets()
{
    const QStringList all = run::EvalRunner::workspaceEvalFiles(m_root);
    QStringList sets;
    m_uncovered.clear();
    m_notes.clear();
    for (const QString &path : std::as_const(m_paths)) {
        if (all.contains(path)) { // an edited eval set gates itself, as in `eval --staged`
            if (!sets.contains(path))
                sets << path;
            continue;
        }
        if (!isPrompt(path) || !QFileInfo::exists(QDir(m_root).filePath(path)))
            continue; // deleted prompts have no working copy to run
        if (isPartial(path)) {
            m_notes << tr("%1 is a partial: the eval sets of the prompts that include it are "
                          "not run.")
                           .arg(path);
            continue;
        }
        const QStringList covering = run::EvalRunner::setsCovering(m_root, all, path);
        if (covering.isEmpty()) {
            m_uncovered << path;
            m_notes << tr("No eval set covers %1.").arg(path);
        }
        for (const QString &set : covering)
            if (!sets.contains(set))
                sets << set;
    }
    sets.sort();
    return sets;
}

void EvalGatePanel::start()
{
    const QStringList &sets = m_sets;
    const QStringList &notes = m_notes;
    if (!m_engine)
        m_engine = std::make_unique<run::RunEngine>(m_engineOptions);
    auto *runner = new run::EvalRunner(m_engine.get(), this);
    m_runner = runner;
    connect(runner, &run::EvalRunner::progress, this, [this](int done, int total) {
        m_progress->setRange(0, std::max(total, 1));
        m_progress->setValue(done);
    });
    connect(runner, &run::EvalRunner::finished, this, [this] { onFinished(); });

    run::EvalRunOptions options;
    options.workspaceRoot = m_root;
    options.evalFiles = sets;
    options.candidate = run::EvalCandidate::WorkingCopy;
    options.baselineRev = QStringLiteral("HEAD");
    setState(State::Running,
        tr("Running %n eval set(s) against HEAD: %1", nullptr, int(sets.size()))
            .arg(sets.join(QStringLiteral(", "))));
    if (auto started = runner->start(options); !started) {
        // A bad eval file: nothing ran, so nothing is judged either way.
        runner->deleteLater();
        m_runner.clear();
        m_progress->hide();
        m_skip->hide();
        m_details->setPlainText(
            (QStringList { started.error().toString() } + notes).join(QLatin1Char('\n')));
        m_details->show();
        setState(State::Failed,
            tr("The eval sets could not run (%1); you may commit without eval evidence.")
                .arg(briefReason(started.error().message)));
    }
}

void EvalGatePanel::onFinished()
{
    m_progress->hide();
    m_skip->hide();
    run::EvalRunner *runner = m_runner.data();
    if (!runner) { // skipped before a run started
        setState(State::Failed, tr("Evals skipped; the commit will carry no eval evidence."));
        return;
    }
    m_result = runner->result();
    runner->deleteLater();
    m_runner.clear();
    const run::EvalRunResult &result = *m_result;

    QString text = evalGateReport(result);
    for (const QString &note : std::as_const(m_notes))
        text += note + QLatin1Char('\n');
    m_details->setPlainText(text);
    m_details->show();

    const int blocking = result.regressionCount() + result.newFlipCount();
    if (m_skipped || result.cancelled) {
        setState(State::Failed, tr("Evals skipped; the commit will carry no eval evidence."));
    } else if (blocking > 0) {
        // Calls that failed elsewhere do not cancel a regression that was measured.
        setState(State::Regressed,
            tr("%1 regression(s) and %2 new flip(s) against HEAD: commit only with an override.")
                .arg(result.regressionCount())
                .arg(result.newFlipCount()));
    } else if (!result.errors.isEmpty() || result.notRunCount() > 0) {
        const QString why = result.errors.isEmpty()
            ? tr("%n call(s) failed: %1", nullptr, result.notRunCount())
                  .arg(briefReason(firstNotRunReason(result)))
            : briefReason(result.errors.first().toString());
        setState(State::Failed,
            tr("The eval run could not judge the change (%1); you may commit without eval "
               "evidence.")
                .arg(why));
    } else {
        setState(State::Passed, tr("No regressions against HEAD."));
    }
}

void EvalGatePanel::setState(State state, const QString &summary)
{
    m_state = state;
    m_summary = summary;
    m_summaryLabel->setText(summary);
    QPalette pal = palette();
    if (state == State::Regressed)
        pal.setColor(QPalette::WindowText, ThemeColors::foreground(pal, ThemeColors::Hue::Red));
    else if (state == State::Failed)
        pal.setColor(QPalette::WindowText, ThemeColors::foreground(pal, ThemeColors::Hue::Orange));
    else if (state == State::Passed)
        pal.setColor(QPalette::WindowText, ThemeColors::foreground(pal, ThemeColors::Hue::Green));
    m_summaryLabel->setPalette(pal);
    Q_EMIT stateChanged(state);
}

std::optional<core::eval::EvalEvidence> EvalGatePanel::evidence() const
{
    if (!m_result || (m_state != State::Passed && m_state != State::Regressed))
        return std::nullopt;
    return run::evidenceOf(*m_result);
}

QString EvalGatePanel::summary() const
{
    return m_summary;
}

} // namespace psm::ui
