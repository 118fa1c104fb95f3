#!/usr/bin/env bash
# Purchases → donation ledger (issue #11, benchmark 1) against a running local platform (deploy/run-local.sh; for a
# clean figure only this service: GONGYI_SERVICES=donation deploy/run-local.sh). A warm-up of N purchases, then N
# through donation-service (rate from the first sent to the last donation committed), the same N through a bare Kafka
# consumer doing the same inserts (the raw limit), the same N through a bare consumer inserting only the donation rows
# into a copy of the table with only its keys (the physical limit; the 25 % target is against it), then a latency run
# at half the service's rate for S seconds (sent → donation row committed, p50/p99), or at R/s.
# Usage: deploy/bench-donations.sh [N, default 100000] [S, default 20] [R]
# Writes deploy/target/bench/donations.json.
set -euo pipefail
source "$(dirname "$0")/jdk.sh"
cd "$(dirname "$0")/.."
gongyi_tools -Xmx512m org.gongyi.deploy.bench.Purchases "${1:-100000}" "${2:-20}" "${3:-0}"
