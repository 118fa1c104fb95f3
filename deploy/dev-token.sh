#!/usr/bin/env bash
# Prints a bearer token from the local run's dev issuer (key pair in .gongyi/dev-issuer, made by deploy/run-local.sh).
# Usage: deploy/dev-token.sh seller-1 seller        deploy/dev-token.sh ngo-admin charity org=charity-1
set -euo pipefail
source "$(dirname "$0")/jdk.sh"
cd "$(dirname "$0")/.."
gongyi_tools org.gongyi.deploy.DevToken "$@"
