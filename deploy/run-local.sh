#!/usr/bin/env bash
# Runs the whole platform locally: embedded PostgreSQL + Kafka (or external ones, see docs/external-infra.md), four services.
# Ctrl-C stops everything. SKIP_BUILD=1 reuses the jars (and AOT caches) already built. The build trains the services'
# AOT caches when it repackaged them (about two and a half minutes); GONGYI_AOT=off builds and starts without them,
# the quicker loop while changing code.
set -euo pipefail
source "$(dirname "$0")/jdk.sh"
cd "$(dirname "$0")/.."
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  if [[ "${GONGYI_AOT:-on}" == off ]]; then
    ./mvnw -B -q install -DskipTests -Dgongyi.aot.skip
  else
    ./mvnw -B -q install -DskipTests
  fi
fi
gongyi_launcher -Xmx512m org.gongyi.deploy.LocalPlatform "$PWD"
