#!/usr/bin/env bash
# Low-carbon actions → energy (issue #11, benchmark 2) against a running local platform (deploy/run-local.sh; for a
# clean figure only this service: GONGYI_SERVICES=forest deploy/run-local.sh). Metro rides, six per user a day (five
# credited, one capped): a warm-up of N, then N through forest-service (rate from the first sent to the last action
# committed), the same N through a bare Kafka consumer judging and writing set-based (the raw limit), the same N through
# a bare consumer judging the same way and inserting only the action rows into a copy of the table with only its keys
# (the physical limit; the 25 % target is against it), then a latency run at half the service's rate for S seconds,
# or at R/s. Writes deploy/target/bench/energy.json.
# Usage: deploy/bench-energy.sh [N, default 100000] [S, default 20] [R]
set -euo pipefail
source "$(dirname "$0")/jdk.sh"
cd "$(dirname "$0")/.."
gongyi_tools -Xmx512m org.gongyi.deploy.bench.Actions "${1:-100000}" "${2:-20}" "${3:-0}"
