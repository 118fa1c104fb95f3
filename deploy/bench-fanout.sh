#!/usr/bin/env bash
# Reunion fan-out against a running local platform (deploy/run-local.sh with GONGYI_BENCH_RAW_ROUTES=true,
# reunion-service at least): seeds N devices spread over China (once; default 1,000,000), publishes cases in Zhengzhou
# pushed at 100 km, at 500 km and widened from 100 to 200 km, and reports how long reunion-service took to read and
# record their recipients, next to the same read counted alone in PostgreSQL.
# Usage: deploy/bench-fanout.sh [devices]; writes deploy/target/bench/fanout.json.
set -euo pipefail
source "$(dirname "$0")/jdk.sh"
cd "$(dirname "$0")/.."
gongyi_tools -Xmx256m org.gongyi.deploy.bench.FanOut "${1:-1000000}"
