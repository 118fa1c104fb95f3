#!/usr/bin/env bash
# Puts Debian's nginx where the launcher finds it without root: downloads the package (apt-get download) and unpacks
# it under ~/.cache/gongyi/nginx. Nothing is installed system-wide and no nginx service is started.
# With root, `apt-get install nginx` works as well (the launcher finds /usr/sbin/nginx).
set -euo pipefail
dest="${GONGYI_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/gongyi}/nginx"
if [[ -x "$dest/usr/sbin/nginx" ]]; then
  echo "nginx already unpacked: $dest/usr/sbin/nginx"
  exit 0
fi
command -v apt-get >/dev/null || { echo "no apt-get here: install nginx with your package manager" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download nginx >/dev/null 2>&1) || { apt-get update -qq >/dev/null 2>&1 || true; (cd "$work" && apt-get download nginx); }
mkdir -p "$dest"
dpkg-deb -x "$work"/nginx_*.deb "$dest"
"$dest/usr/sbin/nginx" -v
echo "nginx unpacked: $dest/usr/sbin/nginx"
