# SPDX-License-Identifier: GPL-3.0-or-later
# Every third-party dependency is found here, once, as an imported target.

find_package(Qt6 6.4 REQUIRED COMPONENTS Core Gui Widgets Concurrent Network Charts Test)
set(CMAKE_AUTOMOC ON)
set(CMAKE_AUTORCC ON)

find_package(PkgConfig REQUIRED)
pkg_check_modules(LIBGIT2 REQUIRED IMPORTED_TARGET libgit2>=1.1)
pkg_check_modules(LIBCURL REQUIRED IMPORTED_TARGET libcurl>=7.74)
pkg_check_modules(SQLITE3 REQUIRED IMPORTED_TARGET sqlite3>=3.35)

find_package(nlohmann_json 3.10 REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(tl-expected REQUIRED)
find_package(Qt6Keychain QUIET)

# valijson is header-only; Debian ships no CMake config for it.
find_path(VALIJSON_INCLUDE_DIR valijson/validator.hpp REQUIRED)
add_library(psm_valijson INTERFACE)
target_include_directories(psm_valijson SYSTEM INTERFACE "${VALIJSON_INCLUDE_DIR}")
# Without it valijson calls abort() on a schema it cannot use (`enum: "x"`); with it, it throws
# and the engine reports the schema as unusable.
target_compile_definitions(psm_valijson INTERFACE VALIJSON_USE_EXCEPTIONS=1)

# KSyntaxHighlighting exists for Qt 6 only as KF6 (Debian 13+); Debian 12 uses our built-in highlighter.
find_package(KF6SyntaxHighlighting QUIET)
