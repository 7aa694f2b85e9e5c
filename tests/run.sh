#!/usr/bin/env bash
# Installs what a fresh machine lacks for the tests, then runs every test.
#   Python packages -> .venv (pip), Chromium and poppler-utils -> Debian's apt, Neo4j and
#   Gephi toolkit jars -> Maven cache.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'

# Browser tests drive Debian's Chromium (test tools' own browser downloads cannot work
# here); the printed report's tests read its PDF with poppler-utils (pdftotext, pdftoppm).
MISSING=""
[ -x /usr/bin/chromium ] || MISSING="$MISSING chromium"
command -v pdftotext >/dev/null || MISSING="$MISSING poppler-utils"
if [ -n "$MISSING" ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    # shellcheck disable=SC2086 # one word per package
    $SUDO apt-get install -y -qq $MISSING >/dev/null
fi

# Fetch the Neo4j and Graph Data Science jars once (cached under ~/.cache/tejido); the tests
# start that server.
.venv/bin/tejido server fetch --gds

# Fetch Gephi's toolkit jar once into the same cache (tests/gephi/pom.xml); tests/test_gephi.py
# imports the GraphML and GEXF exports with it.
.venv/bin/python tests/gephi/toolkit.py

.venv/bin/ruff check .
.venv/bin/python -m pytest -q "$@"
