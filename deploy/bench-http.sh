#!/usr/bin/env bash
# HTTP reads through the gateway (issue #11, benchmark 4) against a running local platform with its gateway
# (deploy/run-local.sh): wrk on loopback for S seconds per read (default 10) with C connections (default 32) —
# the gateway answering alone (the raw limit), a project's progress, one's energy balance, alerts near a point.
# Needs wrk: deploy/install-wrk.sh unpacks Debian's package without root. Writes deploy/target/bench/http.json.
# The platform must run with the per-client rates raised (one client stands for many here) and the raw routes on:
#   GONGYI_GATEWAY_CALLER_RATE=1000000 GONGYI_GATEWAY_ADDRESS_RATE=1000000 GONGYI_BENCH_RAW_ROUTES=true \
#     SKIP_BUILD=1 deploy/run-local.sh &
# Usage: deploy/bench-http.sh [S] [C]
set -euo pipefail
source "$(dirname "$0")/jdk.sh"
cd "$(dirname "$0")/.."
gongyi_tools -Xmx256m org.gongyi.deploy.bench.HttpReads "${1:-10}" "${2:-32}"
