// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/chat/chatresult.h"
#include "core/common/result.h"
#include "core/ledger/callrecord.h"
#include "core/ledger/pricetable.h"
#include "providers/callattempt.h"
#include "run/runspec.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <optional>

namespace psm::core {
class LedgerWorker;
class UserBudgets;
class WorkspaceSettings;
} // namespace psm::core

namespace psm::providers {
class KeyConsentStore;
class KeyStore;
class ModelLister;
class Transport;
} // namespace psm::providers

namespace psm::run {

// What one call came to, after the ledger row was written.
struct RunSampleResult {
    qint64 ledgerId = 0; // 0 when the ledger could not be written (see note())
    core::ChatResult result;
    std::optional<double> costUsd; // nullopt: unknown price (never 0 for unknown)
    QString priceVersion;
    bool cached = false; // served from the ledger's response cache: costs nothing now
    std::optional<double> originalCostUsd; // when cached: what the original call cost
    // When cached: how long the original call took (an eval's latency assertion judges the
    // answer, and a cached answer took that long to make).
    std::optional<double> originalLatencyMs;
    core::TokenUsage tokens; // disjoint buckets, as stored
    QString provider; // the provider name (the reference prefix)
    QString model; // the provider-side model name
    QString requestHash;
    QString revisionId; // the prompt revision the call ran
};

// A key the engine did not send because its destination is not the key's vendor: the GUI asks
// the user and, on yes, remembers it with KeyConsentStore and runs again.
struct KeyConsentRequest {
    QString workspace;
    QString host;
    QString origin; // "env:NAME" or "keychain:ENTRY"
    QString provider;
};

struct RunEngineOptions {
    QString ledgerPath; // empty: core::Ledger::defaultPath()
    // Prices: the bundled table merged with the user's imported LiteLLM file (when present);
    // the workspace's `prices:` overrides are applied per run. Empty optional: load them.
    std::optional<core::PriceTable> priceTable;
    QString importedPricesPath; // empty: userPriceFilePath()
    bool useKeychain = true; // false: environment only (tests, CI)
    // The process's one transport, shared by every engine so per-provider concurrency limits
    // hold across runs. The app and the CLI make it; nullptr: the engine makes its own.
    providers::Transport *transport = nullptr;
    // Hosts a key may be sent to for this engine's life without a remembered consent (the
    // CLI's --allow-key-host); the vendors' own hosts never need it.
    QStringList allowedKeyHosts;
    QString consentPath; // empty: KeyConsentStore's default in the app config directory
    QString userBudgetsPath; // empty: core::UserBudgets::defaultPath()
    bool commandLine = false; // errors say how to allow a key host with --allow-key-host
};

// Executes planned calls: RunPlanner turns a RunSpec into calls; the engine gets the keys
// (bound to their hosts, see providers::KeyBinding), streams each call through the Transport
// and records it (attempts, tokens, cost) in the ledger. Lives on the caller's thread (GUI or
// CLI) and never blocks it: network on the transport thread, SQLite on the ledger thread.
// All signals are queued to the caller's thread. Destroyed mid-call, it cancels what is in
// flight and records those calls as cancelled before it returns.
class RunEngine final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunEngine)

public:
    explicit RunEngine(RunEngineOptions options = {}, QObject *parent = nullptr);
    ~RunEngine() override;

    // Plans the spec (prompt with file:line:col, input against the schema, model references,
    // providers, price overrides) and starts the calls; returns the run's id. A missing or
    // unconsented key is reported through runFailed() (the lookup is asynchronous).
    core::Result<QString> start(const RunSpec &spec);
    // As start(), but the settings are read and the plan made (git reads, rendering) on a
    // worker thread, so a window's thread does not wait on them. Returns the run's id at once;
    // an error in the plan comes through runFailed(), then runFinished(). cancel() and
    // cancelSamples() hold while the plan is being made. Only a duplicate run id fails here.
    core::Result<QString> startInBackground(const RunSpec &spec);
    // The calls start() would make, priced with this engine's table and the workspace's
    // overrides, without making any: for a pre-flight estimate (`--dry-run`).
    core::Result<RunPlan> plan(const RunSpec &spec) const;
    // plan() as a function holding a copy of this engine's prices and nothing else of it: safe
    // to call on a worker thread, also after the engine is gone (a window's pre-flight estimate).
    using PlanFunction = std::function<core::Result<RunPlan>(const RunSpec &)>;
    PlanFunction detachedPlanner() const;
    // Stops every call of the run; the calls are recorded as cancelled.
    void cancel(const QString &runId);
    // Stops some samples of a run (a grid's column or cell): those in flight are recorded as
    // cancelled, those not yet sent end as cancelled without a call; the others go on.
    void cancelSamples(const QString &runId, const QList<int> &samples);
    void cancelAll();
    bool isRunning(const QString &runId) const;
    bool isIdle() const { return m_runs.isEmpty(); }

    // Lists the models a provider offers (see providers::ModelLister); answered by
    // modelsListed().
    void listModels(const QString &workspaceRoot, const QString &providerName);

    // Remembers that keys from `request.origin` may go to `request.host` for that workspace.
    core::Status allowKey(const KeyConsentRequest &request);

    // Where `promptsmith prices --import` stores the user's LiteLLM file.
    static QString userPriceFilePath();
    // "key=value" from --set: value typed as a YAML 1.2 core-schema scalar or JSON
    // (0.2 -> number, true -> bool, "[...]" -> array, anything else -> string).
    static core::Result<std::pair<QString, nlohmann::ordered_json>> parseConfigAssignment(
        const QString &assignment);

signals:
    void textDelta(const QString &runId, int sample, const QString &text);
    void attemptFinished(const QString &runId, int sample, const psm::providers::CallAttempt &a);
    void sampleFinished(const QString &runId, int sample, const psm::run::RunSampleResult &result);
    // A failure before any call could be made for the run (missing key, say): no samples follow
    // except as failed ones; runFinished() still comes.
    void runFailed(const QString &runId, const psm::core::Error &error);
    void keyConsentNeeded(const QString &runId, const psm::run::KeyConsentRequest &request);
    void runFinished(const QString &runId);
    // e.g. "no keychain service; using the environment", or a promptsmith.yaml problem.
    void note(const QString &message);
    void modelsListed(const QString &providerName, const QStringList &models,
        const std::optional<psm::core::Error> &error);

private:
    struct Run;
    struct Sample;
    core::Result<std::shared_ptr<Run>> newRun(const RunSpec &spec) const;
    // Takes a made plan into the engine (key check, samples, budgets) and launches it.
    core::Status admit(const std::shared_ptr<Run> &run, const core::WorkspaceSettings &settings,
        const core::UserBudgets &userBudgets, core::Result<RunPlan> plan);
    void launch(const std::shared_ptr<Run> &run);
    void failRun(const std::shared_ptr<Run> &run, const core::Error &error);
    void startSample(const std::shared_ptr<Run> &run, int sample);
    void finishSample(const std::shared_ptr<Run> &run, int sample, core::ChatResult result,
        std::optional<qint64> cachedFromId, std::optional<double> originalCost,
        std::optional<double> originalLatency);
    void checkRunDone(const std::shared_ptr<Run> &run);
    // Before a call is sent: false (and the run stopped) when it would cross a budget.
    bool chargeBudgets(const std::shared_ptr<Run> &run, int sample);
    void reportBudgetStopped(const std::shared_ptr<Run> &run, int sample);
    void finishCancelledUnstarted(const std::shared_ptr<Run> &run, int sample);
    // A call that was never sent: no ledger row, only the result.
    void reportUnsent(const std::shared_ptr<Run> &run, int sample, const core::ChatResult &result);
    void beginLedgerRow(const std::shared_ptr<Run> &run, int sample);
    bool keyConsented(const QString &workspace, const QString &host, const QString &origin) const;

    RunEngineOptions m_options;
    core::PriceTable m_prices;
    providers::Transport *m_transport = nullptr;
    bool m_ownsTransport = false;
    providers::KeyStore *m_keys = nullptr;
    providers::ModelLister *m_lister = nullptr;
    std::unique_ptr<providers::KeyConsentStore> m_consents;
    core::LedgerWorker *m_ledger = nullptr;
    QHash<QString, std::shared_ptr<Run>> m_runs;
    QHash<quint64, std::pair<std::shared_ptr<Run>, int>> m_calls; // transport id -> sample
    QString m_loadNote; // a problem loading the imported prices, said with the first run
};

} // namespace psm::run

Q_DECLARE_METATYPE(psm::run::RunSampleResult)
Q_DECLARE_METATYPE(psm::run::KeyConsentRequest)
