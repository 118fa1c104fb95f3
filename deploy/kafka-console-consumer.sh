#!/usr/bin/env bash
# Kafka's own console consumer, printing headers and keys. Usage: deploy/kafka-console-consumer.sh --topic donation.donations
set -euo pipefail
source "$(dirname "$0")/jdk.sh"
cd "$(dirname "$0")/.."
gongyi_tools -Xmx256m org.apache.kafka.tools.consumer.ConsoleConsumer \
  --bootstrap-server "${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}" \
  --from-beginning --property print.headers=true --property print.key=true "$@"
