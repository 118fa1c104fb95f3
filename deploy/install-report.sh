#!/usr/bin/env bash
# Installs the live report's packages from the npm registry by their lock file: Chart.js for the page, and
# playwright-core for its browser test (it drives Debian's Chromium; no browser is downloaded). The launcher runs
# this itself when Chart.js is missing.
set -euo pipefail
cd "$(dirname "$0")/report"
npm ci --no-audit --no-fund
