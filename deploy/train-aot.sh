#!/usr/bin/env bash
# Trains the AOT caches on real work: each service's (<module>/target/quarkus-app/app.aot) and the launcher's
# (deploy/target/launcher.aot). A scratch platform of its own runs the services recording while the demo's traffic and the
# hot reads go to them, and the tools' JVM that drives it records too (about two minutes and a half). The build does
# this after packaging (skip with -Dgongyi.aot.skip); caches this JDK can use for these jars are kept unless --force.
# Needs the packaged services and tools (./mvnw install -DskipTests).
set -euo pipefail
source "$(dirname "$0")/jdk.sh"
cd "$(dirname "$0")/.."
main=org.gongyi.deploy.aot.AotTraining
rc=0
java -Xmx512m -cp "$GONGYI_TOOLS_CP" "$main" "$PWD" --check "$@" || rc=$?
if (( rc != 10 )); then
  exit "$rc"     # 0: up to date
fi
rm -f deploy/target/launcher.aot
# (the JVM that assembles the launcher's cache repeats its whole class path: not worth a line)
java -Xmx512m -XX:AOTCacheOutput=deploy/target/launcher.aot -Xlog:aot=error -cp "$GONGYI_TOOLS_CP" "$main" "$PWD" --train \
  2>&1 | { grep -v '^Picked up JAVA_TOOL_OPTIONS' || true; }
java -Xmx512m -cp "$GONGYI_TOOLS_CP" "$main" "$PWD" --check
