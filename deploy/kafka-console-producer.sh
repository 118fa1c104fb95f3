#!/usr/bin/env bash
# Kafka's own console producer (org.apache.kafka.tools.ConsoleProducer), set up for CloudEvents in binary mode:
# type one line per event:  <headers> TAB <key> TAB <json>
#   headers as name:value pairs separated by commas, e.g.
#   ce_specversion:1.0,ce_id:<uuid>,ce_source:console,ce_type:commerce.purchase-completed<TAB>order-1<TAB>{...}
# Usage: deploy/kafka-console-producer.sh --topic commerce.orders   (needs a build: ./mvnw install -DskipTests)
set -euo pipefail
source "$(dirname "$0")/jdk.sh"
cd "$(dirname "$0")/.."
gongyi_tools -Xmx256m org.apache.kafka.tools.ConsoleProducer \
  --bootstrap-server "${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}" \
  --property parse.headers=true --property headers.delimiter=$'\t' \
  --property headers.separator=, --property headers.key.separator=: \
  --property parse.key=true --property key.separator=$'\t' \
  --producer-property acks=all "$@"
