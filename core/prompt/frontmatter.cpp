// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#include "core/prompt/frontmatter.h"

#include "core/prompt/jsvalue.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <regex>

namespace psm::core::frontmatter {
namespace {

using Json = nlohmann::ordered_json;

bool isNewline(char c) { return c == '\n' || c == '\r'; }

// Length of the JS-`\s` run starting at pos.
size_t spaceRun(std::string_view text, size_t pos)
{
    return js::leadingSpace(text.substr(pos));
}

// At `pos`: "---", then \s*, then a line break, with \s* backtracking from the longest run.
// Returns the position after the line break (the greedy choice) or npos.
size_t fenceEnd(std::string_view text, size_t pos)
{
    if (text.substr(pos, 3) != "---")
        return std::string_view::npos;
    const size_t runStart = pos + 3;
    const size_t run = spaceRun(text, runStart);
    for (size_t k = runStart + run; k > runStart; --k) {
        const size_t at = k - 1;
        if (text[at] == '\n')
            return at + 1;
        if (text[at] == '\r')
            return (at + 1 < text.size() && text[at + 1] == '\n') ? at + 2 : at + 1;
    }
    return std::string_view::npos;
}

// Candidate starts of the YAML text after the opening fence, in the regex's backtracking order:
// longest \s* first, and at each length `\r\n` before `\r` before `\n`.
std::vector<size_t> openingStarts(std::string_view text, size_t pos)
{
    std::vector<size_t> starts;
    const size_t runStart = pos + 3;
    const size_t run = spaceRun(text, runStart);
    for (size_t k = runStart + run + 1; k-- > runStart;) {
        if (k >= text.size())
            continue;
        if (text[k] == '\r') {
            if (k + 1 < text.size() && text[k + 1] == '\n')
                starts.push_back(k + 2);
            starts.push_back(k + 1);
        } else if (text[k] == '\n') {
            starts.push_back(k + 1);
        }
    }
    return starts;
}

} // namespace

Split split(std::string_view source)
{
    Split result;
    // (?:(?:#[^\n]*|[ \t]*)\n)* : each preamble line is a comment or blank, ended by \n. The
    // regex backtracks over how many such lines it takes; any prefix of them may precede "---",
    // but only a line that starts with "---" can, so try each line start in order, longest
    // preamble first.
    std::vector<size_t> lineStarts{0};
    size_t pos = 0;
    while (true) {
        const size_t newline = source.find('\n', pos);
        if (newline == std::string_view::npos)
            break;
        const std::string_view line = source.substr(pos, newline - pos);
        bool ok = !line.empty() && line[0] == '#';
        if (!ok) {
            ok = true;
            for (const char c : line)
                ok = ok && (c == ' ' || c == '\t');
        }
        if (!ok)
            break;
        pos = newline + 1;
        lineStarts.push_back(pos);
    }
    // Positions q where (?:\r\n|\r|\n)---\s*(?:\r\n|\r|\n) matches, with the body start
    // for each; the lazy YAML group ends at the first one at or after its start.
    std::vector<std::pair<size_t, size_t>> closings;
    bool closingsKnown = false;
    for (size_t i = lineStarts.size(); i-- > 0;) {
        const size_t open = lineStarts[i];
        if (source.substr(open, 3) != "---")
            continue;
        if (!closingsKnown) {
            closingsKnown = true;
            for (size_t q = open; q < source.size(); ++q) {
                if (!isNewline(source[q]))
                    continue;
                // \r\n is tried first; a lone \r before \n cannot precede "---".
                const size_t fence =
                    (source[q] == '\r' && q + 1 < source.size() && source[q + 1] == '\n') ? q + 2
                                                                                          : q + 1;
                const size_t bodyStart = fenceEnd(source, fence);
                if (bodyStart != std::string_view::npos)
                    closings.emplace_back(q, bodyStart);
            }
        }
        for (const size_t yamlStart : openingStarts(source, open)) {
            const auto it = std::lower_bound(
                closings.begin(), closings.end(), std::make_pair(yamlStart, size_t(0)));
            if (it == closings.end())
                continue;
            result.matched = true;
            result.yamlOffset = yamlStart;
            result.yaml = source.substr(yamlStart, it->first - yamlStart);
            result.bodyOffset = it->second;
            result.body = source.substr(it->second);
            return result;
        }
    }
    return result;
}

Json plainScalar(const std::string &text)
{
    static const std::regex kInt("[-+]?[0-9]+");
    static const std::regex kOct("0o[0-7]+");
    static const std::regex kHex("0x[0-9a-fA-F]+");
    static const std::regex kFloat("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    static const std::regex kInf("[-+]?\\.(inf|Inf|INF)");
    static const std::regex kNan("\\.(nan|NaN|NAN)");
    if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL")
        return nullptr;
    if (text == "true" || text == "True" || text == "TRUE")
        return true;
    if (text == "false" || text == "False" || text == "FALSE")
        return false;
    if (text.size() > 400)
        return text;
    auto integral = [](double value) -> Json {
        if (std::fabs(value) <= 9007199254740992.0)
            return static_cast<int64_t>(value);
        return value;
    };
    if (std::regex_match(text, kInt))
        return integral(std::strtod(text.c_str(), nullptr));
    if (std::regex_match(text, kOct)) {
        double value = 0;
        for (size_t i = 2; i < text.size(); ++i)
            value = value * 8 + (text[i] - '0');
        return integral(value);
    }
    if (std::regex_match(text, kHex))
        return integral(std::strtod(text.c_str(), nullptr));
    if (std::regex_match(text, kFloat))
        return std::strtod(text.c_str(), nullptr);
    if (std::regex_match(text, kInf))
        return text[0] == '-' ? -std::numeric_limits<double>::infinity()
                              : std::numeric_limits<double>::infinity();
    if (std::regex_match(text, kNan))
        return std::numeric_limits<double>::quiet_NaN();
    return text;
}

namespace {

// yaml-cpp decodes the escapes \N and \_ of double-quoted scalars to the single bytes 0x85
// and 0xA0; the JS yaml package gives U+0085 and U+00A0. Stray bytes are re-read as Latin-1.
std::string latin1Repaired(const std::string &text)
{
    std::string out;
    for (size_t pos = 0; pos < text.size();) {
        size_t length = 0;
        const char32_t c = js::decodeAt(text, pos, &length);
        if (length == 1 && static_cast<unsigned char>(text[pos]) >= 0x80) {
            out += char(0xC0 | (c >> 6));
            out += char(0x80 | (c & 0x3F));
        } else {
            out.append(text, pos, length);
        }
        pos += length;
    }
    return out;
}

// An explicitly tagged scalar (`!!float 1`), resolved as the yaml package's core schema does:
// the text must match the tag's own pattern, or it stays a string.
Json tagged(const std::string &tag, const std::string &text)
{
    static const std::regex kFloat("[-+]?(\\.[0-9]+|[0-9]+\\.[0-9]*)");
    static const std::regex kFloatExp("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)[eE][-+]?[0-9]+");
    static const std::regex kFloatSpecial("[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
    static const std::regex kInt("[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+");
    static const std::regex kBool("[Tt]rue|TRUE|[Ff]alse|FALSE");
    static const std::regex kNull("~|[Nn]ull|NULL|");
    const std::string prefix = "tag:yaml.org,2002:";
    const std::string name = tag.rfind(prefix, 0) == 0 ? tag.substr(prefix.size()) : std::string();
    const bool matches = text.size() <= 400
        && ((name == "float"
             && (std::regex_match(text, kFloat) || std::regex_match(text, kFloatExp)
                 || std::regex_match(text, kFloatSpecial)))
            || (name == "int" && std::regex_match(text, kInt))
            || (name == "bool" && std::regex_match(text, kBool))
            || (name == "null" && std::regex_match(text, kNull)));
    return matches ? plainScalar(text) : Json(latin1Repaired(text));
}

bool convert(const YAML::Node &node, Json *out, YamlError *error, int depth)
{
    if (depth > 200) {
        *error = {"YAML nested too deeply", node.Mark().line + 1, node.Mark().column + 1};
        return false;
    }
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
        *out = nullptr;
        return true;
    case YAML::NodeType::Scalar: {
        const std::string &tag = node.Tag();
        const std::string &text = node.Scalar();
        if (tag == "?" || tag.empty()) {
            *out = plainScalar(text);
        } else if (tag == "!") {
            *out = latin1Repaired(text);
        } else {
            *out = tagged(tag, text);
        }
        return true;
    }
    case YAML::NodeType::Sequence: {
        *out = Json::array();
        for (const YAML::Node &child : node) {
            Json value;
            if (!convert(child, &value, error, depth + 1))
                return false;
            out->push_back(std::move(value));
        }
        return true;
    }
    case YAML::NodeType::Map: {
        *out = Json::object();
        for (const auto &entry : node) {
            std::string key;
            if (entry.first.IsScalar()) {
                const std::string &tag = entry.first.Tag();
                const Json typed = tag == "?" || tag.empty() ? plainScalar(entry.first.Scalar())
                                                             : Json(entry.first.Scalar());
                // The yaml package makes a null key (`~: 1`) the empty string.
                key = typed.is_string() ? typed.get<std::string>()
                    : typed.is_null()   ? std::string()
                                        : js::toString(&typed);
            } else if (entry.first.IsNull()) {
                key.clear(); // the yaml package makes a null key (`~: 1`) the empty string
            } else {
                key = YAML::Dump(entry.first);
            }
            if (out->contains(key)) {
                *error = {"duplicate key '" + key + "'", entry.first.Mark().line + 1,
                          entry.first.Mark().column + 1};
                return false;
            }
            Json value;
            if (!convert(entry.second, &value, error, depth + 1))
                return false;
            (*out)[key] = std::move(value);
        }
        return true;
    }
    }
    return true;
}

} // namespace

bool convertNode(const YAML::Node &node, Json *out, YamlError *error)
{
    try {
        return convert(node, out, error, 0);
    } catch (const std::exception &e) {
        *error = {e.what(), 0, 0};
        return false;
    }
}

bool parseYaml(std::string_view text, Json *out, YamlError *error)
{
    // yaml-cpp recurses per nesting level; refuse absurd flow nesting before it overflows.
    int depth = 0;
    for (const char c : text) {
        if (c == '[' || c == '{')
            ++depth;
        else if ((c == ']' || c == '}') && depth > 0)
            --depth;
        if (depth > 100) {
            *error = {"YAML nested too deeply", 0, 0};
            return false;
        }
    }
    try {
        // The JS yaml package ends the last line at the end of the text; yaml-cpp needs the
        // line break to keep a final block scalar's newline (`description: |` last).
        std::string document(text);
        if (!document.empty() && document.back() != '\n' && document.back() != '\r')
            document += '\n';
        const YAML::Node root = YAML::Load(document);
        return convert(root, out, error, 0);
    } catch (const YAML::Exception &e) {
        *error = {e.msg, e.mark.line >= 0 ? e.mark.line + 1 : 0,
                  e.mark.column >= 0 ? e.mark.column + 1 : 0};
        // An error at the end of the text belongs to its last line, not the line break we
        // added after it.
        const int lines = int(std::count(text.begin(), text.end(), '\n')) + 1;
        if (error->line > lines) {
            const size_t lastStart = text.rfind('\n');
            error->line = lines;
            error->column = int(text.size() - (lastStart == std::string_view::npos ? 0 : lastStart + 1)) + 1;
        }
        return false;
    } catch (const std::exception &e) {
        *error = {e.what(), 0, 0};
        return false;
    }
}

int locateKey(std::string_view text, const std::vector<KeyMatch> &path, int *line, int *column)
{
    try {
        YAML::Node node;
        node.reset(YAML::Load(std::string(text)));
        int found = 0;
        for (const KeyMatch &match : path) {
            if (!node.IsMap())
                break;
            bool matched = false;
            YAML::Node child;
            for (const auto &entry : node) {
                if (entry.first.IsScalar() && match(entry.first.Scalar())) {
                    *line = entry.first.Mark().line + 1;
                    *column = entry.first.Mark().column + 1;
                    child.reset(entry.second);
                    matched = true;
                    ++found;
                    break;
                }
            }
            if (!matched)
                break;
            // reset(), not operator=: assigning a yaml-cpp node writes through it.
            node.reset(child);
        }
        return found;
    } catch (const std::exception &) {
        return 0;
    }
}

} // namespace psm::core::frontmatter
