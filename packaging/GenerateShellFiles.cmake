# SPDX-License-Identifier: GPL-3.0-or-later
# cmake -DPROMPTSMITH=<binary> -DOUTPUT_DIR=<dir> -P GenerateShellFiles.cmake
# Writes the completion scripts and the man page the built binary generates from its command
# table (the CLI path: no display needed), for CPack to install.
foreach(what bash zsh fish man)
    execute_process(
        COMMAND "${PROMPTSMITH}" completions ${what}
        OUTPUT_FILE "${OUTPUT_DIR}/promptsmith.${what}"
        RESULT_VARIABLE result)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "promptsmith completions ${what} failed: ${result}")
    endif()
endforeach()
# Debian ships man pages gzipped; -n-like reproducibility comes from the raw gzip format.
file(ARCHIVE_CREATE OUTPUT "${OUTPUT_DIR}/promptsmith.1.gz"
    PATHS "${OUTPUT_DIR}/promptsmith.man" FORMAT raw COMPRESSION GZip)
