// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/diff/jsondiff.h"

#include "core/common/jsonnesting.h"
#include "core/diff/editscript.h"
#include "core/diff/myersdiff.h"

#include <algorithm>
#include <map>
#include <vector>

namespace psm::core {
namespace {

using Json = nlohmann::json;

// The comparison recurses once per level; deeper documents (never a real answer, but a model
// can be made to print one) are left to the word diff instead of risking the stack.
constexpr int kMaxDepth = 256;

// Arrays of a few thousand unrelated elements still align in well under a millisecond.
constexpr qint64 kArrayBudget = 1'000'000;

// Integers and floats are one kind: 1 and 1.5 differ in value, not in type.
int kindOf(const Json &value)
{
    return value.is_number() ? int(Json::value_t::number_float) : int(value.type());
}

QString pointerToken(const std::string &key)
{
    QString token = QString::fromStdString(key);
    token.replace(u'~', QStringLiteral("~0"));
    token.replace(u'/', QStringLiteral("~1"));
    return token;
}

QString childPath(const QString &path, qsizetype index)
{
    return path + u'/' + QString::number(index);
}

void diffValues(
    const Json &oldValue, const Json &newValue, const QString &path, QList<JsonChange> &changes);

// nlohmann::json keeps object keys in a sorted map, so walking both in step finds the removed,
// added and shared keys in one pass, whatever order the model wrote them in.
void diffObjects(
    const Json &oldValue, const Json &newValue, const QString &path, QList<JsonChange> &changes)
{
    auto oldIt = oldValue.begin();
    auto newIt = newValue.begin();
    const auto oldEnd = oldValue.end();
    const auto newEnd = newValue.end();
    while (oldIt != oldEnd || newIt != newEnd) {
        if (newIt == newEnd || (oldIt != oldEnd && oldIt.key() < newIt.key())) {
            changes.append({ JsonChangeKind::Removed, path + u'/' + pointerToken(oldIt.key()),
                oldIt.value(), nullptr });
            ++oldIt;
        } else if (oldIt == oldEnd || newIt.key() < oldIt.key()) {
            changes.append({ JsonChangeKind::Added, path + u'/' + pointerToken(newIt.key()),
                nullptr, newIt.value() });
            ++newIt;
        } else {
            diffValues(
                oldIt.value(), newIt.value(), path + u'/' + pointerToken(oldIt.key()), changes);
            ++oldIt;
            ++newIt;
        }
    }
}

// Equal elements are matched by a longest common subsequence (an element inserted at the front
// is one addition, not a change of every index); what remains of each change is paired in place
// and diffed deeper, the surplus reported as removed or added.
void diffArrays(
    const Json &oldValue, const Json &newValue, const QString &path, QList<JsonChange> &changes)
{
    std::map<Json, int> dictionary;
    const auto intern = [&dictionary](const Json &array) {
        std::vector<int> ids;
        ids.reserve(array.size());
        for (const Json &element : array)
            ids.push_back(dictionary.try_emplace(element, int(dictionary.size())).first->second);
        return ids;
    };
    const std::vector<int> oldIds = intern(oldValue);
    const std::vector<int> newIds = intern(newValue);
    MyersDiff diff(oldIds, newIds);
    if (!diff.compare(0, int(oldIds.size()), 0, int(newIds.size()), kArrayBudget))
        diff.markReplaced(0, int(oldIds.size()), 0, int(newIds.size()));

    for (const EditBlock &block : editBlocksFromMarks(diff.removed(), diff.added())) {
        if (block.equal)
            continue;
        const int removed = block.oldEnd - block.oldBegin;
        const int added = block.newEnd - block.newBegin;
        const int paired = std::min(removed, added);
        for (int i = 0; i < paired; ++i)
            diffValues(oldValue[block.oldBegin + i], newValue[block.newBegin + i],
                childPath(path, block.newBegin + i), changes);
        for (int i = paired; i < removed; ++i)
            changes.append({ JsonChangeKind::Removed, childPath(path, block.oldBegin + i),
                oldValue[block.oldBegin + i], nullptr });
        for (int i = paired; i < added; ++i)
            changes.append({ JsonChangeKind::Added, childPath(path, block.newBegin + i), nullptr,
                newValue[block.newBegin + i] });
    }
}

void diffValues(
    const Json &oldValue, const Json &newValue, const QString &path, QList<JsonChange> &changes)
{
    if (kindOf(oldValue) != kindOf(newValue)) {
        changes.append({ JsonChangeKind::TypeChanged, path, oldValue, newValue });
    } else if (oldValue.is_object()) {
        diffObjects(oldValue, newValue, path, changes);
    } else if (oldValue.is_array()) {
        diffArrays(oldValue, newValue, path, changes);
    } else if (oldValue != newValue) {
        changes.append({ JsonChangeKind::Changed, path, oldValue, newValue });
    }
}

// The inside of a fenced block that is the whole text, or the text itself.
QStringView unfenced(QStringView text)
{
    text = text.trimmed();
    const QLatin1StringView fence("```");
    if (!text.startsWith(fence))
        return text;
    const qsizetype lineEnd = text.indexOf(u'\n');
    if (lineEnd < 0 || !text.endsWith(fence) || text.size() - fence.size() < lineEnd + 1)
        return {};
    const QStringView info = text.sliced(fence.size(), lineEnd - fence.size()).trimmed();
    if (!info.isEmpty() && info.compare(QLatin1StringView("json"), Qt::CaseInsensitive) != 0)
        return {};
    return text.sliced(lineEnd + 1, text.size() - fence.size() - (lineEnd + 1));
}

} // namespace

std::optional<nlohmann::json> parseJsonOutput(QStringView text)
{
    const QByteArray utf8 = unfenced(text).toUtf8();
    if (utf8.trimmed().isEmpty() || jsonNestingDepth(utf8) > kMaxDepth)
        return std::nullopt;
    Json value = Json::parse(utf8.begin(), utf8.end(), nullptr, /*allow_exceptions=*/false);
    if (value.is_discarded() || !(value.is_object() || value.is_array()))
        return std::nullopt;
    return value;
}

QList<JsonChange> diffJson(const nlohmann::json &oldValue, const nlohmann::json &newValue)
{
    QList<JsonChange> changes;
    diffValues(oldValue, newValue, QString(), changes);
    return changes;
}

std::optional<QList<JsonChange>> diffJsonOutputs(QStringView oldText, QStringView newText)
{
    const std::optional<Json> oldValue = parseJsonOutput(oldText);
    if (!oldValue)
        return std::nullopt;
    const std::optional<Json> newValue = parseJsonOutput(newText);
    if (!newValue)
        return std::nullopt;
    return diffJson(*oldValue, *newValue);
}

} // namespace psm::core
