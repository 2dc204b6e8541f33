#!/usr/bin/env bash
# Make sure the system libraries Qt's PyPI wheels load are present (Debian/Ubuntu names).
# Installs them with apt-get when we are root (or have password-less sudo); otherwise prints
# the one command to run. `--gui` adds what a real X11 window needs (xcb platform plugin).
# `--build` (make dist) wants the same libraries, because PyInstaller bundles the ones the
# xcb plugin links to, plus binutils (`strip`, see build.spec); without them it fails.
# `--bench` (make bench) adds Recoll's command-line tools (recollindex, recollq: package
# recollcmd), the engine the benchmark compares with; a benchmark without them skips Recoll.
set -u
mode=${1:-}
libs=(libGL.so.1:libgl1 libEGL.so.1:libegl1 libxkbcommon.so.0:libxkbcommon0
      libfontconfig.so.1:libfontconfig1 libglib-2.0.so.0:libglib2.0-0 libdbus-1.so.3:libdbus-1-3)
if [ "$mode" = "--gui" ] || [ "$mode" = "--build" ]; then
  libs+=(libxcb-cursor.so.0:libxcb-cursor0 libxkbcommon-x11.so.0:libxkbcommon-x11-0
         libxcb-icccm.so.4:libxcb-icccm4 libxcb-keysyms.so.1:libxcb-keysyms1
         libxcb-image.so.0:libxcb-image0 libxcb-render-util.so.0:libxcb-render-util0
         libxcb-shape.so.0:libxcb-shape0 libxcb-randr.so.0:libxcb-randr0
         libxcb-xinerama.so.0:libxcb-xinerama0 libxcb-xkb.so.1:libxcb-xkb1)
fi
missing=()
for pair in "${libs[@]}"; do
  lib=${pair%%:*} pkg=${pair##*:}
  ldconfig -p 2>/dev/null | grep -q "$lib" || missing+=("$pkg")
done
if [ "$mode" = "--bench" ]; then
  command -v recollindex >/dev/null 2>&1 || missing+=(recollcmd)
fi
if [ "$mode" = "--build" ]; then
  command -v strip >/dev/null 2>&1 || missing+=(binutils)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
fail() {  # a build without these libraries would ship a window that cannot open on X11
  echo "$1" >&2
  if [ "$mode" = "--build" ]; then exit 1; fi
  exit 0
}
if ! command -v apt-get >/dev/null 2>&1; then
  fail "note: Qt may need these system libraries: ${missing[*]}"
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if sudo -n true 2>/dev/null; then SUDO="sudo"; else
    fail "missing system packages; please run: sudo apt-get install -y ${missing[*]}"
  fi
fi
echo "installing system packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
  || fail "could not install: ${missing[*]}"
