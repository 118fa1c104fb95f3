#!/usr/bin/env bash
# HTTP reads through the gateway (issue #11, benchmark 4) against a running local platform with its gateway
# (deploy/run-local.sh): wrk on loopback for S seconds per read (default 10) with C connections (default 32) —
# the gateway answering alone (the raw limit), a project's progress, one's energy balance, alerts near a point.
# Needs wrk: deploy/install-wrk.sh unpacks Debian's package without root. Writes deploy/target/bench/http.json.
# Usage: deploy/bench-http.sh [S] [C]
set -euo pipefail
source "$(dirname "$0")/jdk.sh"
cd "$(dirname "$0")/.."
gongyi_tools -Xmx256m org.gongyi.deploy.bench.HttpReads "${1:-10}" "${2:-32}"
