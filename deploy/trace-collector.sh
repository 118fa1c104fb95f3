#!/usr/bin/env bash
# A trace collector for the local run: receives the services' spans (OTLP/HTTP, port P, default 4318) and shows
# them as trees, so one purchase can be followed through the platform without a tracing backend.
#   deploy/trace-collector.sh &
#   GONGYI_OTLP_ENDPOINT=http://127.0.0.1:4318 GONGYI_OTLP_PROTOCOL=http/protobuf deploy/run-local.sh
#   curl 'http://127.0.0.1:4318/traces/<trace id>?format=text'
# Usage: deploy/trace-collector.sh [P]
set -euo pipefail
source "$(dirname "$0")/jdk.sh"
cd "$(dirname "$0")/.."
gongyi_tools -Xmx256m org.gongyi.deploy.TraceCollector "${1:-4318}"
