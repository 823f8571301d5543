// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "run/runengine.h"

#include "core/ledger/ledger.h"
#include "core/ledger/ledgerworker.h"
#include "core/settings/userbudgets.h"
#include "core/settings/workspacesettings.h"
#include "providers/keybinding.h"
#include "providers/keyconsentstore.h"
#include "providers/keystore.h"
#include "providers/modellister.h"
#include "providers/providersconfig.h"
#include "providers/transport.h"
#include "run/costestimate.h"
#include "run/requesthash.h"
#include "run/runbudget.h"
#include "run/runplanner.h"
#include "run/usagebuckets.h"

#include <QDateTime>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QPointer>
#include <QSet>
#include <QStandardPaths>
#include <QUuid>
#include <QtConcurrent/QtConcurrentRun>

namespace psm::run {
namespace {

using Json = nlohmann::ordered_json;
using providers::KeyBinding;
using providers::KeyStore;
using providers::ProviderSettings;

// Types that ask for a key when they talk to the vendor's own service. A custom base_url
// (a local llama.cpp or vLLM server) may need none; there a 401 tells the user instead.
bool needsKey(const ProviderSettings &s)
{
    if (s.type == QLatin1String("echo") || s.type == QLatin1String("ollama"))
        return false;
    return s.baseUrl == ProviderSettings::builtin(s.type).baseUrl
        || s.type == QLatin1String("azure");
}

core::Error missingKeyError(const ProviderSettings &s)
{
    const QStringList vars = KeyStore::environmentVariables(s);
    return core::Error { core::ErrorCode::InvalidInput,
        QStringLiteral("no API key for provider '%1': set %2, or store it in the OS keychain "
                       "(service 'promptsmith', entry '%1')")
            .arg(s.name,
                vars.isEmpty() ? QStringLiteral("api_key_env in promptsmith.yaml")
                               : vars.join(QStringLiteral(" or "))),
        {}, {}, 0, 0 };
}

core::CallStatus statusFor(const core::ChatResult &r)
{
    if (r.ok())
        return core::CallStatus::Ok;
    return r.failure == core::Failure::Cancelled ? core::CallStatus::Cancelled
                                                 : core::CallStatus::Error;
}

core::FinishReason finishReasonFromName(const QString &name)
{
    using F = core::FinishReason;
    for (F f : { F::Stop, F::Length, F::ToolCalls, F::ContentFilter, F::Other })
        if (core::finishReasonName(f) == name)
            return f;
    return F::Unknown;
}

} // namespace

struct RunEngine::Sample {
    PlannedCall call;
    quint64 callId = 0; // transport id while in flight
    bool started = false;
    bool cancelled = false; // by cancelSamples(): never sent, or stopped in flight
    bool done = false; // its outcome is known (the ledger row may still be in writing)
    bool reported = false; // sampleFinished was emitted
    std::shared_ptr<qint64> ledgerId = std::make_shared<qint64>(0); // written on ledger thread
    // What the call counts against the run's budgets: its high estimate while in flight, then
    // its cost once known. Unset: not sent, or of unknown price (nothing can be charged).
    std::optional<double> chargedUsd;
};

struct RunEngine::Run {
    QString id;
    RunSpec spec;
    RunPlan plan;
    QHash<QString, QString> keys; // provider name -> key; in memory only, for the transport
    bool cancelled = false;
    bool failed = false;
    bool launched = false; // the keys are known; samples start (or wait their turn)
    bool finished = false;
    bool planning = false; // startInBackground(): the plan is being made on a worker
    QList<int> cancelledWhilePlanning; // cancelSamples() before there were samples
    std::vector<Sample> samples;
    QList<RunBudget> budgets; // their spend before the run, read once from the ledger
    std::optional<core::Error> budgetStop; // set when a budget stopped the run
    // inputHash() of each input, for the ledger's cells; made once, not per call: variables
    // may be long documents.
    QStringList inputHashes;
};

RunEngine::RunEngine(RunEngineOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_transport(m_options.transport)
    , m_keys(new KeyStore(this))
    , m_consents(std::make_unique<providers::KeyConsentStore>(m_options.consentPath))
{
    qRegisterMetaType<RunSampleResult>();
    qRegisterMetaType<KeyConsentRequest>();
    qRegisterMetaType<providers::CallAttempt>();
    if (!m_transport) {
        m_transport = new providers::Transport(this);
        m_ownsTransport = true;
    }
    m_lister = new providers::ModelLister(m_transport, m_keys, this);
    connect(m_lister, &providers::ModelLister::listed, this, &RunEngine::modelsListed);
    m_keys->setKeychainEnabled(m_options.useKeychain);
    if (m_options.priceTable) {
        m_prices = *m_options.priceTable;
    } else {
        if (auto bundled = core::PriceTable::bundled())
            m_prices = *bundled;
        const QString imported = m_options.importedPricesPath.isEmpty()
            ? userPriceFilePath()
            : m_options.importedPricesPath;
        if (QFileInfo::exists(imported)) {
            if (auto user = core::PriceTable::importLiteLlmFile(imported))
                m_prices.merge(*user);
            else
                m_loadNote = QStringLiteral("imported prices ignored: ") + user.error().toString();
        }
    }
    // A grid writes two rows per call: the rows queued meanwhile commit together.
    m_ledger = new core::LedgerWorker(
        m_options.ledgerPath.isEmpty() ? core::Ledger::defaultPath() : m_options.ledgerPath,
        core::LedgerWorker::Commit::Batched);
    QPointer<RunEngine> self(this);
    m_ledger->setCommitFailed([self](const core::Error &error) {
        QMetaObject::invokeMethod(
            self,
            [self, error] {
                if (self)
                    emit self->note(QStringLiteral("ledger not written: ") + error.toString());
            },
            Qt::QueuedConnection);
    });

    // A shared transport reports every engine's calls: each takes only the ids it started.
    connect(m_transport, &providers::Transport::event, this,
        [this](quint64 callId, const core::StreamEvent &e) {
            if (e.kind != core::StreamEvent::Kind::TextDelta)
                return;
            const auto it = m_calls.constFind(callId);
            if (it != m_calls.constEnd())
                emit textDelta(it->first->id, it->second, e.text);
        });
    connect(m_transport, &providers::Transport::attemptFinished, this,
        [this](quint64 callId, const providers::CallAttempt &a) {
            const auto it = m_calls.constFind(callId);
            if (it == m_calls.constEnd())
                return;
            const auto run = it->first;
            const int sample = it->second;
            core::CallAttempt row;
            row.attempt = a.number;
            row.startedAt = QDateTime::fromMSecsSinceEpoch(a.startedAtMs, Qt::UTC);
            if (a.httpStatus > 0)
                row.httpStatus = a.httpStatus;
            if (a.error)
                row.error = a.error->toString();
            row.latencyMs = a.durationMs;
            const auto ledgerId = run->samples[size_t(sample)].ledgerId;
            m_ledger->post([ledgerId, row](core::Ledger *ledger, const core::Error *) {
                if (ledger && *ledgerId > 0)
                    (void)ledger->recordAttempt(*ledgerId, row);
            });
            emit attemptFinished(run->id, sample, a);
        });
    connect(m_transport, &providers::Transport::finished, this,
        [this](quint64 callId, const core::ChatResult &result) {
            const auto it = m_calls.find(callId);
            if (it == m_calls.end())
                return;
            const auto run = it->first;
            const int sample = it->second;
            m_calls.erase(it);
            finishSample(run, sample, result, std::nullopt, std::nullopt, std::nullopt);
        });
}

RunEngine::~RunEngine()
{
    // Calls still in flight were billed or may be: cancel them and record them as cancelled,
    // so no row stays `running` after the app or the CLI is gone. The rows' beginCall tasks
    // are ahead of these in the ledger queue, and the worker's destructor runs every pending
    // task before it returns.
    for (auto it = m_calls.cbegin(); it != m_calls.cend(); ++it) {
        m_transport->cancel(it.key());
        const auto &[run, sample] = it.value();
        core::CallOutcome outcome;
        outcome.status = core::CallStatus::Cancelled;
        outcome.error = QStringLiteral("cancelled: the run was stopped as the program ended");
        const auto ledgerId = run->samples[size_t(sample)].ledgerId;
        m_ledger->post([ledgerId, outcome](core::Ledger *ledger, const core::Error *) {
            if (ledger && *ledgerId > 0)
                (void)ledger->finishCall(*ledgerId, outcome);
        });
    }
    m_calls.clear();
    // A shared transport outlives us: stop hearing from it. Our own goes first (it is a child,
    // but its calls must not report into a half-destroyed engine).
    disconnect(m_transport, nullptr, this, nullptr);
    if (m_ownsTransport)
        delete m_transport;
    m_transport = nullptr;
    delete m_ledger;
}

QString RunEngine::userPriceFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/prices-litellm.json");
}

core::Result<std::pair<QString, nlohmann::ordered_json>> RunEngine::parseConfigAssignment(
    const QString &assignment)
{
    const qsizetype eq = assignment.indexOf(QLatin1Char('='));
    if (eq <= 0)
        return core::fail(core::ErrorCode::InvalidInput,
            QStringLiteral("--set '%1' should be key=value, e.g. temperature=0.2").arg(assignment));
    const QString key = assignment.left(eq).trimmed();
    const QString raw = assignment.mid(eq + 1);
    const std::string text = raw.trimmed().toStdString();
    // YAML 1.2 core schema for the plain scalars people type; JSON for the rest (numbers,
    // quoted strings, arrays, objects); anything else is a string as written.
    if (text == "true" || text == "True" || text == "TRUE")
        return std::pair { key, Json(true) };
    if (text == "false" || text == "False" || text == "FALSE")
        return std::pair { key, Json(false) };
    if (text == "null" || text == "Null" || text == "NULL" || text == "~")
        return std::pair { key, Json(nullptr) };
    Json value = Json::parse(text, nullptr, false);
    if (!value.is_discarded() && !text.empty())
        return std::pair { key, std::move(value) };
    return std::pair { key, Json(raw.toStdString()) };
}

// The user's budgets file, read once per run (on the planning worker for a background start).
static core::UserBudgets loadUserBudgets(const QString &path)
{
    return core::UserBudgets::load(path.isEmpty() ? core::UserBudgets::defaultPath() : path);
}

core::Result<std::shared_ptr<RunEngine::Run>> RunEngine::newRun(const RunSpec &spec) const
{
    auto run = std::make_shared<Run>();
    run->spec = spec;
    run->id
        = spec.runId.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : spec.runId;
    if (m_runs.contains(run->id))
        return core::fail(
            core::ErrorCode::Conflict, QStringLiteral("run '%1' is already running").arg(run->id));
    return run;
}

core::Result<QString> RunEngine::start(const RunSpec &spec)
{
    auto run = newRun(spec);
    if (!run)
        return tl::unexpected(run.error());
    // The workspace's settings, read once for this run; what is wrong in them is said (a
    // broken section the run needs also fails the plan, with its file:line:col).
    const core::WorkspaceSettings settings
        = core::WorkspaceSettings::load(RunPlanner::workspaceRoot(spec));
    const core::UserBudgets userBudgets = loadUserBudgets(m_options.userBudgetsPath);
    auto plan = RunPlanner::plan(spec, settings, m_prices);
    if (core::Status admitted = admit(*run, settings, userBudgets, std::move(plan)); !admitted)
        return tl::unexpected(admitted.error());
    return (*run)->id;
}

core::Result<QString> RunEngine::startInBackground(const RunSpec &spec)
{
    auto made = newRun(spec);
    if (!made)
        return tl::unexpected(made.error());
    const std::shared_ptr<Run> run = *made;
    // Known from now on, with no samples yet: isRunning() says so, cancel() marks it, and a
    // second run with its id is refused.
    run->planning = true;
    m_runs.insert(run->id, run);

    struct Planned {
        core::WorkspaceSettings settings;
        core::UserBudgets userBudgets;
        core::Result<RunPlan> plan;
    };
    // Copies only: the task shares nothing with the engine, so it may outlive it.
    auto *watcher = new QFutureWatcher<std::shared_ptr<Planned>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, run] {
        const std::shared_ptr<Planned> planned = watcher->result();
        watcher->deleteLater();
        run->planning = false;
        if (core::Status admitted = admit(
                run, planned->settings, planned->userBudgets, std::move(planned->plan));
            !admitted)
            failRun(run, admitted.error());
    });
    watcher->setFuture(QtConcurrent::run(
        [spec, prices = m_prices, userBudgetsPath = m_options.userBudgetsPath] {
            auto settings = core::WorkspaceSettings::load(RunPlanner::workspaceRoot(spec));
            auto userBudgets = loadUserBudgets(userBudgetsPath);
            auto plan = RunPlanner::plan(spec, settings, prices);
            return std::make_shared<Planned>(
                Planned { std::move(settings), std::move(userBudgets), std::move(plan) });
        }));
    return run->id;
}

core::Status RunEngine::admit(const std::shared_ptr<Run> &run,
    const core::WorkspaceSettings &settings, const core::UserBudgets &userBudgets,
    core::Result<RunPlan> plan)
{
    QStringList notes = settings.messages() + userBudgets.messages();
    if (!m_loadNote.isEmpty())
        notes.prepend(std::exchange(m_loadNote, QString()));
    if (!notes.isEmpty())
        QMetaObject::invokeMethod(
            this,
            [this, notes] {
                for (const QString &n : notes)
                    emit note(n);
            },
            Qt::QueuedConnection);

    if (!plan)
        return tl::unexpected(plan.error());
    run->plan = std::move(*plan);

    // No keychain to ask and no variable set: say so now rather than after a round trip.
    if (!m_options.useKeychain || !KeyStore::keychainAvailable()) {
        for (const PlannedCall &call : run->plan.calls) {
            if (!needsKey(call.settings))
                continue;
            bool found = false;
            for (const QString &var : KeyStore::environmentVariables(call.settings))
                found = found
                    || !qEnvironmentVariable(var.toLocal8Bit().constData()).trimmed().isEmpty();
            if (!found)
                return tl::unexpected(missingKeyError(call.settings));
        }
    }

    run->samples.resize(run->plan.calls.size());
    for (size_t i = 0; i < run->plan.calls.size(); ++i)
        run->samples[i].call = run->plan.calls[i];
    // Cancelled by cancelSamples() while the plan was being made.
    for (const int i : std::as_const(run->cancelledWhilePlanning))
        if (i >= 0 && i < int(run->samples.size()))
            run->samples[size_t(i)].cancelled = true;
    m_runs.insert(run->id, run);
    run->budgets
        = budgetsForRun(run->spec, settings, userBudgets, run->id, run->plan.workspaceRoot);
    if (run->budgets.isEmpty()) {
        launch(run);
        return {};
    }
    // What the budgets have spent so far, read once on the ledger thread; from then on the run
    // keeps its own spend in memory.
    QPointer<RunEngine> self(this);
    auto budgets = run->budgets;
    m_ledger->post(
        [self, run, budgets](core::Ledger *ledger, const core::Error *openError) mutable {
            core::Status read = ledger ? readBudgetStatus(*ledger, budgets)
                                       : core::Status(tl::unexpected(*openError));
            core::LedgerWorker::afterCommit([=] {
                QMetaObject::invokeMethod(
                    self,
                    [self, run, budgets, read] {
                        if (!self)
                            return;
                        if (!read) {
                            core::Error e = read.error();
                            e.message = QStringLiteral("budget not checked, so nothing was sent: ")
                                + e.message;
                            self->failRun(run, e);
                            return;
                        }
                        run->budgets = budgets;
                        self->launch(run);
                    },
                    Qt::QueuedConnection);
            });
        });
    return {};
}

// Reads promptsmith.yaml afresh, as a run does, so an estimate sees what the run will.
static core::Result<RunPlan> planWithPrices(const RunSpec &spec, const core::PriceTable &prices)
{
    return RunPlanner::plan(
        spec, core::WorkspaceSettings::load(RunPlanner::workspaceRoot(spec)), prices);
}

core::Result<RunPlan> RunEngine::plan(const RunSpec &spec) const
{
    return planWithPrices(spec, m_prices);
}

RunEngine::PlanFunction RunEngine::detachedPlanner() const
{
    return [prices = m_prices](const RunSpec &spec) { return planWithPrices(spec, prices); };
}

bool RunEngine::keyConsented(
    const QString &workspace, const QString &host, const QString &origin) const
{
    return m_options.allowedKeyHosts.contains(host, Qt::CaseInsensitive)
        || m_consents->isAllowed(workspace, host, origin);
}

core::Status RunEngine::allowKey(const KeyConsentRequest &request)
{
    return m_consents->allow(request.workspace, request.host, request.origin);
}

void RunEngine::failRun(const std::shared_ptr<Run> &run, const core::Error &error)
{
    run->failed = true;
    emit runFailed(run->id, error);
    for (int i = 0; i < int(run->samples.size()); ++i) {
        Sample &s = run->samples[size_t(i)];
        if (s.done)
            continue;
        core::ChatResult r;
        r.failure = core::Failure::Config;
        r.error = error;
        reportUnsent(run, i, r);
    }
    checkRunDone(run);
}

void RunEngine::launch(const std::shared_ptr<Run> &run)
{
    const auto begin = [this, run] {
        run->launched = true;
        if (run->cancelled) {
            for (int i = 0; i < int(run->samples.size()); ++i)
                if (!run->samples[size_t(i)].done)
                    finishCancelledUnstarted(run, i);
            return;
        }
        // Samples cancelled before the keys were known end here, so a sequential run's chain
        // (which starts the next unstarted sample) passes over them.
        for (int i = 0; i < int(run->samples.size()); ++i) {
            Sample &s = run->samples[size_t(i)];
            if (s.cancelled && !s.done) {
                s.started = true;
                finishCancelledUnstarted(run, i);
            }
        }
        for (int i = 0; i < int(run->samples.size()); ++i) {
            if (run->samples[size_t(i)].started)
                continue;
            startSample(run, i);
            if (run->spec.sequential)
                break;
        }
    };
    // One key lookup per provider the plan uses (echo needs none).
    std::vector<ProviderSettings> providers;
    QSet<QString> seen;
    for (const Sample &s : run->samples) {
        if (s.call.settings.type == QLatin1String("echo") || seen.contains(s.call.settings.name))
            continue;
        seen.insert(s.call.settings.name);
        providers.push_back(s.call.settings);
    }
    if (providers.empty()) {
        QMetaObject::invokeMethod(this, begin, Qt::QueuedConnection);
        return;
    }
    auto pending = std::make_shared<int>(int(providers.size()));
    QPointer<RunEngine> self(this);
    for (const ProviderSettings &settings : providers) {
        m_keys->lookup(
            settings, [self, run, settings, pending, begin](const KeyStore::Lookup &found) {
                if (!self)
                    return;
                --*pending;
                if (run->failed)
                    return;
                if (!found.note.isEmpty() && found.source != KeyStore::Source::Keychain)
                    emit self->note(QStringLiteral("%1; using the environment").arg(found.note));
                if (found.key.isEmpty()) {
                    if (needsKey(settings) && !run->cancelled) {
                        self->failRun(run, missingKeyError(settings));
                        return;
                    }
                } else {
                    const auto to = KeyBinding::destination(settings, found.origin);
                    const QString workspace = run->plan.workspaceRoot;
                    const auto verdict = KeyBinding::verdict(
                        to, self->keyConsented(workspace, to.host, found.origin));
                    if (verdict != KeyBinding::Verdict::Send) {
                        const core::Error error = KeyBinding::refusal(
                            to, verdict, settings.name, self->m_options.commandLine);
                        if (verdict == KeyBinding::Verdict::NeedsConsent)
                            emit self->keyConsentNeeded(run->id,
                                KeyConsentRequest {
                                    workspace, to.host, found.origin, settings.name });
                        self->failRun(run, error);
                        return;
                    }
                    run->keys.insert(settings.name, found.key);
                }
                if (*pending == 0)
                    begin();
            });
    }
}

void RunEngine::reportUnsent(
    const std::shared_ptr<Run> &run, int sample, const core::ChatResult &result)
{
    Sample &s = run->samples[size_t(sample)];
    s.done = true;
    s.reported = true;
    RunSampleResult out;
    out.result = result;
    out.provider = s.call.settings.name;
    out.model = s.call.request.model;
    out.requestHash = s.call.requestHash;
    out.revisionId = s.call.revisionId;
    emit sampleFinished(run->id, sample, out);
}

void RunEngine::finishCancelledUnstarted(const std::shared_ptr<Run> &run, int sample)
{
    // Never sent, so no ledger row: there was no call to record.
    Sample &s = run->samples[size_t(sample)];
    if (s.done)
        return;
    core::ChatResult r;
    r.failure = core::Failure::Cancelled;
    r.error = core::Error { core::ErrorCode::Cancelled,
        QStringLiteral("cancelled before the call was sent"), {}, {}, 0, 0 };
    reportUnsent(run, sample, r);
    checkRunDone(run);
}

void RunEngine::beginLedgerRow(const std::shared_ptr<Run> &run, int sample)
{
    const PlannedCall &call = run->samples[size_t(sample)].call;
    if (run->inputHashes.isEmpty()) {
        if (run->spec.inputs.empty())
            run->inputHashes << inputHash(run->spec.input);
        for (const nlohmann::ordered_json &input : run->spec.inputs)
            run->inputHashes << inputHash(input);
    }
    core::CallStart start;
    start.startedAt = QDateTime::currentDateTimeUtc();
    start.workspace = run->plan.workspaceRoot;
    start.promptPath = run->plan.relPath;
    start.promptRevision = call.revisionId;
    start.provider = call.settings.name;
    start.model = call.request.model;
    start.parametersJson = call.parametersJson;
    start.requestHash = call.requestHash;
    start.runId = run->id;
    start.cellJson = QString::fromStdString(nlohmann::json {
        { "revision", call.revisionIndex },
        { "model", call.modelIndex },
        { "params", call.parameterSetIndex },
        { "input", call.inputIndex },
        { "repeat", call.repeatIndex },
        { "inputHash", run->inputHashes.value(call.inputIndex).toStdString() },
    }
                                                .dump());
    start.purpose = run->spec.purpose;
    const auto ledgerId = run->samples[size_t(sample)].ledgerId;
    QPointer<RunEngine> self(this);
    m_ledger->post([self, start, ledgerId](core::Ledger *ledger, const core::Error *openError) {
        QString why;
        if (!ledger) {
            why = openError->toString();
        } else if (auto id = ledger->beginCall(start)) {
            *ledgerId = *id;
            return;
        } else {
            why = id.error().toString();
        }
        core::LedgerWorker::afterCommit([=] {
            QMetaObject::invokeMethod(
                self,
                [self, why] {
                    if (self)
                        emit self->note(QStringLiteral("ledger not written: ") + why);
                },
                Qt::QueuedConnection);
        });
    });
}

void RunEngine::startSample(const std::shared_ptr<Run> &run, int sample)
{
    Sample &s = run->samples[size_t(sample)];
    if (s.started || s.done)
        return;
    s.started = true;
    if (run->cancelled || s.cancelled) {
        finishCancelledUnstarted(run, sample);
        return;
    }
    const auto send = [this, run, sample] {
        if (run->cancelled || run->samples[size_t(sample)].cancelled) {
            finishCancelledUnstarted(run, sample);
            return;
        }
        if (!chargeBudgets(run, sample))
            return;
        beginLedgerRow(run, sample);
        const PlannedCall &call = run->samples[size_t(sample)].call;
        const quint64 id
            = m_transport->start(call.settings, call.request, run->keys.value(call.settings.name));
        run->samples[size_t(sample)].callId = id;
        m_calls.insert(id, { run, sample });
    };
    if (!run->spec.useCache) {
        send();
        return;
    }
    // Look the answer up on the ledger thread; come back here to serve it or to send.
    QPointer<RunEngine> self(this);
    const QString hash = s.call.requestHash;
    m_ledger->post([self, run, sample, hash, send](core::Ledger *ledger, const core::Error *) {
        std::optional<core::CallRecord> hit;
        if (ledger) {
            if (auto found = ledger->cachedResponse(hash); found && *found)
                hit = **found;
        }
        core::LedgerWorker::afterCommit([=] {
            QMetaObject::invokeMethod(
                self,
                [self, run, sample, hit, send] {
                    if (!self)
                        return;
                    if (!hit || run->cancelled || run->samples[size_t(sample)].cancelled) {
                        send();
                        return;
                    }
                    core::ChatResult r;
                    r.text = hit->outcome.outputText;
                    r.rawFinishReason = hit->outcome.finishReason;
                    r.finishReason = finishReasonFromName(hit->outcome.finishReason);
                    r.usage = usageFromBuckets(hit->outcome.tokens);
                    r.attempts = 0;
                    self->beginLedgerRow(run, sample);
                    self->finishSample(run, sample, r, hit->id, hit->outcome.costUsd,
                        hit->outcome.latencyMs ? std::optional<double>(*hit->outcome.latencyMs)
                                               : std::nullopt);
                },
                Qt::QueuedConnection);
        });
    });
}

void RunEngine::finishSample(const std::shared_ptr<Run> &run, int sample, core::ChatResult result,
    std::optional<qint64> cachedFromId, std::optional<double> originalCost,
    std::optional<double> originalLatency)
{
    Sample &s = run->samples[size_t(sample)];
    s.done = true;
    s.callId = 0;
    const PlannedCall &call = s.call;

    RunSampleResult out;
    out.result = std::move(result);
    out.tokens = ledgerBuckets(out.result.usage);
    out.provider = call.settings.name;
    out.model = call.request.model;
    out.requestHash = call.requestHash;
    out.revisionId = call.revisionId;
    out.cached = cachedFromId.has_value();
    const core::PriceTable &prices = run->plan.prices;
    if (out.cached) {
        out.costUsd = 0.0;
        out.originalCostUsd = originalCost;
        out.originalLatencyMs = originalLatency;
        out.priceVersion = prices.version();
    } else {
        // A configured name first (prices: {local/qwen: ...}); then the vendor's price by
        // type, but only for the vendor's own endpoint: a local server's price is unknown.
        core::CostEstimate est = prices.cost(call.settings.name, call.request.model, out.tokens);
        if (!est.usd && call.settings.name != call.settings.type
            && call.settings.baseUrl == ProviderSettings::builtin(call.settings.type).baseUrl)
            est = prices.cost(call.settings.type, call.request.model, out.tokens);
        out.costUsd = est.usd;
        out.priceVersion = est.priceVersion;
    }
    if (out.costUsd)
        s.chargedUsd = out.costUsd;

    core::CallOutcome outcome;
    outcome.status = statusFor(out.result);
    if (out.result.error)
        outcome.error = out.result.error->toString();
    if (!out.cached)
        outcome.latencyMs = out.result.latencyMs;
    if (out.result.ttftMs >= 0)
        outcome.timeToFirstTokenMs = out.result.ttftMs;
    outcome.tokens = out.tokens;
    outcome.costUsd = out.costUsd;
    outcome.priceVersion = out.priceVersion;
    outcome.outputText = out.result.text;
    if (out.result.finishReason != core::FinishReason::Unknown)
        outcome.finishReason = core::finishReasonName(out.result.finishReason);
    outcome.cached = out.cached;
    outcome.cachedFromId = cachedFromId;

    QPointer<RunEngine> self(this);
    const auto ledgerId = s.ledgerId;
    m_ledger->post([self, run, sample, out, outcome, ledgerId](
                       core::Ledger *ledger, const core::Error *) mutable {
        QString problem;
        if (ledger && *ledgerId > 0) {
            if (auto st = ledger->finishCall(*ledgerId, outcome); !st)
                problem = st.error().toString();
        }
        out.ledgerId = *ledgerId;
        core::LedgerWorker::afterCommit([=] {
            QMetaObject::invokeMethod(
                self,
                [self, run, sample, out, problem] {
                    if (!self)
                        return;
                    if (!problem.isEmpty())
                        emit self->note(QStringLiteral("ledger not written: ") + problem);
                    run->samples[size_t(sample)].reported = true;
                    emit self->sampleFinished(run->id, sample, out);
                    if (run->spec.sequential)
                        for (int i = 0; i < int(run->samples.size()); ++i)
                            if (!run->samples[size_t(i)].started) {
                                self->startSample(run, i);
                                break;
                            }
                    self->checkRunDone(run);
                },
                Qt::QueuedConnection);
        });
    });
}

bool RunEngine::chargeBudgets(const std::shared_ptr<Run> &run, int sample)
{
    Sample &s = run->samples[size_t(sample)];
    if (run->budgetStop) {
        reportBudgetStopped(run, sample);
        checkRunDone(run);
        return false;
    }
    if (run->budgets.isEmpty())
        return true;
    // The high estimate (the output cap): a call charged at it cannot cross the budget.
    const std::optional<double> estimate
        = estimateCallCost(s.call, run->plan.prices, CostEvidence {}).highUsd;
    if (!estimate)
        return true; // an unknown price cannot be charged; the ledger counts such calls apart
    double runUsd = 0;
    for (const Sample &other : run->samples)
        runUsd += other.chargedUsd.value_or(0);
    const std::optional<BudgetStop> stop = budgetStop(run->budgets, runUsd, *estimate);
    if (!stop) {
        s.chargedUsd = estimate;
        return true;
    }

    int unsent = 0;
    for (const Sample &other : run->samples)
        unsent += other.done || other.callId ? 0 : 1;
    const QString why = stop->message(unsent);
    run->budgetStop = core::Error { core::ErrorCode::Cancelled, why, {}, {}, 0, 0 };
    emit note(why);
    // The stop is a row of its own, on the call that was not sent, so `promptsmith ledger`
    // shows why the run ended early. It cost nothing.
    beginLedgerRow(run, sample);
    core::CallOutcome outcome;
    outcome.status = core::CallStatus::Cancelled;
    outcome.error = why;
    outcome.costUsd = 0.0;
    outcome.priceVersion = run->plan.prices.version();
    const auto ledgerId = s.ledgerId;
    m_ledger->post([ledgerId, outcome](core::Ledger *ledger, const core::Error *) {
        if (ledger && *ledgerId > 0)
            (void)ledger->finishCall(*ledgerId, outcome);
    });
    reportBudgetStopped(run, sample);
    for (int i = 0; i < int(run->samples.size()); ++i) {
        Sample &other = run->samples[size_t(i)];
        if (!other.started && !other.done) {
            other.started = true;
            reportBudgetStopped(run, i);
        }
    }
    checkRunDone(run);
    return false;
}

void RunEngine::reportBudgetStopped(const std::shared_ptr<Run> &run, int sample)
{
    core::ChatResult r;
    r.failure = core::Failure::Cancelled;
    r.error = *run->budgetStop;
    reportUnsent(run, sample, r);
}

void RunEngine::checkRunDone(const std::shared_ptr<Run> &run)
{
    if (run->finished)
        return;
    for (const Sample &s : run->samples)
        if (!s.reported)
            return;
    run->finished = true;
    run->keys.clear();
    m_runs.remove(run->id);
    emit runFinished(run->id);
}

void RunEngine::cancel(const QString &runId)
{
    const auto run = m_runs.value(runId);
    if (!run)
        return;
    run->cancelled = true;
    for (int i = 0; i < int(run->samples.size()); ++i) {
        const Sample &s = run->samples[size_t(i)];
        if (s.callId)
            m_transport->cancel(s.callId);
        else if (!s.started && run->launched)
            finishCancelledUnstarted(run, i);
    }
}

void RunEngine::cancelSamples(const QString &runId, const QList<int> &samples)
{
    const auto run = m_runs.value(runId);
    if (!run)
        return;
    if (run->planning) {
        run->cancelledWhilePlanning += samples;
        return;
    }
    for (const int i : samples) {
        if (i < 0 || i >= int(run->samples.size()))
            continue;
        Sample &s = run->samples[size_t(i)];
        if (s.done || s.cancelled)
            continue;
        s.cancelled = true;
        if (s.callId) {
            m_transport->cancel(s.callId);
        } else if (!s.started && run->launched) {
            s.started = true; // a sequential run's chain passes over it
            finishCancelledUnstarted(run, i);
        }
        // Otherwise: waiting for its cache lookup or for the keys; it ends there, unsent.
    }
}

void RunEngine::cancelAll()
{
    for (const QString &id : m_runs.keys())
        cancel(id);
}

bool RunEngine::isRunning(const QString &runId) const
{
    return m_runs.contains(runId);
}

void RunEngine::listModels(const QString &workspaceRoot, const QString &providerName)
{
    const auto settings = core::WorkspaceSettings::load(workspaceRoot);
    auto config = providers::ProvidersConfig::fromSettings(settings);
    const auto fail = [this, providerName](const core::Error &e) {
        QMetaObject::invokeMethod(
            this, [this, providerName, e] { emit modelsListed(providerName, {}, e); },
            Qt::QueuedConnection);
    };
    if (!config) {
        fail(config.error());
        return;
    }
    const ProviderSettings *found = config->find(providerName);
    if (!found) {
        fail(core::Error { core::ErrorCode::NotFound,
            QStringLiteral("no provider named '%1'").arg(providerName), {}, {}, 0, 0 });
        return;
    }
    const QString workspace = QFileInfo(workspaceRoot).absoluteFilePath();
    QPointer<RunEngine> self(this);
    m_lister->list(*found, [self, workspace](const providers::KeyDestination &to) {
        return self && self->keyConsented(workspace, to.host, to.origin);
    });
}

} // namespace psm::run
