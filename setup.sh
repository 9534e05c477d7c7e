#!/usr/bin/env bash
# Install everything Parallax and its tests need, then build the demo site from seeds/ into site/.
# Safe to run again: it only installs what is missing. Needs Python 3.11+ and network access to the
# package registries (PyPI, and Debian for the chromium package the browser tests drive).
set -euo pipefail
cd "$(dirname "$0")"

python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq >/dev/null && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: Debian's chromium package is missing; the browser tests need it (apt-get install chromium)" >&2
  fi
fi

.venv/bin/python -m generator build --seeds seeds --site-dir site --anchors-lock anchors.lock.json
