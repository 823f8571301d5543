// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QStringList>

namespace psm::test {

// One-line front-matter entries a user may type that give known keys values of the wrong kind
// (null, numbers, lists, objects, surrogates, broken YAML). Whatever reads a prompt file must
// answer each with a render or an error, never an exception (issue 10). Used by the core render
// test and by the GUI test that types them into a live editor.
inline QStringList hostileFrontMatter()
{
    return {
        QStringLiteral("model: "),
        QStringLiteral("model: 5"),
        QStringLiteral("model: [a, b]"),
        QStringLiteral("model: {x: 1}"),
        QStringLiteral("model: ~"),
        QStringLiteral("model: \"\\xff\\xfe\""),
        QStringLiteral("config: "),
        QStringLiteral("config: [1]"),
        QStringLiteral("config: 7"),
        QStringLiteral("config: {temperature: \"hot\"}"),
        QStringLiteral("config: {maxOutputTokens: [1], stopSequences: 5}"),
        QStringLiteral("config: {\"\\uD800\": \"\\uDFFF\"}"),
        QStringLiteral("input: 5"),
        QStringLiteral("input: [x]"),
        QStringLiteral("input: {schema: 7}"),
        QStringLiteral("input: {schema: [a]}"),
        QStringLiteral("input: {schema: {name: 5}}"),
        QStringLiteral("input: {schema: {name(enum): 5}}"),
        QStringLiteral("input: {default: 5}"),
        QStringLiteral("input: {default: [1]}"),
        QStringLiteral("input: {schema: {name: integer}, default: {name: [1]}}"),
        QStringLiteral("output: [x]"),
        QStringLiteral("output: {schema: 5}"),
        QStringLiteral("output: {format: [1]}"),
        QStringLiteral("tools: 5"),
        QStringLiteral("tools: [{a: 1}]"),
        QStringLiteral("ext: 5"),
        QStringLiteral("promptsmith.tags: {a: 1}"),
        QStringLiteral("metadata: [1]"),
        QStringLiteral("raw: {a: [}"),
        QStringLiteral("{model: 5}: 1"),
    };
}

} // namespace psm::test
