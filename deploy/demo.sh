#!/usr/bin/env bash
# The demo traffic generator (issue #12) against a running local platform with its gateway (deploy/run-local.sh):
# seeds charities, projects, two beneficiary programmes with their households and mothers, sellers' rules, planting
# projects, activities, a police agency and phones through the public APIs, then sends purchases, refunds, low-carbon
# actions, sign-ups (with the year's pledge), check-ins, leads, a missing-child case that widens and is found, and friends planting trees, at
# R events per second (default 50) for S seconds (default 120), and settles halfway and at the end so the payouts buy
# covers and grants. Watch it on the live report: http://127.0.0.1:8080/report/
# Usage: deploy/demo.sh [R] [S]
set -euo pipefail
source "$(dirname "$0")/jdk.sh"
cd "$(dirname "$0")/.."
gongyi_tools -Xmx256m org.gongyi.deploy.demo.Demo "${1:-50}" "${2:-120}"
