#!/usr/bin/env bash
# Puts Debian's nginx where the launcher finds it without root (~/.cache/gongyi/nginx; see install-debian-tool.sh).
# No nginx service is started. With root, `apt-get install nginx` works as well (the launcher finds /usr/sbin/nginx).
set -euo pipefail
"$(dirname "$0")/install-debian-tool.sh" nginx usr/sbin/nginx nginx
