// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
// PriceTable::applyOverridesFromYaml: the `prices:` block of promptsmith.yaml, with errors at
// file:line:col. yaml-cpp throws; nothing leaves this file as an exception.
#include "core/ledger/pricefields.h"
#include "core/ledger/pricetable.h"

#include <yaml-cpp/yaml.h>

namespace psm::core {
namespace {

Error at(const QString &file, const YAML::Mark &mark, const QString &message)
{
    return Error { ErrorCode::InvalidInput, message, {}, file, mark.line + 1, mark.column + 1 };
}

// Converts a price mapping to JSON, checking every scalar is a plain (unquoted) number so a
// wrong value is reported where it is written; parseModelPrice checks the rest.
Result<nlohmann::json> toJson(const YAML::Node &node, const QString &file, const QString &what)
{
    if (node.IsMap()) {
        nlohmann::json object = nlohmann::json::object();
        for (const auto &item : node) {
            const std::string key = item.first.Scalar();
            Result<nlohmann::json> value = toJson(item.second, file, QString::fromStdString(key));
            if (!value)
                return value;
            object[key] = std::move(*value);
        }
        return object;
    }
    if (node.IsScalar() && node.Tag() == "?") { // plain scalar: YAML 1.2 core schema applies
        double value = 0;
        if (YAML::convert<double>::decode(node, value))
            return nlohmann::json(value);
    }
    return tl::unexpected(at(file, node.Mark(),
        QStringLiteral("price '%1' must be a number (USD per million "
                       "tokens) or a mapping of them")
            .arg(what)));
}

} // namespace

Status PriceTable::applyOverridesFromYaml(const QByteArray &yaml, const QString &file)
{
    YAML::Node root;
    try {
        root = YAML::Load(yaml.toStdString());
    } catch (const YAML::Exception &e) {
        return tl::unexpected(at(file, e.mark, QString::fromStdString(e.msg)));
    }
    if (!root.IsMap())
        return {};
    const YAML::Node prices = root["prices"];
    if (!prices || prices.IsNull())
        return {};
    if (!prices.IsMap())
        return tl::unexpected(at(file, prices.Mark(),
            QStringLiteral("prices must be a mapping of provider/model to "
                           "prices")));
    nlohmann::json json = nlohmann::json::object();
    for (const auto &item : prices) {
        const std::string key = item.first.Scalar();
        const QString where = QString::fromStdString(key);
        Result<nlohmann::json> entry = toJson(item.second, file, where);
        if (!entry)
            return tl::unexpected(entry.error());
        // Validate each entry here so the error points at its line.
        if (Result<ModelPrice> parsed = parseModelPrice(*entry, QStringLiteral("prices.") + where);
            !parsed) {
            return tl::unexpected(at(file, item.second.Mark(), parsed.error().message));
        }
        if (!where.contains(QLatin1Char('/')))
            return tl::unexpected(at(file, item.first.Mark(),
                QStringLiteral("price key '%1' must be provider/model").arg(where)));
        json[key] = std::move(*entry);
    }
    return applyOverrides(json, file);
}

} // namespace psm::core
