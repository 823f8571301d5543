# SPDX-License-Identifier: GPL-3.0-or-later
# cmake -DPROBE=<skipprobe> -DREGEX=<PSM_QTEST_SKIP_REGEX> -DWORK=<dir> -P checkskips.cmake
# Runs the skip probe under CTest in each mode, with the skip pattern psm_add_test() uses, and
# fails unless CTest reports what we decided: a whole skip is Skipped, a partial skip passes,
# and a failure is never turned into a skip.
foreach(var PROBE REGEX WORK)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "checkskips.cmake: -D${var}=... is required")
    endif()
endforeach()

set(expected
    "pass=Passed"
    "skip-all=Skipped"
    "skip-functions=Skipped"
    "skip-row=Passed"
    "skip-row-and-fail=Failed")

file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
set(testfile "")
foreach(pair IN LISTS expected)
    string(REPLACE "=" ";" pair "${pair}")
    list(GET pair 0 mode)
    string(APPEND testfile
        "add_test([==[${mode}]==] [==[${PROBE}]==])\n"
        "set_tests_properties([==[${mode}]==] PROPERTIES"
        " ENVIRONMENT [==[PSM_SKIPPROBE_MODE=${mode}]==]"
        " SKIP_REGULAR_EXPRESSION [==[${REGEX}]==])\n")
endforeach()
file(WRITE "${WORK}/CTestTestfile.cmake" "${testfile}")

execute_process(COMMAND "${CMAKE_CTEST_COMMAND}" --test-dir "${WORK}"
    OUTPUT_VARIABLE output ERROR_VARIABLE output)
message("${output}")

set(wrong "")
foreach(pair IN LISTS expected)
    string(REPLACE "=" ";" pair "${pair}")
    list(GET pair 0 mode)
    list(GET pair 1 want)
    # "1/5 Test #1: skip-all .........***Skipped   0.01 sec"
    if(NOT output MATCHES "Test +#[0-9]+: ${mode} [ .]*[*]*([A-Za-z]+)")
        string(APPEND wrong "  ${mode}: no result line\n")
    elseif(NOT CMAKE_MATCH_1 STREQUAL want)
        string(APPEND wrong "  ${mode}: CTest said ${CMAKE_MATCH_1}, expected ${want}\n")
    endif()
endforeach()
if(wrong)
    message(FATAL_ERROR "skip reporting is wrong:\n${wrong}")
endif()
message("skip reporting: all 5 modes reported as expected")
