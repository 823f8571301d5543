// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "ui/run/runpanel.h"

#include "core/ledger/ledger.h"
#include "core/settings/workspacesettings.h"
#include "providers/providersconfig.h"
#include "ui/gitjob.h"
#include "ui/logpanel.h"
#include "ui/plaintext.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <utility>

namespace psm::ui {
namespace {

using Json = nlohmann::ordered_json;

constexpr int kHistoryLimit = 50;

// Models offered before any list is fetched: the echo provider plus a few current defaults.
const QStringList &knownModels()
{
    static const QStringList models = {
        QStringLiteral("echo/echo"),
        QStringLiteral("openai/gpt-4o-mini"),
        QStringLiteral("openai/gpt-4o"),
        QStringLiteral("anthropic/claude-haiku-4-5"),
        QStringLiteral("anthropic/claude-sonnet-4-5"),
        QStringLiteral("gemini/gemini-2.5-flash"),
        QStringLiteral("ollama/llama3.2"),
    };
    return models;
}

QString money(const std::optional<double> &usd)
{
    if (!usd)
        return QObject::tr("cost unknown");
    return QStringLiteral("$%1").arg(*usd, 0, 'f', *usd != 0 && *usd < 0.01 ? 5 : 2);
}

QString tokensText(const core::TokenUsage &tokens)
{
    const bool anyInput = tokens.inputUncached || tokens.cacheRead || tokens.cacheWrite;
    const bool anyOutput = tokens.output || tokens.reasoning;
    const QString in = anyInput ? QString::number(tokens.promptTokens()) : QStringLiteral("?");
    const QString out = anyOutput
        ? QString::number(tokens.output.value_or(0) + tokens.reasoning.value_or(0))
        : QStringLiteral("?");
    return QObject::tr("%1 in / %2 out").arg(in, out);
}

// Runs on a pool thread (through GitJob, so an exception comes back as an error, never as a
// QUnhandledException on the GUI thread), reusing that thread's ledger connection.
core::Result<QList<core::CallRecord>> readHistory(
    const QString &ledgerPath, const QString &workspace, const QString &path)
{
    auto ledger = core::Ledger::forThisThread(ledgerPath);
    if (!ledger)
        return tl::unexpected(ledger.error());
    core::CallQuery query;
    query.workspace = workspace;
    query.promptPath = path;
    query.limit = kHistoryLimit;
    return (*ledger)->calls(query);
}

// Adds a "(not set)" minimum to a spin box so "use the prompt's own value" is expressible.
template <typename Box> void makeOptional(Box *box, const QString &tooltip)
{
    box->setSpecialValueText(QObject::tr("(prompt)"));
    box->setValue(box->minimum());
    box->setToolTip(tooltip);
}

} // namespace

RunPanel::RunPanel(run::RunEngineOptions options, QWidget *parent)
    : QWidget(parent)
    , m_options(options)
    , m_engine(new run::RunEngine(options, this))
    , m_model(new QComboBox(this))
    , m_refreshModels(new QPushButton(tr("Fetch models"), this))
    , m_temperature(new QDoubleSpinBox(this))
    , m_maxTokens(new QSpinBox(this))
    , m_topP(new QDoubleSpinBox(this))
    , m_seed(new QSpinBox(this))
    , m_repeat(new QSpinBox(this))
    , m_runButton(new QPushButton(tr("Run"), this))
    , m_stopButton(new QPushButton(tr("Stop"), this))
    , m_runAction(new QAction(tr("Run Prompt"), this))
    , m_output(new QPlainTextEdit(this))
    , m_stats(new QLabel(this))
    , m_error(new QLabel(this))
    , m_history(new QTableWidget(0, 6, this))
{
    setObjectName(QStringLiteral("runPanel"));
    m_model->setObjectName(QStringLiteral("runModelCombo"));
    m_model->setEditable(true);
    m_model->setToolTip(tr("provider/model; empty uses the prompt's model"));
    m_model->lineEdit()->setPlaceholderText(tr("the prompt's model"));
    m_model->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_model->setMinimumContentsLength(22);
    m_refreshModels->setObjectName(QStringLiteral("runFetchModelsButton"));
    m_refreshModels->setToolTip(tr("Ask the provider of the chosen model for its model list "
                                   "(Ollama, OpenAI-compatible servers)"));
    m_temperature->setObjectName(QStringLiteral("runTemperature"));
    m_temperature->setRange(-0.1, 2.0);
    m_temperature->setSingleStep(0.1);
    makeOptional(m_temperature, tr("config.temperature; (prompt) keeps the file's value"));
    m_maxTokens->setObjectName(QStringLiteral("runMaxTokens"));
    m_maxTokens->setRange(0, 1'000'000);
    makeOptional(m_maxTokens, tr("config.maxOutputTokens"));
    m_topP->setObjectName(QStringLiteral("runTopP"));
    m_topP->setRange(-0.05, 1.0);
    m_topP->setSingleStep(0.05);
    makeOptional(m_topP, tr("config.topP"));
    m_seed->setObjectName(QStringLiteral("runSeed"));
    m_seed->setRange(-1, std::numeric_limits<int>::max());
    makeOptional(m_seed, tr("config.seed (providers that support it)"));
    m_repeat->setObjectName(QStringLiteral("runRepeat"));
    m_repeat->setRange(1, 50);
    m_repeat->setToolTip(tr("How many samples to draw"));
    m_runButton->setObjectName(QStringLiteral("runButton"));
    m_runButton->setToolTip(tr("Run the prompt (Ctrl+Enter)"));
    m_stopButton->setObjectName(QStringLiteral("runStopButton"));
    m_stopButton->setEnabled(false);
    m_runAction->setObjectName(QStringLiteral("actionRunPrompt"));
    m_runAction->setShortcuts(
        { QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter) });
    m_runAction->setShortcutContext(Qt::WindowShortcut);
    addAction(m_runAction);
    m_output->setObjectName(QStringLiteral("runOutput"));
    m_output->setReadOnly(true);
    m_output->setPlaceholderText(tr("The model's answer streams here. Ctrl+Enter runs."));
    m_stats->setObjectName(QStringLiteral("runStats"));
    m_stats->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setObjectName(QStringLiteral("runError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("QLabel { color: white; background: #b3261e; "
                                          "padding: 4px; }"));
    m_error->hide();
    m_history->setObjectName(QStringLiteral("runHistory"));
    m_history->setHorizontalHeaderLabels(
        { tr("When"), tr("Model"), tr("Status"), tr("Tokens"), tr("Cost"), tr("Latency") });
    m_history->horizontalHeader()->setStretchLastSection(true);
    m_history->verticalHeader()->hide();
    m_history->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_history->setSelectionBehavior(QAbstractItemView::SelectRows);

    auto *modelRow = new QHBoxLayout;
    modelRow->addWidget(m_model, 1);
    modelRow->addWidget(m_refreshModels);
    auto *params = new QFormLayout;
    auto *modelLabel = new QLabel(tr("&Model:"), this);
    modelLabel->setBuddy(m_model);
    params->addRow(modelLabel, modelRow);
    auto *numbers = new QHBoxLayout;
    auto addNumber = [&](const QString &label, QWidget *box) {
        auto *text = new QLabel(label, this);
        text->setBuddy(box);
        numbers->addWidget(text);
        numbers->addWidget(box);
    };
    addNumber(tr("&Temp"), m_temperature);
    addNumber(tr("Max &tokens"), m_maxTokens);
    addNumber(tr("Top-&p"), m_topP);
    addNumber(tr("S&eed"), m_seed);
    addNumber(tr("&Repeat"), m_repeat);
    numbers->addStretch(1);
    params->addRow(numbers);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_runButton);
    buttons->addWidget(m_stopButton);
    buttons->addWidget(m_stats, 1);

    auto *outputBox = new QWidget(this);
    auto *outputLayout = new QVBoxLayout(outputBox);
    outputLayout->setContentsMargins(0, 0, 0, 0);
    outputLayout->addWidget(m_error);
    outputLayout->addWidget(m_output, 1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(outputBox);
    splitter->addWidget(m_history);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(params);
    layout->addLayout(buttons);
    layout->addWidget(splitter, 1);

    connect(m_runButton, &QPushButton::clicked, this, &RunPanel::run);
    connect(m_runAction, &QAction::triggered, this, &RunPanel::run);
    connect(m_stopButton, &QPushButton::clicked, this, &RunPanel::stop);
    connect(m_refreshModels, &QPushButton::clicked, this, [this] {
        const auto ref = providers::parseModelRef(m_model->currentText().trimmed());
        if (!ref) {
            showError(tr("Choose a provider/model first to fetch that provider's models."));
            return;
        }
        m_refreshModels->setEnabled(false);
        m_engine->listModels(m_root, ref->provider);
    });
    connect(m_engine, &run::RunEngine::modelsListed, this,
        [this](const QString &provider, const QStringList &models,
            const std::optional<core::Error> &error) {
            m_refreshModels->setEnabled(true);
            if (error) {
                showError(error->toString());
                return;
            }
            for (const QString &model : models) {
                const QString ref = provider + QLatin1Char('/') + model;
                if (m_model->findText(ref) < 0)
                    m_model->addItem(ref);
            }
            m_stats->setText(tr("%n model(s) from %1", nullptr, int(models.size())).arg(provider));
        });
    connect(m_engine, &run::RunEngine::textDelta, this,
        [this](const QString &runId, int sample, const QString &text) {
            if (runId != m_runId)
                return;
            if (sample != m_lastSample && m_samples > 1) {
                m_output->moveCursor(QTextCursor::End);
                m_output->insertPlainText((m_lastSample >= 0 ? QStringLiteral("\n\n") : QString())
                    + tr("── sample %1 ──\n").arg(sample + 1));
            }
            m_lastSample = sample;
            m_output->moveCursor(QTextCursor::End);
            m_output->insertPlainText(text);
        });
    connect(m_engine, &run::RunEngine::sampleFinished, this,
        [this](const QString &runId, int sample, const run::RunSampleResult &result) {
            if (runId == m_runId)
                finishSample(sample, result);
        });
    connect(m_engine, &run::RunEngine::runFailed, this,
        [this](const QString &runId, const core::Error &error) {
            if (runId != m_runId)
                return;
            m_stats->clear(); // a plan error (planned off this thread) ends the run unsent
            showError(error.toString());
        });
    connect(m_engine, &run::RunEngine::note, this, &RunPanel::logNote);
    connect(m_engine, &run::RunEngine::keyConsentNeeded, this,
        [this](const QString &runId, const run::KeyConsentRequest &request) {
            if (runId != m_runId)
                return;
            // Asked once this run has finished failing (no dialog inside the engine's
            // callback); a yes is remembered and the run made again.
            QMetaObject::invokeMethod(
                this,
                [this, request] {
                    if (!askKeyConsent(request))
                        return;
                    if (auto st = m_engine->allowKey(request); !st) {
                        showError(st.error().toString());
                        return;
                    }
                    run();
                },
                Qt::QueuedConnection);
        });
    connect(m_engine, &run::RunEngine::runFinished, this, [this](const QString &runId) {
        if (runId != m_runId)
            return;
        m_runId.clear();
        m_runButton->setEnabled(true);
        m_runAction->setEnabled(true);
        m_stopButton->setEnabled(false);
        refreshHistory();
        Q_EMIT runFinished();
    });
    populateModels();
}

RunPanel::~RunPanel()
{
    if (!m_runId.isEmpty())
        m_engine->cancel(m_runId);
    // A history read still running finishes on its own; its answer is dropped with us.
}

void RunPanel::populateModels()
{
    const QString current = m_model->currentText();
    m_model->clear();
    m_model->addItem(QString()); // the prompt's own model
    QStringList models;
    if (!m_root.isEmpty()) {
        const core::WorkspaceSettings settings = core::WorkspaceSettings::load(m_root);
        for (const QString &message : settings.messages())
            logNote(message);
        // Models the workspace's comparison columns name come first: the user chose them.
        for (const core::ColumnSetting &column : settings.columns())
            if (!models.contains(column.model))
                models.append(column.model);
        if (auto config = providers::ProvidersConfig::fromSettings(settings)) {
            // Configured providers without a known model get a starting point to edit.
            for (const QString &name : config->names()) {
                bool named = false;
                for (const QString &model : models + knownModels())
                    named = named || model.startsWith(name + QLatin1Char('/'));
                if (!named)
                    models.append(name + QLatin1Char('/'));
            }
        }
    }
    for (const QString &model : knownModels()) {
        if (!models.contains(model))
            models.append(model);
    }
    m_model->addItems(models);
    m_model->setCurrentText(current);
}

void RunPanel::logNote(const QString &message)
{
    if (m_loggedNotes.contains(message))
        return;
    m_loggedNotes.insert(message);
    if (!m_log)
        return;
    if (message.contains(QLatin1String("promptsmith.yaml"))
        || message.startsWith(QLatin1String("ledger")))
        m_log->warning(message);
    else
        m_log->info(message);
}

bool RunPanel::askKeyConsent(const run::KeyConsentRequest &request)
{
    if (m_askConsent)
        return m_askConsent(request);
    const QString source = request.origin.startsWith(QLatin1String("env:"))
        ? tr("the environment variable %1").arg(request.origin.mid(4))
        : tr("the keychain entry \u201c%1\u201d").arg(request.origin.section(QLatin1Char(':'), 1));
    QMessageBox box(QMessageBox::Warning, tr("Send the API key?"),
        tr("This workspace's provider \u201c%1\u201d would send the API key from %2 to %3, "
           "which is not that key's own service.\n\nSend it there from now on, for this "
           "workspace?")
            .arg(request.provider, source, request.host),
        QMessageBox::Yes | QMessageBox::No, this);
    box.setTextFormat(Qt::PlainText); // the host and names come from the workspace's file
    box.setDefaultButton(QMessageBox::No);
    return box.exec() == QMessageBox::Yes;
}

void RunPanel::setPrompt(const QString &workspaceRoot, const QString &relativePath)
{
    const bool newRoot = workspaceRoot != m_root;
    m_root = workspaceRoot;
    m_path = relativePath;
    if (newRoot) {
        m_loggedNotes.clear();
        populateModels();
    }
    m_error->hide();
    refreshHistory();
}

bool RunPanel::isRunning() const
{
    return !m_runId.isEmpty();
}

void RunPanel::showError(const QString &message)
{
    setPlainLabelText(m_error, message); // may quote a response body: an HTML page stays text
    m_error->setVisible(!message.isEmpty());
}

void RunPanel::run()
{
    if (isRunning() || m_path.isEmpty()) {
        if (m_path.isEmpty())
            showError(tr("Open a prompt to run it."));
        return;
    }
    run::RunSpec spec;
    spec.workspaceRoot = m_root;
    spec.promptPath = m_path;
    if (m_textProvider) {
        const QString text = m_textProvider();
        if (!text.isNull())
            spec.promptText = text;
    }
    spec.modelRef = m_model->currentText().trimmed();
    if (m_variablesProvider)
        spec.input = m_variablesProvider();
    if (m_temperature->value() > m_temperature->minimum())
        spec.configOverrides["temperature"] = m_temperature->value();
    if (m_maxTokens->value() > m_maxTokens->minimum())
        spec.configOverrides["maxOutputTokens"] = m_maxTokens->value();
    if (m_topP->value() > m_topP->minimum())
        spec.configOverrides["topP"] = m_topP->value();
    if (m_seed->value() > m_seed->minimum())
        spec.configOverrides["seed"] = m_seed->value();
    spec.repeat = m_repeat->value();
    spec.sequential = spec.repeat > 1; // samples stream one after another into one view

    m_output->clear();
    m_stats->setText(tr("Running…"));
    showError(QString());
    m_samples = spec.repeat;
    m_lastSample = -1;
    auto started = m_engine->startInBackground(spec);
    if (!started) {
        m_stats->clear();
        showError(started.error().toString());
        return;
    }
    m_runId = *started;
    m_runButton->setEnabled(false);
    m_runAction->setEnabled(false);
    m_stopButton->setEnabled(true);
}

void RunPanel::stop()
{
    if (!m_runId.isEmpty())
        m_engine->cancel(m_runId);
}

void RunPanel::finishSample(int sample, const run::RunSampleResult &result)
{
    const core::ChatResult &chat = result.result;
    // A sample that delivered no stream (a cached answer) still shows its text.
    if (sample != m_lastSample && !chat.text.isEmpty()) {
        if (m_samples > 1)
            m_output->appendPlainText(tr("── sample %1 ──").arg(sample + 1));
        m_output->moveCursor(QTextCursor::End);
        m_output->insertPlainText(chat.text);
        m_lastSample = sample;
    }
    QStringList parts;
    if (m_samples > 1)
        parts << tr("sample %1/%2").arg(sample + 1).arg(m_samples);
    parts << tokensText(result.tokens);
    parts << (result.cached ? tr("cached (%1 originally)").arg(money(result.originalCostUsd))
                            : money(result.costUsd));
    parts << tr("%L1 ms").arg(chat.latencyMs);
    if (chat.ttftMs >= 0)
        parts << tr("first token %L1 ms").arg(chat.ttftMs);
    parts << result.provider + QLatin1Char('/') + result.model;
    setPlainLabelText(m_stats, parts.join(QStringLiteral(" · ")));
    if (chat.error) {
        QString message = chat.error->toString();
        if (chat.failure == core::Failure::Cancelled)
            message = tr("Stopped. The partial answer is kept above and in the ledger.");
        showError(message);
    }
}

void RunPanel::refreshHistory()
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
        [ledgerPath, workspace, path = m_path] { return readHistory(ledgerPath, workspace, path); },
        [this](const core::Result<QList<core::CallRecord>> &records) {
            m_historyReading = false;
            if (std::exchange(m_historyAgain, false)) {
                refreshHistory(); // the prompt or the ledger changed meanwhile
                return;
            }
            if (records)
                showHistory(*records, QString());
            else
                showHistory({}, records.error().toString());
        });
}

void RunPanel::showHistory(const QList<core::CallRecord> &records, const QString &error)
{
    m_history->setRowCount(0);
    if (!error.isEmpty()) {
        m_history->setToolTip(plainToolTip(error));
        Q_EMIT historyLoaded(0);
        return;
    }
    for (const core::CallRecord &record : records) {
        const int row = m_history->rowCount();
        m_history->insertRow(row);
        const core::CallOutcome &out = record.outcome;
        const QStringList cells = {
            record.start.startedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
            record.start.provider + QLatin1Char('/') + record.start.model,
            core::callStatusName(out.status),
            tokensText(out.tokens),
            out.cached ? tr("cached") : money(out.costUsd),
            out.latencyMs ? tr("%L1 ms").arg(*out.latencyMs) : QString(),
        };
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            item->setToolTip(
                plainToolTip(out.error.isEmpty() ? out.outputText.left(2000) : out.error));
            m_history->setItem(row, column, item);
        }
    }
    m_history->resizeColumnsToContents();
    Q_EMIT historyLoaded(m_history->rowCount());
}

QString RunPanel::outputText() const
{
    return m_output->toPlainText();
}

QString RunPanel::statsText() const
{
    return m_stats->text();
}

} // namespace psm::ui
