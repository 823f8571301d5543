// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "run/runplanner.h"

#include "core/chat/renderedprompt.h"
#include "core/prompt/partialfiles.h"
#include "core/prompt/promptengine.h"
#include "core/prompt/promptrender.h"
#include "core/workspace/workspace.h"
#include "core/workspace/worktreefiles.h"
#include "providers/providersconfig.h"
#include "run/requesthash.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <map>

namespace psm::run {
namespace {

using Json = nlohmann::ordered_json;

QString sha256Text(const QByteArray &bytes)
{
    return QStringLiteral("sha256:")
        + QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

// The commit id when the file on disk equals HEAD's version, else the hash of its text.
QString fileRevision(const QString &root, const QString &relPath, const QByteArray &text)
{
    if (auto ws = core::Workspace::open(root)) {
        auto head = ws->resolve(QStringLiteral("HEAD"));
        auto blob = ws->readFile(QStringLiteral("HEAD"), relPath);
        if (head && blob && *blob == text)
            return *head;
    }
    return sha256Text(text);
}

// One revision's text, its id, and the name its errors carry.
struct RevisionText {
    QByteArray bytes;
    QString id;
    QString fileName;
};

core::Result<RevisionText> readRevision(const PromptRevision &revision, const RunPlan &plan)
{
    switch (revision.kind) {
    case PromptRevision::Kind::Text: {
        const QByteArray bytes = revision.text.toUtf8();
        return RevisionText { bytes, sha256Text(bytes), plan.promptPath };
    }
    case PromptRevision::Kind::WorkingCopy: {
        // Its text is sent to a model: a link out of the workspace is refused, not followed.
        auto bytes = core::readWorkTreeFile(plan.workspaceRoot, plan.promptPath);
        if (!bytes)
            return tl::unexpected(bytes.error());
        return RevisionText { *bytes, fileRevision(plan.workspaceRoot, plan.relPath, *bytes),
            plan.promptPath };
    }
    case PromptRevision::Kind::Git:
        break;
    }
    auto ws = core::Workspace::open(plan.workspaceRoot);
    if (!ws)
        return tl::unexpected(ws.error());
    auto commit = ws->resolve(revision.rev);
    if (!commit)
        return tl::unexpected(commit.error());
    auto bytes = ws->readFile(*commit, plan.relPath);
    if (!bytes)
        return tl::unexpected(bytes.error());
    // "prompts/a.prompt@v1.2:3:5: ..." says which revision of the file is wrong.
    return RevisionText { *bytes, *commit, plan.relPath + QLatin1Char('@') + revision.rev };
}

// `{{> name}}` as a git revision has it: `_name.prompt` next to the prompt, then under
// prompts/, read from the object database like the prompt itself (the same search as
// core::partialFileResolver does on disk).
core::PromptEngine::PartialResolver gitPartialResolver(
    const QString &workspaceRoot, const QString &relPath, const QString &commit)
{
    auto ws = std::make_shared<std::optional<core::Workspace>>();
    if (auto opened = core::Workspace::open(workspaceRoot))
        ws->emplace(std::move(*opened));
    const QString promptDir = relPath.contains(QLatin1Char('/'))
        ? relPath.section(QLatin1Char('/'), 0, -2) + QLatin1Char('/')
        : QString();
    return [ws, promptDir, commit, relPath](
               const std::string &name) -> std::optional<core::PromptEngine::PartialSource> {
        const QString partial = QString::fromStdString(name);
        if (!*ws || partial.isEmpty() || partial.contains(QLatin1String("..")))
            return std::nullopt;
        const int slash = int(partial.lastIndexOf(QLatin1Char('/')));
        const QString file = partial.left(slash + 1) + QLatin1Char('_') + partial.mid(slash + 1)
            + QStringLiteral(".prompt");
        for (const QString &path : { promptDir + file, QStringLiteral("prompts/") + file }) {
            if (auto blob = (*ws)->readFile(commit, path))
                return core::PromptEngine::PartialSource { blob->toStdString(),
                    path + QLatin1Char('@') + commit.left(12) };
        }
        return std::nullopt;
    };
}

// Partials come from the same revision as the prompt.
core::PromptEngine::PartialResolver partialsOf(
    const PromptRevision &revision, const RunPlan &plan, const QString &revisionId)
{
    return revision.kind == PromptRevision::Kind::Git
        ? gitPartialResolver(plan.workspaceRoot, plan.relPath, revisionId)
        : core::partialFileResolver(plan.promptPath, plan.workspaceRoot);
}

// A plan with only the prompt's paths filled in.
RunPlan planPaths(const RunSpec &spec)
{
    RunPlan plan;
    QString path = spec.promptPath;
    if (QFileInfo(path).isRelative() && !spec.workspaceRoot.isEmpty())
        path = QDir(spec.workspaceRoot).filePath(path);
    plan.promptPath = QFileInfo(path).absoluteFilePath();
    plan.workspaceRoot = RunPlanner::workspaceRoot(spec);
    plan.relPath = QDir(plan.workspaceRoot).relativeFilePath(plan.promptPath);
    return plan;
}

} // namespace

core::Result<PromptSource> RunPlanner::readPromptRevision(
    const RunSpec &spec, const PromptRevision &revision)
{
    const RunPlan plan = planPaths(spec);
    auto text = readRevision(revision, plan);
    if (!text)
        return tl::unexpected(text.error());
    return PromptSource { text->bytes, text->id, text->fileName,
        partialsOf(revision, plan, text->id) };
}

QString RunPlanner::workspaceRoot(const RunSpec &spec)
{
    if (!spec.workspaceRoot.isEmpty())
        return QFileInfo(spec.workspaceRoot).absoluteFilePath();
    QString path = spec.promptPath;
    return core::workspaceRootFor(QFileInfo(path).absoluteFilePath());
}

core::Result<Json> RunPlanner::renderForCall(const QByteArray &text, const QString &fileName,
    const core::PromptEngine::PartialResolver &partials, const Json &input, const Json &history)
{
    core::PromptRenderRequest request;
    request.text = QString::fromUtf8(text);
    request.fileName = fileName;
    request.partials = partials;
    request.input = input;
    request.history = history;
    request.validation = core::InputValidation::Strict;
    auto render = core::renderPrompt(request);
    if (!render.rendered)
        return tl::unexpected(render.rendered.error());
    return std::move(render.rendered->json);
}

core::Result<RunPlan> RunPlanner::plan(
    const RunSpec &spec, const core::WorkspaceSettings &settings, const core::PriceTable &prices)
{
    if (spec.repeat < 1 || spec.repeat > 1000)
        return core::fail(core::ErrorCode::InvalidInput,
            QStringLiteral("repeat must be from 1 to 1000, not %1").arg(spec.repeat));

    RunPlan plan = planPaths(spec);

    auto config = providers::ProvidersConfig::fromSettings(settings);
    if (!config)
        return tl::unexpected(config.error());
    plan.prices = prices;
    if (auto st = plan.prices.applyOverrides(settings); !st)
        return tl::unexpected(st.error());

    std::vector<PromptRevision> revisions = spec.revisions;
    if (revisions.empty())
        revisions.push_back(spec.promptText ? PromptRevision::unsavedText(*spec.promptText)
                                            : PromptRevision::workingCopy());
    QStringList models = spec.modelRefs;
    if (models.isEmpty())
        models.append(spec.modelRef);
    std::vector<Json> parameterSets = spec.parameterSets;
    if (parameterSets.empty())
        parameterSets.push_back(spec.configOverrides);
    std::vector<Json> inputs = spec.inputs;
    if (inputs.empty())
        inputs.push_back(spec.input);
    for (const Json &input : inputs)
        if (!input.is_object())
            return core::fail(core::ErrorCode::InvalidInput,
                QStringLiteral("the input must be a JSON object of variables"));
    for (const Json &set : parameterSets)
        if (!set.is_null() && !set.is_object())
            return core::fail(core::ErrorCode::InvalidInput,
                QStringLiteral("config overrides must be a JSON object"));
    const size_t total = revisions.size() * size_t(models.size()) * parameterSets.size()
        * inputs.size() * size_t(spec.repeat);
    if (total > 100'000)
        return core::fail(core::ErrorCode::InvalidInput,
            QStringLiteral("the run would make %1 calls; at most 100000 are planned at once")
                .arg(total));

    for (int r = 0; r < int(revisions.size()); ++r) {
        auto text = readRevision(revisions[size_t(r)], plan);
        if (!text)
            return tl::unexpected(text.error());
        const auto partials = partialsOf(revisions[size_t(r)], plan, text->id);
        // Rendering depends on the revision and the input only: once per pair.
        std::vector<Json> rendered;
        for (const Json &input : inputs) {
            auto json = renderForCall(text->bytes, text->fileName, partials, input, spec.history);
            if (!json) {
                core::Error e = json.error();
                if (e.file.isEmpty() || e.file == plan.promptPath)
                    e.file = text->fileName;
                return tl::unexpected(e);
            }
            rendered.push_back(std::move(*json));
        }
        for (int m = 0; m < int(models.size()); ++m) {
            for (int p = 0; p < int(parameterSets.size()); ++p) {
                for (int i = 0; i < int(inputs.size()); ++i) {
                    Json json = rendered[size_t(i)];
                    const Json &overrides = parameterSets[size_t(p)];
                    if (overrides.is_object() && !overrides.empty()) {
                        Json &cfg = json["config"];
                        if (!cfg.is_object())
                            cfg = Json::object();
                        for (const auto &[key, value] : overrides.items())
                            cfg[key] = value;
                    }
                    auto request = core::chatRequestFromRenderedPrompt(json);
                    if (!request)
                        return tl::unexpected(request.error());
                    QString modelRef = models[m];
                    if (modelRef.isEmpty())
                        modelRef = request->model;
                    if (modelRef.isEmpty())
                        modelRef = providers::ProvidersConfig::defaultModelRef();
                    auto target = config->resolve(modelRef);
                    if (!target)
                        return tl::unexpected(target.error());
                    PlannedCall call;
                    call.revisionIndex = r;
                    call.modelIndex = m;
                    call.parameterSetIndex = p;
                    call.inputIndex = i;
                    call.revisionId = text->id;
                    call.modelRef = modelRef;
                    call.settings = target->first;
                    call.request = std::move(*request);
                    call.request.model = target->second;
                    call.parametersJson
                        = QString::fromStdString(requestParameters(call.request.params).dump());
                    for (int k = 0; k < spec.repeat; ++k) {
                        PlannedCall sample = call;
                        sample.repeatIndex = k;
                        sample.index = int(plan.calls.size());
                        sample.requestHash = requestHash(sample.settings, sample.request, k);
                        plan.calls.push_back(std::move(sample));
                    }
                }
            }
        }
    }
    return plan;
}

} // namespace psm::run
