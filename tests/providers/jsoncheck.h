// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 Promptsmith contributors
#pragma once

#include <QTest>

#include <nlohmann/json.hpp>

// QCOMPARE cannot print nlohmann::json; this compares with == and prints the JSON on failure.
#define PSM_JSON_COMPARE(actual, expected)                                                         \
    do {                                                                                           \
        const nlohmann::ordered_json psmActual_ = (actual);                                        \
        const nlohmann::ordered_json psmExpected_ = (expected);                                    \
        QVERIFY2(psmActual_ == psmExpected_,                                                       \
            (psmActual_.dump() + " != " + psmExpected_.dump()).c_str());                           \
    } while (false)
