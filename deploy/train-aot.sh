#!/usr/bin/env bash
# Trains each service's AOT cache (<module>/target/quarkus-app/app.aot) on real work: a scratch platform of its own
# runs the services recording while the demo's traffic and the hot reads go to them (about a minute and a half).
# The build does this after packaging (skip with -Dgongyi.aot.skip); caches this JDK can use for these jars are kept
# unless --force. Needs the packaged services (./mvnw install -DskipTests).
set -euo pipefail
source "$(dirname "$0")/jdk.sh"
cd "$(dirname "$0")/.."
exec java -Xmx512m -cp "deploy/target/classes:deploy/target/lib/*" org.gongyi.deploy.aot.AotTraining "$PWD" "$@"
