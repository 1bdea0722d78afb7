#!/usr/bin/env bash
# Install everything the test suite needs from the project's own files, then run the whole suite:
# Python extras (pytest, hypothesis, spaCy, Streamlit, Playwright), Debian's Chromium for the
# real-browser tests, the file readers' Debian packages (poppler's pdftotext/pdftoppm, Tesseract
# with its Vietnamese model, antiword for Word 97 .doc), Java 17 + Maven, and Neo4j 5.26 Community
# for the Neo4j tests (fetched from Maven Central by tests/neo4j/launcher/pom.xml into ~/.m2; the
# tests start it once per session).
# Safe to re-run; CI calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

python3 -m pip install --quiet --disable-pip-version-check -e ".[test]"
APT=()
command -v chromium >/dev/null 2>&1 || APT+=(chromium)
command -v pdftotext >/dev/null 2>&1 || APT+=(poppler-utils)
command -v tesseract >/dev/null 2>&1 || APT+=(tesseract-ocr)
[ -f /usr/share/tesseract-ocr/5/tessdata/vie.traineddata ] || APT+=(tesseract-ocr-vie)
command -v antiword >/dev/null 2>&1 || APT+=(antiword)
fc-list 2>/dev/null | grep -q DejaVuSansMono || APT+=(fonts-dejavu-core)  # the tests print a page to scan
command -v javac >/dev/null 2>&1 || APT+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || APT+=(maven)
if [ ${#APT[@]} -gt 0 ]; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${APT[@]}" >/dev/null
fi
python3 -m tests.neo4j.server --prepare
exec python3 -m pytest -q "$@"
