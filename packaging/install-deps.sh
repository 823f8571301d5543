#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages Promptsmith needs to build, test and run — only those missing.
# Idempotent; works as root or through sudo. Prints what it installs.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config ccache git ca-certificates
    qt6-base-dev qt6-base-dev-tools qt6-qpa-plugins qt6-charts-dev libqt6opengl6-dev libgl-dev libxkbcommon-dev
    libgit2-dev libsqlite3-dev libcurl4-openssl-dev
    nlohmann-json3-dev libyaml-cpp-dev libexpected-dev libvalijson-dev
    qtkeychain-qt6-dev
    fonts-dejavu-core
    zsh fish man-db
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages already installed"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    sudo=()
elif command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
else
    echo "install-deps: need root or sudo to install: ${missing[*]}" >&2
    exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
