#!/usr/bin/env bash
# Re-drives dead letters (see docs/events.md, "Dead letters"):
#   deploy/redrive.sh export donation-service.dlq dlq.jsonl   # one JSON line per dead letter, with its reason
#   (fix the lines that need it)
#   deploy/redrive.sh send dlq.jsonl                          # back to their original topics
set -euo pipefail
source "$(dirname "$0")/jdk.sh"
gongyi_tools org.gongyi.deploy.Redrive "$@"
