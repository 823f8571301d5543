// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/eval/evalset.h"

#include "core/eval/assertions.h"
#include "core/eval/evalcsv.h"
#include "core/eval/providerid.h"
#include "core/prompt/frontmatter.h"
#include "core/workspace/worktreefiles.h"

#include <yaml-cpp/yaml.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace psm::core::eval {

namespace {

// Reads one eval file and the files it references. Errors stop the load: the first is kept.
class Loader final {
public:
    explicit Loader(QString workspaceRoot)
        : m_root(std::move(workspaceRoot))
    {
    }

    std::optional<Error> error;

    bool load(const QString &path, EvalSet *set);

private:
    struct Place {
        QString file;
        int line = 0;
        int column = 0;
    };

    Place at(const QString &file, const YAML::Node &node) const
    {
        const YAML::Mark mark = node.Mark();
        return { file, mark.line >= 0 ? mark.line + 1 : 0, mark.column >= 0 ? mark.column + 1 : 0 };
    }

    bool fail(const Place &place, const QString &message, ErrorCode code = ErrorCode::InvalidInput)
    {
        if (!error)
            error = Error { code, message, {}, place.file, place.line, place.column };
        return false;
    }

    bool readYaml(const QString &file, const Place &from, YAML::Node *root);
    bool resolve(
        const QString &reference, const QString &fromFile, const Place &place, QString *resolved);
    bool readText(const QString &file, const Place &place, QString *text);
    bool toJson(const QString &file, const YAML::Node &node, Json *out);
    bool fileValue(const QString &reference, const QString &fromFile, const Place &place,
        bool parseStructured, Json *out);

    bool parseProviders(const QString &file, const YAML::Node &node, EvalSet *set);
    bool parseTestsNode(const QString &file, const YAML::Node &node, QList<EvalTest> *tests);
    bool parseTestsFile(const QString &reference, const QString &fromFile, const Place &place,
        QList<EvalTest> *tests);
    bool parseTest(const QString &file, const YAML::Node &node, EvalTest *test);
    bool parseVars(const QString &file, const YAML::Node &node, Json *vars);
    bool parseAsserts(const QString &file, const YAML::Node &node, QList<AssertionSpec> *asserts);
    bool parseAssertion(const QString &file, const YAML::Node &node, AssertionSpec *spec);
    bool parseOptions(const QString &file, const YAML::Node &node, Json *options);
    bool checkAssertionType(const AssertionSpec &spec);
    bool number(const QString &file, const YAML::Node &node, const char *what, double *out);
    bool threshold(const QString &file, const YAML::Node &node, std::optional<double> *out);

    QString m_root;
    // The eval set's folder: every file:// path is relative to it, wherever it is written, as
    // promptfoo resolves them against its config's folder (cliState.basePath).
    QString m_baseDir;
    // Test files being read, outermost first: a file:// chain that comes back to one of them
    // would recurse until the stack overflows.
    QStringList m_testFilesOpen;
};

bool isString(const YAML::Node &node)
{
    return node.IsScalar();
}

bool isFileReference(const Json &value)
{
    return value.is_string() && value.get<std::string>().rfind("file://", 0) == 0;
}

QString scalar(const YAML::Node &node)
{
    return QString::fromStdString(node.Scalar());
}

bool Loader::readYaml(const QString &file, const Place &from, YAML::Node *root)
{
    QString text;
    if (!readText(file, from, &text))
        return false;
    try {
        *root = YAML::Load(text.toStdString());
    } catch (const YAML::Exception &e) {
        return fail({ file, e.mark.line + 1, e.mark.column + 1 },
            QStringLiteral("not valid YAML: %1").arg(QString::fromStdString(e.msg)));
    }
    // One conversion of the whole document up front finds what yaml-cpp accepts and the
    // JS yaml package does not (duplicate keys), wherever it is.
    Json whole;
    return toJson(file, *root, &whole);
}

bool Loader::readText(const QString &file, const Place &place, QString *text)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return fail(place, QStringLiteral("cannot read %1: %2").arg(file, f.errorString()),
            ErrorCode::NotFound);
    *text = QString::fromUtf8(f.readAll());
    return true;
}

// file:// paths are relative to the eval set's folder (also inside a tests file elsewhere) and
// must stay inside the workspace once symlinks are resolved, so an eval set cannot read ~/.ssh
// or another checkout.
bool Loader::resolve(
    const QString &reference, const QString &fromFile, const Place &place, QString *resolved)
{
    QString relative = reference.mid(7); // after "file://"
    const QString base
        = m_baseDir.isEmpty() ? QFileInfo(fromFile).absolutePath() : m_baseDir;
    const QString candidate
        = QFileInfo(relative).isAbsolute() ? relative : QDir(base).filePath(relative);
    // The same real-path rule as every other workspace read (links followed, .git refused).
    const auto real = realPathInWorkTree(m_root, candidate);
    if (!real)
        return fail(place, reference + QStringLiteral(": ") + real.error().message,
            real.error().code);
    if (!QFileInfo(*real).isFile())
        return fail(place, QStringLiteral("%1: no such file (%2)").arg(reference, candidate),
            ErrorCode::NotFound);
    *resolved = *real;
    return true;
}

bool Loader::toJson(const QString &file, const YAML::Node &node, Json *out)
{
    frontmatter::YamlError problem;
    if (frontmatter::convertNode(node, out, &problem))
        return true;
    return fail({ file, problem.line, problem.column }, QString::fromStdString(problem.message));
}

// A file:// value as promptfoo reads it. Assertion values and vars files (`parseStructured`):
// YAML/JSON parsed. A single var: YAML becomes its JSON text (promptfoo's JSON.stringify), as
// JSON stays text. Any other file is its text with surrounding whitespace trimmed.
bool Loader::fileValue(const QString &reference, const QString &fromFile, const Place &place,
    bool parseStructured, Json *out)
{
    QString path;
    if (!resolve(reference, fromFile, place, &path))
        return false;
    const QString suffix = QFileInfo(path).suffix().toLower();
    const bool yaml = suffix == u"yaml" || suffix == u"yml";
    if (yaml || (parseStructured && suffix == u"json")) {
        YAML::Node root;
        if (!readYaml(path, place, &root) || !toJson(path, root, out))
            return false;
        if (!parseStructured)
            *out = out->dump(-1, ' ', false, Json::error_handler_t::replace);
        return true;
    }
    QString text;
    if (!readText(path, place, &text))
        return false;
    *out = text.trimmed().toStdString();
    return true;
}

bool Loader::number(const QString &file, const YAML::Node &node, const char *what, double *out)
{
    Json value;
    toJson(file, node, &value);
    if (!value.is_number())
        return fail(at(file, node), QStringLiteral("%1 must be a number").arg(QLatin1String(what)));
    *out = value.get<double>();
    return true;
}

bool Loader::threshold(const QString &file, const YAML::Node &node, std::optional<double> *out)
{
    double value = 0;
    if (!number(file, node, "threshold", &value))
        return false;
    *out = value;
    return true;
}

bool Loader::checkAssertionType(const AssertionSpec &spec)
{
    const Place place { spec.file, spec.line, spec.column };
    switch (assertionSupport(spec.type)) {
    case AssertionSupport::Deterministic:
    case AssertionSupport::ModelGraded:
        return true;
    case AssertionSupport::Unsupported:
        return fail(place,
            QStringLiteral("assertion type \"%1\" is not supported by Promptsmith "
                           "(no code execution, no embedding or other graders); "
                           "remove it or run this eval set in promptfoo")
                .arg(spec.displayType()));
    case AssertionSupport::Unknown:
        break;
    }
    return fail(place, QStringLiteral("unknown assertion type \"%1\"").arg(spec.displayType()));
}

bool Loader::parseAssertion(const QString &file, const YAML::Node &node, AssertionSpec *spec)
{
    if (!node.IsMap())
        return fail(at(file, node), QStringLiteral("an assertion must be a mapping with a type"));
    const YAML::Node type = node["type"];
    if (!type || !isString(type))
        return fail(at(file, node), QStringLiteral("assertion has no type"));
    QString name = scalar(type);
    const Place place = at(file, type);
    spec->file = place.file;
    spec->line = place.line;
    spec->column = place.column;
    if (name.startsWith(u"not-")) {
        spec->inverse = true;
        name = name.mid(4);
    }
    spec->type = name;
    if (!checkAssertionType(*spec))
        return false;
    for (const auto &entry : node) {
        const std::string key = entry.first.Scalar();
        const YAML::Node &value = entry.second;
        if (key == "type") {
            continue;
        } else if (key == "value") {
            if (!toJson(file, value, &spec->value))
                return false;
            if (isFileReference(spec->value)) {
                const QString reference = QString::fromStdString(spec->value.get<std::string>());
                if (!fileValue(reference, file, at(file, value), true, &spec->value))
                    return false;
            }
        } else if (key == "threshold") {
            if (!threshold(file, value, &spec->threshold))
                return false;
        } else if (key == "weight") {
            if (!number(file, value, "weight", &spec->weight))
                return false;
        } else if (key == "metric") {
            spec->metric = scalar(value);
        } else if (key == "provider") {
            // The grader for this one model-graded assertion.
            if (!isString(value))
                return fail(at(file, value), QStringLiteral("provider must be an id"));
            QString problem;
            const auto id = normaliseProviderId(scalar(value), &problem);
            if (!id)
                return fail(at(file, value), problem);
            spec->options["provider"] = id->toStdString();
        } else if (key == "transform" || key == "contextTransform" || key == "config") {
            return fail(at(file, entry.first),
                QStringLiteral("assertion \"%1\" is not supported by Promptsmith (it runs "
                               "JavaScript or Python)")
                    .arg(QString::fromStdString(key)));
        }
    }
    return true;
}

bool Loader::parseAsserts(
    const QString &file, const YAML::Node &node, QList<AssertionSpec> *asserts)
{
    if (!node.IsSequence())
        return fail(at(file, node), QStringLiteral("assert must be a list"));
    for (const YAML::Node &entry : node) {
        AssertionSpec spec;
        if (!parseAssertion(file, entry, &spec))
            return false;
        asserts->append(std::move(spec));
    }
    return true;
}

bool Loader::parseVars(const QString &file, const YAML::Node &node, Json *vars)
{
    if (isString(node) && node.Scalar().rfind("file://", 0) == 0) {
        Json loaded;
        if (!fileValue(scalar(node), file, at(file, node), true, &loaded))
            return false;
        if (!loaded.is_object())
            return fail(at(file, node), QStringLiteral("vars file must hold a mapping"));
        vars->update(loaded);
        return true;
    }
    if (!node.IsMap())
        return fail(at(file, node), QStringLiteral("vars must be a mapping"));
    for (const auto &entry : node) {
        Json value;
        if (!toJson(file, entry.second, &value))
            return false;
        // A file:// value is read as promptfoo reads it when rendering the prompt.
        if (isFileReference(value)) {
            const QString reference = QString::fromStdString(value.get<std::string>());
            if (!fileValue(reference, file, at(file, entry.second), false, &value))
                return false;
        }
        (*vars)[entry.first.Scalar()] = std::move(value);
    }
    return true;
}

bool Loader::parseOptions(const QString &file, const YAML::Node &node, Json *options)
{
    if (!node.IsMap())
        return fail(at(file, node), QStringLiteral("options must be a mapping"));
    for (const auto &entry : node) {
        const std::string key = entry.first.Scalar();
        if (key == "rubricPrompt") {
            // The grader prompt must be the one the user sees (modelgraded.h); a custom one
            // would be silently replaced, so refuse it rather than grade differently.
            return fail(at(file, entry.first),
                QStringLiteral("options.rubricPrompt is not supported by Promptsmith yet: the "
                               "default grader prompt is used"));
        }
        if (key == "transform" || key == "postprocess" || key == "transformVars") {
            return fail(at(file, entry.first),
                QStringLiteral("options.%1 is not supported by Promptsmith (it runs "
                               "JavaScript or Python)")
                    .arg(QString::fromStdString(key)));
        }
        Json value;
        if (!toJson(file, entry.second, &value))
            return false;
        if (key == "provider") {
            const Json *id = value.is_object() && value.contains("id") ? &value["id"] : &value;
            if (!id->is_string())
                return fail(at(file, entry.second), QStringLiteral("options.provider needs an id"));
            QString problem;
            const auto normalised
                = normaliseProviderId(QString::fromStdString(id->get<std::string>()), &problem);
            if (!normalised)
                return fail(at(file, entry.second), problem);
            value = normalised->toStdString();
        }
        (*options)[key] = std::move(value);
    }
    return true;
}

bool Loader::parseTest(const QString &file, const YAML::Node &node, EvalTest *test)
{
    if (!node.IsMap())
        return fail(at(file, node), QStringLiteral("a test must be a mapping"));
    const Place place = at(file, node);
    test->file = place.file;
    test->line = place.line;
    test->column = place.column;
    for (const auto &entry : node) {
        const std::string key = entry.first.Scalar();
        const YAML::Node &value = entry.second;
        if (key == "description") {
            test->description = scalar(value);
        } else if (key == "vars") {
            if (!parseVars(file, value, &test->vars))
                return false;
        } else if (key == "assert") {
            if (!parseAsserts(file, value, &test->asserts))
                return false;
        } else if (key == "threshold") {
            if (!threshold(file, value, &test->threshold))
                return false;
        } else if (key == "options") {
            if (!parseOptions(file, value, &test->options))
                return false;
        } else if (key == "assertScoringFunction") {
            return fail(at(file, entry.first),
                QStringLiteral("assertScoringFunction is not supported by Promptsmith"));
        }
    }
    return true;
}

bool Loader::parseTestsFile(
    const QString &reference, const QString &fromFile, const Place &place, QList<EvalTest> *tests)
{
    QString path;
    if (!resolve(reference, fromFile, place, &path))
        return false;
    if (QFileInfo(path).suffix().toLower() == u"csv") {
        QString text;
        if (!readText(path, place, &text))
            return false;
        auto rows = testsFromCsv(text, path);
        if (!rows) {
            if (!error)
                error = rows.error();
            return false;
        }
        for (EvalTest &test : *rows) {
            for (const AssertionSpec &spec : test.asserts) {
                if (!checkAssertionType(spec))
                    return false;
            }
            tests->append(std::move(test));
        }
        return true;
    }
    if (m_testFilesOpen.contains(path))
        return fail(place,
            QStringLiteral("%1 includes itself: %2")
                .arg(reference, (m_testFilesOpen.mid(m_testFilesOpen.indexOf(path)) << path)
                                    .join(QStringLiteral(" -> "))));
    YAML::Node root;
    if (!readYaml(path, place, &root))
        return false;
    m_testFilesOpen.append(path);
    const bool ok = parseTestsNode(path, root, tests);
    m_testFilesOpen.removeLast();
    return ok;
}

bool Loader::parseTestsNode(const QString &file, const YAML::Node &node, QList<EvalTest> *tests)
{
    if (isString(node) && node.Scalar().rfind("file://", 0) == 0)
        return parseTestsFile(scalar(node), file, at(file, node), tests);
    if (node.IsMap()) {
        EvalTest test;
        if (!parseTest(file, node, &test))
            return false;
        tests->append(std::move(test));
        return true;
    }
    if (!node.IsSequence())
        return fail(at(file, node), QStringLiteral("tests must be a list or a file:// reference"));
    for (const YAML::Node &entry : node) {
        if (!parseTestsNode(file, entry, tests))
            return false;
    }
    return true;
}

bool Loader::parseProviders(const QString &file, const YAML::Node &node, EvalSet *set)
{
    const auto add = [&](const YAML::Node &entry) {
        YAML::Node idNode = entry;
        if (entry.IsMap())
            idNode = entry["id"];
        if (!idNode || !isString(idNode))
            return fail(at(file, entry), QStringLiteral("a provider needs an id"));
        QString problem;
        const auto id = normaliseProviderId(scalar(idNode), &problem);
        if (!id)
            return fail(at(file, idNode), problem);
        set->providers.append(*id);
        return true;
    };
    if (!node.IsSequence())
        return add(node);
    for (const YAML::Node &entry : node) {
        if (!add(entry))
            return false;
    }
    return true;
}

// promptfoo's generateVarCombinations(): a var holding a list of strings (or of anything whose
// first item is a string) fans out into one test per item, as a cartesian product over such
// vars; a list whose first item is not a string stays one value (a list of passages).
QList<Json> varCombinations(const Json &vars)
{
    QList<Json> combinations { Json::object() };
    for (auto it = vars.begin(); it != vars.end(); ++it) {
        const Json &value = it.value();
        const bool expands = value.is_array() && !value.empty() && value.front().is_string();
        QList<Json> next;
        for (const Json &combination : combinations) {
            if (expands) {
                for (const Json &item : value) {
                    Json copy = combination;
                    copy[it.key()] = item;
                    next.append(std::move(copy));
                }
            } else {
                Json copy = combination;
                copy[it.key()] = value;
                next.append(std::move(copy));
            }
        }
        combinations = std::move(next);
    }
    return combinations;
}

bool Loader::load(const QString &path, EvalSet *set)
{
    const QString file = QFileInfo(path).absoluteFilePath();
    set->file = file;
    m_baseDir = QFileInfo(file).absolutePath();
    YAML::Node root;
    if (!readYaml(file, { file, 0, 0 }, &root))
        return false;
    if (!root.IsMap())
        return fail(at(file, root), QStringLiteral("an eval set must be a mapping"));

    EvalTest defaults;
    QList<EvalTest> tests;
    for (const auto &entry : root) {
        const std::string key = entry.first.Scalar();
        const YAML::Node &value = entry.second;
        if (key == "description") {
            set->description = scalar(value);
        } else if (key == "prompts") {
            // promptfoo accepts `file://` before a prompt path; the path is what we keep.
            const auto addPrompt = [&](const YAML::Node &prompt) {
                QString name = scalar(prompt);
                if (name.startsWith(u"file://"))
                    name = name.mid(7);
                set->prompts.append(name);
            };
            if (value.IsSequence()) {
                for (const YAML::Node &prompt : value)
                    addPrompt(prompt);
            } else {
                addPrompt(value);
            }
        } else if (key == "providers") {
            if (!parseProviders(file, value, set))
                return false;
        } else if (key == "defaultTest") {
            if (isString(value))
                return fail(at(file, value),
                    QStringLiteral("defaultTest as a file:// reference is not supported"));
            if (!parseTest(file, value, &defaults))
                return false;
        } else if (key == "tests") {
            if (!parseTestsNode(file, value, &tests))
                return false;
        } else if (key == "scenarios" || key == "extensions" || key == "derivedMetrics") {
            return fail(at(file, entry.first),
                QStringLiteral("\"%1\" is not supported by "
                               "Promptsmith")
                    .arg(QString::fromStdString(key)));
        }
    }
    if (defaults.options.contains("provider"))
        set->graderProvider
            = QString::fromStdString(defaults.options["provider"].get<std::string>());

    // promptfoo's prepareTestCaseForEval(): defaults first, the test's own on top.
    for (EvalTest &test : tests) {
        Json vars = defaults.vars;
        vars.update(test.vars);
        Json options = defaults.options;
        options.update(test.options);
        QList<AssertionSpec> asserts = defaults.asserts;
        asserts.append(test.asserts);
        const auto threshold = test.threshold ? test.threshold : defaults.threshold;
        for (Json &combination : varCombinations(vars)) {
            EvalTest resolved = test;
            resolved.vars = std::move(combination);
            resolved.options = options;
            resolved.asserts = asserts;
            resolved.threshold = threshold;
            set->tests.append(std::move(resolved));
        }
    }
    return true;
}

} // namespace

Result<EvalSet> loadEvalSet(const QString &path, const QString &workspaceRoot)
{
    Loader loader(workspaceRoot);
    EvalSet set;
    if (!loader.load(path, &set))
        return tl::unexpected(*loader.error);
    return set;
}

} // namespace psm::core::eval
