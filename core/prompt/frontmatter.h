// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <functional>
#include <string_view>
#include <vector>

namespace YAML {
class Node;
}

// Splitting a .prompt file into YAML front matter and template body, and reading YAML into
// ordered JSON with YAML 1.2 core-schema typing, exactly as the reference Dotprompt does.
namespace psm::core::frontmatter {

struct Split {
    bool matched = false;        // the file has a `---` ... `---` block
    std::string_view yaml;       // the text between the fences
    std::string_view body;       // everything after the closing fence's line
    size_t yamlOffset = 0;       // byte offsets into the source
    size_t bodyOffset = 0;
};

// Dotprompt's FRONTMATTER_AND_BODY_REGEX:
//   ^(?:(?:#[^\n]*|[ \t]*)\n)*---\s*(?:\r\n|\r|\n)([\s\S]*?)(?:\r\n|\r|\n)---\s*(?:\r\n|\r|\n)([\s\S]*)$
// emulated with the same backtracking order (blank and `#` lines may precede the first fence).
Split split(std::string_view source);

struct YamlError {
    std::string message;
    int line = 0;   // 1-based, within the YAML text
    int column = 0; // 1-based
};

// Parses one YAML document. Plain scalars follow the core schema (null, bool, int incl. 0x/0o,
// float incl. .inf/.nan); quoted and block scalars are strings; mapping order is kept.
// Duplicate keys are an error, as in the JS `yaml` package.
bool parseYaml(std::string_view text, nlohmann::ordered_json *out, YamlError *error);

// One already-loaded yaml-cpp node with parseYaml()'s typing, for callers that keep the nodes
// for their positions (the eval-set loader).
bool convertNode(const YAML::Node &node, nlohmann::ordered_json *out, YamlError *error);

// Where a key sits in YAML text: follows `path` through nested mappings, each step matching
// a key with its predicate, and gives the 1-based line and column of the deepest key found.
// Returns how many steps matched (0: not even the first). For pointing at schema entries.
using KeyMatch = std::function<bool(const std::string &key)>;
int locateKey(std::string_view text, const std::vector<KeyMatch> &path, int *line, int *column);

// The core-schema value of a plain scalar.
nlohmann::ordered_json plainScalar(const std::string &text);

} // namespace psm::core::frontmatter
