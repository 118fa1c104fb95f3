#!/usr/bin/env bash
# Audit replay speed (issue #11, benchmark 5) against a running local platform (deploy/run-local.sh): each service
# named (default donation; e.g. donation,forest,volunteer,reunion) replays all its input events and reconciles, one
# at a time; the same partition ranges are then read bare (the raw limit). Fill the topics first, e.g. with
# deploy/bench-donations.sh. Writes deploy/target/bench/replay.json. Usage: deploy/bench-replay.sh [services]
set -euo pipefail
source "$(dirname "$0")/jdk.sh"
cd "$(dirname "$0")/.."
gongyi_tools -Xmx512m org.gongyi.deploy.bench.Replays "${1:-donation}"
