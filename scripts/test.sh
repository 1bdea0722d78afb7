#!/usr/bin/env bash
# Install everything the test suite needs from the project's own files, then run the whole suite:
# Python extras (pytest, hypothesis, spaCy, Streamlit, Playwright, the ArcadeDB Bolt test server)
# and Debian's Chromium for the real-browser tests.  Safe to re-run; CI calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

python3 -m pip install --quiet --disable-pip-version-check -e ".[test]"
if ! command -v chromium >/dev/null 2>&1; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
exec python3 -m pytest -q "$@"
