#!/usr/bin/env bash
# Footprint of each service without and with its AOT cache, in one run: each service started alone ("started in",
# first on an empty database, then again) with its RSS after the start and after ~2,000 mixed requests and events;
# then the whole platform's "Platform ready" (with the gateway when nginx is there). Its own PostgreSQL and Kafka;
# needs the packaged services and their caches (./mvnw install -DskipTests). `deploy/bench-footprint.sh on` (or off)
# measures one mode. Prints two tables; writes deploy/target/bench/footprint.json. About five minutes.
set -euo pipefail
source "$(dirname "$0")/jdk.sh"
cd "$(dirname "$0")/.."
gongyi_launcher -Xmx256m org.gongyi.deploy.bench.Footprint "$PWD" "$@"
