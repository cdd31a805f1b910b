#!/usr/bin/env bash
# Installs what ScalingHarness needs beyond Swift: GNU GSL (numerics), pkg-config (to find it),
# gnuplot (plots), SQLite headers (the mock server's --state) and Python's requests (the
# handout-compatibility tests) and Chromium (the 2026 dashboard test, headless). Idempotent: installs only
# what is missing.
set -euo pipefail

debs=(libgsl-dev pkg-config gnuplot-nox libsqlite3-dev python3 chromium)
missing=()
for p in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then SUDO=""
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo"
  else
    echo "setup: missing Debian packages: ${missing[*]}" >&2
    echo "setup: install them with:  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! python3 -c 'import requests' 2>/dev/null; then
  echo "setup: installing Python requests (for the handout-compatibility tests)" >&2
  python3 -m pip install -q requests || echo "setup: could not install requests; the Python wire tests will be skipped" >&2
fi
echo "setup: ready" >&2
