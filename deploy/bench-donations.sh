#!/usr/bin/env bash
# Throughput of donation-service's purchase consumer against a running local platform (deploy/run-local.sh; for a
# clean figure run only this service: GONGYI_SERVICES=donation deploy/run-local.sh). For each run it sets up a
# verified organisation, a fresh project and a 0.3 % rule on bench-item, sends N purchase events, and reports how fast
# they were produced and how fast the donations became visible on the project. The first run (N/5 events) only warms
# up the JIT; the second is the figure. Usage: deploy/bench-donations.sh [events, default 20000]
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-20000}"
ADMIN=$(deploy/dev-token.sh bench-admin admin)
SELLER=$(deploy/dev-token.sh bench-seller seller)
curl -sf -XPUT localhost:8081/organisations/bench-org -H "authorization: Bearer $ADMIN" \
  -H 'content-type: application/json' -d '{"name":"Bench","verified":true}' > /dev/null
run() {
  local events=$1
  local P
  P=$(curl -sf -XPOST localhost:8081/projects -H "authorization: Bearer $ADMIN" -H 'content-type: application/json' \
    -d '{"name":"Bench","charityId":"bench-org","kind":"ONGOING"}' | sed 's/.*"id":"\([^"]*\)".*/\1/')
  curl -sf -XPUT localhost:8081/items/bench-item/charity-rule -H "authorization: Bearer $SELLER" \
    -H 'content-type: application/json' -d "{\"projectId\":\"$P\",\"type\":\"PERCENTAGE\",\"percent\":0.3}" > /dev/null
  java -Xmx256m -cp "deploy/target/classes:deploy/target/lib/*" org.gongyi.deploy.bench.PurchaseLoad "$events" \
    bench-item "http://localhost:8081/projects/$P"
  curl -s "localhost:8081/projects/$P"; echo
}
echo "warm-up: $((N / 5)) events"
run $((N / 5)) > /dev/null
echo "measured: $N events"
run "$N"
