#!/usr/bin/env bash
# Smoke test of a built executable: version, index, search --json and a screenshot, offscreen.
set -euo pipefail
exe=${1:?usage: dist_test.sh PATH/TO/scoda-desktop}
data=$(mktemp -d)
out=$(mktemp -d)
trap 'rm -rf "$data" "$out"' EXIT
export QT_QPA_PLATFORM=offscreen

"$exe" --version | grep -q '^scoda-desktop '
"$exe" --data-dir "$data" index --json > "$out/index.json"
python3 - "$out/index.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["documents"] >= 5, r
PY
"$exe" --data-dir "$data" search freight --json > "$out/search.json"
python3 - "$out/search.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["total"] >= 3 and r["hits"], r
PY
"$exe" --data-dir "$data" gui --screenshot "$out/shot.png" --query "freight train"
python3 - "$out/shot.png" <<'PY'
import struct, sys
head = open(sys.argv[1], "rb").read(24)
assert head[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
w, h = struct.unpack(">II", head[16:24])
assert w >= 1280 and h >= 800, (w, h)
PY
echo "dist-test: OK ($exe)"
