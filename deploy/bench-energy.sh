#!/usr/bin/env bash
# Low-carbon actions into forest-service against a running local platform (deploy/run-local.sh): sends N metro rides
# (six per user on one day: five credited, one capped) and reports how fast they were produced and consumed
# (consumer group offsets as the finish line). Usage: deploy/bench-energy.sh [events, default 20000]
set -euo pipefail
cd "$(dirname "$0")/.."
exec java -Xmx256m -cp "deploy/target/classes:deploy/target/lib/*" org.gongyi.deploy.bench.ActionLoad "${1:-20000}"
