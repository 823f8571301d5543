// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include "core/chat/chatresult.h"
#include "core/common/result.h"
#include "core/ledger/callrecord.h"
#include "core/ledger/pricetable.h"
#include "providers/callattempt.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>

namespace psm::providers {

class KeyStore;
class LedgerWorker;
class Transport;

// One run of one prompt against one model, `repeat` times.
struct RunSpec {
    QString workspaceRoot; // empty: the git repository holding promptPath (else its folder)
    QString promptPath; // absolute, or relative to workspaceRoot
    // Unsaved editor text used instead of the file; the revision is then "sha256:<hex>" of it.
    // Otherwise the revision is HEAD's commit id when the file is unmodified, else the file
    // text's hash.
    std::optional<QString> promptText;
    QString modelRef; // "provider/model"; empty: the prompt's `model`, else echo/echo
    nlohmann::ordered_json input = nlohmann::ordered_json::object();
    // Dotprompt config keys (temperature, maxOutputTokens, ...) over the prompt's own config,
    // already typed (temperature=0.2 is a number): see parseConfigAssignment().
    nlohmann::ordered_json configOverrides = nlohmann::ordered_json::object();
    nlohmann::ordered_json history; // conversation history (array) or null
    int repeat = 1;
    bool useCache = false; // reuse a successful ledger row with the same request hash + sample
    bool sequential = false; // one sample after another (a terminal streaming text), else all
    QString runId; // empty: a fresh UUID is made
};

// What one sample came to, after the ledger row was written.
struct RunSampleResult {
    qint64 ledgerId = 0; // 0 when the ledger could not be written (see note())
    core::ChatResult result;
    std::optional<double> costUsd; // nullopt: unknown price (never 0 for unknown)
    QString priceVersion;
    bool cached = false; // served from the ledger's response cache: costs nothing now
    std::optional<double> originalCostUsd; // when cached: what the original call cost
    core::TokenUsage tokens; // disjoint buckets, as stored
    QString provider; // the provider name (the reference prefix)
    QString model; // the provider-side model name
    QString requestHash;
};

struct RunEngineOptions {
    QString ledgerPath; // empty: core::Ledger::defaultPath()
    // Prices: the bundled table merged with the user's imported LiteLLM file (when present);
    // the workspace's `prices:` overrides are applied per run. Empty optional: load them.
    std::optional<core::PriceTable> priceTable;
    QString importedPricesPath; // empty: userPriceFilePath()
    bool useKeychain = true; // false: environment only (tests, CI)
};

// Ties prompt -> provider -> ledger: renders a Dotprompt file, resolves the provider from
// promptsmith.yaml, gets the key, streams the call through the Transport and records every
// call (with its attempts, tokens and cost) in the ledger. Lives on the caller's thread (GUI
// or CLI) and never blocks it: network on the transport thread, SQLite on the engine's own
// ledger thread. All signals are queued to the caller's thread.
class RunEngine final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunEngine)

public:
    explicit RunEngine(RunEngineOptions options = {}, QObject *parent = nullptr);
    ~RunEngine() override;

    // Checks everything that can be checked before a call (prompt file with file:line:col,
    // input against the schema, model reference, provider, price overrides) and starts the
    // run; returns its id. A missing key is reported through runFailed() (the lookup is
    // asynchronous), naming the environment variable and the keychain entry.
    core::Result<QString> start(const RunSpec &spec);
    // Stops every call of the run; the calls are recorded as cancelled.
    void cancel(const QString &runId);
    bool isRunning(const QString &runId) const;

    // Lists the models a provider offers where its API has a list (Ollama /api/tags,
    // OpenAI-compatible GET /v1/models); answered by modelsListed().
    void listModels(const QString &workspaceRoot, const QString &providerName);

    // Where `promptsmith prices --import` stores the user's LiteLLM file.
    static QString userPriceFilePath();
    // "key=value" from --set: value typed as a YAML 1.2 core-schema scalar or JSON
    // (0.2 -> number, true -> bool, "[...]" -> array, anything else -> string).
    static core::Result<std::pair<QString, nlohmann::ordered_json>> parseConfigAssignment(
        const QString &assignment);

signals:
    void textDelta(const QString &runId, int sample, const QString &text);
    void attemptFinished(const QString &runId, int sample, const psm::providers::CallAttempt &a);
    void sampleFinished(
        const QString &runId, int sample, const psm::providers::RunSampleResult &result);
    // A failure before any call could be made for the run (missing key, say): no samples follow
    // except as failed ones; runFinished() still comes.
    void runFailed(const QString &runId, const psm::core::Error &error);
    void runFinished(const QString &runId);
    void note(const QString &message); // e.g. "no keychain service; using the environment"
    void modelsListed(const QString &providerName, const QStringList &models,
        const std::optional<psm::core::Error> &error);

private:
    struct Run;
    struct Sample;
    void launch(const std::shared_ptr<Run> &run);
    void startSample(const std::shared_ptr<Run> &run, int sample);
    void finishSample(const std::shared_ptr<Run> &run, int sample, core::ChatResult result,
        std::optional<qint64> cachedFromId, std::optional<double> originalCost);
    void checkRunDone(const std::shared_ptr<Run> &run);
    void finishCancelledUnstarted(const std::shared_ptr<Run> &run, int sample);
    void beginLedgerRow(const std::shared_ptr<Run> &run, int sample);
    void finishModelList(
        const QString &providerName, const QString &type, const core::ChatResult &result);

    RunEngineOptions m_options;
    core::PriceTable m_prices;
    Transport *m_transport = nullptr;
    KeyStore *m_keys = nullptr;
    LedgerWorker *m_ledger = nullptr;
    QHash<QString, std::shared_ptr<Run>> m_runs;
    QHash<quint64, std::pair<std::shared_ptr<Run>, int>> m_calls; // transport id -> sample
    QHash<quint64, std::pair<QString, QString>> m_modelCalls; // id -> provider name, type
    QString m_loadNote; // a problem loading the imported prices, said with the first run
};

} // namespace psm::providers

Q_DECLARE_METATYPE(psm::providers::RunSampleResult)
