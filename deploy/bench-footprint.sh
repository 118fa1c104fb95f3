#!/usr/bin/env bash
# Footprint of each service: start-up time and resident memory, each service started alone (first on an empty
# database, then again), with its own PostgreSQL and Kafka. Needs the packaged services (./mvnw install -DskipTests).
# Prints a table; writes deploy/target/bench/footprint.json. About two minutes.
set -euo pipefail
source "$(dirname "$0")/jdk.sh"
cd "$(dirname "$0")/.."
exec java -Xmx256m -cp "deploy/target/classes:deploy/target/lib/*" org.gongyi.deploy.bench.Footprint "$PWD"
