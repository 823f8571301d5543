// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// yaml-cpp throws; everything it does stays inside this file, turned into Error values.
#include "core/settings/workspacesettings.h"

#include "core/ledger/pricefields.h"
#include "core/prompt/frontmatter.h"
#include "core/workspace/worktreefiles.h"

#include <QDir>
#include <QFileInfo>

#include <yaml-cpp/yaml.h>

namespace psm::core {

using Json = nlohmann::ordered_json;

// Raised inside one section's parser; the section is dropped and the error kept.
struct SectionProblem {
    QString message;
    YAML::Mark mark;
};

class SettingsParser final {
public:
    explicit SettingsParser(WorkspaceSettings &out)
        : m_out(out)
    {
    }

    void run(const QByteArray &yaml);
    void runBudgetsOnly(const QByteArray &yaml);

private:
    Error at(const YAML::Mark &mark, const QString &message) const
    {
        return Error { ErrorCode::InvalidInput, message, {}, m_out.m_file, mark.line + 1,
            mark.column + 1 };
    }
    void warn(const YAML::Mark &mark, const QString &message)
    {
        m_out.m_warnings.push_back(at(mark, message));
    }
    template <typename Parse>
    void section(WorkspaceSettings::Section which, const YAML::Node &node, Parse parse)
    {
        try {
            parse(node);
        } catch (const SectionProblem &p) {
            const Error e = at(p.mark, p.message);
            m_out.m_errors.push_back(e);
            m_out.m_sectionErrors.emplace_back(which, e);
        } catch (const YAML::Exception &ex) {
            const Error e = at(ex.mark, QString::fromStdString(ex.msg));
            m_out.m_errors.push_back(e);
            m_out.m_sectionErrors.emplace_back(which, e);
        }
    }

    void providers(const YAML::Node &node);
    void presets(const YAML::Node &node);
    void columns(const YAML::Node &node);
    void budgets(const YAML::Node &node);
    void layouts(const YAML::Node &node);
    void prices(const YAML::Node &node);

    WorkspaceSettings &m_out;
};

namespace {

QString text(const YAML::Node &node)
{
    return QString::fromStdString(node.Scalar());
}

// Mappings and sequences recursively. Scalars either as their text (provider entries, whose
// values the providers layer interprets and quotes as written) or typed by the YAML 1.2 core
// schema, as a prompt's own `config:` is read (plain 5 a number, quoted "5" a string).
enum class Scalars { AsWritten, Typed };

Json toJson(const YAML::Node &node, Scalars scalars)
{
    if (node.IsMap()) {
        Json object = Json::object();
        for (const auto &item : node)
            object[item.first.Scalar()] = toJson(item.second, scalars);
        return object;
    }
    if (node.IsSequence()) {
        Json array = Json::array();
        for (const auto &item : node)
            array.push_back(toJson(item, scalars));
        return array;
    }
    if (!node.IsScalar())
        return Json(nullptr);
    if (scalars == Scalars::Typed && node.Tag() == "?")
        return frontmatter::plainScalar(node.Scalar());
    return Json(node.Scalar());
}

// A price mapping as JSON, every leaf a plain (unquoted) number, so a wrong value is reported
// where it is written; parseModelPrice checks the rest.
nlohmann::json priceJson(const YAML::Node &node, const QString &what)
{
    if (node.IsMap()) {
        nlohmann::json object = nlohmann::json::object();
        for (const auto &item : node)
            object[item.first.Scalar()] = priceJson(item.second, text(item.first));
        return object;
    }
    if (node.IsScalar() && node.Tag() == "?") {
        double value = 0;
        if (YAML::convert<double>::decode(node, value))
            return nlohmann::json(value);
    }
    throw SectionProblem { QStringLiteral("price '%1' must be a number (USD per million "
                                          "tokens) or a mapping of them")
                               .arg(what),
        node.Mark() };
}

double nonNegativeNumber(const YAML::Node &node, const QString &what)
{
    double value = 0;
    if (!node.IsScalar() || node.Tag() != "?" || !YAML::convert<double>::decode(node, value)
        || !(value >= 0))
        throw SectionProblem { QStringLiteral("%1 must be a number of USD of 0 or more").arg(what),
            node.Mark() };
    return value;
}

} // namespace

void SettingsParser::runBudgetsOnly(const QByteArray &yaml)
{
    try {
        const YAML::Node root = YAML::Load(yaml.toStdString());
        if (root && !root.IsNull())
            section(WorkspaceSettings::Section::Budgets, root,
                [this](const YAML::Node &n) { budgets(n); });
    } catch (const YAML::Exception &ex) {
        const Error e
            = at(ex.mark, QStringLiteral("not valid YAML: %1").arg(QString::fromStdString(ex.msg)));
        m_out.m_errors.push_back(e);
        m_out.m_syntaxError = e;
    }
}

void SettingsParser::run(const QByteArray &yaml)
{
    YAML::Node root;
    try {
        root = YAML::Load(yaml.toStdString());
    } catch (const YAML::Exception &ex) {
        const Error e
            = at(ex.mark, QStringLiteral("not valid YAML: %1").arg(QString::fromStdString(ex.msg)));
        m_out.m_errors.push_back(e);
        m_out.m_syntaxError = e;
        return;
    }
    if (!root || root.IsNull())
        return;
    if (!root.IsMap()) {
        const Error e = at(root.Mark(), QStringLiteral("the settings file must be a mapping"));
        m_out.m_errors.push_back(e);
        m_out.m_syntaxError = e;
        return;
    }
    using S = WorkspaceSettings::Section;
    for (const auto &item : root) {
        const QString key = text(item.first);
        const YAML::Node &value = item.second;
        if (value.IsNull())
            continue;
        if (key == QLatin1String("providers"))
            section(S::Providers, value, [this](const YAML::Node &n) { providers(n); });
        else if (key == QLatin1String("presets"))
            section(S::Presets, value, [this](const YAML::Node &n) { presets(n); });
        else if (key == QLatin1String("columns"))
            section(S::Columns, value, [this](const YAML::Node &n) { columns(n); });
        else if (key == QLatin1String("budgets"))
            section(S::Budgets, value, [this](const YAML::Node &n) { budgets(n); });
        else if (key == QLatin1String("prices"))
            section(S::Prices, value, [this](const YAML::Node &n) { prices(n); });
        else if (key == QLatin1String("layouts"))
            section(S::Layouts, value, [this](const YAML::Node &n) { layouts(n); });
        else
            warn(item.first.Mark(),
                QStringLiteral("unknown setting '%1' ignored (known: providers, presets, columns, "
                               "budgets, prices, layouts)")
                    .arg(key));
    }
}

void SettingsParser::providers(const YAML::Node &node)
{
    if (!node.IsMap())
        throw SectionProblem { QStringLiteral("providers must be a mapping of name: settings"),
            node.Mark() };
    std::vector<ProviderEntry> out;
    for (const auto &item : node) {
        ProviderEntry entry;
        entry.name = text(item.first);
        entry.line = item.first.Mark().line + 1;
        entry.column = item.first.Mark().column + 1;
        for (const ProviderEntry &seen : out)
            if (seen.name == entry.name)
                throw SectionProblem {
                    QStringLiteral("provider '%1' is defined twice").arg(entry.name),
                    item.first.Mark()
                };
        const YAML::Node &body = item.second;
        entry.isMapping = body.IsMap();
        entry.bodyLine = body.Mark().line + 1;
        entry.bodyColumn = body.Mark().column + 1;
        if (entry.isMapping) {
            for (const auto &field : body) {
                SettingsField f;
                f.key = text(field.first);
                f.value = toJson(field.second, Scalars::AsWritten);
                f.line = field.first.Mark().line + 1;
                f.column = field.first.Mark().column + 1;
                f.valueLine = field.second.Mark().line + 1;
                f.valueColumn = field.second.Mark().column + 1;
                entry.fields.push_back(std::move(f));
            }
        }
        out.push_back(std::move(entry));
    }
    m_out.m_providers = std::move(out);
}

void SettingsParser::presets(const YAML::Node &node)
{
    if (!node.IsMap())
        throw SectionProblem { QStringLiteral(
                                   "presets must be a mapping of name: {temperature: ..., ...}"),
            node.Mark() };
    Json out = Json::object();
    for (const auto &item : node) {
        if (!item.second.IsMap())
            throw SectionProblem { QStringLiteral("preset '%1' must be a mapping of config keys "
                                                  "(temperature, maxOutputTokens, ...)")
                                       .arg(text(item.first)),
                item.second.Mark() };
        out[item.first.Scalar()] = toJson(item.second, Scalars::Typed);
    }
    m_out.m_presets = std::move(out);
}

void SettingsParser::layouts(const YAML::Node &node)
{
    if (!node.IsMap())
        throw SectionProblem {
            QStringLiteral("layouts must be a mapping of name: {repeats: N, columns: [...]}"),
            node.Mark()
        };
    std::vector<GridLayoutSetting> out;
    for (const auto &item : node) {
        GridLayoutSetting layout;
        layout.name = text(item.first);
        const YAML::Node &body = item.second;
        if (!body.IsMap() || !body["columns"] || !body["columns"].IsSequence())
            throw SectionProblem {
                QStringLiteral("layout '%1' needs columns: a list of {model, params, revision}")
                    .arg(layout.name),
                body.Mark()
            };
        if (const YAML::Node repeats = body["repeats"]) {
            bool ok = repeats.IsScalar();
            layout.repeats = ok ? text(repeats).toInt(&ok) : 0;
            if (!ok || layout.repeats < 1)
                throw SectionProblem { QStringLiteral("repeats must be a whole number from 1"),
                    repeats.Mark() };
        }
        for (const auto &c : body["columns"]) {
            if (!c.IsMap() || !c["model"] || !c["model"].IsScalar()
                || !text(c["model"]).contains(QLatin1Char('/')))
                throw SectionProblem {
                    QStringLiteral("a layout column needs model: provider/model"), c.Mark()
                };
            GridLayoutColumn column;
            column.model = text(c["model"]);
            if (const YAML::Node params = c["params"]) {
                if (!params.IsMap())
                    throw SectionProblem {
                        QStringLiteral("params must be a mapping of config keys"), params.Mark()
                    };
                column.params = toJson(params, Scalars::Typed);
            }
            if (const YAML::Node revision = c["revision"]) {
                if (!revision.IsScalar())
                    throw SectionProblem { QStringLiteral("revision must be a commit, tag or "
                                                          "branch"),
                        revision.Mark() };
                column.revision = text(revision);
            }
            layout.columns.push_back(std::move(column));
        }
        out.push_back(std::move(layout));
    }
    m_out.m_layouts = std::move(out);
}

void SettingsParser::columns(const YAML::Node &node)
{
    if (!node.IsSequence())
        throw SectionProblem {
            QStringLiteral("columns must be a list of {model: provider/model, preset: name}"),
            node.Mark()
        };
    std::vector<ColumnSetting> out;
    for (const auto &item : node) {
        if (!item.IsMap() || !item["model"] || !item["model"].IsScalar())
            throw SectionProblem { QStringLiteral("a column needs model: provider/model"),
                item.Mark() };
        ColumnSetting column;
        column.model = text(item["model"]);
        if (!column.model.contains(QLatin1Char('/')))
            throw SectionProblem {
                QStringLiteral("column model '%1' should be provider/model").arg(column.model),
                item["model"].Mark()
            };
        for (const auto &field : item) {
            const QString key = text(field.first);
            if (key == QLatin1String("preset")) {
                if (!field.second.IsScalar())
                    throw SectionProblem { QStringLiteral("preset must be a preset's name"),
                        field.second.Mark() };
                column.preset = text(field.second);
            } else if (key != QLatin1String("model")) {
                warn(field.first.Mark(),
                    QStringLiteral("unknown column setting '%1' ignored").arg(key));
            }
        }
        out.push_back(std::move(column));
    }
    m_out.m_columns = std::move(out);
}

void SettingsParser::budgets(const YAML::Node &node)
{
    if (!node.IsMap())
        throw SectionProblem {
            QStringLiteral("budgets must be a mapping (daily_usd, monthly_usd, per_run_usd, "
                           "confirm_above_usd)"),
            node.Mark()
        };
    BudgetSettings out;
    for (const auto &item : node) {
        const QString key = text(item.first);
        if (key == QLatin1String("daily_usd"))
            out.dailyUsd = nonNegativeNumber(item.second, key);
        else if (key == QLatin1String("confirm_above_usd"))
            out.confirmAboveUsd = nonNegativeNumber(item.second, key);
        else if (key == QLatin1String("monthly_usd"))
            out.monthlyUsd = nonNegativeNumber(item.second, key);
        else if (key == QLatin1String("per_run_usd"))
            out.perRunUsd = nonNegativeNumber(item.second, key);
        else
            warn(item.first.Mark(), QStringLiteral("unknown budget '%1' ignored").arg(key));
    }
    m_out.m_budgets = out;
}

void SettingsParser::prices(const YAML::Node &node)
{
    if (!node.IsMap())
        throw SectionProblem {
            QStringLiteral("prices must be a mapping of provider/model to prices"), node.Mark()
        };
    nlohmann::json out = nlohmann::json::object();
    for (const auto &item : node) {
        const QString where = text(item.first);
        nlohmann::json entry = priceJson(item.second, where);
        // Validate each entry here so the error points at its line.
        if (Result<ModelPrice> parsed = parseModelPrice(entry, QStringLiteral("prices.") + where);
            !parsed)
            throw SectionProblem { parsed.error().message, item.second.Mark() };
        if (!where.contains(QLatin1Char('/')))
            throw SectionProblem {
                QStringLiteral("price key '%1' must be provider/model").arg(where),
                item.first.Mark()
            };
        out[item.first.Scalar()] = std::move(entry);
    }
    m_out.m_prices = std::move(out);
}

WorkspaceSettings WorkspaceSettings::load(const QString &workspaceRoot)
{
    const QString path = QDir(workspaceRoot).filePath(fileName());
    if (workspaceRoot.isEmpty() || (!QFileInfo(path).isSymLink() && !QFileInfo::exists(path))) {
        WorkspaceSettings none;
        none.m_file = path;
        return none;
    }
    // A cloned workspace decides its settings, but not by a link to a file outside it.
    auto bytes = readWorkTreeFile(workspaceRoot, path);
    if (!bytes) {
        WorkspaceSettings unread;
        unread.m_file = path;
        Error e = bytes.error();
        e.message = QStringLiteral("cannot read the settings file: ") + e.message;
        unread.m_errors.push_back(e);
        unread.m_syntaxError = e;
        return unread;
    }
    return parse(*bytes, path);
}

WorkspaceSettings WorkspaceSettings::parse(const QByteArray &yaml, const QString &file)
{
    WorkspaceSettings out;
    out.m_file = file;
    SettingsParser(out).run(yaml);
    return out;
}

WorkspaceSettings WorkspaceSettings::parseBudgetsOnly(const QByteArray &yaml, const QString &file)
{
    WorkspaceSettings out;
    out.m_file = file;
    SettingsParser(out).runBudgetsOnly(yaml);
    return out;
}

std::optional<nlohmann::ordered_json> WorkspaceSettings::preset(const QString &name) const
{
    const auto it = m_presets.find(name.toStdString());
    if (it == m_presets.end())
        return std::nullopt;
    return *it;
}

std::optional<Error> WorkspaceSettings::sectionError(Section section) const
{
    if (m_syntaxError)
        return m_syntaxError;
    for (const auto &[which, error] : m_sectionErrors)
        if (which == section)
            return error;
    return std::nullopt;
}

QStringList WorkspaceSettings::messages() const
{
    QStringList out;
    for (const Error &e : m_errors)
        out.append(e.toString());
    for (const Error &w : m_warnings)
        out.append(QStringLiteral("warning: ") + w.toString());
    return out;
}

} // namespace psm::core
