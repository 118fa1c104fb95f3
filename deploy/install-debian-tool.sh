#!/usr/bin/env bash
# Puts a tool from Debian's packages where the launcher and the benchmarks find it, without root: downloads the
# packages (apt-get download) and unpacks them under ~/.cache/gongyi/<name>. Nothing is installed system-wide.
# Usage: deploy/install-debian-tool.sh <name> <binary inside the packages> <package>…
#   e.g. deploy/install-debian-tool.sh wrk usr/bin/wrk wrk libluajit2-5.1-2
# Libraries the packages bring are under <dest>/usr/lib/x86_64-linux-gnu (run the binary with LD_LIBRARY_PATH).
set -euo pipefail
name=$1 binary=$2
shift 2
dest="${GONGYI_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/gongyi}/$name"
if [[ -x "$dest/$binary" ]]; then
  echo "$name already unpacked: $dest/$binary"
  exit 0
fi
command -v apt-get >/dev/null || { echo "no apt-get here: install $* with your package manager" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download "$@" >/dev/null 2>&1) || { apt-get update -qq >/dev/null 2>&1 || true; (cd "$work" && apt-get download "$@"); }
mkdir -p "$dest"
for deb in "$work"/*.deb; do
  dpkg-deb -x "$deb" "$dest"
done
echo "$name unpacked: $dest/$binary"
