#!/usr/bin/env bash
# Installs, on Debian 12, the packages Coupling Lab needs to build, test and run; only the
# missing ones, so it is quick and safe to re-run. Uses sudo when not run as root.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config git
    qt6-base-dev qt6-base-dev-tools qt6-svg-dev libqcustomplot-dev
    libeigen3-dev libbenchmark-dev libgl-dev
    fonts-dejavu-core xvfb xauth imagemagick poppler-utils librsvg2-bin
    clang clang-tidy clang-format libclang-rt-14-dev
    help2man appstream desktop-file-utils bash-completion lintian dpkg-dev file
    python3 r-cran-rstan
    libgif-dev libavcodec-dev libavformat-dev libavutil-dev libswscale-dev ffmpeg
)

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

# Debian's BH package lacks the include/ folder that rstan compiles against; its headers are
# Boost's, in /usr/include. Without the link, the Stan round trip of --print-model cannot run.
link_boost_for_rstan() {
    local bh=/usr/lib/R/site-library/BH
    if [ -d "$bh" ] && [ ! -e "$bh/include" ]; then $sudo ln -s /usr/include "$bh/include"; fi
}

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if ((${#missing[@]} == 0)); then
    echo "setup: all ${#packages[@]} packages are installed"
    link_boost_for_rstan
    exit 0
fi
echo "setup: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
link_boost_for_rstan
