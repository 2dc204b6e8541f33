#!/usr/bin/env bash
# Smoke test of a built executable, offscreen, in a throwaway data dir: --version, index,
# search --json, a screenshot; the first index must be the copied seed index (onedir), and
# nothing may be written into the bundle.
set -euo pipefail
exe=${1:?usage: dist_test.sh PATH/TO/scoda-desktop}
bundle=$(cd "$(dirname "$exe")" && pwd)
data=$(mktemp -d)
out=$(mktemp -d)
trap 'rm -rf "$data" "$out"' EXIT
export QT_QPA_PLATFORM=offscreen
# The executable must not fall back to the user's own data, settings or a source checkout.
export HOME="$out/home" XDG_DATA_HOME="$out/home/data" XDG_CONFIG_HOME="$out/home/config"
mkdir -p "$HOME"
unset SCODA_DATA_DIR PYTHONPATH
touch "$out/stamp"
sleep 1

"$exe" --version | grep -q '^scoda-desktop '
"$exe" --data-dir "$data" index --json > "$out/index.json"
python3 - "$out/index.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["documents"] >= 5 and not r["skipped"], r
PY
if [ -d "$bundle/_internal/seed-index" ]; then  # onedir: the first start copied the seed index
  for seg in "$data"/index/*.seg; do
    [ -f "$bundle/_internal/seed-index/$(basename "$seg")" ] \
      || { echo "dist-test: $seg was not copied from the seed index" >&2; exit 1; }
  done
fi
"$exe" --data-dir "$data" search freight --json > "$out/search.json"
python3 - "$out/search.json" "$bundle" "$data" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["total"] >= 3 and r["hits"], r
# Hits name the seeds where they are on this machine (inside the bundle or the data dir),
# never where the build machine had them when it made the seed index.
bad = [h["path"] for h in r["hits"] if not h["path"].startswith(tuple(sys.argv[2:]))]
assert not bad, bad
PY
"$exe" --data-dir "$data" gui --screenshot "$out/shot.png" --query "freight train"
python3 - "$out/shot.png" <<'PY'
import struct, sys
head = open(sys.argv[1], "rb").read(24)
assert head[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
w, h = struct.unpack(">II", head[16:24])
assert w >= 1280 and h >= 800, (w, h)
PY
written=$(find "$bundle" -newer "$out/stamp" -print)
if [ -n "$written" ]; then
  echo "dist-test: the executable wrote into its bundle:" >&2
  echo "$written" >&2
  exit 1
fi
echo "dist-test: OK ($exe)"
