#!/usr/bin/env bash
# Reunion fan-out against a running local platform (deploy/run-local.sh, reunion-service at least): seeds N devices
# spread over China (once; default 1,000,000), publishes a case in Zhengzhou lost minutes ago (100 km) and one lost
# five hours ago (500 km), and reports how long reunion-service took to select and record their recipients.
# Usage: deploy/bench-fanout.sh [devices]; writes deploy/target/bench/fanout.json.
set -euo pipefail
source "$(dirname "$0")/jdk.sh"
cd "$(dirname "$0")/.."
gongyi_tools -Xmx256m org.gongyi.deploy.bench.FanOut "${1:-1000000}"
