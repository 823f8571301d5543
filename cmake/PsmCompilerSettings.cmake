# SPDX-License-Identifier: GPL-3.0-or-later
# Warnings, ccache and sanitizers for every target of ours.

find_program(PSM_CCACHE ccache)
if(PSM_CCACHE)
    set(CMAKE_CXX_COMPILER_LAUNCHER "${PSM_CCACHE}")
endif()

add_compile_options(-Wall -Wextra -Wpedantic)

# Qt string safety, as Zeal does: no silent ASCII conversions, no implicit QUrl from strings.
add_compile_definitions(
    QT_NO_CAST_TO_ASCII
    QT_RESTRICTED_CAST_FROM_ASCII
    QT_NO_URL_CAST_FROM_STRING
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
)

if(PSM_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
endif()
