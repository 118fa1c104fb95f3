#!/usr/bin/env bash
# The demo traffic generator (issue #12) against a running local platform with its gateway (deploy/run-local.sh):
# seeds charities, projects, two beneficiary programmes with their households and mothers, sellers' rules, planting
# projects, activities, a police agency and phones through the public APIs, then sends purchases, refunds, low-carbon
# actions, sign-ups (with the year's pledge), check-ins at the activities' places, leads (handled by the police), a
# missing-child case that widens and is found, families' reports (one published as a case, one declined), and friends
# taking each other's energy, watering and planting trees, at R events per second (default 50) for S seconds (default
# 120), and settles halfway and at the end so the payouts buy covers and grants; at the end it prints the platform's
# figures, its alerts' pages and what the searches and the friends' pages find. Watch it on the live report:
# http://127.0.0.1:8080/report/
# Usage: deploy/demo.sh [R] [S]
set -euo pipefail
source "$(dirname "$0")/jdk.sh"
cd "$(dirname "$0")/.."
gongyi_tools -Xmx256m org.gongyi.deploy.demo.Demo "${1:-50}" "${2:-120}"
