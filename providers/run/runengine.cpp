// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "providers/run/runengine.h"

#include "core/chat/renderedprompt.h"
#include "core/ledger/ledger.h"
#include "core/prompt/partialfiles.h"
#include "core/prompt/promptengine.h"
#include "core/workspace/workspace.h"
#include "core/workspace/worktreefiles.h"
#include "providers/keystore.h"
#include "providers/ollamaprovider.h"
#include "providers/providersconfig.h"
#include "providers/run/ledgerworker.h"
#include "providers/run/requesthash.h"
#include "providers/run/usagebuckets.h"
#include "providers/transport.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QStandardPaths>
#include <QUuid>

namespace psm::providers {
namespace {

using Json = nlohmann::ordered_json;

QString sha256Text(const QByteArray &bytes)
{
    return QStringLiteral("sha256:")
        + QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

core::Result<QByteArray> readBytes(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return core::failAt(file.exists() ? core::ErrorCode::Io : core::ErrorCode::NotFound,
            QStringLiteral("cannot read the file"), path, 0, 0, file.errorString());
    return file.readAll();
}

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

// The commit id when the file on disk equals HEAD's version, else the hash of its text.
// Runs on the ledger thread (libgit2 stays off the caller's thread).
QString fileRevision(const QString &root, const QString &absPath, const QByteArray &text)
{
    auto ws = core::Workspace::open(root);
    if (ws) {
        const QString rel = QDir(root).relativeFilePath(absPath);
        auto head = ws->resolve(QStringLiteral("HEAD"));
        auto blob = ws->readFile(QStringLiteral("HEAD"), rel);
        if (head && blob && *blob == text)
            return *head;
    }
    return sha256Text(text);
}

} // namespace

struct RunEngine::Sample {
    quint64 callId = 0; // transport id while in flight
    bool started = false;
    bool done = false; // its outcome is known (the ledger row may still be in writing)
    bool reported = false; // sampleFinished was emitted
    std::shared_ptr<qint64> ledgerId = std::make_shared<qint64>(0); // written on ledger thread
    QString requestHash;
};

struct RunEngine::Run {
    QString id;
    RunSpec spec;
    QString workspaceRoot;
    QString promptPath; // absolute
    QString relPath; // as recorded: relative to the workspace
    QByteArray promptBytes;
    bool fromEditor = false;
    ProviderSettings settings;
    core::ChatRequest request;
    core::PriceTable prices;
    QString parametersJson;
    QString key; // in memory only, for the transport
    bool cancelled = false;
    bool launched = false; // the key is known; samples start (or wait their turn)
    bool finished = false;
    std::vector<Sample> samples;
    // Written once on the ledger thread, read only there.
    std::shared_ptr<QString> revision = std::make_shared<QString>();
};

RunEngine::RunEngine(RunEngineOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_transport(new Transport(this))
    , m_keys(new KeyStore(this))
{
    qRegisterMetaType<RunSampleResult>();
    qRegisterMetaType<CallAttempt>();
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
    m_ledger = new LedgerWorker(
        m_options.ledgerPath.isEmpty() ? core::Ledger::defaultPath() : m_options.ledgerPath);

    connect(
        m_transport, &Transport::event, this, [this](quint64 callId, const core::StreamEvent &e) {
            if (e.kind != core::StreamEvent::Kind::TextDelta)
                return;
            const auto it = m_calls.constFind(callId);
            if (it != m_calls.constEnd())
                emit textDelta(it->first->id, it->second, e.text);
        });
    connect(m_transport, &Transport::attemptFinished, this,
        [this](quint64 callId, const CallAttempt &a) {
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
    connect(m_transport, &Transport::finished, this,
        [this](quint64 callId, const core::ChatResult &result) {
            if (const auto list = m_modelCalls.constFind(callId); list != m_modelCalls.constEnd()) {
                const auto [name, type] = *list;
                m_modelCalls.erase(list);
                finishModelList(name, type, result);
                return;
            }
            const auto it = m_calls.find(callId);
            if (it == m_calls.end())
                return;
            const auto run = it->first;
            const int sample = it->second;
            m_calls.erase(it);
            finishSample(run, sample, result, std::nullopt, std::nullopt);
        });
}

RunEngine::~RunEngine()
{
    // The transport goes first (it is a child, but its calls must not report into a half-
    // destroyed engine); then the ledger worker drains its queue.
    for (auto it = m_calls.cbegin(); it != m_calls.cend(); ++it)
        m_transport->cancel(it.key());
    m_calls.clear();
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

core::Result<QString> RunEngine::start(const RunSpec &spec)
{
    auto run = std::make_shared<Run>();
    run->spec = spec;
    run->id
        = spec.runId.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : spec.runId;
    if (m_runs.contains(run->id))
        return core::fail(
            core::ErrorCode::Conflict, QStringLiteral("run '%1' is already running").arg(run->id));
    if (spec.repeat < 1 || spec.repeat > 1000)
        return core::fail(core::ErrorCode::InvalidInput,
            QStringLiteral("repeat must be from 1 to 1000, not %1").arg(spec.repeat));
    if (!spec.input.is_object())
        return core::fail(core::ErrorCode::InvalidInput,
            QStringLiteral("the input must be a JSON object of variables"));

    // Where the prompt is and what text to run.
    QString path = spec.promptPath;
    if (QFileInfo(path).isRelative() && !spec.workspaceRoot.isEmpty())
        path = QDir(spec.workspaceRoot).filePath(path);
    run->promptPath = QFileInfo(path).absoluteFilePath();
    run->workspaceRoot = spec.workspaceRoot.isEmpty()
        ? core::workspaceRootFor(run->promptPath)
        : QFileInfo(spec.workspaceRoot).absoluteFilePath();
    run->relPath = QDir(run->workspaceRoot).relativeFilePath(run->promptPath);
    if (spec.promptText) {
        run->promptBytes = spec.promptText->toUtf8();
        run->fromEditor = true;
    } else {
        // Its text is sent to a model: a link out of the workspace is refused, not followed.
        auto bytes = core::readWorkTreeFile(run->workspaceRoot, run->promptPath);
        if (!bytes)
            return tl::unexpected(bytes.error());
        run->promptBytes = *bytes;
    }
    auto prompt = core::parsePrompt(run->promptBytes.toStdString(), run->promptPath);
    if (!prompt)
        return tl::unexpected(prompt.error());

    // The workspace's settings: providers and price overrides.
    QByteArray yaml;
    const QString yamlPath = QDir(run->workspaceRoot).filePath(QStringLiteral("promptsmith.yaml"));
    if (QFileInfo::exists(yamlPath)) {
        auto read = readBytes(yamlPath);
        if (!read)
            return tl::unexpected(read.error());
        yaml = *read;
    }
    auto config = yaml.isEmpty() ? core::Result<ProvidersConfig>(ProvidersConfig())
                                 : ProvidersConfig::parse(QString::fromUtf8(yaml), yamlPath);
    if (!config)
        return tl::unexpected(config.error());
    run->prices = m_prices;
    if (!yaml.isEmpty()) {
        if (auto st = run->prices.applyOverridesFromYaml(yaml, yamlPath); !st)
            return tl::unexpected(st.error());
    }

    // Render, then apply the --set overrides to the rendered config.
    core::RenderInput input;
    input.input = spec.input;
    input.messages = spec.history;
    input.options = core::frontMatterDefaults(*prompt);
    input.validateInput = true;
    core::PromptEngine engine;
    engine.setPartialResolver(core::partialFileResolver(run->promptPath, run->workspaceRoot));
    auto rendered = engine.render(*prompt, input);
    if (!rendered)
        return tl::unexpected(rendered.error());
    Json renderedJson = rendered->json;
    if (!spec.configOverrides.is_null()) {
        if (!spec.configOverrides.is_object())
            return core::fail(core::ErrorCode::InvalidInput,
                QStringLiteral("config overrides must be a JSON object"));
        Json &cfg = renderedJson["config"];
        if (!cfg.is_object())
            cfg = Json::object();
        for (const auto &[key, value] : spec.configOverrides.items())
            cfg[key] = value;
    }
    auto request = core::chatRequestFromRenderedPrompt(renderedJson);
    if (!request)
        return tl::unexpected(request.error());

    QString modelRef = spec.modelRef;
    if (modelRef.isEmpty())
        modelRef = request->model;
    if (modelRef.isEmpty())
        modelRef = ProvidersConfig::defaultModelRef();
    auto target = config->resolve(modelRef);
    if (!target)
        return tl::unexpected(target.error());
    run->settings = target->first;
    run->request = *request;
    run->request.model = target->second;
    run->parametersJson = QString::fromStdString(requestParameters(run->request.params).dump());

    // No keychain to ask and no variable set: say so now rather than after a round trip.
    if (needsKey(run->settings) && (!m_options.useKeychain || !KeyStore::keychainAvailable())) {
        bool found = false;
        for (const QString &var : KeyStore::environmentVariables(run->settings))
            found
                = found || !qEnvironmentVariable(var.toLocal8Bit().constData()).trimmed().isEmpty();
        if (!found)
            return tl::unexpected(missingKeyError(run->settings));
    }

    run->samples.resize(size_t(spec.repeat));
    for (int i = 0; i < spec.repeat; ++i)
        run->samples[size_t(i)].requestHash = requestHash(run->settings, run->request, i);
    m_runs.insert(run->id, run);
    if (!m_loadNote.isEmpty()) {
        const QString n = std::exchange(m_loadNote, QString());
        QMetaObject::invokeMethod(
            this, [this, n] { emit note(n); }, Qt::QueuedConnection);
    }
    launch(run);
    return run->id;
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
        const int n = run->spec.sequential ? 1 : int(run->samples.size());
        for (int i = 0; i < n; ++i)
            startSample(run, i);
    };
    if (run->settings.type == QLatin1String("echo")) {
        QMetaObject::invokeMethod(this, begin, Qt::QueuedConnection);
        return;
    }
    QPointer<RunEngine> self(this);
    m_keys->lookup(run->settings, [self, run, begin](const KeyStore::Lookup &found) {
        if (!self)
            return;
        if (!found.note.isEmpty() && found.source != KeyStore::Source::Keychain)
            emit self->note(QStringLiteral("%1; using the environment").arg(found.note));
        if (found.key.isEmpty() && needsKey(run->settings) && !run->cancelled) {
            const core::Error error = missingKeyError(run->settings);
            emit self->runFailed(run->id, error);
            for (int i = 0; i < int(run->samples.size()); ++i) {
                core::ChatResult r;
                r.failure = core::Failure::Config;
                r.error = error;
                run->samples[size_t(i)].done = true;
                RunSampleResult s;
                s.result = r;
                s.provider = run->settings.name;
                s.model = run->request.model;
                s.requestHash = run->samples[size_t(i)].requestHash;
                run->samples[size_t(i)].reported = true;
                emit self->sampleFinished(run->id, i, s);
            }
            self->checkRunDone(run);
            return;
        }
        run->key = found.key;
        begin();
    });
}

void RunEngine::finishCancelledUnstarted(const std::shared_ptr<Run> &run, int sample)
{
    // Never sent, so no ledger row: there was no call to record.
    Sample &s = run->samples[size_t(sample)];
    if (s.done)
        return;
    s.done = true;
    RunSampleResult r;
    r.result.failure = core::Failure::Cancelled;
    r.result.error = core::Error { core::ErrorCode::Cancelled,
        QStringLiteral("cancelled before the call was sent"), {}, {}, 0, 0 };
    r.provider = run->settings.name;
    r.model = run->request.model;
    r.requestHash = s.requestHash;
    s.reported = true;
    emit sampleFinished(run->id, sample, r);
    checkRunDone(run);
}

void RunEngine::beginLedgerRow(const std::shared_ptr<Run> &run, int sample)
{
    core::CallStart start;
    start.startedAt = QDateTime::currentDateTimeUtc();
    start.workspace = run->workspaceRoot;
    start.promptPath = run->relPath;
    start.provider = run->settings.name;
    start.model = run->request.model;
    start.parametersJson = run->parametersJson;
    start.requestHash = run->samples[size_t(sample)].requestHash;
    start.runId = run->id;
    const auto ledgerId = run->samples[size_t(sample)].ledgerId;
    const auto revision = run->revision;
    const bool fromEditor = run->fromEditor;
    const QString root = run->workspaceRoot;
    const QString abs = run->promptPath;
    const QByteArray bytes = run->promptBytes;
    QPointer<RunEngine> self(this);
    const QString runId = run->id;
    m_ledger->post([=](core::Ledger *ledger, const core::Error *openError) mutable {
        if (revision->isEmpty())
            *revision = fromEditor ? sha256Text(bytes) : fileRevision(root, abs, bytes);
        if (!ledger) {
            const QString why = openError->toString();
            QMetaObject::invokeMethod(
                self,
                [self, why] {
                    if (self)
                        emit self->note(QStringLiteral("ledger not written: ") + why);
                },
                Qt::QueuedConnection);
            return;
        }
        start.promptRevision = *revision;
        auto id = ledger->beginCall(start);
        if (id)
            *ledgerId = *id;
        else {
            const QString why = id.error().toString();
            QMetaObject::invokeMethod(
                self,
                [self, why] {
                    if (self)
                        emit self->note(QStringLiteral("ledger not written: ") + why);
                },
                Qt::QueuedConnection);
        }
    });
}

void RunEngine::startSample(const std::shared_ptr<Run> &run, int sample)
{
    Sample &s = run->samples[size_t(sample)];
    if (s.started || s.done)
        return;
    s.started = true;
    if (run->cancelled) {
        finishCancelledUnstarted(run, sample);
        return;
    }
    const auto send = [this, run, sample] {
        if (run->cancelled) {
            finishCancelledUnstarted(run, sample);
            return;
        }
        beginLedgerRow(run, sample);
        const quint64 id = m_transport->start(run->settings, run->request, run->key);
        run->samples[size_t(sample)].callId = id;
        m_calls.insert(id, { run, sample });
    };
    if (!run->spec.useCache) {
        send();
        return;
    }
    // Look the answer up on the ledger thread; come back here to serve it or to send.
    QPointer<RunEngine> self(this);
    const QString hash = s.requestHash;
    m_ledger->post([self, run, sample, hash, send](core::Ledger *ledger, const core::Error *) {
        std::optional<core::CallRecord> hit;
        if (ledger) {
            if (auto found = ledger->cachedResponse(hash); found && *found)
                hit = **found;
        }
        QMetaObject::invokeMethod(
            self,
            [self, run, sample, hit, send] {
                if (!self)
                    return;
                if (!hit || run->cancelled) {
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
                self->finishSample(run, sample, r, hit->id, hit->outcome.costUsd);
            },
            Qt::QueuedConnection);
    });
}

void RunEngine::finishSample(const std::shared_ptr<Run> &run, int sample, core::ChatResult result,
    std::optional<qint64> cachedFromId, std::optional<double> originalCost)
{
    Sample &s = run->samples[size_t(sample)];
    s.done = true;
    s.callId = 0;

    RunSampleResult out;
    out.result = std::move(result);
    out.tokens = ledgerBuckets(out.result.usage);
    out.provider = run->settings.name;
    out.model = run->request.model;
    out.requestHash = s.requestHash;
    out.cached = cachedFromId.has_value();
    if (out.cached) {
        out.costUsd = 0.0;
        out.originalCostUsd = originalCost;
        out.priceVersion = run->prices.version();
    } else {
        // A configured name first (prices: {local/qwen: ...}); then the vendor's price by
        // type, but only for the vendor's own endpoint: a local server's price is unknown.
        core::CostEstimate est
            = run->prices.cost(run->settings.name, run->request.model, out.tokens);
        if (!est.usd && run->settings.name != run->settings.type
            && run->settings.baseUrl == ProviderSettings::builtin(run->settings.type).baseUrl)
            est = run->prices.cost(run->settings.type, run->request.model, out.tokens);
        out.costUsd = est.usd;
        out.priceVersion = est.priceVersion;
    }

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
}

void RunEngine::checkRunDone(const std::shared_ptr<Run> &run)
{
    if (run->finished)
        return;
    for (const Sample &s : run->samples)
        if (!s.reported)
            return;
    run->finished = true;
    run->key.clear();
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

bool RunEngine::isRunning(const QString &runId) const
{
    return m_runs.contains(runId);
}

void RunEngine::listModels(const QString &workspaceRoot, const QString &providerName)
{
    QByteArray yaml;
    const QString yamlPath = QDir(workspaceRoot).filePath(QStringLiteral("promptsmith.yaml"));
    if (QFileInfo::exists(yamlPath))
        yaml = readBytes(yamlPath).value_or(QByteArray());
    auto config = yaml.isEmpty() ? core::Result<ProvidersConfig>(ProvidersConfig())
                                 : ProvidersConfig::parse(QString::fromUtf8(yaml), yamlPath);
    const auto reply = [this, providerName](QStringList models, std::optional<core::Error> e) {
        QMetaObject::invokeMethod(
            this, [this, providerName, models, e] { emit modelsListed(providerName, models, e); },
            Qt::QueuedConnection);
    };
    if (!config) {
        reply({}, config.error());
        return;
    }
    const ProviderSettings *found = config->find(providerName);
    if (!found) {
        reply({},
            core::Error { core::ErrorCode::NotFound,
                QStringLiteral("no provider named '%1'").arg(providerName), {}, {}, 0, 0 });
        return;
    }
    const ProviderSettings settings = *found;
    if (settings.type == QLatin1String("echo")) {
        reply({ QStringLiteral("echo") }, std::nullopt);
        return;
    }
    if (settings.type != QLatin1String("ollama") && settings.type != QLatin1String("openai")) {
        reply({},
            core::Error { core::ErrorCode::InvalidInput,
                QStringLiteral("provider type %1 offers no model list here; type the model "
                               "name")
                    .arg(settings.type),
                {}, {}, 0, 0 });
        return;
    }
    QPointer<RunEngine> self(this);
    m_keys->lookup(settings, [self, settings, providerName](const KeyStore::Lookup &found) {
        if (!self)
            return;
        HttpRequest http;
        if (settings.type == QLatin1String("ollama")) {
            http = OllamaProvider::modelListRequest(settings);
        } else {
            http.method = "GET";
            http.url = (settings.baseUrl + QStringLiteral("/models")).toUtf8();
            http.addHeader("Accept", "application/json");
            for (const auto &[name, value] : settings.headers)
                http.addHeader(name.toUtf8(), value.toUtf8());
            if (!found.key.isEmpty()) {
                http.addHeader("Authorization", "Bearer " + found.key.toUtf8());
                http.secrets.append(found.key.toUtf8());
            }
        }
        const quint64 id = self->m_transport->startRaw(settings, http);
        self->m_modelCalls.insert(id, { providerName, settings.type });
    });
}

} // namespace psm::providers

namespace psm::providers {

void RunEngine::finishModelList(
    const QString &providerName, const QString &type, const core::ChatResult &result)
{
    if (!result.ok()) {
        emit modelsListed(providerName, {}, result.error);
        return;
    }
    if (type == QLatin1String("ollama")) {
        auto models = OllamaProvider::parseModelList(result.rawResponse);
        if (models)
            emit modelsListed(providerName, *models, std::nullopt);
        else
            emit modelsListed(providerName, {}, models.error());
        return;
    }
    // OpenAI-compatible: {"data": [{"id": "..."}, ...]}
    const Json body = Json::parse(result.rawResponse.constData(),
        result.rawResponse.constData() + result.rawResponse.size(), nullptr, false);
    QStringList models;
    if (body.is_object() && body.contains("data") && body["data"].is_array()) {
        for (const Json &m : body["data"])
            if (m.is_object() && m.contains("id") && m["id"].is_string())
                models.append(QString::fromStdString(m["id"].get<std::string>()));
        models.sort();
        emit modelsListed(providerName, models, std::nullopt);
        return;
    }
    emit modelsListed(providerName, {},
        core::Error { core::ErrorCode::Provider,
            QStringLiteral("the model list is not the expected {\"data\": [...]}"),
            QString::fromUtf8(result.rawResponse.left(200)), {}, 0, 0 });
}

} // namespace psm::providers
