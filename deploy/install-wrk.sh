#!/usr/bin/env bash
# Puts Debian's wrk (the HTTP load generator of deploy/bench-http.sh) and its LuaJIT library under
# ~/.cache/gongyi/wrk without root (see install-debian-tool.sh). With root, `apt-get install wrk` works as well.
set -euo pipefail
"$(dirname "$0")/install-debian-tool.sh" wrk usr/bin/wrk wrk libluajit2-5.1-2
