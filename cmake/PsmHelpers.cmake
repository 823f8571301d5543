# SPDX-License-Identifier: GPL-3.0-or-later

# When CTest reports a Qt Test executable as skipped. QtTest ends with "Totals: P passed, F failed,
# S skipped, ..." and counts initTestCase and cleanupTestCase as passes, so "at most 2 passed, 0
# failed, some skipped" means no real test function ran: a QSKIP in initTestCase, or every
# function skipped. A test that skipped only some functions or rows still checked something and
# passes. The "0 failed" is essential: a match overrides a non-zero exit code in CTest, so the
# pattern must never match a run that failed. tests/support/skipprobe checks it against QtTest.
set(PSM_QTEST_SKIP_REGEX "Totals: [0-2] passed, 0 failed, [1-9][0-9]* skipped")

# psm_add_test(NAME SOURCES file... [LIBS target...] [LABELS label...] [TIMEOUT seconds])
# One Qt Test executable, registered with CTest, run offscreen with Qt's test mode paths.
function(psm_add_test name)
    cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBS})
    target_compile_definitions(${name} PRIVATE
        PSM_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
        PSM_SHARED_DIR="${PROJECT_SOURCE_DIR}/../shared"
        PSM_BINARY_DIR="${PROJECT_BINARY_DIR}")
    add_test(NAME ${name} COMMAND ${name})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 120)
    endif()
    set_tests_properties(${name} PROPERTIES
        LABELS "${ARG_LABELS}"
        TIMEOUT ${ARG_TIMEOUT}
        SKIP_REGULAR_EXPRESSION "${PSM_QTEST_SKIP_REGEX}"
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LC_ALL=C.UTF-8;ASAN_OPTIONS=detect_leaks=0")
endfunction()
