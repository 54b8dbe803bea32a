#!/usr/bin/env bash
# Installs every Debian 12 package NeedleSim needs to build, run and test.
# Idempotent: packages already installed are not touched, and apt is only called
# when something is missing. Works as root or through sudo.
set -euo pipefail

packages=(
  # toolchain
  g++ cmake ninja-build pkg-config git
  # the libFuzzer targets (tests/fuzz, scripts/fuzz.sh): clang and its fuzzer/sanitizer runtimes
  clang-14 libclang-rt-14-dev
  # Vulkan: loader, headers, lavapipe (software GPU), validation layers, shader compiler
  libvulkan-dev mesa-vulkan-drivers vulkan-validationlayers vulkan-tools glslc
  # libraries
  libglfw3-dev libglm-dev libimgui-dev nlohmann-json3-dev libstb-dev libassimp-dev
  # Xlib itself: the handler for a display connection that breaks (runtime/window.cpp)
  libx11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  # the camera-pen tracker (engine/tracking): AprilTag 3 and the OpenCV modules it uses
  # (not libopencv-dev / -contrib-dev, which pull VTK); FFmpeg comes with videoio
  libapriltag-dev libopencv-core-dev libopencv-imgproc-dev libopencv-calib3d-dev
  libopencv-imgcodecs-dev libopencv-videoio-dev
  # trainee records: the local store, delivery to an LRS, and the LRS stand-in the tests run
  libsqlite3-dev libcurl4-openssl-dev libcpp-httplib-dev
  # the stand-in LRS over HTTPS (cpp-httplib's SSLServer) and its test certificates (openssl CLI)
  libssl-dev openssl
  # windows without a display, screenshots, a scripted mouse for the window tests
  xvfb xauth imagemagick xdotool
  # a real external OSC client for the tracker tests; real third-party meshes
  liblo-tools assimp-testmodels
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  sudo_cmd=()
elif command -v sudo >/dev/null 2>&1; then
  sudo_cmd=(sudo)
else
  echo "install-deps: need root or sudo to install: ${missing[*]}" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -q
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
