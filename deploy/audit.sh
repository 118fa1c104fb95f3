#!/usr/bin/env bash
# The platform-wide audit: every service replays its input events into its shadow schema and reconciles its
# projections; prints progress, each service's report and one summary. Exit status 0 when all are consistent.
# Usage (with deploy/run-local.sh running): deploy/audit.sh [fromTime, e.g. 2026-11-29T00:00:00Z]
set -euo pipefail
source "$(dirname "$0")/jdk.sh"
cd "$(dirname "$0")/.."
gongyi_tools org.gongyi.deploy.Audit "$@"
