#!/usr/bin/env bash
# Runs the whole platform locally: embedded PostgreSQL + Kafka (or external ones, see README), four services.
# Ctrl-C stops everything. SKIP_BUILD=1 reuses the jars already built.
set -euo pipefail
source "$(dirname "$0")/jdk.sh"
cd "$(dirname "$0")/.."
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  ./mvnw -B -q install -DskipTests
fi
gongyi_launcher -Xmx512m org.gongyi.deploy.LocalPlatform "$PWD"
